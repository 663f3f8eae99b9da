// Outcome rules (awards, training, coaching, promotion, TPP …): json-rules-engine rules over every fact,
// compiled per indicator set, because each set adds one training rule per indicator that proposes one.
// Rules are compiled one by one so each event can name the rule that produced it.
import { passes, type SlotRule } from "../engine/slot-compiler.js";
import { isNumeric } from "../engine/comparison.js";
import type { OutcomeEvent } from "../domain/types.js";
import { pointer } from "../ruleset/errors.js";
import type { OutcomeRule, RuleSet } from "../ruleset/schema.js";
import type { RunContext } from "./context.js";
import { clean, type FactState, type FactTable } from "./fact-table.js";
import { compiling } from "./rule-errors.js";
import { generate } from "../engine/generated.js";

export interface CompiledOutcomes {
  run(facts: FactState, ctx: RunContext): OutcomeEvent[];
}

/** `training: { below, topic }` on an indicator, as the outcome rule it stands for. */
export function trainingRule(indicatorId: string, training: { below: number; topic: string }): OutcomeRule {
  return {
    name: `pelatihan:${indicatorId}`,
    conditions: { all: [{ fact: `score.${indicatorId}`, operator: "lessThan", value: training.below }] },
    event: { type: "pelatihan", params: { indicator: indicatorId, topic: training.topic } },
  };
}

export function compileOutcomes(ruleSet: RuleSet, setIndex: number, table: FactTable): CompiledOutcomes {
  const set = ruleSet.indicatorSets[setIndex]!;
  const rules: Array<{ rule: OutcomeRule; at: string; written: boolean }> = ruleSet.outcomes.map((rule, i) => ({
    rule,
    at: pointer("outcomes", i),
    written: true,
  }));
  set.indicators.forEach((indicator, i) => {
    if (!indicator.training) return;
    const at = pointer("indicatorSets", setIndex, "indicators", i, "training");
    rules.push({ rule: trainingRule(indicator.id, indicator.training), at, written: false });
  });
  // Highest priority first, as json-rules-engine orders its events; file order among equals.
  const ordered = rules
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => (b.rule.priority || 1) - (a.rule.priority || 1) || a.index - b.index);
  const compiled: Array<{ name: string; rule: SlotRule }> = ordered.map(({ rule, at, written }) => ({
    name: rule.name,
    rule: compiling(ruleSet, at, () => table.conditions.rule(rule), written),
  }));

  const written = writtenOutcomes(compiled);

  return {
    run(facts, ctx) {
      table.fillPaths(facts, true);
      const fast = clean(facts);
      if (fast && written !== null && ctx.steps === null) return written(facts);
      const events: OutcomeEvent[] = [];
      for (const { name, rule } of compiled) {
        // On a clean run the trace decides the rule, as passes would; the event is filled in only when it fired.
        const trace = ctx.steps === null ? undefined : rule.conditionTrace(facts, fast);
        if (trace !== undefined) {
          const fired = trace.result!;
          const event = fired ? rule.event(facts) : null;
          if (event) events.push({ type: event.type, params: event.params ?? {}, rule: name });
          ctx.steps!.push({ kind: "outcome", rule: name, fired, event: event && { type: event.type, params: event.params ?? {} }, trace });
          continue;
        }
        const passed = rule.passes(facts, fast);
        // A run that is not clean may call a computed fact while filling in the event, passed or not.
        const event = passed || !fast ? rule.event(facts) : null;
        if (passed) events.push({ type: event!.type, params: event!.params ?? {}, rule: name });
        if (ctx.steps) {
          ctx.steps.push({
            kind: "outcome",
            rule: name,
            fired: passed,
            event: passed ? { type: event!.type, params: event!.params ?? {} } : null,
            trace: rule.explain(facts).conditions,
          });
        }
      }
      return events;
    },
  };
}

/**
 * The production path of `run` on a clean run written out as JavaScript, as one function: each rule in
 * order, its formula inline deciding it, and a rule that fired adds its event with the rule's name as one
 * object literal (SlotRule#cleanSource). Null where code may not be generated.
 */
function writtenOutcomes(compiled: ReadonlyArray<{ name: string; rule: SlotRule }>): ((facts: FactState) => OutcomeEvent[]) | null {
  const helpers: Record<string, unknown> = { passes, isNumeric };
  const lines = ["const { passes, isNumeric } = h;"];
  const body: string[] = [];
  compiled.forEach(({ name, rule }, i) => {
    const written = rule.cleanSource(name, i);
    if (written !== null) {
      Object.assign(helpers, written.helpers);
      lines.push(`const { ${Object.keys(written.helpers).join(", ")} } = h;`);
      body.push(`if (${written.test}) events.push(${written.outcome});`);
      return;
    }
    // A rule not written out here is called: its written formula (or passes) and its event.
    helpers[`test_${i}`] = rule.cleanPasses ?? ((facts: FactState) => rule.passes(facts, true));
    helpers[`outcome_${i}`] =
      rule.outcome(name) ??
      ((facts: FactState): OutcomeEvent => {
        const event = rule.event(facts);
        return { type: event.type, params: event.params ?? {}, rule: name };
      });
    lines.push(`const { test_${i}, outcome_${i} } = h;`);
    body.push(`if (test_${i}(state)) events.push(outcome_${i}(state));`);
  });
  lines.push("return function outcomes_(state) {", "const events = [];", ...body, "return events;", "};");
  return generate(lines.join("\n"), helpers);
}
