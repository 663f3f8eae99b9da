// The decision tables in file order, each followed by the adjustments people made to its output. A table
// whose output the rule set declares as a fact may take the appraisal's own value (an assessor's judgement)
// instead of deciding.
import type { AppraisalInput } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import { applyAdjustments, type AppliedAdjustments } from "./adjustments.js";
import type { RunContext } from "./context.js";
import { compileDecision } from "./decisions.js";
import { propertyKey, type FactState, type FactTable } from "./fact-table.js";

export type DecisionSequence = (input: AppraisalInput, facts: FactState, ctx: RunContext) => AppliedAdjustments;

export function compileDecisionSequence(ruleSet: RuleSet, predikatIds: ReadonlySet<string>, table: FactTable): DecisionSequence {
  const decisions = ruleSet.decisions.map((_, i) => compileDecision(ruleSet, i, table));
  // Only a table whose output the rule set declares as a fact can take an assessor's judgement.
  const judgeable = ruleSet.decisions.map((table) => Object.hasOwn(ruleSet.facts, table.output));
  const outputs = ruleSet.decisions.map((table) => propertyKey(table.output));
  // What an appraisal with no adjustments returns: never added to, so one list serves every such appraisal.
  const none: AppliedAdjustments = Object.freeze([]) as unknown as AppliedAdjustments;
  return (input, facts, ctx) => {
    const given = input.facts;
    const adjustments = input.adjustments;
    const applied: AppliedAdjustments = adjustments === undefined ? none : [];
    for (let i = 0; i < decisions.length; i++) {
      const decision = decisions[i]!;
      const output = outputs[i]!;
      const judgement = judgeable[i] ? given?.[output] : undefined;
      table.fillPaths(facts, true);
      decision.evaluate(facts, judgement !== undefined && judgement !== null, ctx);
      if (adjustments !== undefined) applyAdjustments(table, adjustments, output, decision.outputSlot, predikatIds, facts, applied, ctx);
    }
    return applied;
  };
}
