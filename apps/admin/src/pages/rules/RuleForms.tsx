// The rule file as forms, for the parts a BKD admin changes most: identity, rater and axis weights with
// live totals, indicators, scales and their guidance, predikat, decision tables, outcome rules and test
// cases. Every change rewrites the JSON, which stays the one source of truth.
import {
  Accordion,
  ActionIcon,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import {
  AXES,
  NATIONAL_PREDIKAT,
  RATER_SOURCES,
  raterSourceTitle,
  type CaseResult,
  type DecisionTable,
  type Indicator,
  type OutcomeRule,
  type RuleFile,
  type TestCase,
} from "@kinerja/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n";
import { nationalLabel } from "../../lib/predikat";
import { JsonField } from "./JsonField";
import { weightTotal, WeightTotal } from "./WeightTotal";

export type Update = (change: (draft: RuleFile) => void) => void;

function RemoveButton(props: { label: string; onClick(): void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={props.label} title={props.label} onClick={props.onClick}>
      <span aria-hidden="true">✕</span>
    </ActionIcon>
  );
}

function num(value: string | number): number {
  return typeof value === "number" ? value : Number(value) || 0;
}

function Section(props: { value: string; title: string; badge?: ReactNode; children: ReactNode }) {
  return (
    <Accordion.Item value={props.value}>
      <Accordion.Control>
        <Group gap="sm">
          <Text fw={600}>{props.title}</Text>
          {props.badge}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>{props.children}</Accordion.Panel>
    </Accordion.Item>
  );
}

function Identity(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { file, update } = props;
  return (
    <Stack>
      <TextInput label={t("rules.form.name")} value={file.name} onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.name = v; }); }} />
      <Textarea
        label={t("rules.form.description")}
        autosize
        minRows={2}
        maxRows={5}
        value={file.description ?? ""}
        onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.description = v; }); }}
      />
      <TextInput
        label={t("rules.form.effectiveDate")}
        description="YYYY-MM-DD"
        value={file.effectiveDate ?? ""}
        onChange={(e) => { const v = e.currentTarget.value; update((d) => { d.effectiveDate = v; }); }}
      />
    </Stack>
  );
}

function RaterWeights(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { update } = props;
  const weights = props.file.raters?.weights ?? {};
  const used = RATER_SOURCES.filter((s) => weights[s] !== undefined);
  const unused = RATER_SOURCES.filter((s) => weights[s] === undefined);
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t("rules.form.ratersHelp")}</Text>
      <Group align="flex-end">
        {used.map((source) => (
          <Group key={source} gap={4} align="flex-end" wrap="nowrap">
            <NumberInput
              label={raterSourceTitle(source, currentLanguage())}
              value={weights[source]}
              min={0}
              max={100}
              w={190}
              onChange={(v) => update((d) => { d.raters = { ...d.raters, weights: { ...d.raters?.weights, [source]: num(v) } }; })}
            />
            <RemoveButton
              label={t("rules.form.removeSource", { source: raterSourceTitle(source, currentLanguage()) })}
              onClick={() => update((d) => {
                const next = { ...d.raters?.weights };
                delete next[source];
                d.raters = { ...d.raters, weights: next };
              })}
            />
          </Group>
        ))}
        {unused.length > 0 && (
          <Select
            aria-label={t("rules.form.addSource")}
            placeholder={t("rules.form.addSource")}
            data={unused.map((s) => ({ value: s, label: raterSourceTitle(s, currentLanguage()) }))}
            value={null}
            w={200}
            onChange={(s) => s && update((d) => { d.raters = { ...d.raters, weights: { ...d.raters?.weights, [s]: 0 } }; })}
          />
        )}
      </Group>
      <WeightTotal label={t("rules.form.raterWeights")} total={weightTotal(used.map((s) => weights[s]))} testId="rater-total" />
      <Select
        label={t("rules.form.missingRater")}
        data={[
          { value: "renormalise", label: t("rules.form.missing.renormalise") },
          { value: "refuse", label: t("rules.form.missing.refuse") },
        ]}
        value={props.file.raters?.missing ?? "renormalise"}
        onChange={(v) => v && update((d) => { d.raters = { weights: d.raters?.weights ?? {}, missing: v as "renormalise" | "refuse" }; })}
        w={360}
      />
    </Stack>
  );
}

