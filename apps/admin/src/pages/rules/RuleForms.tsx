// The rule file as forms, for the parts a BKD admin changes most: identity, rater and axis weights with
// live totals, indicators, scales and their guidance, predikat, decision tables, outcome rules and test
// cases. Every change rewrites the JSON, which stays the one source of truth.
// Each section is a form of its own, in forms/. The sections open at first come with the page; the others
// (their tables and case comparisons) load when first opened, and stay drawn after.
import { Accordion, Badge } from "@mantine/core";
import type { CaseResult, RuleFile } from "@kinerja/core";
import { lazy, Suspense, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../../components/States";
import { Identity } from "./forms/IdentityForm";
import { RaterWeights } from "./forms/RaterWeightsForm";
import { Indicators } from "./forms/IndicatorsForm";
import { Section, type Update } from "./forms/shared";
import type { CaseAcceptance } from "./forms/TestsForm";

const AxisWeights = lazy(() => import("./forms/AxisWeightsForm").then((module) => ({ default: module.AxisWeights })));
const Scales = lazy(() => import("./forms/ScalesForm").then((module) => ({ default: module.Scales })));
const Predikat = lazy(() => import("./forms/PredikatForm").then((module) => ({ default: module.Predikat })));
const Decisions = lazy(() => import("./forms/DecisionsForm").then((module) => ({ default: module.Decisions })));
const Outcomes = lazy(() => import("./forms/OutcomesForm").then((module) => ({ default: module.Outcomes })));
const Tests = lazy(() => import("./forms/TestsForm").then((module) => ({ default: module.Tests })));

export type { CaseAcceptance, Update };

const FIRST_OPEN = ["identity", "raters", "indicators"];

export function RuleForms(props: { file: RuleFile; update: Update; results: CaseResult[] | null; acceptance: CaseAcceptance | null }) {
  const { t } = useTranslation();
  const { file, update } = props;
  const [open, setOpen] = useState<string[]>(FIRST_OPEN);
  const [drawn, setDrawn] = useState<ReadonlySet<string>>(() => new Set(FIRST_OPEN));
  const toggle = (values: string[]) => {
    setOpen(values);
    if (values.some((value) => !drawn.has(value))) setDrawn(new Set([...drawn, ...values]));
  };
  const later = (value: string, form: ReactNode) => drawn.has(value) && <Suspense fallback={<Loading rows={3} />}>{form}</Suspense>;
  const failing = props.results?.filter((r) => !r.passed).length ?? 0;
  return (
    <Accordion multiple value={open} onChange={toggle} variant="separated">
      <Section value="identity" title={t("rules.form.identity")}>
        <Identity file={file} update={update} />
      </Section>
      <Section value="raters" title={t("rules.form.raterWeights")}>
        <RaterWeights file={file} update={update} />
      </Section>
      <Section value="axes" title={t("rules.form.axisWeights")}>
        {later("axes", <AxisWeights file={file} update={update} />)}
      </Section>
      <Section value="indicators" title={t("rules.form.indicators")} badge={<Badge variant="light">{(file.indicatorSets ?? []).length}</Badge>}>
        <Indicators file={file} update={update} />
      </Section>
      <Section value="scales" title={t("rules.form.scales")}>
        {later("scales", <Scales file={file} update={update} />)}
      </Section>
      <Section value="predikat" title={t("rules.form.predikat")}>
        {later("predikat", <Predikat file={file} update={update} />)}
      </Section>
      <Section value="decisions" title={t("rules.form.decisions")} badge={<Badge variant="light">{(file.decisions ?? []).length}</Badge>}>
        {later("decisions", <Decisions file={file} update={update} />)}
      </Section>
      <Section value="outcomes" title={t("rules.form.outcomes")} badge={<Badge variant="light">{(file.outcomes ?? []).length}</Badge>}>
        {later("outcomes", <Outcomes file={file} update={update} />)}
      </Section>
      <Section
        value="tests"
        title={t("rules.form.tests")}
        badge={<Badge color={failing > 0 ? "red" : "teal"} variant="light">{(file.tests ?? []).length}</Badge>}
      >
        {later("tests", <Tests file={file} update={update} results={props.results} acceptance={props.acceptance} />)}
      </Section>
    </Accordion>
  );
}
