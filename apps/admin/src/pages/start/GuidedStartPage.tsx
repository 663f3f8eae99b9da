// A new region's first hour, one step at a time: rules from a national baseline, units and employees,
// accounts for them, the first cycle. What is done is read from the server (region.guidedStart), so the
// page picks up where the admin left off, on any device.
import { Alert, Anchor, Badge, Button, Card, Group, Radio, Stack, Stepper, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { currentLanguage } from "../../i18n";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { ImportPanel } from "../organisation/ImportPanel";

// The cycle's form (and the cycle list's tables it comes with) loads when its step is reached.
const CreateCycleForm = lazy(() => import("../cycles/CyclesPage").then((module) => ({ default: module.CreateCycleForm })));

const STEPS = ["rules", "people", "accounts", "cycle"] as const;

function RulesStep(props: { draft: { id: string; version: number; name: string; revision: number } | null; baselines: Array<{ id: string; name: string; description: string; legalBasis: string[]; effectiveDate: string | null }> }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState<string>(props.baselines[0]?.id ?? "");
  const start = useMutation(trpc.ruleSet.startFromBaseline.mutationOptions());
  const publish = useMutation(trpc.ruleSet.publish.mutationOptions());
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.region.guidedStart.queryKey({ regionId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.ruleSet.list.queryKey({ regionId }) }),
    ]);
  if (props.draft) {
    const draft = props.draft;
    return (
      <Stack>
        <Text>{t("start.draftReady", { name: draft.name, version: draft.version })}</Text>
        <Text size="sm" c="dimmed">
          {t("start.draftHelp")}
        </Text>
        <Group>
          <Button
            loading={publish.isPending}
            onClick={async () => {
              await publish.mutateAsync({ regionId, id: draft.id, revision: draft.revision }).catch(() => null);
              await refresh();
            }}
          >
            {t("start.publish")}
          </Button>
          <Button component={Link} to="/rules" variant="light">
            {t("start.editRules")}
          </Button>
        </Group>
        {publish.error && <Alert color="red" title={t("start.notPublished")}>{errorMessage(publish.error, t)}</Alert>}
      </Stack>
    );
  }
  return (
    <Stack>
      <Text>{t("start.rulesIntro")}</Text>
      <Radio.Group value={baseline} onChange={setBaseline} label={t("start.baseline")} name="baseline">
        <Stack gap="sm" mt="xs">
          {props.baselines.map((b) => (
            <Card key={b.id} withBorder padding="sm" component="label" style={{ cursor: "pointer" }}>
              <Group wrap="nowrap" align="flex-start">
                <Radio value={b.id} aria-label={b.name} mt={4} />
                <div>
                  <Text fw={600}>{b.name}</Text>
                  <Text size="sm" lineClamp={3}>
                    {b.description}
                  </Text>
                  {b.legalBasis[0] && (
                    <Text size="xs" c="dimmed">
                      {b.legalBasis[0]}
                      {b.effectiveDate ? ` · ${t("start.effective", { date: b.effectiveDate })}` : ""}
                    </Text>
                  )}
                </div>
              </Group>
            </Card>
          ))}
        </Stack>
      </Radio.Group>
      <Group>
        <Button
          disabled={!baseline}
          loading={start.isPending}
          onClick={async () => {
            await start.mutateAsync({ regionId, baseline }).catch(() => null);
            await refresh();
          }}
        >
          {t("start.useBaseline")}
        </Button>
      </Group>
      {start.error && <ErrorState error={start.error} />}
    </Stack>
  );
}

export default function GuidedStartPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const status = useQuery(trpc.region.guidedStart.queryOptions({ regionId }));
  const [viewing, setViewing] = useState<number | null>(null);
  if (status.isPending) return <Loading rows={6} />;
  if (status.error) return <ErrorState error={status.error} />;
  const s = status.data;
  const done = { rules: s.rules.published !== null, people: s.employees > 0, accounts: s.employees > 0 && s.employeesWithoutAccount === 0, cycle: s.cycles > 0 };
  const next = s.next === null ? STEPS.length : STEPS.indexOf(s.next);
  const active = viewing ?? next;
  return (
    <Stack maw={960}>
      <div>
        <Title order={2}>{t("start.title", { region: s.regionName })}</Title>
        <Text c="dimmed">{t("start.intro")}</Text>
      </div>
      <Stepper active={active} onStepClick={setViewing} orientation="vertical" allowNextStepsSelect={false} data-testid="guided-start">
        <Stepper.Step
          label={t("start.rules")}
          description={done.rules ? t("start.rulesDone", { name: s.rules.published?.name, version: s.rules.published?.version }) : t("start.rulesHelp")}
          data-done={done.rules}
        >
          {done.rules ? (
            <Text>
              {t("start.rulesDone", { name: s.rules.published?.name, version: s.rules.published?.version })}{" "}
              <Anchor component={Link} to="/rules">
                {t("start.editRules")}
              </Anchor>
            </Text>
          ) : (
            <RulesStep draft={s.rules.draft} baselines={s.baselines} />
          )}
        </Stepper.Step>
        <Stepper.Step label={t("start.people")} description={t("start.peopleCounts", { units: formatCount(s.units, lang), employees: formatCount(s.employees, lang) })} data-done={done.people}>
          <Stack>
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="xs">
                {t("start.unitsTitle")}
              </Title>
              <ImportPanel kind="units" onImported={() => setViewing(1)} />
            </Card>
            <Card withBorder padding="md">
              <Title order={3} size="h5" mb="xs">
                {t("start.employeesTitle")}
              </Title>
              <ImportPanel onImported={() => setViewing(1)} />
            </Card>
            {done.people && (
              <Group>
                <Button onClick={() => setViewing(null)}>{t("start.continue")}</Button>
              </Group>
            )}
          </Stack>
        </Stepper.Step>
        <Stepper.Step
          label={t("start.accounts")}
          description={done.accounts ? t("start.accountsDone") : t("start.accountsLeft", { count: s.employeesWithoutAccount })}
          data-done={done.accounts}
        >
          <Stack>
            <Text>{done.accounts ? t("start.accountsDone") : t("start.accountsHelp", { count: s.employeesWithoutAccount })}</Text>
            <Group>
              <Button component={Link} to="/accounts">
                {t("start.toAccounts")}
              </Button>
              {!done.accounts && (
                <Button variant="subtle" onClick={() => setViewing(3)}>
                  {t("start.later")}
                </Button>
              )}
            </Group>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label={t("start.cycle")} description={done.cycle ? t("start.cycleDone", { count: s.cycles }) : t("start.cycleHelp")} data-done={done.cycle}>
          {done.cycle ? (
            <Button component={Link} to="/cycles">
              {t("start.toCycles")}
            </Button>
          ) : (
            <Suspense fallback={<Loading rows={3} />}>
              <CreateCycleForm onDone={(id) => navigate(`/cycles/${id}`)} />
            </Suspense>
          )}
        </Stepper.Step>
        <Stepper.Completed>
          <Alert color="teal" title={t("start.allDone")} data-testid="guided-start-done">
            <Group justify="space-between">
              <Text size="sm">{t("start.allDoneHelp")}</Text>
              <Badge color="teal">{t("start.ready")}</Badge>
            </Group>
            <Button mt="sm" component={Link} to="/">
              {t("start.toDashboard")}
            </Button>
          </Alert>
        </Stepper.Completed>
      </Stepper>
    </Stack>
  );
}
