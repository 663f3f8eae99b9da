// The decision tables in file order, each followed by the adjustments people made to its output. A table
// whose output the rule set declares as a fact may take the appraisal's own value (an assessor's judgement)
// instead of deciding.
import type { AppraisalInput } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import { applyAdjustments, type AppliedAdjustments } from "./adjustments.js";
import type { Facts, RunContext } from "./context.js";
import { compileDecision } from "./decisions.js";

export type DecisionSequence = (input: AppraisalInput, facts: Facts, ctx: RunContext) => AppliedAdjustments;

export function compileDecisionSequence(ruleSet: RuleSet, predikatIds: ReadonlySet<string>): DecisionSequence {
  const decisions = ruleSet.decisions.map((_, i) => compileDecision(ruleSet, i));
  // Only a table whose output the rule set declares as a fact can take an assessor's judgement.
  const judgeable = ruleSet.decisions.map((table) => Object.hasOwn(ruleSet.facts, table.output));
  return (input, facts, ctx) => {
    const given = input.facts;
    const adjustments = input.adjustments;
    const applied: AppliedAdjustments = [];
    for (let i = 0; i < decisions.length; i++) {
      const output = decisions[i]!.table.output;
      const judgement = judgeable[i] ? given?.[output] : undefined;
      decisions[i]!.evaluate(facts, judgement !== undefined && judgement !== null, ctx);
      if (adjustments !== undefined) applyAdjustments(adjustments, output, predikatIds, facts, applied, ctx);
    }
    return applied;
  };
}
