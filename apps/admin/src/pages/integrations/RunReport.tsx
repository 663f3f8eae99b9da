// A refused run's report: every bad row of the file with its line, column, the value found, what is wrong and
// what was expected. Nothing of the file was written; the admin corrects these rows and uploads again.
import { Alert, Badge, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { connectorRunUpload } from "../../lib/downloads";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";

export type Run = RouterOutputs["connector"]["runs"][number];

/** How often a source's runs are read again while one is queued or running. */
const POLL_MS = 500;

/** A source's latest runs, newest first, read again while one of them is queued or running. */
export function useSourceRuns(name: string) {
  const trpc = useTRPC();
  const regionId = useRegionId();
  return useQuery({
    ...trpc.connector.runs.queryOptions({ regionId, name, limit: 5 }),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "queued" || r.status === "running") ? POLL_MS : false),
  });
}

/** Uploads a file for a source's run, as the server's upload route takes it; the run's job id. */
export async function uploadSourceFile(name: string, file: File, format: string, period: string, regionId: string): Promise<string> {
  const response = await fetch(connectorRunUpload(name, format, period, regionId), {
    method: "POST",
    credentials: "include",
    headers: { "content-type": "application/octet-stream" },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { jobId?: string; error?: string };
  if (!response.ok || !body.jobId) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.jobId;
}

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
