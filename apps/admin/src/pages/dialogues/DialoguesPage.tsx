// Performance dialogues during a cycle: an assessor picks one of their reports and records the coaching
// conversations held; an employee reads their own and rates how useful each was. Admins find anyone.
import { Grid, NavLink, ScrollArea, Stack, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmployeeSelect } from "../../components/EmployeePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentCycle, type Cycle } from "../../lib/cycles";
import { useRegionId, useSession } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { DialoguesPanel } from "./DialoguesPanel";
import { Select } from "../../components/LazySelect";

function Own(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const me = useQuery(trpc.employee.list.queryOptions({ regionId, limit: 1 }));
  const own = me.data?.items[0] ?? null;
  if (me.error) return <ErrorState error={me.error} />;
  if (me.isPending) return <Loading rows={4} />;
  if (!own) return <EmptyState title={t("dialogue.noRecord")}>{t("dialogue.noRecordHelp")}</EmptyState>;
  const open = props.cycle.status !== "finalised";
  return <DialoguesPanel cycleId={props.cycle.id} employeeId={own.id} employeeName={own.nama} periodLabel={props.cycle.periodLabel} canRecord={open} canRate={open} />;
}

function Reports(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const reports = useQuery(trpc.employee.list.queryOptions({ regionId, limit: 200 }));
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const list = (reports.data?.items ?? []).filter((e) => `${e.nama} ${e.nip}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const employee = reports.data?.items.find((e) => e.id === selected) ?? null;
  if (reports.error) return <ErrorState error={reports.error} />;
  if (reports.isPending) return <Loading rows={5} />;
  if (reports.data.items.length === 0) return <EmptyState title={t("dialogue.noReports")}>{t("dialogue.noReportsHelp")}</EmptyState>;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
        <Stack gap="xs">
          <TextInput type="search" aria-label={t("assess.filter")} placeholder={t("assess.filter")} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
          <ScrollArea.Autosize mah="65vh">
            <nav aria-label={t("dialogue.reports")}>
              {list.map((e) => (
                <NavLink key={e.id} label={e.nama} description={e.jabatan} active={e.id === selected} onClick={() => setSelected(e.id)} />
              ))}
            </nav>
          </ScrollArea.Autosize>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 8, lg: 9 }}>
        {employee ? (
          <DialoguesPanel key={employee.id} cycleId={props.cycle.id} employeeId={employee.id} employeeName={employee.nama} periodLabel={props.cycle.periodLabel} canRecord={props.cycle.status !== "finalised"} canRate={false} />
        ) : (
          <EmptyState title={t("dialogue.pickReport")}>{t("dialogue.pickReportHelp")}</EmptyState>
        )}
      </Grid.Col>
    </Grid>
  );
}

function Anyone(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const [employee, setEmployee] = useState<{ id: string; nama: string } | null>(null);
  return (
    <Stack>
      <EmployeeSelect label={t("dialogue.employee")} value={employee?.id ?? null} onChange={(id, e) => setEmployee(id && e ? { id, nama: e.nama } : null)} clearable />
      {employee ? (
        <DialoguesPanel key={employee.id} cycleId={props.cycle.id} employeeId={employee.id} employeeName={employee.nama} periodLabel={props.cycle.periodLabel} canRecord={props.cycle.status !== "finalised"} canRate={false} />
      ) : (
        <EmptyState title={t("dialogue.pickEmployee")} />
      )}
    </Stack>
  );
}

export default function DialoguesPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycle = cycles.data?.find((c) => c.id === cycleId) ?? (cycles.data ? currentCycle(cycles.data) : null);
  return (
    <Stack>
      <Title order={2}>{t("dialogue.title")}</Title>
      <Text c="dimmed">{user.role === "employee" ? t("dialogue.introEmployee") : t("dialogue.intro")}</Text>
      {cycles.error && <ErrorState error={cycles.error} />}
      {cycles.isPending && <Loading rows={5} />}
      {cycles.data?.length === 0 && <EmptyState title={t("plan.noCycle")}>{t("plan.noCycleHelp")}</EmptyState>}
      {cycles.data && cycles.data.length > 1 && cycle && (
        <Select label={t("assess.cycle")} data={cycles.data.map((c) => ({ value: c.id, label: `${c.name} (${c.periodLabel})` }))} value={cycle.id} onChange={setCycleId} allowDeselect={false} w={360} />
      )}
      {cycle && user.role === "employee" && <Own key={cycle.id} cycle={cycle} />}
      {cycle && user.role === "assessor" && <Reports key={cycle.id} cycle={cycle} />}
      {cycle && (user.role === "admin" || user.role === "operator") && <Anyone key={cycle.id} cycle={cycle} />}
    </Stack>
  );
}
