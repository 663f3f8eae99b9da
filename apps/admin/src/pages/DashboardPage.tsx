// A region at a glance: the first steps for a new region, the current cycle's stage and figures, and its
// predikat distribution against the curve.
import { Anchor, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useLocalStorage } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CycleStages } from "../components/CycleStages";
import { DistributionChart } from "../components/LazyDistributionChart";
import { EmptyState, ErrorState, Loading } from "../components/States";
import { currentLanguage } from "../i18n";
import { currentCycle, STAGE_COLORS, type Cycle } from "../lib/cycles";
import { formatCount, formatDateTime } from "../lib/format";
import { totalNational } from "../lib/predikat";
import { useRegionId } from "../lib/session";
import { useTRPC } from "../lib/trpc";

function Figure(props: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {props.label}
      </Text>
      <Text size="xl" fw={700} className="tabular" data-testid={props.testId}>
        {props.value}
      </Text>
      {props.hint && (
        <Text size="xs" c="dimmed">
          {props.hint}
        </Text>
      )}
    </Card>
  );
}

export function FirstSteps(props: { published: boolean; employees: boolean; cycle: boolean; evaluated: boolean }) {
  const { t } = useTranslation();
  const regionId = useRegionId();
  const [hidden, setHidden] = useLocalStorage({ key: `kinerja.tour.${regionId}`, defaultValue: false });
  const steps = [
    { done: props.published, label: t("tour.rules"), help: t("tour.rulesHelp"), to: "/rules" },
    { done: props.employees, label: t("tour.employees"), help: t("tour.employeesHelp"), to: "/organisation" },
    { done: props.cycle, label: t("tour.cycle"), help: t("tour.cycleHelp"), to: "/cycles" },
    { done: props.evaluated, label: t("tour.evaluate"), help: t("tour.evaluateHelp"), to: "/cycles" },
  ];
  if (hidden || steps.every((s) => s.done)) return null;
  return (
    <Card withBorder padding="lg" bg="blue.0" data-testid="first-steps">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h4">
            {t("tour.title")}
          </Title>
          <Text size="sm">{t("tour.intro")}</Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/mulai" size="xs">
            {t("start.open")}
          </Button>
          <Button variant="subtle" size="xs" onClick={() => setHidden(true)}>
            {t("tour.hide")}
          </Button>
        </Group>
      </Group>
      <Stack gap="sm" mt="md" component="ol" style={{ listStyle: "none", padding: 0 }}>
        {steps.map((step, i) => (
          <li key={step.label}>
            <Group wrap="nowrap" align="flex-start">
              <Checkbox checked={step.done} readOnly aria-label={step.label} tabIndex={-1} mt={2} />
              <div>
                <Anchor component={Link} to={step.to} fw={600}>
                  {i + 1}. {step.label}
                </Anchor>
                <Text size="sm">{step.help}</Text>
              </div>
            </Group>
          </li>
        ))}
      </Stack>
    </Card>
  );
}

