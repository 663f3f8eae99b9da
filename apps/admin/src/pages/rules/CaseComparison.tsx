// A failing test case's expectation next to what the rule set now gives, in words a BKD admin reads
// (predikat by label, scores rounded, outcomes and facts by name), with the button that accepts the new
// result as the case's expectation.
import { Button, Group, Stack, Table, Text } from "@mantine/core";
import { formatNumber, indicatorsById, predikatLabel, type RuleSet, type TestCase } from "@kinerja/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../../i18n";

type Expect = TestCase["expect"];

/** A fact's name as a person says it: "Nilai Kehadiran", "Nilai akhir", "TPP (persen)". */
export function factLabel(ruleSet: RuleSet, name: string, t: TFunction): string {
  const declared = ruleSet.facts[name]?.label ?? ruleSet.calculations.find((c) => c.id === name)?.name;
  if (declared) return declared;
  if (name === "score") return t("rules.cases.finalScore");
  const [kind, id = "", source] = name.split(".");
  const indicator = indicatorsById(ruleSet).get(id)?.name ?? (t(`axes.${id}`, { defaultValue: "" }) || id);
  if (kind === "score" && !source) return t("rules.cases.scoreOf", { name: indicator });
  if (kind === "raw" && !source) return t("rules.cases.rawOf", { name: indicator });
  if (kind === "rating") return source ? t("rules.cases.ratingBy", { name: indicator, source }) : t("rules.cases.ratingOf", { name: indicator });
  return name;
}

function factValue(value: unknown, lang: Language, t: TFunction): string {
  if (value === undefined) return "–";
  if (value === null) return t("rules.cases.empty");
  if (typeof value === "number") return formatNumber(value, lang, 2);
  if (typeof value === "boolean") return value ? t("rules.cases.yes") : t("rules.cases.no");
  return String(value);
}

interface Row {
  label: string;
  before: string;
  after: string;
}

/** One row per thing the case checks, in the order the check reads them; a key only one side has shows "–" on the other. */
export function comparisonRows(ruleSet: RuleSet, before: Expect, after: Expect, t: TFunction, lang: Language): Row[] {
  const rows: Row[] = [];
  const outcomes = (list: string[] | undefined) =>
    list === undefined ? "–" : list.length === 0 ? t("rules.cases.none") : list.map((o) => t(`outcomes.${o}`, { defaultValue: o })).join(", ");
  if (before.error !== undefined || after.error !== undefined) {
    rows.push({ label: t("rules.cases.error"), before: before.error ?? "–", after: after.error ?? "–" });
  }
  if (before.predikat !== undefined || after.predikat !== undefined) {
    const label = (id: string | undefined) => (id === undefined ? "–" : predikatLabel(ruleSet, id));
    rows.push({ label: t("rules.cases.predikat"), before: label(before.predikat), after: label(after.predikat) });
  }
  if (before.indicatorSet !== undefined || after.indicatorSet !== undefined) {
    const label = (id: string | undefined) => (id === undefined ? "–" : (ruleSet.indicatorSets.find((s) => s.id === id)?.name ?? id));
    rows.push({ label: t("rules.cases.indicatorSet"), before: label(before.indicatorSet), after: label(after.indicatorSet) });
  }
  for (const name of new Set([...Object.keys(before.facts ?? {}), ...Object.keys(after.facts ?? {})])) {
    rows.push({ label: factLabel(ruleSet, name, t), before: factValue(before.facts?.[name], lang, t), after: factValue(after.facts?.[name], lang, t) });
  }
  if (before.outcomes !== undefined || after.outcomes !== undefined) {
    rows.push({ label: t("rules.cases.outcomes"), before: outcomes(before.outcomes), after: outcomes(after.outcomes) });
  }
  if (before.notOutcomes !== undefined || after.notOutcomes !== undefined) {
    rows.push({ label: t("rules.cases.notOutcomes"), before: outcomes(before.notOutcomes), after: outcomes(after.notOutcomes) });
  }
  return rows;
}

export function CaseComparison(props: { name: string; ruleSet: RuleSet; before: Expect; after: Expect; disabled: boolean; onAccept(): void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const rows = comparisonRows(props.ruleSet, props.before, props.after, t, lang);
  return (
    <Stack gap="xs" mt="xs" data-testid="case-comparison">
      <Table.ScrollContainer minWidth={360}>
        <Table withTableBorder withColumnBorders verticalSpacing={4} aria-label={t("rules.cases.comparisonOf", { name: props.name })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("rules.cases.what")}</Table.Th>
              <Table.Th>{t("rules.cases.before")}</Table.Th>
              <Table.Th>{t("rules.cases.after")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.label}>
                <Table.Td>{row.label}</Table.Td>
                <Table.Td c={row.before === row.after ? undefined : "red.9"}>{row.before}</Table.Td>
                <Table.Td c={row.before === row.after ? undefined : "teal.9"} fw={row.before === row.after ? undefined : 600}>
                  {row.after}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" style={{ flex: "1 1 240px" }}>
          {t("rules.cases.acceptHelp")}
        </Text>
        <Button size="xs" variant="light" disabled={props.disabled} onClick={props.onAccept} aria-label={t("rules.cases.acceptOne", { name: props.name })}>
          {t("rules.cases.accept")}
        </Button>
      </Group>
    </Stack>
  );
}
