// The work-log connector's run: the template downloaded in the region's columns, a recap (XLSX or CSV) of a
// month or an ISO week uploaded as it is, followed as a job until it ends; then how many entries now wait for
// the assessors' confirmation, or every bad row with what was expected (nothing was written).
import { Alert, Anchor, Button, FileInput, Group, Progress, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { connectorTemplate } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";
import { RunHistory, RunReport, uploadSourceFile, useSourceRuns } from "./RunReport";

type Run = RouterOutputs["connector"]["runs"][number];

/** The current month, as the period a recap usually covers. */
function thisMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

/** The file's format by its extension, or null for one the connector does not read. */
function formatOf(file: File): "xlsx" | "csv" | null {
  const ext = file.name.toLowerCase().split(".").pop();
  return ext === "xlsx" || ext === "csv" ? ext : null;
}

function WorklogOutcome(props: { run: Run }) {
  const { t } = useTranslation();
  const { run } = props;
  const s = run.summary as { employees?: number; alreadyStored?: number };
  if (run.status === "queued" || run.status === "running") {
    return (
      <Stack gap={4}>
        <Text size="sm">{t("integrations.worklogs.reading")}</Text>
        <Progress value={run.total > 0 ? (run.done / run.total) * 100 : 5} animated aria-label={t("integrations.worklogs.reading")} />
      </Stack>
    );
  }
  if (run.status === "failed") return <RunReport run={run} />;
  return (
    <Alert color="green" data-testid="worklog-outcome">
      {t("integrations.worklogs.succeeded", { period: run.period, rows: run.rows, written: run.written, employees: s.employees ?? 0 })}
      {(s.alreadyStored ?? 0) > 0 && (
        <>
          <br />
          {t("integrations.worklogs.alreadyStored", { count: s.alreadyStored })}
        </>
      )}
    </Alert>
  );
}

export function WorklogSource(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(thisMonth);
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const format = file ? formatOf(file) : null;
  const start = useMutation({ mutationFn: (f: File) => uploadSourceFile("worklogs", f, formatOf(f) ?? "", period, regionId) });
  const runs = useSourceRuns("worklogs");
  const current = jobId ? runs.data?.find((r) => r.jobId === jobId) : undefined;
  const running = current?.status === "queued" || current?.status === "running";
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t("integrations.worklogs.title")}
      </Title>
      <Text size="sm">{t("integrations.worklogs.help")}</Text>
      <Group gap="xs">
        <Text size="sm">{t("integrations.worklogs.template")}</Text>
        <Anchor size="sm" href={connectorTemplate("worklogs", "xlsx", regionId)} download data-testid="worklog-template-xlsx">
          XLSX
        </Anchor>
        <Anchor size="sm" href={connectorTemplate("worklogs", "csv", regionId)} download>
          CSV
        </Anchor>
      </Group>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.run.disabled")}</Alert>}
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t("integrations.run.period")}
          description={t("integrations.worklogs.periodHelp")}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value.trim())}
          w={{ base: "100%", xs: 220 }}
          data-testid="worklog-period"
        />
        <FileInput
          label={t("integrations.run.file")}
          placeholder={t("integrations.worklogs.choose")}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            start.reset();
          }}
          error={file && !format ? t("integrations.worklogs.badFormat") : undefined}
          w={{ base: "100%", xs: 280 }}
          clearable
          data-testid="worklog-file"
        />
        <Button
          disabled={!file || !format || !props.connector.enabled}
          loading={start.isPending || running}
          onClick={async () => {
            if (!file) return;
            const id = await start.mutateAsync(file).catch(() => null);
            if (id) {
              setJobId(id);
              await queryClient.invalidateQueries({ queryKey: trpc.connector.runs.pathKey() });
            }
          }}
        >
          {t("integrations.run.start")}
        </Button>
      </Group>
      {start.error && <Alert color="red">{errorMessage(start.error, t)}</Alert>}
      {current && <WorklogOutcome run={current} />}
      <RunHistory runs={runs.data} shown={jobId} onShow={setJobId} line={(r) => t("integrations.worklogs.historyLine", { period: r.period, format: r.format, rows: r.rows, written: r.written, at: new Date(r.createdAt).toLocaleString() })} />
    </Stack>
  );
}
