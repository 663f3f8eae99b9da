// Importing employees (CSV or XLSX) or units (CSV) from a sheet: nothing is written unless every row is
// good; otherwise every bad cell is listed by row and column with what was expected. An employee sheet is
// uploaded as it is over plain HTTP (a region's register runs to megabytes) and imported as a job whose
// progress is followed until it ends.
import { Alert, Anchor, Button, FileInput, Group, List, Progress, Stack, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState } from "../../components/States";
import { ImportErrors } from "./ImportErrors";
import { employeeImportUpload } from "../../lib/downloads";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

export const IMPORT_COLUMNS = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit", "atasan_nip"];

export const UNIT_IMPORT_COLUMNS = ["kode", "nama", "induk", "jenis"];

export function csvHref(rows: string[][]): string {
  const csv = rows.map((row) => `${row.join(",")}\r\n`).join("");
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
}

const TEMPLATES = {
  employees: csvHref([IMPORT_COLUMNS, ["198503122010011001", "Siti Rahma", "Analis Kepegawaian", "fungsional", "Ahli Pertama", "III/b", "PNS", "bkpsdm", ""]]),
  units: csvHref([UNIT_IMPORT_COLUMNS, ["setda", "Sekretariat Daerah", "", "sekretariat"], ["bkpsdm", "Badan Kepegawaian dan Pengembangan SDM", "setda", "badan"]]),
};

const POLL_MS = 500;

/** Sends the sheet as it is; answers the import job's id, or throws the server's refusal. */
async function uploadEmployees(file: File, regionId: string): Promise<string> {
  const format = /\.xlsx$/i.test(file.name) ? "xlsx" : "csv";
  const response = await fetch(employeeImportUpload(format, regionId), {
    method: "POST",
    credentials: "include",
    headers: { "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  const body = (await response.json().catch(() => ({}))) as { jobId?: string; error?: string };
  if (!response.ok || !body.jobId) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.jobId;
}

/** Employees (CSV or XLSX) by default; units (CSV) with `kind="units"`. */
export function ImportPanel(props: { kind?: "employees" | "units"; onImported?(): void }) {
  const kind = props.kind ?? "employees";
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const importUnits = useMutation(trpc.unit.import.mutationOptions());
  const upload = useMutation({ mutationFn: (f: File) => uploadEmployees(f, regionId) });
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    ...trpc.employee.importStatus.queryOptions({ regionId, jobId: jobId ?? "" }),
    enabled: kind === "employees" && jobId !== null,
    refetchInterval: (query) => {
      const s = query.state.data?.status;
      return s === "succeeded" || s === "failed" ? false : POLL_MS;
    },
  });
  const status = jobId ? job.data : null;
  const running = status?.status === "queued" || status?.status === "running";
  const employeesResult = !status
    ? undefined
    : status.status === "succeeded"
      ? { ok: true as const, rows: status.rows, created: status.created, updated: status.updated }
      : status.status === "failed" && status.errors.length > 0
        ? { ok: false as const, rows: status.rows, errors: status.errors }
        : undefined;
  const result = kind === "units" ? importUnits.data : employeesResult;
  const failure = kind === "units" ? importUnits.error : (upload.error ?? job.error ?? (status?.status === "failed" && status.errors.length === 0 ? new Error(status.error ?? "") : null));
  const pending = kind === "units" ? importUnits.isPending : upload.isPending || running;

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.employee.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.unit.tree.queryKey({ regionId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.region.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.region.guidedStart.queryKey({ regionId }) }),
    ]);
    props.onImported?.();
  };
  const refreshOnce = useEffectEvent(() => void refresh());
  const employeesDone = status?.status === "succeeded" ? status.jobId : null;
  // Once per finished job.
  useEffect(() => {
    if (employeesDone) refreshOnce();
  }, [employeesDone]);

  return (
    <Stack maw={900}>
      {kind === "units" ? (
        <>
          <Text size="sm">{t("organisation.import.unitsIntro")}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t("organisation.import.unitColumns", { columns: UNIT_IMPORT_COLUMNS.join(", ") })}</List.Item>
            <List.Item>{t("organisation.import.allOrNothing")}</List.Item>
          </List>
        </>
      ) : (
        <>
          <Text size="sm">{t("organisation.import.intro")}</Text>
          <List size="sm" spacing={2}>
            <List.Item>{t("organisation.import.columns", { columns: IMPORT_COLUMNS.join(", ") })}</List.Item>
            <List.Item>{t("organisation.import.attributes")}</List.Item>
            <List.Item>{t("organisation.import.email")}</List.Item>
            <List.Item>{t("organisation.import.nipText")}</List.Item>
            <List.Item>{t("organisation.import.allOrNothing")}</List.Item>
          </List>
        </>
      )}
      <Anchor href={TEMPLATES[kind]} download={kind === "units" ? "templat-unit.csv" : "templat-pegawai.csv"} size="sm">
        {t(kind === "units" ? "organisation.import.unitTemplate" : "organisation.import.template")}
      </Anchor>
      <Group align="flex-end">
        <FileInput
          label={t(kind === "units" ? "organisation.import.unitFile" : "organisation.import.file")}
          placeholder={t("organisation.import.choose")}
          accept={kind === "units" ? ".csv,text/csv" : ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
          value={file}
          onChange={(f) => {
            setFile(f);
            importUnits.reset();
            upload.reset();
            setJobId(null);
          }}
          w={{ base: "100%", xs: 360 }}
          clearable
        />
        <Button
          disabled={!file}
          loading={pending}
          onClick={async () => {
            if (!file) return;
            if (kind === "units") {
              const outcome = await importUnits.mutateAsync({ regionId, content: await file.text() }).catch(() => null);
              if (outcome?.ok) await refresh();
              return;
            }
            setJobId(null);
            const started = await upload.mutateAsync(file).catch(() => null);
            if (started) setJobId(started);
          }}
        >
          {t("organisation.import.run")}
        </Button>
      </Group>
      {running && status && (
        <Stack gap={4} data-testid="import-progress">
          <Text size="sm">
            {status.total === 0 ? t("organisation.import.reading") : t("organisation.import.writing", { done: status.done, total: status.total })}
          </Text>
          <Progress value={status.total === 0 ? 0 : (100 * status.done) / status.total} animated aria-label={t("organisation.import.progress")} />
        </Stack>
      )}
      {failure && <ErrorState error={failure} />}
      {result?.ok && (
        <Alert color="teal" title={t("organisation.import.done")} data-testid={kind === "units" ? "unit-import-ok" : "import-ok"}>
          {t(kind === "units" ? "organisation.import.unitCounts" : "organisation.import.counts", { rows: result.rows, created: result.created, updated: result.updated })}
        </Alert>
      )}
      {result && !result.ok && <ImportErrors testId={kind === "units" ? "unit-import-errors" : "import-errors"} rows={result.rows} errors={result.errors} />}
    </Stack>
  );
}
