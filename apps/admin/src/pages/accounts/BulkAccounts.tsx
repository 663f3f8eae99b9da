// Accounts in bulk from the employee register (account.bulkPreview, bulkStart, bulkStatus): the admin picks a
// unit (with the units below it) or the whole region, sees how many employees have no account yet, starts the
// job and follows its progress; once it is done, downloads the letters (PDF) and the CSV of activation codes,
// which the server holds in clear only for a short while, and may have it forget them at once.
import { Alert, Button, Group, Modal, NumberInput, Progress, SegmentedControl, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { activationCodesCsv, activationLetters } from "../../lib/downloads";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type UnitNode = RouterOutputs["unit"]["tree"][number];
type Status = NonNullable<RouterOutputs["account"]["bulkStatus"]>;

/** The tree in display order, each unit indented by its depth. */
function unitChoices(nodes: UnitNode[], depth = 0): Array<{ value: string; label: string }> {
  return nodes.flatMap((n) => [{ value: n.id, label: `${"\u2003".repeat(depth)}${n.name}` }, ...unitChoices(n.children, depth + 1)]);
}

const live = (status: Status | null | undefined) => status?.status === "queued" || status?.status === "running";

function JobProgress(props: { status: Status }) {
  const { t } = useTranslation();
  const { status } = props;
  const regionId = useRegionId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const discard = useMutation(trpc.account.discardHandouts.mutationOptions());
  const percent = status.total === 0 ? 100 : Math.round((status.done / status.total) * 100);
  return (
    <Stack gap="xs" data-testid="bulk-job">
      <Text fw={600}>{t(`accounts.bulk.status.${status.status}`)}</Text>
      <Progress value={percent} size="lg" animated={live(status)} aria-label={t("accounts.bulk.progress")} />
      <Text size="sm" data-testid="bulk-progress">
        {t("accounts.bulk.done", { done: status.done, total: status.total, created: status.created })}
        {status.skipped > 0 && ` ${t("accounts.bulk.skipped", { count: status.skipped })}`}
        {status.invited > 0 && ` ${t("accounts.bulk.invited", { count: status.invited })}`}
      </Text>
      {status.error && (
        <Alert color="red" title={t("accounts.bulk.failed")}>
          {status.error}
        </Alert>
      )}
      {status.handoutsAvailable && (
        <Stack gap="xs">
          <Text size="sm">{t("accounts.bulk.handoutsUntil", { until: new Date(status.handoutsUntil as string).toLocaleString() })}</Text>
          <Group grow preventGrowOverflow={false} wrap="wrap">
            <Button component="a" href={activationLetters(status.jobId, regionId)} download variant="light">
              {t("accounts.bulk.pdf")}
            </Button>
            <Button component="a" href={activationCodesCsv(status.jobId, regionId)} download variant="light">
              {t("accounts.bulk.csv")}
            </Button>
          </Group>
          <Button
            variant="subtle"
            color="red"
            loading={discard.isPending}
            onClick={async () => {
              try {
                await discard.mutateAsync({ regionId, jobId: status.jobId });
                await queryClient.invalidateQueries({ queryKey: trpc.account.bulkStatus.queryKey() });
              } catch (error) {
                notifications.show({ color: "red", title: t("accounts.bulk.notDiscarded"), message: errorMessage(error, t) });
              }
            }}
          >
            {t("accounts.bulk.discard")}
          </Button>
        </Stack>
      )}
      {!live(status) && !status.handoutsAvailable && status.created > 0 && <Text size="sm" c="dimmed">{t("accounts.bulk.handoutsGone")}</Text>}
    </Stack>
  );
}

export function BulkAccounts() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [where, setWhere] = useState<"unit" | "region">("unit");
  const [unitId, setUnitId] = useState<string | null>(null);
  const [validDays, setValidDays] = useState<number | string>(14);
  const units = useQuery(trpc.unit.tree.queryOptions({ regionId }));
  const chosen = where === "region" ? null : unitId;
  const ready = where === "region" || unitId !== null;
  const preview = useQuery({ ...trpc.account.bulkPreview.queryOptions({ regionId, unitId: chosen }), enabled: ready });
  const status = useQuery({
    ...trpc.account.bulkStatus.queryOptions({ regionId }),
    refetchInterval: (query) => (live(query.state.data) ? 1000 : false),
  });
  const start = useMutation(trpc.account.bulkStart.mutationOptions());
  const running = live(status.data);
  const finished = status.data?.status;

  // Once a job ends, the counts and the accounts list are stale.
  useEffect(() => {
    if (finished === "succeeded" || finished === "failed") {
      void queryClient.invalidateQueries({ queryKey: trpc.account.bulkPreview.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.account.list.queryKey() });
    }
  }, [finished, queryClient, trpc]);

  const days = typeof validDays === "number" ? validDays : Number(validDays);
  const daysValid = Number.isInteger(days) && days >= 1 && days <= 90;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("accounts.bulk.intro")}
      </Text>
      <SegmentedControl
        fullWidth
        aria-label={t("accounts.bulk.where")}
        value={where}
        onChange={(v) => setWhere(v as "unit" | "region")}
        data={[
          { value: "unit", label: t("accounts.bulk.oneUnit") },
          { value: "region", label: t("accounts.bulk.wholeRegion") },
        ]}
      />
      {where === "unit" && (
        <Select
          label={t("accounts.bulk.unit")}
          description={t("accounts.bulk.unitHelp")}
          searchable
          data={unitChoices(units.data ?? [])}
          value={unitId}
          onChange={setUnitId}
          nothingFoundMessage={t("results.noMatch")}
          data-testid="bulk-unit"
        />
      )}
      {ready && preview.data && (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs" data-testid="bulk-preview">
          <Text size="sm">{t("accounts.bulk.employees", { count: preview.data.employees })}</Text>
          <Text size="sm" fw={600}>
            {t("accounts.bulk.without", { count: preview.data.withoutAccount })}
          </Text>
          <Text size="sm">{t("accounts.bulk.assessors", { count: preview.data.assessors })}</Text>
        </SimpleGrid>
      )}
      {preview.error && <Alert color="red">{errorMessage(preview.error, t)}</Alert>}
      <NumberInput
        label={t("accounts.bulk.validDays")}
        description={t("accounts.bulk.validDaysHelp")}
        min={1}
        max={90}
        value={validDays}
        onChange={setValidDays}
        error={daysValid ? undefined : t("accounts.bulk.validDaysRange")}
        w={{ base: "100%", xs: 240 }}
      />
      <Group justify="flex-end">
        <Button
          disabled={!ready || !daysValid || running || (preview.data?.withoutAccount ?? 0) === 0}
          loading={start.isPending}
          onClick={async () => {
            try {
              await start.mutateAsync({ regionId, unitId: chosen, validDays: days });
              await queryClient.invalidateQueries({ queryKey: trpc.account.bulkStatus.queryKey() });
            } catch (error) {
              notifications.show({ color: "red", title: t("accounts.bulk.notStarted"), message: errorMessage(error, t), autoClose: false });
            }
          }}
        >
          {t("accounts.bulk.start", { count: preview.data?.withoutAccount ?? 0 })}
        </Button>
      </Group>
      {status.data && <JobProgress status={status.data} />}
    </Stack>
  );
}

/** The bulk job in its dialog, as the accounts page opens it. */
export function BulkAccountsDialog(props: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={props.onClose} title={t("accounts.bulk.open")} size="lg">
      <BulkAccounts />
    </Modal>
  );
}