function CycleSummary(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const { cycle } = props;
  const runs = useQuery(trpc.cycle.runs.queryOptions({ regionId, id: cycle.id }));
  const distribution = useQuery({
    ...trpc.result.distribution.queryOptions({ regionId, cycleId: cycle.id }),
    enabled: cycle.currentRunId !== null,
  });
  const reminders = useQuery({ ...trpc.assessment.reminders.queryOptions({ regionId, cycleId: cycle.id }), enabled: cycle.status === "open" });
  const current = runs.data?.find((r) => r.current);
  const units = distribution.data?.units ?? [];
  const broken = units.filter((u) => u.broken > 0).length;
  return (
    <Stack>
      <Card withBorder padding="lg">
        <Group justify="space-between" mb="md">
          <div>
            <Title order={3} size="h4">
              {cycle.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t("dashboard.period", { label: cycle.periodLabel })} · {t(`cycle.kind.${cycle.periodKind}`)}
            </Text>
          </div>
          <Group>
            <Badge color={STAGE_COLORS[cycle.status]}>{t(`cycle.status.${cycle.status}`)}</Badge>
            <Button component={Link} to={`/cycles/${cycle.id}`} variant="light">
              {t("dashboard.viewCycle")}
            </Button>
          </Group>
        </Group>
        <CycleStages status={cycle.status} />
      </Card>
      <SimpleGrid cols={{ base: 1, xs: cycle.status === "open" ? 4 : 3 }}>
        <Figure
          label={t("dashboard.evaluated")}
          value={current ? formatCount(current.total, lang) : "–"}
          hint={current ? t("dashboard.runVersion", { version: current.version, at: formatDateTime(current.completedAt, lang) }) : t("dashboard.notEvaluated")}
          testId="figure-evaluated"
        />
        <Figure label={t("dashboard.units")} value={formatCount(units.length, lang)} hint={t("dashboard.unitsHint")} />
        {cycle.status === "open" && (
          <Figure
            label={t("dashboard.lateSheets")}
            value={reminders.data ? formatCount(reminders.data.late.length, lang) : "–"}
            hint={reminders.data ? t("dashboard.missingPeers", { count: reminders.data.missingPeers.length }) : undefined}
            testId="figure-late"
          />
        )}
        <Figure
          label={t("dashboard.unitsBroken")}
          value={distribution.data ? formatCount(broken, lang) : "–"}
          hint={distribution.data ? t(`dashboard.enforcement.${distribution.data.enforcement}`) : undefined}
        />
      </SimpleGrid>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="sm">
          {t("dashboard.distribution")}
        </Title>
        {cycle.currentRunId === null && <EmptyState title={t("dashboard.noResults")}>{t("dashboard.noResultsHelp")}</EmptyState>}
        {distribution.isPending && cycle.currentRunId !== null && <Loading rows={6} />}
        {distribution.error && <ErrorState error={distribution.error} onRetry={() => void distribution.refetch()} />}
        {distribution.data && <DistributionChart counts={totalNational(units)} organisation="baik" />}
      </Card>
    </Stack>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const regions = useQuery(trpc.region.list.queryOptions());
  const versions = useQuery(trpc.ruleSet.list.queryOptions({ regionId }));
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const region = regions.data?.find((r) => r.id === regionId);
  const cycle = cycles.data ? currentCycle(cycles.data) : null;
  const error = regions.error ?? versions.error ?? cycles.error;

  return (
    <Stack>
      <Title order={2}>{region ? t("dashboard.title", { region: region.name }) : t("nav.dashboard")}</Title>
      {error && <ErrorState error={error} />}
      {(regions.isPending || versions.isPending || cycles.isPending) && !error && <Loading rows={6} />}
      {region && versions.data && cycles.data && (
        <>
          <FirstSteps
            published={versions.data.some((v) => v.status === "published")}
            employees={region.employees > 0}
            cycle={cycles.data.length > 0}
            evaluated={cycles.data.some((c) => c.currentRunId !== null)}
          />
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Figure label={t("dashboard.employees")} value={formatCount(region.employees, lang)} testId="figure-employees" />
            <Figure label={t("dashboard.unitCount")} value={formatCount(region.units, lang)} />
            <Figure
              label={t("dashboard.ruleVersion")}
              value={(() => {
                const published = versions.data.find((v) => v.status === "published");
                return published ? `v${published.version}` : "–";
              })()}
              hint={versions.data.find((v) => v.status === "published")?.name}
            />
          </SimpleGrid>
          {cycle ? (
            <CycleSummary cycle={cycle} />
          ) : (
            <Card withBorder>
              <EmptyState
                title={t("dashboard.noCycle")}
                action={
                  <Button component={Link} to="/cycles">
                    {t("dashboard.createCycle")}
                  </Button>
                }
              >
                {t("dashboard.noCycleHelp")}
              </EmptyState>
            </Card>
          )}
        </>
      )}
    </Stack>
  );
}

export default DashboardPage;
