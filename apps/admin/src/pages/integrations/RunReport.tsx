// A refused run's report: every bad row of the file with its line, column, the value found, what is wrong and
// what was expected. Nothing of the file was written; the admin corrects these rows and uploads again.
import { Alert, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RouterOutputs } from "../../lib/trpc";

export type Run = RouterOutputs["connector"]["runs"][number];

export function RunReport(props: { run: Run }) {
  const { t } = useTranslation();
  const { run } = props;
  return (
    <Stack gap="xs" data-testid="run-report">
      <Alert color="red">{run.report.length > 0 ? t("integrations.run.refused", { count: run.report.length }) : run.error}</Alert>
      {run.report.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("integrations.run.line")}</Table.Th>
                <Table.Th>{t("integrations.run.field")}</Table.Th>
                <Table.Th>{t("integrations.run.value")}</Table.Th>
                <Table.Th>{t("integrations.run.message")}</Table.Th>
                <Table.Th>{t("integrations.run.expected")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {run.report.slice(0, 200).map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.line}</Table.Td>
                  <Table.Td>{p.field}</Table.Td>
                  <Table.Td>
                    <code>{p.value}</code>
                  </Table.Td>
                  <Table.Td>{p.message}</Table.Td>
                  <Table.Td>{p.expected}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** A connector's earlier runs, newest first: each with its status and a line of its own, and a way to show it. */
export function RunHistory(props: { runs: readonly Run[] | undefined; shown: string | null; onShow: (jobId: string) => void; line: (run: Run) => string }) {
  const { t } = useTranslation();
  if (!props.runs || props.runs.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t("integrations.run.history")}
      </Text>
      {props.runs.map((r) => (
        <Group key={r.jobId} gap="xs" wrap="wrap">
          <Badge color={r.status === "succeeded" ? "green" : r.status === "failed" ? "red" : "blue"} variant="light">
            {t(`integrations.run.status.${r.status}`)}
          </Badge>
          <Text size="sm">{props.line(r)}</Text>
          {r.jobId !== props.shown && (
            <Button size="compact-xs" variant="subtle" onClick={() => props.onShow(r.jobId)} aria-label={t("integrations.run.show")}>
              ›
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
