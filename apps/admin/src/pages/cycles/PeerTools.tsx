// Peers chosen automatically, for the region's admin while the cycle is a draft or open: who still lacks
// peers and why (assessment.lackingPeers), shown before a run; then the choice for the cycle or one unit with
// the units below it by the rule file's workflow.peers.assign (assessment.assignPeers), a job followed
// through assessment.peerJob to its result (assignments added, people still short).
import { Alert, Anchor, Button, Card, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Select } from "../../components/LazySelect";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { errorMessage } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { flattenUnits } from "../../lib/units";

type PeerJob = NonNullable<RouterOutputs["assessment"]["peerJob"]>;
type Lacking = RouterOutputs["assessment"]["lackingPeers"];
const SHOWN = 10;

const live = (job: PeerJob | null | undefined) => job?.status === "queued" || job?.status === "running";

function JobProgress(props: { job: PeerJob }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { job } = props;
  const percent = job.total === 0 ? (live(job) ? 0 : 100) : Math.round((job.done / job.total) * 100);
  return (
    <Stack gap={4} data-testid="peer-job">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600}>{t(`peerTools.status.${job.status}`)}</Text>
        <Text size="sm" c="dimmed">{t("peerTools.progress", { done: formatCount(job.done, lang), total: formatCount(job.total, lang) })}</Text>
      </Group>
      <Progress value={percent} animated={live(job)} aria-label={t("peerTools.progressLabel")} />
      {job.status === "succeeded" && (
        <Text size="sm" data-testid="peer-job-result">
          {t("peerTools.result", { added: formatCount(job.added, lang), count: job.added })} {t("peerTools.resultShort", { short: formatCount(job.short, lang), count: job.short })}
        </Text>
      )}
      {job.error && <Alert color="red" title={t("peerTools.failed")}>{job.error}</Alert>}
    </Stack>
  );
}

function LackingList(props: { lacking: Lacking }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [all, setAll] = useState(false);
  const { people, total, unsatisfiable } = props.lacking;
  if (total === 0) {
    return (
      <Text size="sm" c="teal.8" data-testid="lacking-count">
        {t("peerTools.noneLacking")}
      </Text>
    );
  }
  const shown = all ? people : people.slice(0, SHOWN);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} data-testid="lacking-count">
        {t("peerTools.lacking", { count: total, formatted: formatCount(total, lang) })}
        {unsatisfiable > 0 && ` ${t("peerTools.unsatisfiable", { count: unsatisfiable, formatted: formatCount(unsatisfiable, lang) })}`}
      </Text>
      <Stack gap={6} data-testid="lacking-peers" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {shown.map((p) => (
          <li key={p.employeeId} data-testid="lacking-person">
            <Text size="sm" fw={500} style={{ overflowWrap: "anywhere" }}>
              {p.nama} <Text span size="xs" c="dimmed">· {p.nip} · {p.unitName}</Text>
            </Text>
            <Text size="xs" c={p.satisfiable ? "dimmed" : "orange.9"} style={{ overflowWrap: "anywhere" }}>
              {p.reason}
            </Text>
          </li>
        ))}
      </Stack>
      {!all && people.length > SHOWN && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(true)}>
          {t("peerTools.showAll", { count: people.length })}
        </Anchor>
      )}
    </Stack>
  );
}

export function PeerTools(props: { cycleId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [unitId, setUnitId] = useState<string | null>(null);
  const units = useQuery(trpc.unit.tree.queryOptions({ regionId }));
  const lacking = useQuery(trpc.assessment.lackingPeers.queryOptions({ regionId, cycleId: props.cycleId, ...(unitId ? { unitId } : {}) }));
  const job = useQuery({
    ...trpc.assessment.peerJob.queryOptions({ regionId, cycleId: props.cycleId }),
    refetchInterval: (query) => (live(query.state.data) ? 1000 : false),
  });
  const start = useMutation(trpc.assessment.assignPeers.mutationOptions());
  const running = live(job.data);
  const finished = job.data && !running ? `${job.data.jobId}:${job.data.status}` : null;

  // Once a job ends, who lacks peers, the peers of each employee and the late list have changed.
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: trpc.assessment.lackingPeers.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.assessment.peers.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.assessment.peerAssignments.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.assessment.reminders.queryKey() });
  }, [finished, queryClient, trpc]);

  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">{t("peerTools.title")}</Title>
        <Text size="sm" c="dimmed">
          {lacking.data ? t("peerTools.rule", { count: lacking.data.count, min: lacking.data.min }) : t("peerTools.help")}
        </Text>
        <Select
          label={t("peerTools.unit")}
          description={t("peerTools.unitHelp")}
          placeholder={t("peerTools.wholeCycle")}
          searchable
          clearable
          data={flattenUnits(units.data ?? []).map((u) => ({ value: u.id, label: `${"\u2003".repeat(u.depth)}${u.name}` }))}
          value={unitId}
          onChange={setUnitId}
          nothingFoundMessage={t("common.nothingFound")}
          data-testid="peer-unit"
        />
        {lacking.error ? (
          <ErrorState error={lacking.error} onRetry={() => void lacking.refetch()} />
        ) : lacking.data ? (
          <LackingList key={unitId ?? ""} lacking={lacking.data} />
        ) : (
          <Loading rows={3} />
        )}
        <Group justify="flex-end">
          <Button
            disabled={running || lacking.data?.count === 0}
            loading={start.isPending}
            onClick={async () => {
              try {
                await start.mutateAsync({ regionId, cycleId: props.cycleId, ...(unitId ? { unitId } : {}) });
                await queryClient.invalidateQueries({ queryKey: trpc.assessment.peerJob.queryKey() });
              } catch (error) {
                notifyError({ title: t("peerTools.notStarted"), message: errorMessage(error, t) });
              }
            }}
          >
            {t("peerTools.start")}
          </Button>
        </Group>
        {job.data && <JobProgress job={job.data} />}
      </Stack>
    </Card>
  );
}
