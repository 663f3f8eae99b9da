// An employee's own attendance days of a month as the machine recorded them: the evidence behind the days
// absent without leave that the discipline score and the PP 94/2021 sanctions read.
import "./strings";
import { Alert, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/States";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

const COLORS: Record<string, string> = { hadir: "green.8", cuti: "blue.8", alpa: "red.8" };

function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

export default function MyAttendancePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const [period, setPeriod] = useState(lastMonth);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(period);
  const detail = useQuery({ ...trpc.connector.attendance.queryOptions({ regionId, period }), enabled: valid });
  return (
    <Stack maw={760}>
      <Title order={2}>{t("integrations.mine.title")}</Title>
      <Text size="sm">{t("integrations.mine.intro")}</Text>
      <TextInput type="month" label={t("integrations.mine.period")} value={period} onChange={(e) => setPeriod(e.currentTarget.value)} w={200} />
      {!valid ? null : detail.isPending ? (
        <Loading rows={4} />
      ) : detail.error ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data.days.length === 0 ? (
        <Alert color="gray">{t("integrations.mine.empty")}</Alert>
      ) : (
        <>
          <Alert color={detail.data.counts.alpa > 0 ? "orange" : "green"} data-testid="attendance-counts">
            {t("integrations.mine.counts", detail.data.counts)}
            <br />
            {t("integrations.mine.longest", { count: detail.data.counts.longestRun })}
          </Alert>
          <Table.ScrollContainer minWidth={340}>
            <Table striped withTableBorder fz="sm" data-testid="attendance-days">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("integrations.mine.day")}</Table.Th>
                  <Table.Th>{t("integrations.mine.status")}</Table.Th>
                  <Table.Th>{t("integrations.mine.in")}</Table.Th>
                  <Table.Th>{t("integrations.mine.out")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {detail.data.days.map((d) => (
                  <Table.Tr key={d.day}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{d.day}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600} c={COLORS[d.status] ?? "dimmed"}>
                        {t(`integrations.mine.statuses.${d.status}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{d.firstIn ?? "–"}</Table.Td>
                    <Table.Td>{d.lastOut ?? "–"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
