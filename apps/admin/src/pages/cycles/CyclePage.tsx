// One cycle: its stage and the actions that move it on (open, evaluate, finalise); while it runs, the
// deadlines, peers and who is late; once evaluated, its results, the evaluation forum's calibration
// against the curve, follow-up lists and downloads.
import "./strings";
import { Anchor, Badge, Button, Card, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { predikatLabel, type RuleFile } from "@kinerja/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CycleStages } from "../../components/CycleStages";
import { ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { STAGE_COLORS, type Cycle } from "../../lib/cycles";
import { resultsExport } from "../../lib/downloads";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { formatDateTime } from "../../lib/format";
import { hasRole, MANAGERS, useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ResultsPanel } from "./ResultsPanel";
import { RunPanel } from "./RunPanel";

// The tabs after the results and the finalise dialog load when first opened: each carries its own forms, tables and chart.
const CalibrationPanel = lazy(() => import("./CalibrationPanel").then((module) => ({ default: module.CalibrationPanel })));
const FinaliseDialog = lazy(() => import("./FinaliseDialog").then((module) => ({ default: module.FinaliseDialog })));
const ConductPanel = lazy(() => import("./ConductPanel").then((module) => ({ default: module.ConductPanel })));
const FollowUpPanel = lazy(() => import("./FollowUpPanel").then((module) => ({ default: module.FollowUpPanel })));

function StageActions(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const { cycle } = props;
  const open = useMutation(trpc.cycle.open.mutationOptions());
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.cycle.pathKey() });
  return (
    <Group align="flex-start">
      {cycle.status === "draft" && (
        <Button
          loading={open.isPending}
          onClick={async () => {
            try {
              await open.mutateAsync({ regionId, id: cycle.id });
              await refresh();
              notifications.show({ color: "teal", message: t("cycle.opened") });
            } catch (error) {
              notifyError({ message: errorMessage(error, t) });
            }
          }}
        >
          {t("cycle.open")}
        </Button>
      )}
      <RunPanel cycle={cycle} />
      {cycle.status === "evaluated" && (
        <Button color="teal" variant="light" onClick={() => setConfirming(true)}>
          {t("cycle.finalise")}
        </Button>
      )}
      {confirming && (
        <Suspense fallback={null}>
          <FinaliseDialog cycle={cycle} opened onClose={() => setConfirming(false)} />
        </Suspense>
      )}
    </Group>
  );
}

export default function CyclePage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const lang = currentLanguage();
  const { cycleId = "" } = useParams();
  const manager = hasRole(user, ...MANAGERS);
  const cycle = useQuery(trpc.cycle.get.queryOptions({ regionId, id: cycleId }));
  const ruleSet = useQuery({ ...trpc.ruleSet.get.queryOptions({ regionId, id: cycle.data?.ruleSetVersionId ?? "" }), enabled: Boolean(cycle.data) });
  const units = useQuery(trpc.unit.tree.queryOptions({ regionId }));
  const runs = useQuery({ ...trpc.cycle.runs.queryOptions({ regionId, id: cycleId }), enabled: manager });
  // Until someone picks a tab: the results once there are any, else the running of the cycle.
  const [picked, setPicked] = useState<string | null>(null);

  if (cycle.error) return <ErrorState error={cycle.error} onRetry={() => void cycle.refetch()} />;
  if (cycle.isPending) return <Loading rows={8} />;
  const c = cycle.data;
  const current = runs.data?.find((r) => r.current) ?? null;
  const ruleFile = (ruleSet.data?.content ?? null) as RuleFile | null;
  const evaluated = c.currentRunId !== null;
  const tab = picked ?? (evaluated ? "results" : "conduct");
  const labelOf = (id: string | null) => predikatLabel({ predikat: ruleFile?.predikat ?? [] }, id) ?? "–";

  return (
    <Stack>
      <Anchor component={Link} to="/cycles" size="sm">
        ← {t("cycle.back")}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{c.name}</Title>
          <Group gap="xs">
            <Badge color={STAGE_COLORS[c.status]} data-testid="cycle-status">
              {t(`cycle.status.${c.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {c.periodLabel} · {t(`cycle.kind.${c.periodKind}`)}
              {ruleSet.data ? ` · ${t("cycle.rules", { version: ruleSet.data.version, name: ruleSet.data.name })}` : ""}
            </Text>
          </Group>
          {current && (
            <Text size="xs" c="dimmed">
              {t("cycle.currentRun", { version: current.version, total: current.total, at: formatDateTime(current.completedAt, lang) })}
            </Text>
          )}
        </div>
        {c.currentRunId && (
          <Group gap="xs">
            <Button component="a" href={resultsExport(c.id, regionId, "xlsx")} variant="default" size="sm" download>
              {t("cycle.exportXlsx")}
            </Button>
            <Button component="a" href={resultsExport(c.id, regionId, "csv")} variant="default" size="sm" download>
              {t("cycle.exportCsv")}
            </Button>
          </Group>
        )}
      </Group>
      {manager && (
        <Card withBorder padding="md">
          <Stack>
            <CycleStages status={c.status} />
            <StageActions cycle={c} />
          </Stack>
        </Card>
      )}
      {!evaluated && (
        <Card withBorder>
          <Text ta="center" c="dimmed" py="sm">
            {c.status === "draft" ? t("cycle.draftHelp") : t("cycle.notEvaluatedHelp")}
          </Text>
        </Card>
      )}
      <Tabs value={tab} onChange={setPicked}>
        <Tabs.List>
          {evaluated && <Tabs.Tab value="results">{t("cycle.tabs.results")}</Tabs.Tab>}
          <Tabs.Tab value="conduct">{t("cycle.tabs.conduct")}</Tabs.Tab>
          {evaluated && <Tabs.Tab value="calibration">{t("cycle.tabs.calibration")}</Tabs.Tab>}
          {evaluated && <Tabs.Tab value="followUps">{t("cycle.tabs.followUps")}</Tabs.Tab>}
        </Tabs.List>
        {evaluated && (
          <Tabs.Panel value="results" pt="md">
            <ResultsPanel key={c.currentRunId} cycleId={c.id} ruleFile={ruleFile} units={units.data ?? []} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="conduct" pt="md">
          <Suspense fallback={<Loading rows={6} />}>
            {tab === "conduct" && <ConductPanel cycle={c} ruleContent={ruleSet.data?.content ?? null} />}
          </Suspense>
        </Tabs.Panel>
        {evaluated && (
          <Tabs.Panel value="calibration" pt="md">
            <Suspense fallback={<Loading rows={6} />}>
              {tab === "calibration" && (
                <CalibrationPanel
                  cycleId={c.id}
                  editable={manager && c.status !== "finalised"}
                  canRecord={c.status === "evaluated"}
                  manager={manager}
                  units={units.data ?? []}
                  predikatLabel={labelOf}
                />
              )}
            </Suspense>
          </Tabs.Panel>
        )}
        {evaluated && (
          <Tabs.Panel value="followUps" pt="md">
            <Suspense fallback={<Loading rows={6} />}>
              {tab === "followUps" && <FollowUpPanel key={c.currentRunId} cycleId={c.id} ruleFile={ruleFile} units={units.data ?? []} />}
            </Suspense>
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
