// The sheets the signed-in person must write in an open cycle (assessment.tasks): an assessor's direct
// reports, an employee's self-assessment and the peers they were asked to rate; each with its state and
// deadline, opened into the sheet beside the rating guidance.
import { Badge, Grid, Group, NavLink, ScrollArea, Stack, Text, TextInput, Title } from "@mantine/core";
import { raterSourceTitle } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CyclePicker } from "../../components/CyclePicker";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { useRegionId, useSession } from "../../lib/session";
import { useTRPC, type RouterOutputs } from "../../lib/trpc";
import { AssessmentForm } from "./AssessmentForm";

type Task = RouterOutputs["assessment"]["tasks"][number];
const STATE_COLORS: Record<Task["state"], string> = { missing: "gray", draft: "blue", submitted: "teal" };

function taskKey(task: Task): string {
  return `${task.ratee.employeeId}:${task.source}`;
}

export default function MyAssessmentsPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const { user } = useSession();
  const cycles = useQuery(trpc.cycle.list.queryOptions({ regionId }));
  const open = (cycles.data ?? []).filter((c) => c.status === "open");
  const [cycleId, setCycleId] = useState<string | null>(null);
  const cycle = open.find((c) => c.id === cycleId) ?? open[0] ?? null;
  const tasks = useQuery({ ...trpc.assessment.tasks.queryOptions({ regionId, cycleId: cycle?.id ?? "" }), enabled: cycle !== null });
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const list = (tasks.data ?? []).filter((task) => `${task.ratee.nama} ${task.ratee.nip}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const task = tasks.data?.find((x) => taskKey(x) === selected) ?? null;
  const done = (tasks.data ?? []).filter((x) => x.state === "submitted").length;
  const error = cycles.error ?? tasks.error;

  return (
    <Stack>
      <Title order={2}>{t("assess.title")}</Title>
      <Text c="dimmed">{user.role === "employee" ? t("assess.introEmployee") : t("assess.intro")}</Text>
      {error && <ErrorState error={error} />}
      {(cycles.isPending || (cycle && tasks.isPending)) && <Loading rows={6} />}
      {cycles.data && open.length === 0 && <EmptyState title={t("assess.noOpenCycle")}>{t("assess.noOpenCycleHelp")}</EmptyState>}
      {cycle && tasks.data && (
        <>
          <CyclePicker cycles={open} value={cycle} onChange={setCycleId} />
          <Text size="sm" data-testid="task-progress">{t("assess.progress", { done, total: tasks.data.length })}</Text>
          {tasks.data.length === 0 ? (
            <EmptyState title={t("assess.noTasks")}>{t("assess.noTasksHelp")}</EmptyState>
          ) : (
            <Grid>
              <Grid.Col span={{ base: 12, sm: 4, lg: 3 }}>
                <Stack gap="xs">
                  <TextInput aria-label={t("assess.filter")} placeholder={t("assess.filter")} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} type="search" />
                  <ScrollArea.Autosize mah="65vh">
                    <nav aria-label={t("assess.team")}>
                      {list.map((x) => (
                        <NavLink
                          key={taskKey(x)}
                          label={x.ratee.nama}
                          description={
                            <Group gap={4} component="span">
                              <span>{raterSourceTitle(x.source, currentLanguage())}</span>
                              {x.daysLate ? <Text span size="xs" c="red.8">· {t("assess.late", { days: x.daysLate })}</Text> : null}
                            </Group>
                          }
                          rightSection={<Badge size="xs" color={STATE_COLORS[x.state]}>{t(`assess.state.${x.state}`)}</Badge>}
                          active={taskKey(x) === selected}
                          onClick={() => setSelected(taskKey(x))}
                        />
                      ))}
                    </nav>
                  </ScrollArea.Autosize>
                </Stack>
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 8, lg: 9 }}>
                {task ? (
                  <AssessmentForm key={`${cycle.id}-${taskKey(task)}`} cycleId={cycle.id} employeeId={task.ratee.employeeId} source={task.source} canReopen={user.role === "assessor" && task.source === "supervisor"} />
                ) : (
                  <EmptyState title={t("assess.pickReport")}>{t("assess.pickReportHelp")}</EmptyState>
                )}
              </Grid.Col>
            </Grid>
          )}
        </>
      )}
    </Stack>
  );
}
