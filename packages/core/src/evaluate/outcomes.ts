// Outcome rules (awards, training, coaching, promotion, TPP …): json-rules-engine rules over every fact,
// compiled per indicator set, because each set adds one training rule per indicator that proposes one.
// Rules are compiled one by one so each event can name the rule that produced it.
import { compileRules, type CompiledRules } from "../engine/index.js";
import type { OutcomeEvent } from "../domain/types.js";
import { pointer } from "../ruleset/errors.js";
import type { OutcomeRule, RuleSet } from "../ruleset/schema.js";
import type { Facts, RunContext } from "./context.js";
import { compiling } from "./rule-errors.js";

export interface CompiledOutcomes {
  run(facts: Facts, ctx: RunContext): OutcomeEvent[];
}

/** `training: { below, topic }` on an indicator, as the outcome rule it stands for. */
export function trainingRule(indicatorId: string, training: { below: number; topic: string }): OutcomeRule {
  return {
    name: `pelatihan:${indicatorId}`,
    conditions: { all: [{ fact: `score.${indicatorId}`, operator: "lessThan", value: training.below }] },
    event: { type: "pelatihan", params: { indicator: indicatorId, topic: training.topic } },
  };
}

export function compileOutcomes(ruleSet: RuleSet, setIndex: number): CompiledOutcomes {
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
  const options = { allowUndefinedFacts: false, conditions: ruleSet.conditions, replaceFactsInEventParams: true };
  const compiled: Array<{ name: string; rules: CompiledRules }> = ordered.map(({ rule, at, written }) => ({
    name: rule.name,
    // The engine's pointers start at the rule's place in the one-rule array ("/0/…").
    rules: compiling(ruleSet, at, () => compileRules([rule], options), written, (p) => p.slice("/0".length)),
  }));

  return {
    run(facts, ctx) {
      const events: OutcomeEvent[] = [];
      for (const { name, rules } of compiled) {
        const event = rules.run(facts).events[0];
        if (event) events.push({ type: event.type, params: event.params ?? {}, rule: name });
        if (ctx.steps) {
          const [trace] = rules.explain(facts);
          ctx.steps.push({
            kind: "outcome",
            rule: name,
            fired: event !== undefined,
            event: event ? { type: event.type, params: event.params ?? {} } : null,
            trace: trace?.conditions ?? null,
          });
        }
      }
      return events;
    },
  };
}