function AxisWeights(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const axes = props.file.axes ?? {};
  return (
    <Stack>
      <Text size="sm" c="dimmed">{t("rules.form.axesHelp")}</Text>
      <Group align="flex-end">
        {AXES.map((axis) => (
          <NumberInput
            key={axis}
            label={t(`axes.${axis}`)}
            value={axes[axis] ?? ""}
            min={0}
            max={100}
            w={160}
            onChange={(v) => props.update((d) => { d.axes = { ...d.axes, [axis]: num(v) }; })}
          />
        ))}
      </Group>
      {Object.keys(axes).length > 0 && <WeightTotal label={t("rules.form.axisWeights")} total={weightTotal(AXES.map((a) => axes[a]))} testId="axis-total" />}
    </Stack>
  );
}

function scaleOptions(file: RuleFile): string[] {
  return Object.keys(file.scales ?? {});
}

function IndicatorRow(props: { file: RuleFile; setIndex: number; index: number; indicator: Indicator; update: Update }) {
  const { t } = useTranslation();
  const { indicator, setIndex, index, update } = props;
  const set = (change: (i: Indicator) => void) =>
    update((d) => {
      const target = d.indicatorSets?.[setIndex]?.indicators[index];
      if (target) change(target);
    });
  return (
    <Card withBorder padding="sm">
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <TextInput label={t("rules.form.indicatorName")} value={indicator.name} onChange={(e) => { const v = e.currentTarget.value; set((i) => { i.name = v; }); }} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <Select
            label={t("rules.form.axis")}
            data={AXES.map((a) => ({ value: a, label: t(`axes.${a}`) }))}
            value={indicator.axis}
            allowDeselect={false}
            onChange={(v) => v && set((i) => { i.axis = v as Indicator["axis"]; })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 4, md: 2 }}>
          <NumberInput
            label={t("rules.form.weight")}
            value={indicator.weight}
            min={0}
            max={100}
            onChange={(v) => set((i) => { i.weight = num(v); })}
            data-testid={`weight-${setIndex}-${index}`}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 2, md: 2 }}>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Badge variant="light" title={t("rules.form.inputKind")}>
              {t(`rules.form.kind.${indicator.input.kind}`)}
            </Badge>
            <RemoveButton
              label={t("rules.form.removeIndicator", { name: indicator.name })}
              onClick={() => update((d) => { d.indicatorSets?.[setIndex]?.indicators.splice(index, 1); })}
            />
          </Group>
        </Grid.Col>
        <Grid.Col span={12}>
          <Text size="xs" c="dimmed" className="mono">
            {indicator.id}
            {indicator.input.kind === "rating" && typeof indicator.input.scale === "string" ? ` · ${t("rules.form.scale")}: ${indicator.input.scale}` : ""}
          </Text>
          <Textarea
            label={t("rules.form.indicatorGuidance")}
            description={t("rules.form.indicatorGuidanceHelp")}
            autosize
            minRows={1}
            value={indicator.guidance ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; set((i) => { if (v) i.guidance = v; else delete i.guidance; }); }}
          />
        </Grid.Col>
      </Grid>
    </Card>
  );
}

