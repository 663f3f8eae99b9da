// The signed-in employee's own SKP for a cycle: start it, write RHK rows and IKIs (cascading from the
// superior's plan), submit it to the assessor, and once approved log work against it.
import { Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { CyclePicker } from "../../components/CyclePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { PlanEditor } from "./PlanEditor";
import { toInput, type Plan, type RhkInput } from "./planInput";
import { PlanHeader } from "./PlanView";
import { EDITABLE } from "./planStatus";

// Work entries exist only under an approved plan: their form and list load with it.
const WorkEntries = lazy(() => import("./WorkEntries").then((module) => ({ default: module.WorkEntries })));

function OwnPlan(props: { plan: Plan; periodLabel: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const { plan } = props;
  const [rhk, setRhk] = useState<RhkInput[] | null>(null);
  const save = useMutation(trpc.plan.save.mutationOptions());
  const submit = useMutation(trpc.plan.submit.mutationOptions());
  const editable = EDITABLE.has(plan.status);
  const current = rhk ?? toInput(plan);
  const refresh = async () => {
    setRhk(null);
    await queryClient.invalidateQueries({ queryKey: trpc.plan.pathKey() });
  };
  const run = async (final: boolean) => {
    try {
      if (rhk) await save.mutateAsync({ regionId, id: plan.id, rhk });
      if (final) await submit.mutateAsync({ regionId, id: plan.id });
      await refresh();
      notifications.show({ color: "teal", message: final ? t("plan.submitted") : t("plan.saved") });
    } catch (error) {
      notifyError({ title: t("plan.notSaved"), message: errorMessage(error, t) });
    }
  };
  return (
    <Stack>
      <Card withBorder padding="lg">
        <PlanHeader plan={plan} />
      </Card>
      <PlanEditor rhk={current} superiorRhk={plan.superiorRhk} editable={editable} onChange={setRhk} />
      {editable && (
        <Group justify="flex-end">
          <Button variant="default" disabled={!rhk} loading={save.isPending && !submit.isPending} onClick={() => void run(false)}>
            {t("plan.save")}
          </Button>
          <Button loading={submit.isPending} disabled={current.length === 0} onClick={() => void run(true)}>
            {t("plan.submit")}
          </Button>
        </Group>
      )}
      {plan.status === "approved" && (
        <Card withBorder padding="lg">
          <Suspense fallback={<Loading rows={4} />}>
            <WorkEntries cycleId={plan.cycleId} periodLabel={props.periodLabel} canLog assessorNip={plan.assessorNip} />
          </Suspense>
        </Card>
      )}
    </Stack>
  );
}

export default function MyPlanPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const active = (cycles.data ?? []).filter((c) => c.status !== "finalised");
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycle = active.find((c) => c.id === cycleId) ?? active[0] ?? null;
  const plan = useQuery({ ...trpc.plan.get.queryOptions({ regionId, cycleId: cycle?.id ?? "" }), enabled: cycle !== null });
  const create = useMutation(trpc.plan.create.mutationOptions());
  return (
    <Stack>
      <Title order={2}>{t("plan.title")}</Title>
      <Text c="dimmed">{t("plan.intro")}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.isPending && <Loading rows={5} />}
      {cycles.data && active.length === 0 && <EmptyState title={t("plan.noCycle")}>{t("plan.noCycleHelp")}</EmptyState>}
      {cycle && <CyclePicker cycles={active} value={cycle} onChange={setCycleId} />}
      {plan.error && <ErrorState error={plan.error} />}
      {cycle && plan.isPending && <Loading rows={6} />}
      {cycle && plan.data === null && (
        <EmptyState
          title={t("plan.none")}
          action={
            <Button
              loading={create.isPending}
              onClick={async () => {
                try {
                  await create.mutateAsync({ regionId, cycleId: cycle.id });
                  await queryClient.invalidateQueries({ queryKey: trpc.plan.pathKey() });
                } catch (error) {
                  notifyError({ message: errorMessage(error, t) });
                }
              }}
            >
              {t("plan.start")}
            </Button>
          }
        >
          {t("plan.noneHelp")}
        </EmptyState>
      )}
      {plan.data && cycle && <OwnPlan key={plan.data.id} plan={plan.data} periodLabel={cycle.periodLabel} />}
    </Stack>
  );
}
