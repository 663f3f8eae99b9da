// The SIASN employee master: SIASN's base URL (the tokens are the connector's secrets, written but never
// shown), a fetch from SIASN or an uploaded SIASN export, followed as a job; then the diff to review (counts,
// new, moved with before and after, left, and each row SIASN sent that cannot be taken) and the admin's
// decision: apply it (one transaction) or discard it.
import { Alert, Badge, Button, FileInput, Group, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../lib/errors";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import type { ConnectorView } from "./IntegrationsPage";
import { uploadSourceFile, useSourceRuns } from "./RunReport";

type Run = RouterOutputs["connector"]["runs"][number];
interface Change {
  field: "unitId" | "jabatan" | "golongan" | "atasanNip";
  before: string | null;
  after: string | null;
}
interface Diff {
  review?: "pending" | "applied" | "discarded";
  counts?: { employees: number; units: number; newUnits: number; changedUnits: number; new: number; moved: number; left: number; unchanged: number; problems: number };
  units?: { new: Array<{ id: string; name: string; parentId: string | null }>; changed: Array<{ id: string; before: { name: string }; after: { name: string } }> };
  new?: Array<{ nip: string; nama: string; jabatan: string; golongan: string | null; unitId: string; returning: boolean }>;
  moved?: Array<{ nip: string; nama: string; changes: Change[] }>;
  left?: Array<{ nip: string; nama: string; unitId: string; jabatan: string }>;
}

/** Rows shown per list; the counts give the whole. */
const SHOWN = 200;

/** NIP above the name in one cell, so a list keeps to a phone's width. */
function Person(props: { nip: string; nama: string }) {
  return (
    <Stack gap={0}>
      <Text size="sm" ff="monospace">
        {props.nip}
      </Text>
      <Text size="sm">{props.nama}</Text>
    </Stack>
  );
}

function Rows(props: { testId: string; title: string; count: number; head: string[]; rows: ReactNode[][]; minWidth?: number }) {
  if (props.count === 0) return null;
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {props.title} ({props.count})
      </Text>
      <Table.ScrollContainer minWidth={props.minWidth ?? 520}>
        <Table striped withTableBorder fz="sm" data-testid={props.testId}>
          <Table.Thead>
            <Table.Tr>
              {props.head.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.slice(0, SHOWN).map((cells, i) => (
              <Table.Tr key={i}>
                {cells.map((c, j) => (
                  <Table.Td key={j}>{c}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function Review(props: { run: Run; onDecided: () => Promise<void> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { run } = props;
  const diff = run.summary as Diff;
  const decide = useMutation(
    trpc.connector.decide.mutationOptions({
      onSuccess: async (decided) => {
        notifications.show({ color: "green", message: t(decided.summary.review === "applied" ? "integrations.siasn.appliedNotice" : "integrations.siasn.discardedNotice", { count: decided.written }) });
        await props.onDecided();
      },
    }),
  );
  if (run.status === "queued" || run.status === "running") {
    return (
      <Stack gap={4} data-testid="siasn-progress">
        <Text size="sm">{run.total > 0 ? t("integrations.siasn.progress", { done: run.done, total: run.total }) : t("integrations.siasn.starting")}</Text>
        <Progress value={run.total > 0 ? (run.done / run.total) * 100 : 5} animated aria-label={t("integrations.siasn.progressLabel")} />
      </Stack>
    );
  }
  if (run.status === "failed") {
    return (
      <Stack gap="xs" data-testid="siasn-failed">
        <Alert color="red">{run.error}</Alert>
        {run.report.map((p, i) => (
          <Text key={i} size="sm">
            {t("integrations.siasn.problemLine", { line: p.line, field: p.field, message: p.message, expected: p.expected })}
          </Text>
        ))}
      </Stack>
    );
  }
  const c = diff.counts;
  if (!c) return null;
  const field = (f: Change["field"]) => t(`integrations.siasn.fields.${f}`);
  const pending = diff.review === "pending";
  return (
    <Stack gap="sm" data-testid="siasn-review">
      <Group gap="xs">
        <Badge variant="outline" color={pending ? "blue.9" : diff.review === "applied" ? "green.9" : "gray.8"} data-testid="siasn-review-state">
          {t(`integrations.siasn.review.${diff.review ?? "pending"}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t("integrations.siasn.readFrom", { rows: run.rows, format: run.format === "siasn" ? "SIASN" : run.format.toUpperCase(), date: run.createdAt.slice(0, 16).replace("T", " ") })}
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="xs" data-testid="siasn-counts">
        {(
          [
            ["new", c.new, "green.9"],
            ["moved", c.moved, "blue.9"],
            ["left", c.left, "orange.9"],
            ["newUnits", c.newUnits + c.changedUnits, "teal.9"],
            ["unchanged", c.unchanged, "gray.8"],
            ["problems", c.problems, "red.9"],
          ] as const
        ).map(([key, value, color]) => (
          <Stack key={key} gap={0} p="xs" style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 6 }}>
            <Text size="xl" fw={700} c={value > 0 ? color : "dimmed"}>
              {value}
            </Text>
            <Text size="xs">{t(`integrations.siasn.counts.${key}`)}</Text>
          </Stack>
        ))}
      </SimpleGrid>
      {c.new + c.moved + c.left + c.newUnits + c.changedUnits === 0 && <Alert color="green">{t("integrations.siasn.noChanges")}</Alert>}
      <Rows
        testId="siasn-units"
        title={t("integrations.siasn.units")}
        count={(diff.units?.new.length ?? 0) + (diff.units?.changed.length ?? 0)}
        head={[t("integrations.siasn.unitId"), t("integrations.siasn.unitName"), t("integrations.siasn.what")]}
        rows={[
          ...(diff.units?.new ?? []).map((u) => [u.id, u.name, t("integrations.siasn.unitNew")]),
          ...(diff.units?.changed ?? []).map((u) => [u.id, `${u.before.name} → ${u.after.name}`, t("integrations.siasn.unitChanged")]),
        ]}
      />
      <Rows
        testId="siasn-new"
        title={t("integrations.siasn.newTitle")}
        count={diff.new?.length ?? 0}
        head={[t("integrations.siasn.person"), t("integrations.siasn.fields.jabatan"), t("integrations.siasn.fields.golongan"), t("integrations.siasn.fields.unitId")]}
        rows={(diff.new ?? []).map((e) => [<Person key="p" nip={e.nip} nama={e.returning ? `${e.nama} (${t("integrations.siasn.returning")})` : e.nama} />, e.jabatan, e.golongan ?? "—", e.unitId])}
      />
      <Rows
        testId="siasn-moved"
        title={t("integrations.siasn.movedTitle")}
        count={diff.moved?.length ?? 0}
        minWidth={340}
        head={[t("integrations.siasn.person"), t("integrations.siasn.changes")]}
        rows={(diff.moved ?? []).map((e) => [
          <Person key="p" nip={e.nip} nama={e.nama} />,
          <Stack gap={0} key={e.nip}>
            {e.changes.map((ch) => (
              <Text size="sm" key={ch.field}>
                {field(ch.field)}: {ch.before ?? "—"} → <b>{ch.after ?? "—"}</b>
              </Text>
            ))}
          </Stack>,
        ])}
      />
      <Rows
        testId="siasn-left"
        title={t("integrations.siasn.leftTitle")}
        count={diff.left?.length ?? 0}
        minWidth={420}
        head={[t("integrations.siasn.person"), t("integrations.siasn.fields.jabatan"), t("integrations.siasn.fields.unitId")]}
        rows={(diff.left ?? []).map((e) => [<Person key="p" nip={e.nip} nama={e.nama} />, e.jabatan, e.unitId])}
      />
      {c.left > 0 && pending && <Text size="xs" c="dimmed">{t("integrations.siasn.leftHelp")}</Text>}
      <Rows
        testId="siasn-problems"
        title={t("integrations.siasn.problemsTitle")}
        count={run.report.length}
        head={[t("integrations.run.line"), t("integrations.run.field"), t("integrations.run.value"), t("integrations.run.message"), t("integrations.run.expected")]}
        rows={run.report.map((p) => [p.line, p.field, <code key="v">{p.value}</code>, p.message, p.expected])}
      />
      {decide.error && <Alert color="red">{errorMessage(decide.error, t)}</Alert>}
      {pending && (
        <Group>
          <Button loading={decide.isPending && decide.variables.decision === "applied"} disabled={decide.isPending} onClick={() => decide.mutate({ regionId, name: "siasn", jobId: run.jobId, decision: "applied" })}>
            {t("integrations.siasn.apply")}
          </Button>
          <Button variant="default" loading={decide.isPending && decide.variables.decision === "discarded"} disabled={decide.isPending} onClick={() => decide.mutate({ regionId, name: "siasn", jobId: run.jobId, decision: "discarded" })}>
            {t("integrations.siasn.discard")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function BaseUrl(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const saved = typeof props.connector.settings.baseUrl === "string" ? props.connector.settings.baseUrl : "";
  const [value, setValue] = useState(saved);
  const save = useMutation(
    trpc.connector.configure.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: "green", message: t("integrations.saved") });
        await queryClient.invalidateQueries({ queryKey: trpc.connector.list.queryKey({ regionId }) });
      },
    }),
  );
  return (
    <Stack gap={4}>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t("integrations.siasn.baseUrl")}
          description={t("integrations.siasn.baseUrlHelp")}
          placeholder="https://apimws.bkn.go.id:8243/apisiasn/1.0"
          value={value}
          onChange={(e) => setValue(e.currentTarget.value.trim())}
          w={{ base: "100%", sm: 480 }}
        />
        <Button size="sm" variant="light" loading={save.isPending} disabled={value === saved} onClick={() => save.mutate({ regionId, name: "siasn", settings: { baseUrl: value } })}>
          {t("integrations.siasn.saveBaseUrl")}
        </Button>
      </Group>
      {save.error && <Alert color="red">{errorMessage(save.error, t)}</Alert>}
    </Stack>
  );
}

export function SiasnSource(props: { connector: ConnectorView }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const runs = useSourceRuns("siasn");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connector.runs.pathKey() });
  const fetchRun = useMutation(trpc.connector.fetch.mutationOptions({ onSuccess: refresh }));
  const uploadRun = useMutation({ mutationFn: (f: File) => uploadSourceFile("siasn", f, f.name.toLowerCase().endsWith(".csv") ? "csv" : "xlsx", "", regionId), onSuccess: refresh });
  const latest = runs.data?.[0];
  const busy = latest?.status === "queued" || latest?.status === "running";
  const ready = props.connector.enabled && typeof props.connector.settings.baseUrl === "string" && props.connector.settings.baseUrl !== "";
  return (
    <Stack gap="sm">
      <Title order={4} size="h5">
        {t("integrations.siasn.title")}
      </Title>
      {!props.connector.enabled && <Alert color="yellow">{t("integrations.run.disabled")}</Alert>}
      <BaseUrl key={String(props.connector.settings.baseUrl ?? "")} connector={props.connector} />
      <Group align="flex-end" wrap="wrap">
        <Button disabled={!ready || busy} loading={fetchRun.isPending} onClick={() => fetchRun.mutate({ regionId, name: "siasn" })}>
          {t("integrations.siasn.fetch")}
        </Button>
        <Text size="sm" c="dimmed">
          {t("integrations.siasn.or")}
        </Text>
        <FileInput
          label={t("integrations.siasn.file")}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            uploadRun.reset();
          }}
          w={{ base: "100%", xs: 260 }}
          clearable
        />
        <Button variant="light" disabled={!file || !props.connector.enabled || busy} loading={uploadRun.isPending} onClick={() => file && uploadRun.mutate(file)}>
          {t("integrations.siasn.upload")}
        </Button>
      </Group>
      {(fetchRun.error ?? uploadRun.error) && <Alert color="red">{errorMessage(fetchRun.error ?? uploadRun.error, t)}</Alert>}
      {latest && <Review key={latest.jobId} run={latest} onDecided={async () => { await refresh(); await queryClient.invalidateQueries({ queryKey: trpc.connector.list.queryKey({ regionId }) }); }} />}
    </Stack>
  );
}
