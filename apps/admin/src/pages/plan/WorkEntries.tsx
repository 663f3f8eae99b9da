// Work logged against the plan's IKIs (catatan kinerja): progress per IKI against its target, a form to
// log work with evidence files, and the entries with the assessor's confirmation or return note, each with
// its feedback thread (ask for feedback, or read what was given).
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, NumberInput, Progress, Select, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { evidenceFile, evidenceUpload } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { defaultDay, periodRange } from "../../lib/periods";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { FeedbackDrawer } from "../feedback/FeedbackDrawer";
import { ENTRY_COLORS } from "./planStatus";

async function uploadEvidence(entryId: string, regionId: string, file: File): Promise<void> {
  const response = await fetch(evidenceUpload(entryId, regionId), {
    method: "POST",
    credentials: "include",
    headers: { "x-filename": encodeURIComponent(file.name), "content-type": file.type || "application/octet-stream" },
    body: file,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `HTTP ${response.status}`);
  }
}

export function WorkEntries(props: {
  cycleId: string;
  periodLabel: string;
  employeeId?: string;
  canLog: boolean;
  /** The employee's assessor, whom feedback is asked from by default. */
  assessorNip?: string | null;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const lang = currentLanguage();
  const scope = { regionId, cycleId: props.cycleId, ...(props.employeeId ? { employeeId: props.employeeId } : {}) };
  const progress = useQuery(trpc.workEntry.progress.queryOptions(scope));
  const entries = useInfiniteQuery(trpc.workEntry.list.infiniteQueryOptions({ ...scope, limit: 50 }, { getNextPageParam: (p) => p.nextCursor }));
  const create = useMutation(trpc.workEntry.create.mutationOptions());
  const [ikiId, setIkiId] = useState<string | null>(null);
  const [workDate, setWorkDate] = useState(() => defaultDay(props.periodLabel));
  const range = periodRange(props.periodLabel);
  const [description, setDescription] = useState("");
  const [quantity, setQuantity] = useState<number>(1);
  const [file, setFile] = useState<File | null>(null);
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const [thread, setThread] = useState<string | null>(null);

  if (progress.isPending) return <Loading rows={4} />;
  if (progress.error) return <ErrorState error={progress.error} />;
  const ikis = progress.data.indicators;
  // The quantity is in the IKI's own unit (items, persen, dokumen …), so the form names it.
  const chosen = ikis.find((i) => i.ikiId === ikiId) ?? null;

  return (
    <Stack>
      <Title order={3} size="h4">{t("work.title")}</Title>
      {ikis.length === 0 ? (
        <EmptyState title={t("work.noIki")}>{t("work.noIkiHelp")}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="work-progress">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("work.iki")}</Table.Th>
                <Table.Th ta="right">{t("work.confirmed")}</Table.Th>
                <Table.Th ta="right">{t("work.pending")}</Table.Th>
                <Table.Th w={200}>{t("work.achievement")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ikis.map((iki) => (
                <Table.Tr key={iki.ikiId}>
                  <Table.Td>
                    <Text size="sm">{iki.text}</Text>
                    <Text size="xs" c="dimmed">{iki.rhkText}</Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {formatCount(iki.confirmed, lang)} / {formatCount(iki.target, lang)} {iki.satuan}
                    <Text size="xs" c="dimmed">{t(iki.aspect === "kualitas" ? "work.meanOfEntries" : "work.sumOfEntries", { count: iki.entries.confirmed })}</Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">{formatCount(iki.pending, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={Math.min(100, iki.percent)} w={120} aria-label={t("work.achievementOf", { iki: iki.text })} />
                      <Text size="sm" className="tabular">{iki.percent}%</Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {props.canLog && ikis.length > 0 && (
        <Card withBorder padding="md">
          <form
            onSubmit={async (event) => {
              event.preventDefault();
              if (!ikiId) return;
              try {
                const entry = await create.mutateAsync({ regionId, ikiId, workDate, description, quantity });
                if (file) await uploadEvidence(entry.id, regionId, file);
                setDescription("");
                setFile(null);
                await queryClient.invalidateQueries({ queryKey: trpc.workEntry.pathKey() });
                notifications.show({ color: "teal", message: t("work.logged") });
              } catch (error) {
                notifyError({ title: t("work.notLogged"), message: errorMessage(error, t) });
              }
            }}
          >
            <Stack gap="sm">
              <Text fw={600}>{t("work.log")}</Text>
              <Group grow align="flex-start">
                <Select label={t("work.iki")} data={ikis.map((i) => ({ value: i.ikiId, label: i.text }))} value={ikiId} onChange={setIkiId} required data-testid="work-iki" />
                <TextInput type="date" label={t("work.date")} value={workDate} min={range?.start} max={range?.end} onChange={(e) => setWorkDate(e.currentTarget.value)} required />
                <NumberInput
                  label={chosen ? t("work.quantityIn", { satuan: chosen.satuan }) : t("work.quantity")}
                  description={chosen ? t(chosen.aspect === "kualitas" ? "work.quantityQuality" : "work.quantitySum", { satuan: chosen.satuan }) : undefined}
                  min={0}
                  value={quantity}
                  onChange={(v) => setQuantity(Number(v) || 0)}
                />
              </Group>
              <Textarea label={t("work.description")} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} required />
              <FileInput label={t("work.evidence")} description={t("work.evidenceHelp")} value={file} onChange={setFile} clearable placeholder={t("organisation.import.choose")} />
              <Group justify="flex-end">
                <Button type="submit" loading={create.isPending} disabled={!ikiId || !description.trim()}>
                  {t("work.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      {entries.error && <ErrorState error={entries.error} />}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped data-testid="work-entries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("work.date")}</Table.Th>
                <Table.Th>{t("work.description")}</Table.Th>
                <Table.Th ta="right">{t("work.quantity")}</Table.Th>
                <Table.Th>{t("work.status")}</Table.Th>
                <Table.Th>{t("work.evidence")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{e.workDate}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.description}</Text>
                    <Text size="xs" c="dimmed">{e.ikiText}</Text>
                    {e.reviewNote && <Alert color={e.status === "returned" ? "orange" : "teal"} p={4} mt={4}>{e.reviewNote}</Alert>}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">{formatCount(e.quantity, lang)} {e.satuan}</Table.Td>
                  <Table.Td><Badge color={ENTRY_COLORS[e.status]}>{t(`work.state.${e.status}`)}</Badge></Table.Td>
                  <Table.Td>
                    {e.evidence.map((file) => (
                      <Anchor key={file.id} href={evidenceFile(file.id, regionId)} size="xs" display="block">{file.filename}</Anchor>
                    ))}
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="light" onClick={() => setThread(e.id)} aria-label={t("feedback.openFor", { entry: e.description })}>
                      {t("feedback.button")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FeedbackDrawer workEntryId={thread} onClose={() => setThread(null)} assessorNip={props.assessorNip} defaultKind="request" />
    </Stack>
  );
}
