// Follow-up (tindak lanjut) of the current results: each outcome type with how many employees it names
// and the rules that produced it (followUp.summary); then the chosen type's list. Training needs come
// grouped by topic with counts (followUp.training), ready for a training plan; every list downloads as
// XLSX or CSV.
import { Accordion, Badge, Code, Group, Stack, Table, Text, Title, UnstyledButton } from "@mantine/core";
import type { RuleFile } from "@kinerja/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/States";
import { currentLanguage } from "../../i18n";
import { formatCount, formatScore } from "../../lib/format";
import { useRegionId } from "../../lib/session";
import { useTRPC } from "../../lib/trpc";
import { flattenUnits, type UnitNode } from "../../lib/units";
import { FollowUpDownloads, ResultsPanel } from "./ResultsPanel";
import { Select } from "../../components/LazySelect";

export function TrainingPlan(props: { cycleId: string; units: UnitNode[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const [unitId, setUnitId] = useState<string | null>(null);
  const training = useQuery(trpc.followUp.training.queryOptions({ regionId, cycleId: props.cycleId, ...(unitId ? { unitId } : {}) }));
  const topics = training.data ?? [];
  const people = new Set(topics.flatMap((topic) => topic.employees.map((e) => e.employeeId))).size;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Select
          label={t("results.unit")}
          placeholder={t("results.all")}
          data={flattenUnits(props.units).map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${u.name}` }))}
          value={unitId}
          onChange={setUnitId}
          clearable
          searchable
          w={280}
        />
        <FollowUpDownloads cycleId={props.cycleId} type="pelatihan" unitId={unitId} />
      </Group>
      {training.isPending && <Loading rows={5} />}
      {training.error && <ErrorState error={training.error} onRetry={() => void training.refetch()} />}
      {training.data && topics.length === 0 && <EmptyState title={t("followUp.noTraining")}>{t("followUp.noTrainingHelp")}</EmptyState>}
      {topics.length > 0 && (
        <>
          <Text size="sm" data-testid="training-count">
            {t("followUp.trainingCount", { topics: topics.length, people: formatCount(people, lang) })}
          </Text>
          <Accordion variant="separated" multiple data-testid="training-topics">
            {topics.map((topic) => (
              <Accordion.Item key={topic.topic} value={topic.topic}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" pr="sm">
                    <Text fw={600} size="sm">{topic.topic}</Text>
                    <Badge variant="light" tt="none" className="tabular">{t("followUp.people", { count: topic.count, formatted: formatCount(topic.count, lang) })}</Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Table.ScrollContainer minWidth={640}>
                    <Table striped>
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>NIP</Table.Th>
                          <Table.Th>{t("results.name")}</Table.Th>
                          <Table.Th>{t("results.unit")}</Table.Th>
                          <Table.Th>{t("followUp.indicator")}</Table.Th>
                          <Table.Th ta="right">{t("followUp.indicatorScore")}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {topic.employees.map((e) => (
                          <Table.Tr key={`${e.employeeId}:${e.indicator}`}>
                            <Table.Td className="mono">{e.nip}</Table.Td>
                            <Table.Td>{e.nama}</Table.Td>
                            <Table.Td>{e.unitName}</Table.Td>
                            <Table.Td>{e.indicator}</Table.Td>
                            <Table.Td ta="right" className="tabular">{formatScore(e.score, lang)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      )}
    </Stack>
  );
}

export function FollowUpPanel(props: { cycleId: string; ruleFile: RuleFile | null; units: UnitNode[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const regionId = useRegionId();
  const lang = currentLanguage();
  const summary = useQuery(trpc.followUp.summary.queryOptions({ regionId, cycleId: props.cycleId }));
  const [chosen, setChosen] = useState<string | null>(null);
  if (summary.isPending) return <Loading rows={6} />;
  if (summary.error) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  if (summary.data.length === 0) return <EmptyState title={t("followUp.none")}>{t("followUp.noneHelp")}</EmptyState>;
  const type = chosen ?? summary.data[0]?.type ?? null;
  const typeLabel = (item: { type: string; label: string }) => t(`outcomes.${item.type}`, { defaultValue: item.label });
  return (
    <Stack>
      <Table.ScrollContainer minWidth={640}>
        <Table highlightOnHover data-testid="follow-up-summary">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("followUp.type")}</Table.Th>
              <Table.Th ta="right">{t("followUp.employees")}</Table.Th>
              <Table.Th>{t("followUp.rules")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.data.map((item) => (
              <Table.Tr key={item.type} bg={item.type === type ? "blue.0" : undefined}>
                <Table.Td>
                  <UnstyledButton onClick={() => setChosen(item.type)} aria-pressed={item.type === type} td="underline" fz="sm" fw={item.type === type ? 700 : 400}>
                    {typeLabel(item)}
                  </UnstyledButton>
                  {t(`followUp.kinds.${item.kind}`, { defaultValue: item.kindName }) !== typeLabel(item) && (
                    <Text size="xs" c="dimmed">{t(`followUp.kinds.${item.kind}`, { defaultValue: item.kindName })}</Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" className="tabular">{formatCount(item.employees, lang)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {item.rules.map((rule) => (
                      <Code key={rule}>{rule}</Code>
                    ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {type && (
        <Stack>
          <Title order={3} size="h5">
            {typeLabel(summary.data.find((i) => i.type === type) ?? { type, label: type })}
          </Title>
          {type === "pelatihan" ? (
            <TrainingPlan key={type} cycleId={props.cycleId} units={props.units} />
          ) : (
            <ResultsPanel key={type} cycleId={props.cycleId} ruleFile={props.ruleFile} units={props.units} followUpType={type} />
          )}
        </Stack>
      )}
    </Stack>
  );
}