function Indicators(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { file, update } = props;
  const scales = scaleOptions(file);
  return (
    <Stack>
      {(file.indicatorSets ?? []).map((set, setIndex) => (
        <Card key={`${set.id}-${setIndex}`} withBorder padding="md" bg="gray.0">
          <Stack gap="sm">
            <Group justify="space-between">
              <div>
                <Text fw={600}>{set.name}</Text>
                <Text size="xs" c="dimmed">
                  {set.when ? t("rules.form.setConditional") : t("rules.form.setForAll")} · <span className="mono">{set.id}</span>
                </Text>
              </div>
              <Group gap="xs">
                {AXES.filter((axis) => set.indicators.some((i) => i.axis === axis)).map((axis) => (
                  <WeightTotal
                    key={axis}
                    label={t(`axes.${axis}`)}
                    total={weightTotal(set.indicators.filter((i) => i.axis === axis).map((i) => i.weight))}
                    testId={`total-${setIndex}-${axis}`}
                  />
                ))}
              </Group>
            </Group>
            {set.indicators.map((indicator, index) => (
              <IndicatorRow key={`${indicator.id}-${index}`} file={file} setIndex={setIndex} index={index} indicator={indicator} update={update} />
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                disabled={scales.length === 0}
                onClick={() =>
                  update((d) => {
                    const target = d.indicatorSets?.[setIndex];
                    if (!target) return;
                    const taken = new Set(target.indicators.map((i) => i.id));
                    let n = 1;
                    while (taken.has(`indikator_baru_${n}`)) n++;
                    target.indicators.push({
                      id: `indikator_baru_${n}`,
                      name: t("rules.form.newIndicator"),
                      axis: "perilaku",
                      weight: 0,
                      input: { kind: "rating", scale: scales[0] as string },
                    });
                  })
                }
              >
                {t("rules.form.addIndicator")}
              </Button>
            </Group>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function Scales(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {Object.entries(props.file.scales ?? {}).map(([id, scale]) => (
        <Card key={id} withBorder padding="sm">
          <Group align="flex-end">
            <Text fw={600} className="mono" miw={120}>
              {id}
            </Text>
            <NumberInput label={t("rules.form.min")} value={scale.min} w={100} onChange={(v) => props.update((d) => { const s = d.scales?.[id]; if (s) s.min = num(v); })} />
            <NumberInput label={t("rules.form.max")} value={scale.max} w={100} onChange={(v) => props.update((d) => { const s = d.scales?.[id]; if (s) s.max = num(v); })} />
            <Text size="sm" c="dimmed">
              {Object.entries(scale.labels ?? {}).map(([value, label]) => `${value} = ${label}`).join(" · ")}
            </Text>
          </Group>
          <Textarea
            mt="xs"
            label={t("rules.form.scaleGuidance")}
            description={t("rules.form.scaleGuidanceHelp")}
            autosize
            minRows={1}
            value={scale.guidance ?? ""}
            onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const s = d.scales?.[id]; if (s) { if (v) s.guidance = v; else delete s.guidance; } }); }}
          />
        </Card>
      ))}
    </Stack>
  );
}

function Predikat(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const list = props.file.predikat ?? [];
  return (
    <Stack>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("rules.form.predikatId")}</Table.Th>
            <Table.Th>{t("rules.form.predikatLabel")}</Table.Th>
            <Table.Th>{t("rules.form.national")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((p, i) => (
            <Table.Tr key={i}>
              <Table.Td>
                <TextInput aria-label={t("rules.form.predikatId")} value={p.id} onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.predikat?.[i]; if (x) x.id = v; }); }} />
              </Table.Td>
              <Table.Td>
                <TextInput aria-label={t("rules.form.predikatLabel")} value={p.label} onChange={(e) => { const v = e.currentTarget.value; props.update((d) => { const x = d.predikat?.[i]; if (x) x.label = v; }); }} />
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t("rules.form.national")}
                  data={NATIONAL_PREDIKAT.map((n) => ({ value: n, label: nationalLabel(n, lang) }))}
                  value={p.national ?? null}
                  clearable
                  onChange={(v) => props.update((d) => { const x = d.predikat?.[i]; if (!x) return; if (v) x.national = v as typeof x.national; else delete x.national; })}
                />
              </Table.Td>
              <Table.Td>
                <RemoveButton label={t("rules.form.removePredikat", { label: p.label })} onClick={() => props.update((d) => { d.predikat?.splice(i, 1); })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="light" size="xs" onClick={() => props.update((d) => { d.predikat = [...(d.predikat ?? []), { id: "predikat_baru", label: t("rules.form.newPredikat") }]; })}>
          {t("rules.form.addPredikat")}
        </Button>
      </Group>
    </Stack>
  );
}

function thenValue(text: string, previous: DecisionTable["rows"][number]["then"]): DecisionTable["rows"][number]["then"] {
  if (typeof previous === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  if (typeof previous === "boolean") return text === "true";
  return text;
}

function Decisions(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const { update } = props;
  const tables = props.file.decisions ?? [];
  return (
    <Stack>
      {tables.map((table, ti) => {
        const change = (fn: (x: DecisionTable) => void) => update((d) => { const x = d.decisions?.[ti]; if (x) fn(x); });
        return (
          <Card key={`${table.id}-${ti}`} withBorder padding="md">
            <Stack gap="sm">
              <Group align="flex-end">
                <TextInput label={t("rules.form.tableName")} value={table.name ?? ""} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.name = v; }); }} w={260} />
                <TextInput label={t("rules.form.tableOutput")} value={table.output} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.output = v; }); }} w={200} classNames={{ input: "mono" }} />
                <Select
                  label={t("rules.form.hitPolicy")}
                  data={["first", "unique", "collect"].map((h) => ({ value: h, label: t(`rules.form.hit.${h}`) }))}
                  value={table.hitPolicy}
                  allowDeselect={false}
                  onChange={(v) => v && change((x) => { x.hitPolicy = v as DecisionTable["hitPolicy"]; })}
                  w={220}
                />
              </Group>
              <TagsInput label={t("rules.form.tableInputs")} value={table.inputs} onChange={(v) => change((x) => { x.inputs = v; })} classNames={{ input: "mono" }} />
              <Table.ScrollContainer minWidth={600}>
                <Table withTableBorder withColumnBorders verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>#</Table.Th>
                      {table.inputs.map((input) => (
                        <Table.Th key={input} className="mono">{input}</Table.Th>
                      ))}
                      <Table.Th>{t("rules.form.then")}</Table.Th>
                      <Table.Th>{t("rules.form.note")}</Table.Th>
                      <Table.Th w={40} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {table.rows.map((row, ri) => (
                      <Table.Tr key={ri}>
                        <Table.Td>{ri + 1}</Table.Td>
                        {table.inputs.map((input, ci) => (
                          <Table.Td key={input} miw={160}>
                            <JsonField
                              label={t("rules.form.cell", { row: ri + 1, input })}
                              value={row.when[ci] ?? {}}
                              minRows={1}
                              onChange={(v) => change((x) => { const r = x.rows[ri]; if (r) r.when[ci] = v as Record<string, unknown>; })}
                            />
                          </Table.Td>
                        ))}
                        <Table.Td miw={130}>
                          <TextInput
                            aria-label={t("rules.form.thenOf", { row: ri + 1 })}
                            value={row.then === null ? "" : String(row.then)}
                            onChange={(e) => { const v = e.currentTarget.value; change((x) => { const r = x.rows[ri]; if (r) r.then = thenValue(v, r.then); }); }}
                          />
                        </Table.Td>
                        <Table.Td miw={160}>
                          <TextInput
                            aria-label={t("rules.form.noteOf", { row: ri + 1 })}
                            value={row.note ?? ""}
                            onChange={(e) => { const v = e.currentTarget.value; change((x) => { const r = x.rows[ri]; if (r) { if (v) r.note = v; else delete r.note; } }); }}
                          />
                        </Table.Td>
                        <Table.Td>
                          <RemoveButton label={t("rules.form.removeRow", { row: ri + 1 })} onClick={() => change((x) => { x.rows.splice(ri, 1); })} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => change((x) => { x.rows.push({ when: x.inputs.map(() => ({})), then: typeof x.rows[0]?.then === "number" ? 0 : "" }); })}
                >
                  {t("rules.form.addRow")}
                </Button>
              </Group>
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

function Outcomes(props: { file: RuleFile; update: Update }) {
  const { t } = useTranslation();
  const rules = props.file.outcomes ?? [];
  return (
    <Stack>
      {rules.map((rule, i) => {
        const change = (fn: (x: OutcomeRule) => void) => props.update((d) => { const x = d.outcomes?.[i]; if (x) fn(x); });
        return (
          <Card key={`${rule.name}-${i}`} withBorder padding="sm">
            <Grid>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <TextInput label={t("rules.form.ruleName")} value={rule.name} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.name = v; }); }} />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 4 }}>
                <TextInput label={t("rules.form.eventType")} value={rule.event.type} classNames={{ input: "mono" }} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.event.type = v; }); }} />
              </Grid.Col>
              <Grid.Col span={{ base: 4, md: 3 }}>
                <Group gap={4} align="flex-end" wrap="nowrap">
                  <NumberInput
                    label={t("rules.form.priority")}
                    value={rule.priority ?? ""}
                    min={1}
                    onChange={(v) => change((x) => { if (v === "" || v === undefined) delete x.priority; else x.priority = num(v); })}
                  />
                  <RemoveButton label={t("rules.form.removeRule", { name: rule.name })} onClick={() => props.update((d) => { d.outcomes?.splice(i, 1); })} />
                </Group>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 7 }}>
                <JsonField label={t("rules.form.conditions")} value={rule.conditions} onChange={(v) => change((x) => { x.conditions = v as OutcomeRule["conditions"]; })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <JsonField label={t("rules.form.params")} value={rule.event.params ?? {}} onChange={(v) => change((x) => { x.event.params = v as Record<string, unknown>; })} />
              </Grid.Col>
            </Grid>
          </Card>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() =>
            props.update((d) => {
              d.outcomes = [
                ...(d.outcomes ?? []),
                { name: t("rules.form.newRule"), conditions: { all: [{ fact: "predikat", operator: "equal", value: "" }] }, event: { type: "penghargaan", params: { label: "" } } },
              ];
            })
          }
        >
          {t("rules.form.addRule")}
        </Button>
      </Group>
    </Stack>
  );
}

