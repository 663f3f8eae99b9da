// The rule file's own test cases and whether each passes.
import { Badge, Button, Card, Grid, Group, Stack, Text, TextInput } from "@mantine/core";
import { type CaseResult, type RuleFile, type TestCase } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { JsonField } from "../JsonField";
import { RemoveButton, type Update } from "./shared";

export function Tests(props: { file: RuleFile; update: Update; results: CaseResult[] | null }) {
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
