// A cycle's deadlines, one per rater source the rules use (assessment.deadlines): the admin sets them
// while the cycle is a draft or open; assessors read them. Sheets not sent by the day after are late.
// Under each source, how many of its sheets have been sent (cycle.progress).
import { Button, Group, Progress, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { raterSourceTitle, type RaterSource } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

function DeadlineRow(props: { cycleId: string; source: RaterSource; dueDate: string | null; editable: boolean; sheets?: { expected: number; submitted: number } }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [date, setDate] = useState<string | null>(null);
  const value = date ?? props.dueDate ?? "";
  const save = useMutation(trpc.assessment.setDeadline.mutationOptions());
  const name = raterSourceTitle(props.source, currentLanguage());
  const saveButton = (
    <Button
      size="xs"
      variant="light"
      disabled={!value || value === props.dueDate}
      loading={save.isPending}
      aria-label={t("conduct.saveDeadlineFor", { source: name })}
      onClick={async () => {
        try {
          await save.mutateAsync({ regionId, cycleId: props.cycleId, source: props.source, dueDate: value });
          setDate(null);
          await queryClient.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
          await queryClient.invalidateQueries({ queryKey: trpc.cycle.progress.pathKey() });
          notifications.show({ color: "teal", message: t("conduct.deadlineSaved", { source: name, date: value }) });
        } catch (error) {
          notifyError({ message: errorMessage(error, t) });
        }
      }}
    >
      {t("common.save")}
    </Button>
  );
  // Two columns, so the row fits the narrow card beside the peers (and a phone): the sheets sent stand
  // under the source's name, the save button beside the date and below it when there is no room.
  return (
    <Table.Tr>
      <Table.Td w={130}>
        <Text size="sm">{name}</Text>
        {props.sheets && (
          <Stack gap={2} mt={4}>
            <Text size="xs" c="dimmed" className="tabular">
              {t("conduct.sent", { submitted: props.sheets.submitted, expected: props.sheets.expected })}
            </Text>
            <Progress
              size="sm"
              value={props.sheets.expected === 0 ? 0 : (props.sheets.submitted / props.sheets.expected) * 100}
              aria-label={t("conduct.sentOf", { source: name })}
            />
          </Stack>
        )}
      </Table.Td>
      <Table.Td>
        {props.editable ? (
          <Group gap="xs">
            <TextInput type="date" aria-label={t("conduct.deadlineFor", { source: name })} value={value} onChange={(e) => setDate(e.currentTarget.value)} w={165} />
            {saveButton}
          </Group>
        ) : (
          <Text size="sm">{props.dueDate ?? t("conduct.noDeadline")}</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function DeadlinesPanel(props: { cycleId: string; sources: RaterSource[]; editable: boolean; /** Why the deadlines cannot be changed here. */ note?: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const deadlines = useQuery(trpc.assessment.deadlines.queryOptions({ regionId, cycleId: props.cycleId }));
  const progress = useQuery(trpc.cycle.progress.queryOptions({ regionId, cycleId: props.cycleId }));
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">{t("conduct.deadlines")}</Title>
      <Text size="sm" c="dimmed">{t("conduct.deadlinesHelp")}</Text>
      {deadlines.isPending && <Loading rows={3} />}
      {deadlines.error && <ErrorState error={deadlines.error} onRetry={() => void deadlines.refetch()} />}
      {deadlines.data && (
        <Table data-testid="deadlines-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("conduct.source")}</Table.Th>
              <Table.Th>{t("conduct.dueDate")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.sources.map((source) => (
              <DeadlineRow
                key={source}
                cycleId={props.cycleId}
                source={source}
                dueDate={deadlines.data.find((d) => d.source === source)?.dueDate ?? null}
                editable={props.editable}
                sheets={progress.data?.sheets[source]}
              />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {props.note && <Text size="xs" c="dimmed">{props.note}</Text>}
      {progress.data && progress.data.left > 0 && (
        <Text size="xs" c="dimmed" data-testid="cycle-left-note">
          {t("left.inCycle", { count: progress.data.left })}
        </Text>
      )}
    </Stack>
  );
}
