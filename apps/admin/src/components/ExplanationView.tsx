// One employee's result and why, step by step: the indicator set, each indicator's score with its
// raters and formula, the axes, the final score, every decision table, the calculations, the outcome
// rules (fired first; those that did not fire folded away) and the predikat. Text from @kinerja/core.
import { Accordion, Badge, Card, Group, List, Stack, Text, Timeline, Title } from "@mantine/core";
import { renderExplanation, type Explanation, type ExplanationStep } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language } from "../i18n";
import { formatScore } from "../lib/format";

export function stepText(explanation: Explanation, step: ExplanationStep, lang: Language): string {
  const lines = renderExplanation({ ...explanation, steps: [step], error: null }, lang).split("\n");
  return (lines[1] ?? "").replace(/^1\. /, "");
}

const KIND_COLORS: Record<ExplanationStep["kind"], string> = {
  indicatorSet: "gray",
  adjustment: "orange",
  indicator: "blue",
  axis: "indigo",
  score: "violet",
  decision: "grape",
  calculation: "cyan",
  outcome: "teal",
  predikat: "green",
};

export function ExplanationView(props: { explanation: Explanation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { explanation } = props;
  const result = explanation.result;
  const notFired = explanation.steps.filter((s) => s.kind === "outcome" && !s.fired);
  const shown = explanation.steps.filter((s) => !(s.kind === "outcome" && !s.fired));
  return (
    <Stack data-testid="explanation">
      <Card withBorder padding="lg">
        {result ? (
          <Group justify="space-between" align="flex-start">
            <div>
              <Text size="sm" c="dimmed">{t("explanation.predikat")}</Text>
              <Title order={3} data-testid="explanation-predikat">{result.predikatLabel}</Title>
              <Text size="sm" c="dimmed">{t("explanation.set", { set: result.indicatorSet })}</Text>
            </div>
            <div style={{ textAlign: "right" }}>
              <Text size="sm" c="dimmed">{t("explanation.score")}</Text>
              <Title order={3} className="tabular">{formatScore(result.scores.score ?? null, lang)}</Title>
            </div>
          </Group>
        ) : (
          <Text c="red.8" role="alert">{t("explanation.refused", { error: explanation.error ?? "" })}</Text>
        )}
        {result && result.outcomes.length > 0 && (
          <Stack gap={4} mt="md">
            <Text fw={600} size="sm">{t("explanation.outcomes")}</Text>
            <List size="sm" spacing={2}>
              {result.outcomes.map((o, i) => (
                <List.Item key={i}>
                  <Badge variant="light" mr="xs">{t(`outcomes.${o.type}`, { defaultValue: o.type })}</Badge>
                  {typeof o.params.label === "string" ? o.params.label : ""}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="md">{t("explanation.steps")}</Title>
        <Timeline bulletSize={22} lineWidth={2} active={shown.length}>
          {shown.map((step, i) => (
            <Timeline.Item
              key={i}
              bullet={<Text size="xs" fw={700}>{i + 1}</Text>}
              title={<Badge color={KIND_COLORS[step.kind]} variant="light">{t(`explanation.kind.${step.kind}`)}</Badge>}
            >
              <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>{stepText(explanation, step, lang)}</Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {explanation.error && <Text c="red.8" mt="md">{t("explanation.refused", { error: explanation.error })}</Text>}
        {notFired.length > 0 && (
          <Accordion mt="md" variant="contained">
            <Accordion.Item value="not-fired">
              <Accordion.Control>{t("explanation.notFired", { count: notFired.length })}</Accordion.Control>
              <Accordion.Panel>
                <List size="sm" spacing={4}>
                  {notFired.map((step, i) => (
                    <List.Item key={i} style={{ overflowWrap: "anywhere" }}>{stepText(explanation, step, lang)}</List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Card>
    </Stack>
  );
}
