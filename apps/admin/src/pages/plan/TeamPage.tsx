// An assessor's (or admin's) review work: plans submitted for approval (approve, ask for a revision, or
// reject, with a note), and work entries to confirm or return; any entry's feedback thread, at any time.
import { Badge, Button, Card, Grid, Group, NavLink, SegmentedControl, Stack, Table, Tabs, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { PeriodMark } from "../../components/PeriodMark";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatCount } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { toInput } from "./planInput";
import { PlanHeader } from "./PlanView";
import { ENTRY_COLORS, PLAN_COLORS } from "./planStatus";
import { Select } from "../../components/LazySelect";
import { Modal } from "../../components/LazyModal";

// A report's plan loads its editor (read-only here) when one is opened; the feedback thread when an
// entry's thread is.
const PlanEditor = lazy(() => import("./PlanEditor").then((module) => ({ default: module.PlanEditor })));
const FeedbackDrawer = lazy(() => import("../feedback/FeedbackDrawer").then((module) => ({ default: module.FeedbackDrawer })));

type Decision = "approve" | "requestRevision" | "reject";
const ENTRY_FILTERS = ["submitted", "returned", "confirmed", "all"] as const;
type EntryFilter = (typeof ENTRY_FILTERS)[number];

function PlanReview(props: { planId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const plan = useQuery(trpc.plan.get.queryOptions({ regionId, id: props.planId }));
  const approve = useMutation(trpc.plan.approve.mutationOptions());
  const revise = useMutation(trpc.plan.requestRevision.mutationOptions());
  const reject = useMutation(trpc.plan.reject.mutationOptions());
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [note, setNote] = useState("");
  if (plan.isPending) return <Loading rows={6} />;
  if (plan.error) return <ErrorState error={plan.error} />;
  if (!plan.data) return null;
  const p = plan.data;
  const decide = async (decision: Decision) => {
    try {
      if (decision === "approve") await approve.mutateAsync({ regionId, id: p.id, ...(note.trim() ? { note: note.trim() } : {}) });
      if (decision === "requestRevision") await revise.mutateAsync({ regionId, id: p.id, note: note.trim() });
      if (decision === "reject") await reject.mutateAsync({ regionId, id: p.id, reason: note.trim() });
      setDeciding(null);
      setNote("");
      await queryClient.invalidateQueries({ queryKey: trpc.plan.pathKey() });
      notifications.show({ color: "teal", message: t(`plan.decided.${decision}`, { name: p.nama }) });
    } catch (error) {
      notifyError({ message: errorMessage(error, t) });
    }
  };
  return (
    <Stack>
      <Card withBorder padding="lg">
        <PlanHeader plan={p} />
      </Card>
      <Suspense fallback={<Loading rows={4} />}>
        <PlanEditor rhk={toInput(p)} superiorRhk={p.superiorRhk} editable={false} onChange={() => undefined} />
      </Suspense>
      {p.status === "submitted" && (
        <Group justify="flex-end">
          <Button color="red" variant="light" onClick={() => setDeciding("reject")}>{t("plan.reject")}</Button>
          <Button color="orange" variant="light" onClick={() => setDeciding("requestRevision")}>{t("plan.requestRevision")}</Button>
          <Button color="teal" onClick={() => setDeciding("approve")}>{t("plan.approve")}</Button>
        </Group>
      )}
      <Modal opened={deciding !== null} onClose={() => setDeciding(null)} title={deciding ? t(`plan.${deciding}`) : ""}>
        <Stack>
          <Textarea label={deciding === "approve" ? t("plan.noteOptional") : t("plan.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button
              disabled={deciding !== "approve" && !note.trim()}
              loading={approve.isPending || revise.isPending || reject.isPending}
              onClick={() => deciding && void decide(deciding)}
            >
              {t("plan.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function EntriesToReview(props: { cycleId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const lang = currentLanguage();
  const [status, setStatus] = useState<EntryFilter>("submitted");
  const list = useInfiniteQuery(
    trpc.workEntry.list.infiniteQueryOptions(
      { regionId, cycleId: props.cycleId, limit: 50, ...(status !== "all" ? { status } : {}) },
      { getNextPageParam: (p) => p.nextCursor },
    ),
  );
  const confirm = useMutation(trpc.workEntry.confirm.mutationOptions());
  const giveBack = useMutation(trpc.workEntry.return.mutationOptions());
  const [returning, setReturning] = useState<string | null>(null);
  const [thread, setThread] = useState<string | null>(null);
  const [note, setNote] = useState("");
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.workEntry.pathKey() });
  const filter = (
    <SegmentedControl
      aria-label={t("work.status")}
      value={status}
      onChange={(v) => setStatus(v as EntryFilter)}
      data={ENTRY_FILTERS.map((s) => ({ value: s, label: s === "all" ? t("results.all") : t(`work.state.${s}`) }))}
    />
  );
  if (list.isPending) return <Stack>{filter}<Loading rows={5} /></Stack>;
  if (list.error) return <Stack>{filter}<ErrorState error={list.error} /></Stack>;
  if (rows.length === 0) {
    return (
      <Stack>
        {filter}
        {status === "submitted" ? <EmptyState title={t("team.noEntries")}>{t("team.noEntriesHelp")}</EmptyState> : <EmptyState title={t("team.noEntriesWith")} />}
      </Stack>
    );
  }
  return (
    <Stack>
      {filter}
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid="entries-to-review">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("work.date")}</Table.Th>
              <Table.Th>{t("work.description")}</Table.Th>
              <Table.Th ta="right">{t("work.quantity")}</Table.Th>
              <Table.Th>{t("work.status")}</Table.Th>
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
                  <Text size="xs" c="dimmed">{e.ikiText} · {t("team.evidenceCount", { count: e.evidence.length })}</Text>
                </Table.Td>
                <Table.Td ta="right" className="tabular">{formatCount(e.quantity, lang)} {e.satuan}</Table.Td>
                <Table.Td><Badge color={ENTRY_COLORS[e.status]}>{t(`work.state.${e.status}`)}</Badge></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {e.status === "submitted" && (
                      <>
                        <Button
                          size="compact-xs"
                          color="teal"
                          onClick={async () => {
                            try {
                              await confirm.mutateAsync({ regionId, id: e.id });
                              await refresh();
                            } catch (error) {
                              notifyError({ message: errorMessage(error, t) });
                            }
                          }}
                        >
                          {t("team.confirm")}
                        </Button>
                        <Button size="compact-xs" variant="light" color="orange" onClick={() => setReturning(e.id)}>
                          {t("team.return")}
                        </Button>
                      </>
                    )}
                    <Button size="compact-xs" variant="default" onClick={() => setThread(e.id)} aria-label={t("feedback.openFor", { entry: e.description })}>{t("feedback.button")}</Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={returning !== null} onClose={() => setReturning(null)} title={t("team.returnTitle")}>
        <Stack>
          <Textarea label={t("plan.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          <Group justify="flex-end">
            <Button disabled={!note.trim()} loading={giveBack.isPending} onClick={async () => {
              if (!returning) return;
              try {
                await giveBack.mutateAsync({ regionId, id: returning, note: note.trim() });
                setReturning(null);
                setNote("");
                await refresh();
              } catch (error) {
                notifyError({ message: errorMessage(error, t) });
              }
            }}>{t("team.return")}</Button>
          </Group>
        </Stack>
      </Modal>
      {thread !== null && (
        <Suspense fallback={null}>
          <FeedbackDrawer workEntryId={thread} onClose={() => setThread(null)} defaultKind="feedback" />
        </Suspense>
      )}
    </Stack>
  );
}

export default function TeamPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const active = (cycles.data ?? []).filter((c) => c.status !== "finalised");
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycle = active.find((c) => c.id === cycleId) ?? active[0] ?? null;
  const [status, setStatus] = useState<string>("submitted");
  const plans = useQuery({ ...trpc.plan.list.queryOptions({ regionId, cycleId: cycle?.id ?? "", limit: 200, ...(status !== "all" ? { status: status as "submitted" } : {}) }), enabled: cycle !== null });
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2}>{t("team.title")}</Title>
      <Text c="dimmed">{t("team.intro")}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.isPending && <Loading rows={5} />}
      {cycles.data && active.length === 0 && <EmptyState title={t("plan.noCycle")}>{t("plan.noCycleHelp")}</EmptyState>}
      {cycle && (
        <Tabs defaultValue="plans">
          <Tabs.List>
            <Tabs.Tab value="plans">{t("team.plans")}</Tabs.Tab>
            <Tabs.Tab value="entries">{t("team.entries")}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="plans" pt="md">
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
                <Stack gap="xs">
                  {active.length > 1 && <Select aria-label={t("assess.cycle")} data={active.map((c) => ({ value: c.id, label: c.name }))} value={cycle.id} onChange={setCycleId} allowDeselect={false} />}
                  <Select
                    aria-label={t("team.statusFilter")}
                    data={["submitted", "revision", "rejected", "approved", "draft", "all"].map((s) => ({ value: s, label: s === "all" ? t("results.all") : t(`plan.status.${s}`) }))}
                    value={status}
                    onChange={(v) => v && setStatus(v)}
                    allowDeselect={false}
                  />
                  {plans.error && <ErrorState error={plans.error} />}
                  {plans.data?.items.length === 0 && <Text size="sm" c="dimmed">{t("team.noPlans")}</Text>}
                  <nav aria-label={t("team.plans")}>
                    {plans.data?.items.map((p) => (
                      <NavLink key={p.id} label={p.nama} description={p.jabatan} active={p.id === selected} onClick={() => setSelected(p.id)} rightSection={<Badge size="xs" color={PLAN_COLORS[p.status]}>{t(`plan.status.${p.status}`)}</Badge>} />
                    ))}
                  </nav>
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, lg: 9 }}>
                {selected ? <PlanReview key={selected} planId={selected} /> : <EmptyState title={t("team.pickPlan")} />}
              </Grid.Col>
            </Grid>
          </Tabs.Panel>
          <Tabs.Panel value="entries" pt="md">
            <EntriesToReview cycleId={cycle.id} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
