// Who is late (assessment.reminders): every expected sheet not sent by the day after its source's
// deadline, most days late first, with the rater to remind; and employees with fewer peers chosen than the
// rules require. Admins see the cycle, assessors the sheets on their reports.
import { Alert, Anchor, Badge, Button, Group, List, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { raterSourceTitle } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { employeeLabel } from "../../components/EmployeePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

type Late = RouterOutputs["assessment"]["reminders"]["late"][number];
const SHOWN = 50;

function matches(sheet: Late, text: string): boolean {
  const haystack = `${sheet.rater?.nama ?? ""} ${sheet.rater?.nip ?? ""} ${sheet.ratee.nama} ${sheet.ratee.nip}`.toLowerCase();
  return haystack.includes(text.trim().toLowerCase());
}

export function RemindersPanel(props: { cycleId: string; onChoosePeers?(employee: { id: string; label: string }): void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const reminders = useQuery(trpc.assessment.reminders.queryOptions({ regionId, cycleId: props.cycleId }));
  const [filter, setFilter] = useState("");
  const [all, setAll] = useState(false);

  if (reminders.isPending) return <Loading rows={4} label={t("conduct.loadingLate")} />;
  if (reminders.error) return <ErrorState error={reminders.error} onRetry={() => void reminders.refetch()} />;
  const { asOf, late, missingPeers } = reminders.data;
  const found = late.filter((s) => matches(s, filter));
  const shown = all ? found : found.slice(0, SHOWN);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={3} size="h5">{t("conduct.late")}</Title>
          <Text size="sm" c="dimmed" data-testid="late-count">
            {t("conduct.lateCount", { count: late.length, formatted: formatCount(late.length, lang), date: asOf })}
          </Text>
        </div>
        {late.length > 0 && (
          <TextInput type="search" aria-label={t("conduct.lateFilter")} placeholder={t("conduct.lateFilter")} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} />
        )}
      </Group>
      {missingPeers.length > 0 && (
        <Alert color="yellow" title={t("conduct.missingPeers", { count: missingPeers.length })}>
          <List size="sm" spacing={2}>
            {missingPeers.slice(0, 10).map((p) => (
              <List.Item key={p.employeeId}>
                {props.onChoosePeers ? (
                  <Anchor component="button" type="button" size="sm" onClick={() => props.onChoosePeers?.({ id: p.employeeId, label: employeeLabel(p) })}>
                    {p.nama}
                  </Anchor>
                ) : (
                  p.nama
                )}{" "}
                <Text span size="xs" c="dimmed">
                  {t("conduct.peersAssigned", { assigned: p.assigned, min: p.min })}
                </Text>
              </List.Item>
            ))}
          </List>
          {missingPeers.length > 10 && <Text size="xs" mt={4}>{t("conduct.andMore", { count: missingPeers.length - 10 })}</Text>}
        </Alert>
      )}
      {late.length === 0 ? (
        <EmptyState title={t("conduct.noneLate")}>{t("conduct.noneLateHelp")}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped data-testid="late-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("conduct.rater")}</Table.Th>
                  <Table.Th>{t("conduct.ratee")}</Table.Th>
                  <Table.Th>{t("conduct.source")}</Table.Th>
                  <Table.Th>{t("conduct.dueDate")}</Table.Th>
                  <Table.Th ta="right">{t("conduct.daysLate")}</Table.Th>
                  <Table.Th>{t("conduct.sheet")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((s) => (
                  <Table.Tr key={`${s.ratee.employeeId}:${s.source}:${s.rater?.nip ?? "-"}`}>
                    <Table.Td>
                      {s.rater ? (
                        <>
                          <Text size="sm">{s.rater.nama}</Text>
                          <Text size="xs" c="dimmed" className="mono">{s.rater.nip}</Text>
                        </>
                      ) : (
                        <Text size="sm" c="dimmed">{s.raterNote}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.ratee.nama}</Text>
                      <Text size="xs" c="dimmed" className="mono">{s.ratee.nip}</Text>
                    </Table.Td>
                    <Table.Td>{raterSourceTitle(s.source, lang)}</Table.Td>
                    <Table.Td className="tabular">{s.dueDate}</Table.Td>
                    <Table.Td ta="right">
                      <Badge color="red" variant="light" tt="none" className="tabular">{t("conduct.days", { count: s.daysLate, formatted: formatCount(s.daysLate, lang) })}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.state === "draft" ? "blue" : "gray"} variant="light">{t(`assess.state.${s.state}`)}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {found.length > shown.length && (
            <Group justify="center">
              <Button variant="default" size="xs" onClick={() => setAll(true)}>
                {t("conduct.showAll", { count: found.length })}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
