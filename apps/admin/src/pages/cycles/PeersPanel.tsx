// The peers (rekan kerja) who rate an employee in a cycle, chosen by the admin or the employee's assessor
// within the rules' workflow.peers min and max (assessment.peers, assessment.setPeers). Colleagues of the
// same unit are offered first; the employee, their superior and their reports never are, since they rate
// from another source. The rated employee never sees this list.
import { Badge, Button, Card, Group, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeMultiSelect, EmployeeSelect, employeeLabel } from "../../components/EmployeePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { errorMessage } from "../../lib/errors";
import { notifyError } from "../../lib/notify";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function PeersEditor(props: { cycleId: string; employeeId: string; editable: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const queryClient = useQueryClient();
  const employee = useQuery(trpc.employee.get.queryOptions({ regionId, id: props.employeeId }));
  const list = useQuery(trpc.assessment.peers.queryOptions({ regionId, cycleId: props.cycleId, employeeId: props.employeeId }));
  const save = useMutation(trpc.assessment.setPeers.mutationOptions());
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [wide, setWide] = useState(false);
  const saved = useMemo(() => list.data?.peers.map((p) => p.employeeId) ?? [], [list.data]);
  const known = useMemo(() => new Map((list.data?.peers ?? []).map((p) => [p.employeeId, employeeLabel(p)])), [list.data]);

  const error = employee.error ?? list.error;
  if (error) return <ErrorState error={error} onRetry={() => void list.refetch()} />;
  if (!employee.data || !list.data) return <Loading rows={3} />;
  const e = employee.data;
  const { min, max, peers } = list.data;
  const value = chosen ?? saved;
  const inRange = value.length >= min && value.length <= max;
  const changed = !sameSet(value, saved);

  return (
    <Stack gap="sm">
      <Text size="sm">
        {t("conduct.peersRule", { min, max })}
      </Text>
      {peers.length > 0 && (
        <Group gap={6} data-testid="peer-list">
          {peers.map((p) => (
            <Badge key={p.employeeId} variant="light" color={p.submitted ? "teal" : "gray"} tt="none">
              {p.nama} · {p.submitted ? t("conduct.peerSubmitted") : t("conduct.peerPending")}
            </Badge>
          ))}
        </Group>
      )}
      {props.editable && (
        <>
          <EmployeeMultiSelect
            label={t("conduct.choosePeers", { name: e.nama })}
            description={wide ? t("conduct.peersWholeRegion") : t("conduct.peersSameUnit")}
            value={value}
            known={known}
            onChange={setChosen}
            unitId={wide ? null : e.unitId}
            exclude={(c) => c.id === e.id || c.nip === e.atasanNip || c.atasanNip === e.nip}
            maxValues={max}
            error={value.length > 0 && !inRange ? t("conduct.peersOutOfRange", { count: value.length, min, max }) : undefined}
            data-testid="peer-select"
          />
          <Group justify="space-between">
            <Switch size="sm" label={t("conduct.searchWholeRegion")} checked={wide} onChange={(ev) => setWide(ev.currentTarget.checked)} />
            <Group gap="xs">
              <Text size="sm" c={inRange ? "dimmed" : "red.8"} aria-live="polite" data-testid="peer-count">
                {t("conduct.peersChosen", { count: value.length, min, max })}
              </Text>
              <Button
                disabled={!changed || !inRange}
                loading={save.isPending}
                onClick={async () => {
                  try {
                    await save.mutateAsync({ regionId, cycleId: props.cycleId, employeeId: e.id, peerIds: value });
                    setChosen(null);
                    await queryClient.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
                    await queryClient.invalidateQueries({ queryKey: trpc.cycle.progress.pathKey() });
                    notifications.show({ color: "teal", message: t("conduct.peersSaved", { name: e.nama }) });
                  } catch (err) {
                    notifyError({ title: t("conduct.peersNotSaved"), message: errorMessage(err, t) });
                  }
                }}
              >
                {t("conduct.savePeers")}
              </Button>
            </Group>
          </Group>
        </>
      )}
      {!props.editable && peers.length === 0 && <Text size="sm" c="dimmed">{t("conduct.noPeers")}</Text>}
    </Stack>
  );
}

/** An employee chosen elsewhere (from the search, or the list of those missing peers). */
export interface ChosenEmployee {
  id: string;
  label: string;
}

export function PeersPanel(props: { cycleId: string; editable: boolean; employee: ChosenEmployee | null; onEmployeeChange(employee: ChosenEmployee | null): void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={3} size="h5">{t("conduct.peers")}</Title>
        <Text size="sm" c="dimmed">{t("conduct.peersHelp")}</Text>
        <EmployeeSelect
          label={t("conduct.ratee")}
          value={props.employee?.id ?? null}
          valueLabel={props.employee?.label}
          onChange={(id, e) => props.onEmployeeChange(id ? { id, label: e ? employeeLabel(e) : (props.employee?.label ?? id) } : null)}
          clearable
          data-testid="peer-ratee"
        />
        {props.employee ? (
          <PeersEditor key={props.employee.id} cycleId={props.cycleId} employeeId={props.employee.id} editable={props.editable} />
        ) : (
          <EmptyState title={t("conduct.pickRatee")} />
        )}
      </Stack>
    </Card>
  );
}
