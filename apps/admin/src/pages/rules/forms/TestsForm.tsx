// The rule file's own test cases and whether each passes; a failing case shows what it expected next to
// what the rules now give, and its new result can be accepted as the expectation (one case, or all).
import { Alert, Badge, Button, Card, Grid, Group, Stack, Text, TextInput } from "@mantine/core";
import { type CaseResult, type RuleFile, type RuleSet, type TestCase } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { CaseComparison } from "../CaseComparison";
import { JsonField } from "../JsonField";
import { RemoveButton, type Update } from "./shared";

/** The failing cases' actual results, to accept as their expectations (see actualExpectation in @kinerja/core). */
export interface CaseAcceptance {
  ruleSet: RuleSet;
  actual: Array<TestCase["expect"] | null>;
  /** While the check lags the text, or a save is under way. */
  disabled: boolean;
  accept(indices: number[]): void;
}

export function Tests(props: { file: RuleFile; update: Update; results: CaseResult[] | null; acceptance: CaseAcceptance | null }) {
  const { t } = useTranslation();
  const cases = props.file.tests ?? [];
  const acceptance = props.acceptance;
  const acceptable = acceptance ? acceptance.actual.flatMap((a, i) => (a && cases[i] ? [i] : [])) : [];
  return (
    <Stack>
      {acceptance && acceptable.length > 0 && (
        <Alert color="red" variant="light">
          <Group justify="space-between" gap="xs">
            <Text size="sm" style={{ flex: "1 1 260px" }}>
              {t("rules.cases.failing", { count: acceptable.length })}
            </Text>
            <Button size="xs" color="red" variant="filled" disabled={acceptance.disabled} onClick={() => acceptance.accept(acceptable)}>
              {t("rules.cases.acceptAll", { count: acceptable.length })}
            </Button>
          </Group>
        </Alert>
      )}
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
            {acceptance && acceptance.actual[i] && (
              <CaseComparison
                name={c.name}
                ruleSet={acceptance.ruleSet}
                before={c.expect}
                after={acceptance.actual[i]}
                disabled={acceptance.disabled}
                onAccept={() => acceptance.accept([i])}
              />
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