function Tests(props: { file: RuleFile; update: Update; results: CaseResult[] | null }) {
  const { t } = useTranslation();
  const cases = props.file.tests ?? [];
  return (
    <Stack>
      {cases.map((c, i) => {
        const result = props.results?.[i];
        const change = (fn: (x: TestCase) => void) => props.update((d) => { const x = d.tests?.[i]; if (x) fn(x); });
        return (
          <Card key={i} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-end">
              <TextInput label={t("rules.form.caseName")} value={c.name} style={{ flex: 1 }} onChange={(e) => { const v = e.currentTarget.value; change((x) => { x.name = v; }); }} />
              {result && <Badge color={result.passed ? "teal" : "red"}>{result.passed ? t("rules.check.passed") : t("rules.check.failed")}</Badge>}
              <RemoveButton label={t("rules.form.removeCase", { name: c.name })} onClick={() => props.update((d) => { d.tests?.splice(i, 1); })} />
            </Group>
            {result && !result.passed && (
              <Text size="xs" c="red.8" mt={4}>
                {result.message}
              </Text>
            )}
            <Grid mt="xs">
              <Grid.Col span={{ base: 12, md: 7 }}>
                <JsonField label={t("rules.form.caseInput")} value={c.input} onChange={(v) => change((x) => { x.input = v as Record<string, unknown>; })} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <JsonField label={t("rules.form.caseExpect")} value={c.expect} onChange={(v) => change((x) => { x.expect = v as TestCase["expect"]; })} />
              </Grid.Col>
            </Grid>
          </Card>
        );
      })}
      <Group>
        <Button
          variant="light"
          size="xs"
          disabled={cases.length === 0}
          onClick={() => props.update((d) => { const last = d.tests?.at(-1); if (last) d.tests = [...(d.tests ?? []), { ...structuredClone(last), name: t("rules.form.newCase") }]; })}
        >
          {t("rules.form.addCase")}
        </Button>
      </Group>
    </Stack>
  );
}

