// The rule file as forms, for the parts a BKD admin changes most: identity, rater and axis weights with
// live totals, indicators, scales and their guidance, predikat, decision tables, outcome rules and test
// cases. Every change rewrites the JSON, which stays the one source of truth.
// Each section is a form of its own, in forms/.
import { Accordion, Badge } from "@mantine/core";
import type { CaseResult, RuleFile } from "@kinerja/core";
import { useTranslation } from "react-i18next";
import { Identity } from "./forms/IdentityForm";
import { RaterWeights } from "./forms/RaterWeightsForm";
import { AxisWeights } from "./forms/AxisWeightsForm";
import { Indicators } from "./forms/IndicatorsForm";
import { Scales } from "./forms/ScalesForm";
import { Predikat } from "./forms/PredikatForm";
import { Decisions } from "./forms/DecisionsForm";
import { Outcomes } from "./forms/OutcomesForm";
import { Tests, type CaseAcceptance } from "./forms/TestsForm";
import { Section, type Update } from "./forms/shared";

export type { CaseAcceptance, Update };

export function RuleForms(props: { file: RuleFile; update: Update; results: CaseResult[] | null; acceptance: CaseAcceptance | null }) {
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
        <Tests file={file} update={update} results={props.results} acceptance={props.acceptance} />
      </Section>
    </Accordion>
  );
}
