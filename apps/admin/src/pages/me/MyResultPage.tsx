// An employee's own result in each evaluated cycle, and why: the same step-by-step explanation the BKD sees.
import { Select, Stack, Text, Title } from "@mantine/core";
import type { Explanation } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ExplanationView } from "../../components/ExplanationView";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

function OwnResult(props: { cycleId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const mine = useQuery(trpc.result.list.queryOptions({ regionId, cycleId: props.cycleId, limit: 1 }));
  const employeeId = mine.data?.items[0]?.employeeId ?? null;
  const result = useQuery({ ...trpc.result.get.queryOptions({ regionId, cycleId: props.cycleId, employeeId: employeeId ?? "" }), enabled: employeeId !== null });
  if (mine.error ?? result.error) return <ErrorState error={mine.error ?? result.error} />;
  if (mine.isPending || (employeeId && result.isPending)) return <Loading rows={8} />;
  if (!employeeId) return <EmptyState title={t("me.noResult")}>{t("me.noResultHelp")}</EmptyState>;
  if (!result.data) return null;
  return <ExplanationView explanation={result.data.explanation as Explanation} />;
}

export default function MyResultPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const evaluated = (cycles.data ?? []).filter((c) => c.currentRunId !== null);
  const [cycleId, setCycleId] = useState<string | null>(null);
  const chosen = cycleId ?? evaluated[0]?.id ?? null;
  return (
    <Stack>
      <Title order={2}>{t("me.title")}</Title>
      <Text c="dimmed">{t("me.intro", { name: user.name })}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.isPending && <Loading rows={6} />}
      {cycles.data && evaluated.length === 0 && <EmptyState title={t("me.noCycle")}>{t("me.noCycleHelp")}</EmptyState>}
      {evaluated.length > 0 && (
        <Select label={t("me.cycle")} data={evaluated.map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))} value={chosen} onChange={setCycleId} allowDeselect={false} w={360} />
      )}
      {chosen && <OwnResult key={chosen} cycleId={chosen} />}
    </Stack>
  );
}
