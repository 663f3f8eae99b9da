// The decision tables in file order, each followed by the adjustments people made to its output. A table
// whose output the rule set declares as a fact may take the appraisal's own value (an assessor's judgement)
// instead of deciding.
import type { AppraisalInput } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import { applyAdjustments, type AppliedAdjustments } from "./adjustments.js";
import type { RunContext } from "./context.js";
import { compileDecision, MISS } from "./decisions.js";
import { clean, propertyKey, type FactState, type FactTable } from "./fact-table.js";
import { generate, literal } from "../engine/generated.js";

export type DecisionSequence = (input: AppraisalInput, facts: FactState, ctx: RunContext) => AppliedAdjustments;

export function compileDecisionSequence(ruleSet: RuleSet, predikatIds: ReadonlySet<string>, table: FactTable): DecisionSequence {
  const decisions = ruleSet.decisions.map((_, i) => compileDecision(ruleSet, i, table));
  // Only a table whose output the rule set declares as a fact can take an assessor's judgement.
  const judgeable = ruleSet.decisions.map((table) => Object.hasOwn(ruleSet.facts, table.output));
  const outputs = ruleSet.decisions.map((table) => propertyKey(table.output));
  // What an appraisal with no adjustments returns: never added to, so one list serves every such appraisal.
  const none: AppliedAdjustments = Object.freeze([]) as unknown as AppliedAdjustments;
  // A clean run with no adjustments and no explanation, written out: each table in turn, unless the appraisal
  // gave its value, one that stops at its first hit decided by its rows' function called here by name (so the
  // engine may inline it), the others and a miss by the table's own path. Null where code may not be generated.
  const written = generate<DecisionSequence>(
    [
      "const { decisions, quick, MISS, table, none } = h;",
      "return function decide(input, facts, ctx) {",
      "const given = input.facts;",
      "let v;",
      ...decisions.map(({ quick, outputSlot }, i) => {
        const decided = quick === null ? `decisions[${i}].evaluate(facts, false, ctx);` : `v = quick[${i}](facts); if (v !== MISS) facts[${outputSlot}] = v; else decisions[${i}].evaluate(facts, false, ctx);`;
        // The assessor's judgement is already the output fact (an input fact), and nothing is recorded here.
        const judged = `v = given?.[${literal(outputs[i]!)}]; if (v === undefined || v === null) `;
        return `table.fillPaths(facts, true); ${judgeable[i] ? judged : ""}{ ${decided} }`;
      }),
      "return none;",
      "};",
    ].join("\n"),
    { decisions, quick: decisions.map((decision) => decision.quick), MISS, table, none },
  );
  return (input, facts, ctx) => {
    if (written !== null && input.adjustments === undefined && ctx.steps === null && clean(facts)) return written(input, facts, ctx);
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
