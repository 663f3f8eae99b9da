// One appraisal, stage by stage, in the order of the data path: input facts, the indicator set, indicator
// and axis scores, derived facts, decision tables with their adjustments, calculations, outcome rules, the
// predikat, and the result. Every stage is compiled once here, into one fact table shared with every
// condition and rule; `run` only calls them on an array of fact values.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
import { jsonPathResolver } from "../engine/jsonpath.js";
import { generate, literal } from "../engine/generated.js";
import { SLOW, SlotCompiler } from "../engine/slot-compiler.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileCalculation } from "./calculations.js";
import type { Facts, RunContext } from "./context.js";
import { compileDecisionSequence } from "./decision-sequence.js";
import { FactTable, type FactState } from "./fact-table.js";
import { factTemplate } from "./fact-template.js";
import { chooseIndicatorSet, compileIndicatorSets, type CompiledSet } from "./indicator-sets.js";
import { attributeFactNames, compileDerivedFacts, compileInputFacts, inputFactNames } from "./input-facts.js";
import { readPredikat } from "./predikat.js";
import { ruleSetFactReferences } from "./references.js";
import { compiling } from "./rule-errors.js";
import { resultScores, scoreIndicators, scoreSlots, writtenScoring } from "./scores.js";

export interface CompiledAppraisal {
  /** Evaluates one appraisal; throws AppraisalError when it cannot be evaluated. */
  run(input: AppraisalInput, ctx: RunContext): { facts: FactState; result: AppraisalResult };
  /** The result alone, as `run` gives it. */
  evaluate(input: AppraisalInput, ctx: RunContext): AppraisalResult;
  /** The indicator set for an employee and period, from the input facts alone. */
  chooseSet(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">, ctx: RunContext): CompiledSet;
  /** The fact map of an evaluated appraisal. */
  factsOf(facts: FactState): Facts;
}

export function compileAppraisal(ruleSet: RuleSet): CompiledAppraisal {
  const template = factTemplate(ruleSet);
  // Rule files may read `[*]` in a path, which jsonpath-plus reads (factPathSteps in ruleset/json-path.ts).
  const options = { allowUndefinedFacts: false, conditions: ruleSet.conditions, replaceFactsInEventParams: true, pathResolver: jsonPathResolver };
  // Named conditions are compiled here, once for the whole rule set.
  const table = new FactTable(template, compiling(ruleSet, "", () => new SlotCompiler(options)));
  const attributeFacts = attributeFactNames(Object.keys(template));
  // What the rule set reads, and what a refusal names: the input facts an appraisal needs.
  const read = new Set([
    ...ruleSetFactReferences(ruleSet).map((reference) => reference.fact),
    ...Object.values(ruleSet.facts).flatMap((fact) => (fact.from === undefined ? [] : [fact.from])),
    "employee.jabatan",
    "employee.unit",
  ]);
  const inputFacts = compileInputFacts(ruleSet, attributeFacts, table, read);
  const derivedFacts = compileDerivedFacts(ruleSet, table);
  const sets = compileIndicatorSets(ruleSet, table);
  const scores = scoreSlots(ruleSet, table);
  for (const set of sets) {
    set.scoring = writtenScoring(scores, set);
    set.explaining = writtenScoring(scores, set, true);
  }
  const predikatLabels = new Map(ruleSet.predikat.map((p) => [p.id, p.label]));
  const decide = compileDecisionSequence(ruleSet, new Set(predikatLabels.keys()), table);
  const calculations = ruleSet.calculations.map((_, i) => compileCalculation(ruleSet, i, table));
  const resultFacts = [...ruleSet.decisions.map((t) => t.output), ...ruleSet.calculations.map((c) => c.id)];
  const resultSlots = resultFacts.map((name) => table.slot(name));
  const decisionsTemplate: AppraisalResult["decisions"] = {};
  for (const name of resultFacts) decisionsTemplate[name] = null;
  // The same object as one literal, each value read as table.get reads it.
  const writtenDecisions = resultFacts.includes("__proto__")
    ? null
    : generate<(facts: FactState) => AppraisalResult["decisions"]>(
        [
          "const { SLOW } = h;",
          "return function decisions(facts) {",
          "let v;",
          `return { ${resultFacts.map((name, i) => `${literal(name)}: (v = facts[${resultSlots[i]!}]) === SLOW ? facts[0][${literal(name)}] : v`).join(", ")} };`,
          "};",
        ].join("\n"),
        { SLOW },
      );
  const indicatorSetSlot = table.slot("indicatorSet");
  const predikatSlot = table.slot("predikat");
  table.seal(new Set(inputFactNames(ruleSet, attributeFacts)));

  function run(input: AppraisalInput, ctx: RunContext): { facts: FactState; result: AppraisalResult } {
    const facts = table.start();
    return { facts, result: evaluateInto(facts, input, ctx) };
  }

  function evaluateInto(facts: FactState, input: AppraisalInput, ctx: RunContext): AppraisalResult {
    inputFacts(input, facts, ctx);
    const compiled = chooseIndicatorSet(table, sets, facts, ctx);
    facts[indicatorSetSlot] = compiled.set.id;
    scoreIndicators(scores, compiled, input, facts, ctx);
    derivedFacts(facts, ctx);
    const applied = decide(input, facts, ctx);
    for (const calculation of calculations) calculation.evaluate(facts, ctx);
    const outcomes = compiled.outcomes.run(facts, ctx);
    const { predikat, label } = readPredikat(predikatLabels, table, predikatSlot, facts, ctx);

    // Copied from a template with every key in place, then filled: no key is added per appraisal.
    let decided: AppraisalResult["decisions"];
    if (writtenDecisions !== null) {
      decided = writtenDecisions(facts);
    } else {
      decided = { ...decisionsTemplate };
      for (let i = 0; i < resultFacts.length; i++) {
        decided[resultFacts[i]!] = table.get(facts, resultSlots[i]!, resultFacts[i]!) as AppraisalResult["decisions"][string];
      }
    }
    const result: AppraisalResult = {
      nip: ctx.nip,
      ruleSetId: ruleSet.id,
      indicatorSet: compiled.set.id,
      scores: resultScores(scores, compiled, facts),
      decisions: decided,
      predikat,
      predikatLabel: label,
      outcomes,
    };
    if (applied.length > 0) result.adjustments = applied;
    return result;
  }

  function chooseSet(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">, ctx: RunContext): CompiledSet {
    const facts = table.start();
    inputFacts(input, facts, ctx);
    return chooseIndicatorSet(table, sets, facts, ctx);
  }

  // A fresh state per appraisal rather than one reused: a reused state lives in V8's old generation, and each
  // new number stored into it is recorded for the garbage collector, which cost more than the copy (and the
  // check for an evaluation under way that the reuse needed).
  return { run, evaluate: (input, ctx) => evaluateInto(table.start(), input, ctx), chooseSet, factsOf: (facts) => table.toFacts(facts) };
}
