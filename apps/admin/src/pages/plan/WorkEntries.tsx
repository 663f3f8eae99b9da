// Work logged against the plan's IKIs (catatan kinerja): progress per IKI against its target, a form to
// log work with evidence files, and the entries with the assessor's confirmation or return note, each with
// its feedback thread (ask for feedback, or read what was given). On a phone each IKI's progress and each
// entry is a card, its fields one under another; from a tablet's width up, both are tables.
import { Alert, Anchor, Badge, Button, Card, FileInput, Group, NumberInput, Progress, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { PeriodMark } from "../../components/PeriodMark";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { evidenceFile, evidenceUpload } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { defaultDay, periodRange } from "../../lib/periods";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { ENTRY_COLORS } from "./planStatus";
import { Select } from "../../components/LazySelect";

// The feedback thread loads when an entry's thread is first opened.
const FeedbackDrawer = lazy(() => import("../feedback/FeedbackDrawer").then((module) => ({ default: module.FeedbackDrawer })));

type Entry = RouterOutputs["workEntry"]["list"]["items"][number];

function EntryStatus(props: { entry: Entry }) {
  const { t } = useTranslation();
  return (
    <Badge color={ENTRY_COLORS[props.entry.status]} miw="max-content">
      {t(`work.state.${props.entry.status}`)}
    </Badge>
  );
}

function ReviewNote(props: { entry: Entry }) {
  const { entry } = props;
  if (!entry.reviewNote) return null;
  return (
    <Alert color={entry.status === "returned" ? "orange" : "teal"} p={4} mt={4}>
      {entry.reviewNote}
    </Alert>
  );
}

function EvidenceLinks(props: { entry: Entry }) {
  const regionId = useRegionId();
  return props.entry.evidence.map((file) => (
    <Anchor key={file.id} href={evidenceFile(file.id, regionId)} size="xs" display="block" style={{ overflowWrap: "anywhere" }}>
      {file.filename}
    </Anchor>
  ));
}

function ThreadButton(props: { entry: Entry; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-xs" variant="light" onClick={props.onOpen} aria-label={t("feedback.openFor", { entry: props.entry.description })}>
      {t("feedback.button")}
    </Button>
  );
}

/** One entry on a phone: what was done and for which IKI, then the date, the quantity and the evidence. */
function EntryCard(props: { entry: Entry; viewCycleId: string; onThread(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { entry } = props;
  return (
    <Card withBorder padding="sm" component="article" aria-label={entry.description}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
              {entry.description}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {entry.ikiText}
            </Text>
          </div>
          <EntryStatus entry={entry} />
        </Group>
        <ReviewNote entry={entry} />
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
          <div>
            <Text size="xs" c="dimmed">{t("work.date")}</Text>
            <Text size="sm" className="tabular">{entry.workDate}</Text>
            <PeriodMark periodLabel={entry.periodLabel} cycleId={entry.cycleId} viewCycleId={props.viewCycleId} />
          </div>
          <div>
            <Text size="xs" c="dimmed">{t("work.quantity")}</Text>
            <Text size="sm" className="tabular" data-testid="work-entry-quantity">
              {formatCount(entry.quantity, lang)} {entry.satuan}
            </Text>
          </div>
        </SimpleGrid>
        {entry.evidence.length > 0 && (
          <div>
            <Text size="xs" c="dimmed">{t("work.evidence")}</Text>
            <EvidenceLinks entry={entry} />
          </div>
        )}
        <Group justify="flex-end">
          <ThreadButton entry={entry} onOpen={props.onThread} />
        </Group>
      </Stack>
    </Card>
  );
}

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
        <Stack gap="xs" hiddenFrom="sm" data-testid="work-progress-cards">
          {ikis.map((iki) => (
            <Card key={iki.ikiId} withBorder padding="sm" component="article" aria-label={iki.text}>
              <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
                {iki.text}
              </Text>
              <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {iki.rhkText}
              </Text>
              <Group gap="xs" wrap="nowrap" mt={6}>
                <Progress value={Math.min(100, iki.percent)} style={{ flex: 1 }} aria-label={t("work.achievementOf", { iki: iki.text })} />
                <Text size="sm" className="tabular">{iki.percent}%</Text>
              </Group>
              <Text size="xs" c="dimmed" mt={4} className="tabular">
                {t("work.confirmed")}: {formatCount(iki.confirmed, lang)} / {formatCount(iki.target, lang)} {iki.satuan} (
                {t(iki.aspect === "kualitas" ? "work.meanOfEntries" : "work.sumOfEntries", { count: iki.entries.confirmed })}) · {t("work.pending")}:{" "}
                {formatCount(iki.pending, lang)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
      {ikis.length > 0 && (
        <Table.ScrollContainer minWidth={640} visibleFrom="sm">
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
              {/* Side by side from a tablet's width; on a phone one under another, each wide enough to read. */}
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <Select label={t("work.iki")} data={ikis.map((i) => ({ value: i.ikiId, label: i.text }))} value={ikiId} onChange={setIkiId} required data-testid="work-iki" />
                <TextInput type="date" label={t("work.date")} value={workDate} min={range?.start} max={range?.end} onChange={(e) => setWorkDate(e.currentTarget.value)} required />
                <NumberInput
                  label={chosen ? t("work.quantityIn", { satuan: chosen.satuan }) : t("work.quantity")}
                  description={chosen ? t(chosen.aspect === "kualitas" ? "work.quantityQuality" : "work.quantitySum", { satuan: chosen.satuan }) : undefined}
                  min={0}
                  value={quantity}
                  onChange={(v) => setQuantity(Number(v) || 0)}
                />
              </SimpleGrid>
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
        <Stack gap="sm" hiddenFrom="sm" data-testid="work-entry-cards">
          {rows.map((e) => (
            <EntryCard key={e.id} entry={e} viewCycleId={props.cycleId} onThread={() => setThread(e.id)} />
          ))}
        </Stack>
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={700} visibleFrom="sm">
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
                  <Table.Td>
                    <Text size="sm" className="tabular">{e.workDate}</Text>
                    <PeriodMark periodLabel={e.periodLabel} cycleId={e.cycleId} viewCycleId={props.cycleId} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.description}</Text>
                    <Text size="xs" c="dimmed">{e.ikiText}</Text>
                    <ReviewNote entry={e} />
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">{formatCount(e.quantity, lang)} {e.satuan}</Table.Td>
                  <Table.Td><EntryStatus entry={e} /></Table.Td>
                  <Table.Td>
                    <EvidenceLinks entry={e} />
                  </Table.Td>
                  <Table.Td>
                    <ThreadButton entry={e} onOpen={() => setThread(e.id)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {thread !== null && (
        <Suspense fallback={null}>
          <FeedbackDrawer workEntryId={thread} onClose={() => setThread(null)} assessorNip={props.assessorNip} defaultKind="request" />
        </Suspense>
      )}
    </Stack>
  );
}