export function RuleForms(props: { file: RuleFile; update: Update; results: CaseResult[] | null }) {
  const { t } = useTranslation();
  const { file, update } = props;
  const failing = props.results?.filter((r) => !r.passed).length ?? 0;
  return (
    <Accordion multiple defaultValue={["identity", "raters", "indicators"]} variant="separated">
      <Section value="identity" title={t("rules.form.identity")}>
        <Identity file={file} update={update} />
      </Section>
      <Section value="raters" title={t("rules.form.raterWeights")}>
        <RaterWeights file={file} update={update} />
      </Section>
      <Section value="axes" title={t("rules.form.axisWeights")}>
        <AxisWeights file={file} update={update} />
      </Section>
      <Section value="indicators" title={t("rules.form.indicators")} badge={<Badge variant="light">{(file.indicatorSets ?? []).length}</Badge>}>
        <Indicators file={file} update={update} />
      </Section>
      <Section value="scales" title={t("rules.form.scales")}>
        <Scales file={file} update={update} />
      </Section>
      <Section value="predikat" title={t("rules.form.predikat")}>
        <Predikat file={file} update={update} />
      </Section>
      <Section value="decisions" title={t("rules.form.decisions")} badge={<Badge variant="light">{(file.decisions ?? []).length}</Badge>}>
        <Decisions file={file} update={update} />
      </Section>
      <Section value="outcomes" title={t("rules.form.outcomes")} badge={<Badge variant="light">{(file.outcomes ?? []).length}</Badge>}>
        <Outcomes file={file} update={update} />
      </Section>
      <Section
        value="tests"
        title={t("rules.form.tests")}
        badge={<Badge color={failing > 0 ? "red" : "teal"} variant="light">{(file.tests ?? []).length}</Badge>}
      >
        <Tests file={file} update={update} results={props.results} />
      </Section>
    </Accordion>
  );
}
