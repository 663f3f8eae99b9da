// One employee's result and why: the predikat, the score and the follow-ups, then the explanation in plain
// sentences (names from the rule set, rounded numbers; written by @kinerja/core's describeExplanation on the
// server). Admins and operators may open the technical trace below it: every step with its ids, formulas and
// conditions (renderExplanation), outcome rules that did not fire folded away.
import { Accordion, Badge, Button, Card, Group, List, Stack, Text, Timeline, Title } from "@mantine/core";
import { outcomeText, renderExplanation, type Explanation, type ExplanationStep } from "@kinerja/core";
import { useState } from "react";
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

function TechnicalTrace(props: { explanation: Explanation }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const { explanation } = props;
  const notFired = explanation.steps.filter((s) => s.kind === "outcome" && !s.fired);
  const shown = explanation.steps.filter((s) => !(s.kind === "outcome" && !s.fired));
  return (
    <Card withBorder padding="lg" data-testid="explanation-trace">
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
  );
}

/**
 * `sentences` are the result's explanation for people (the API's `result.get`); `technical` lets the viewer
 * open the trace (admins and operators).
 */
export function ExplanationView(props: { explanation: Explanation; sentences: { id: string[]; en: string[] }; technical: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [traceOpen, setTraceOpen] = useState(false);
  const { explanation } = props;
  const result = explanation.result;
  const setName = explanation.steps.find((s) => s.kind === "indicatorSet")?.name ?? result?.indicatorSet ?? "";
  return (
    <Stack data-testid="explanation">
      <Card withBorder padding="lg">
        {result ? (
          <Group justify="space-between" align="flex-start">
            <div>
              <Text size="sm" c="dimmed">{t("explanation.predikat")}</Text>
              <Title order={3} data-testid="explanation-predikat">{result.predikatLabel}</Title>
              <Text size="sm" c="dimmed">{t("explanation.set", { set: setName })}</Text>
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
                <List.Item key={i}>{outcomeText(o, lang)}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={3} size="h4" mb="md">{t("explanation.why")}</Title>
        <List type="ordered" spacing="xs" data-testid="explanation-sentences">
          {props.sentences[lang].map((sentence, i) => (
            <List.Item key={i} style={{ overflowWrap: "anywhere" }}>{sentence}</List.Item>
          ))}
        </List>
        {props.technical && (
          <Group mt="md" className="no-print">
            <Button variant="subtle" size="compact-sm" onClick={() => setTraceOpen((open) => !open)} aria-expanded={traceOpen}>
              {traceOpen ? t("explanation.hideTrace") : t("explanation.showTrace")}
            </Button>
          </Group>
        )}
      </Card>
      {props.technical && traceOpen && <TechnicalTrace explanation={explanation} />}
    </Stack>
  );
}
