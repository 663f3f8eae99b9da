// One appraisal, stage by stage, in the order of the data path: input facts, the indicator set, indicator
// and axis scores, derived facts, decision tables with their adjustments, calculations, outcome rules, the
// predikat, and the result. Every stage is compiled once here; `run` only calls them.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileCalculation } from "./calculations.js";
import type { Facts, RunContext } from "./context.js";
import { compileDecisionSequence } from "./decision-sequence.js";
import { factTemplate } from "./fact-template.js";
import { chooseIndicatorSet, compileIndicatorSets, type CompiledSet } from "./indicator-sets.js";
import { attributeFactNames, compileDerivedFacts, compileInputFacts } from "./input-facts.js";
import { readPredikat } from "./predikat.js";
import { resultScores, scoreIndicators } from "./scores.js";

export interface CompiledAppraisal {
  /** Evaluates one appraisal; throws AppraisalError when it cannot be evaluated. */
  run(input: AppraisalInput, ctx: RunContext): { facts: Facts; result: AppraisalResult };
  /** The indicator set for an employee and period, from the input facts alone. */
  chooseSet(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">, ctx: RunContext): CompiledSet;
}

export function compileAppraisal(ruleSet: RuleSet): CompiledAppraisal {
  const template = factTemplate(ruleSet);
  const inputFacts = compileInputFacts(ruleSet, attributeFactNames(Object.keys(template)));
  const derivedFacts = compileDerivedFacts(ruleSet);
  const sets = compileIndicatorSets(ruleSet);
  const predikatLabels = new Map(ruleSet.predikat.map((p) => [p.id, p.label]));
  const decide = compileDecisionSequence(ruleSet, new Set(predikatLabels.keys()));
  const calculations = ruleSet.calculations.map((_, i) => compileCalculation(ruleSet, i));
  const resultFacts = [...ruleSet.decisions.map((t) => t.output), ...ruleSet.calculations.map((c) => c.id)];

  function run(input: AppraisalInput, ctx: RunContext): { facts: Facts; result: AppraisalResult } {
    const facts: Facts = { ...template };
    inputFacts(input, facts, ctx);
    const compiled = chooseIndicatorSet(sets, facts, ctx);
    facts.indicatorSet = compiled.set.id;
    scoreIndicators(ruleSet.axes, compiled, input, facts, ctx);
    derivedFacts(facts, ctx);
    const applied = decide(input, facts, ctx);
    for (const calculation of calculations) calculation.evaluate(facts, ctx);
    const outcomes = compiled.outcomes.run(facts, ctx);
    const { predikat, label } = readPredikat(predikatLabels, facts, ctx);

    const decided: AppraisalResult["decisions"] = {};
    for (const name of resultFacts) decided[name] = facts[name] as AppraisalResult["decisions"][string];
    return {
      facts,
      result: {
        nip: ctx.nip,
        ruleSetId: ruleSet.id,
        indicatorSet: compiled.set.id,
        scores: resultScores(compiled, facts),
        decisions: decided,
        predikat,
        predikatLabel: label,
        outcomes,
        ...(applied.length > 0 ? { adjustments: applied } : {}),
      },
    };
  }

  function chooseSet(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">, ctx: RunContext): CompiledSet {
    const facts: Facts = { ...template };
    inputFacts(input, facts, ctx);
    return chooseIndicatorSet(sets, facts, ctx);
  }

  return { run, chooseSet };
}
