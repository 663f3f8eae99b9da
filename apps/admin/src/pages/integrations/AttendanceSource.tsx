// The attendance connector's run: a period and a file (a machine's attlog or an app's CSV) uploaded as it is,
// imported as a job followed until it ends; then who was absent without leave, or every bad line with what
// was expected. Beside it, the work calendar the counts use: the year's holidays and employees' leave.
import { Alert, Button, FileInput, Group, Progress, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";
import { RunHistory, RunReport, uploadSourceFile, useSourceRuns } from "./RunReport";

type Run = RouterOutputs["connector"]["runs"][number];
interface Absent {
  nip: string;
  nama: string;
  alpa: number;
  cuti: number;
}

/** The previous month, as the period an import usually covers. */
function lastMonth(): string {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 7);
}

function RunOutcome(props: { run: Run }) {
  const { t } = useTranslation();
  const { run } = props;
  const s = run.summary as { employees?: number; workingDays?: number; hadir?: number; cuti?: number; alpa?: number; absent?: Absent[] };
  if (run.status === "queued" || run.status === "running") {
    return (
      <Stack gap={4}>
        <Text size="sm">{t("integrations.run.progress", { done: run.done, total: run.total })}</Text>
        <Progress value={run.total > 0 ? (run.done / run.total) * 100 : 5} animated aria-label={t("integrations.run.progressLabel")} />
      </Stack>
    );
  }
  if (run.status === "failed") return <RunReport run={run} />;
  const absent = s.absent ?? [];
  return (
    <Stack gap="xs" data-testid="run-outcome">
      <Alert color="green">
        {t("integrations.run.succeeded", { period: run.period, rows: run.rows, written: run.written, employees: s.employees ?? 0, workingDays: s.workingDays ?? 0 })}
        <br />
        {t("integrations.run.counts", { hadir: s.hadir ?? 0, cuti: s.cuti ?? 0, alpa: s.alpa ?? 0 })}
      </Alert>
      <Text fw={600} size="sm">
        {t("integrations.run.absentTitle")}
      </Text>
      {absent.length === 0 ? (
        <Text size="sm">{t("integrations.run.noneAbsent")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table striped withTableBorder fz="sm" data-testid="absent-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("integrations.table.nip")}</Table.Th>
                <Table.Th>{t("integrations.table.nama")}</Table.Th>
                <Table.Th>{t("integrations.table.alpa")}</Table.Th>
                <Table.Th>{t("integrations.table.cuti")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {absent.map((a) => (
                <Table.Tr key={a.nip}>
                  <Table.Td>{a.nip}</Table.Td>
                  <Table.Td>{a.nama}</Table.Td>
                  <Table.Td>{a.alpa}</Table.Td>
                  <Table.Td>{a.cuti}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function AttendanceSource(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(lastMonth);
  const [format, setFormat] = useState<string>("attlog");
  const [file, setFile] = useState<File | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({ mutationFn: (f: File) => uploadSourceFile("attendance", f, format, period, regionId) });
  const runs = useSourceRuns("attendance");
  const current = jobId ? runs.data?.find((r) => r.jobId === jobId) : undefined;
  const running = current?.status === "queued" || current?.status === "running";
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t("integrations.run.title")}
      </Title>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.run.disabled")}</Alert>}
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("integrations.run.period")} description={t("integrations.run.periodHelp")} value={period} onChange={(e) => setPeriod(e.currentTarget.value.trim())} w={{ base: "100%", xs: 220 }} />
        <Select
          label={t("integrations.run.format")}
          data={props.connector.formats.map((f) => ({ value: f, label: t(`integrations.run.formats.${f}`) }))}
          value={format}
          onChange={(v) => v && setFormat(v)}
          allowDeselect={false}
          w={{ base: "100%", xs: 320 }}
        />
        <FileInput
          label={t("integrations.run.file")}
          placeholder={t("integrations.run.choose")}
          accept=".dat,.txt,.csv,text/plain,text/csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            start.reset();
          }}
          w={{ base: "100%", xs: 280 }}
          clearable
        />
        <Button
          disabled={!file || !props.connector.enabled}
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
      {current && <RunOutcome run={current} />}
      <RunHistory runs={runs.data} shown={jobId} onShow={setJobId} line={(r) => `${r.period} · ${r.format} · ${r.rows} · ${new Date(r.createdAt).toLocaleString()}`} />
    </Stack>
  );
}

const HOLIDAY_LINE = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/;

export function WorkCalendar() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(() => Number(lastMonth().slice(0, 4)));
  const [yearText, setYearText] = useState(String(year));
  const holidays = useQuery(trpc.connector.holidays.queryOptions({ regionId, year }));
  const [text, setText] = useState<string | null>(null);
  const [lineError, setLineError] = useState<string | null>(null);
  const shown = text ?? (holidays.data ?? []).map((h) => `${h.day} ${h.name}`).join("\n");
  const save = useMutation(
    trpc.connector.setHolidays.mutationOptions({
      onSuccess: async (saved) => {
        setText(null);
        notifications.show({ color: "green", message: t("integrations.calendar.saved", { count: saved.length, year }) });
        await queryClient.invalidateQueries({ queryKey: trpc.connector.holidays.queryKey({ regionId, year }) });
      },
    }),
  );
  const [leave, setLeave] = useState({ nip: "", from: "", to: "", kind: "cuti" });
  const addLeave = useMutation(
    trpc.connector.addLeave.mutationOptions({
      onSuccess: (count) => notifications.show({ color: "green", message: t("integrations.leave.added", { count }) }),
    }),
  );
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t("integrations.calendar.title")}
      </Title>
      <Text size="xs" c="dimmed">
        {t("integrations.calendar.help")}
      </Text>
      <Group align="flex-start" wrap="wrap">
        <TextInput
          label={t("integrations.calendar.year")}
          inputMode="numeric"
          value={yearText}
          onChange={(e) => {
            setYearText(e.currentTarget.value);
            const typed = Number(e.currentTarget.value);
            if (Number.isInteger(typed) && typed >= 2000 && typed <= 2100) {
              setYear(typed);
              setText(null);
            }
          }}
          w={120}
        />
        <Textarea
          label={t("integrations.calendar.holidays")}
          value={shown}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={12}
          w={{ base: "100%", xs: 420 }}
          styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
        />
      </Group>
      {(lineError ?? save.error) && <Alert color="red">{lineError ?? errorMessage(save.error, t)}</Alert>}
      <Button
        size="xs"
        w="fit-content"
        loading={save.isPending}
        onClick={() => {
          setLineError(null);
          const days = [];
          for (const [i, raw] of shown.split("\n").entries()) {
            const line = raw.trim();
            if (!line) continue;
            const m = HOLIDAY_LINE.exec(line);
            if (!m) return setLineError(t("integrations.calendar.badLine", { line: i + 1, text: line }));
            days.push({ day: m[1]!, name: m[2]!.trim() });
          }
          save.mutate({ regionId, year, days });
        }}
      >
        {t("integrations.calendar.save")}
      </Button>

      <Title order={4} size="h5">
        {t("integrations.leave.title")}
      </Title>
      <Text size="xs" c="dimmed">
        {t("integrations.leave.help")}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <TextInput label={t("integrations.leave.nip")} value={leave.nip} onChange={(e) => setLeave({ ...leave, nip: e.currentTarget.value.trim() })} w={{ base: "100%", xs: 200 }} />
        <TextInput type="date" label={t("integrations.leave.from")} value={leave.from} onChange={(e) => setLeave({ ...leave, from: e.currentTarget.value })} w={160} />
        <TextInput type="date" label={t("integrations.leave.to")} value={leave.to} onChange={(e) => setLeave({ ...leave, to: e.currentTarget.value })} w={160} />
        <Select
          label={t("integrations.leave.kind")}
          data={["cuti", "dinas_luar", "sakit", "izin"].map((k) => ({ value: k, label: t(`integrations.leave.kinds.${k}`) }))}
          value={leave.kind}
          onChange={(v) => v && setLeave({ ...leave, kind: v })}
          allowDeselect={false}
          w={160}
        />
        <Button size="sm" disabled={!leave.nip || !leave.from || !leave.to} loading={addLeave.isPending} onClick={() => addLeave.mutate({ regionId, ...leave, note: null })}>
          {t("integrations.leave.add")}
        </Button>
      </Group>
      {addLeave.error && <Alert color="red">{errorMessage(addLeave.error, t)}</Alert>}
    </Stack>
  );
}
