// compileRules: json-rules-engine's `new Engine(rules, options).run(facts)` compiled once into
// synchronous closures. Rules run highest priority first; within a priority, in the order given
// (json-rules-engine runs them concurrently, so its order there is not defined).
import { ConditionCompiler } from "./condition.js";
import { RuleDefinitionError, pointerTo } from "./errors.js";
import { compileEvent } from "./event.js";
import { explainRule } from "./explain.js";
import { slotRunner, type SlotState } from "./fact-slots.js";
import { evaluateFormula, formulaOf } from "./formula.js";
import type { CompiledRule } from "./nodes.js";
import { prioritise, rulePriority } from "./priority.js";
import type { CompileOptions, CompiledRules, Event, Facts, RuleProperties, RunResult } from "./types.js";

/**
 * Compiles json-rules-engine rules once into synchronous closures; `run(facts)` gives the same events as
 * json-rules-engine's `new Engine(rules, options).run(facts)`. Throws RuleDefinitionError on a malformed rule,
 * naming its JSON pointer.
 */
export function compileRules(rules: readonly RuleProperties[], options: CompileOptions = {}): CompiledRules {
  const compiler = new ConditionCompiler(options);
  const compiled = rules.map((rule, index) => compileRule(compiler, rule, index, pointerTo("", index), options));
  const ordered = prioritise(compiled, (rule) => rule.priority).flat();
  return {
    run: slotRunner(compiler.slots, (state, clean) => runRules(ordered, state, clean)),
    explain: (facts) => {
      const state = compiler.slots.newState();
      compiler.slots.fill(state, facts);
      return ordered.map((rule) => explainRule(rule, state));
    },
  };
}

/** One rule, its conditions compiled by `compiler` (into its fact slots), its pointer `pointer`. */
export function compileRule(
  compiler: ConditionCompiler,
  rule: RuleProperties,
  index: number,
  pointer: string,
  options: CompileOptions,
): CompiledRule {
  if (!rule || typeof rule !== "object") throw new RuleDefinitionError(pointer, "a rule must be an object");
  for (const key of ["event", "conditions"]) {
    if (!Object.hasOwn(rule, key)) throw new RuleDefinitionError(pointer, `a rule requires "${key}"`);
  }
  const priority = rulePriority(rule.priority);
  if (priority <= 0) throw new RuleDefinitionError(pointerTo(pointer, "priority"), "priority must be greater than zero");
  const conditions = compiler.compileRoot(rule.conditions, pointerTo(pointer, "conditions"));
  const eventOptions = {
    replaceFactsInEventParams: options.replaceFactsInEventParams ?? false,
    allowUndefinedFacts: options.allowUndefinedFacts ?? false,
    pathResolver: options.pathResolver,
  };
  const { event, resolve, references, factParams } = compileEvent(rule.event, pointerTo(pointer, "event"), eventOptions);
  for (const reference of references) compiler.slots.slotFor(reference);
  const name: unknown = rule.name;
  return {
    index,
    name: name || name === 0 ? (name as string) : undefined,
    priority,
    conditions,
    formula: formulaOf(conditions, compiler.slots, options.allowUndefinedConditions ?? false),
    event,
    resolveEvent: resolve,
    factParams,
  };
}

function runRules(rules: readonly CompiledRule[], state: SlotState, clean: boolean): RunResult {
  const facts = state[0] as Facts;
  const events: Event[] = [];
  const failureEvents: Event[] = [];
  for (const rule of rules) {
    const formula = rule.formula;
    const passed = clean && formula !== undefined ? evaluateFormula(formula, state) : rule.conditions.evaluate(state);
    const event = rule.resolveEvent === undefined ? rule.event : rule.resolveEvent(facts);
    if (passed) events.push(event);
    else failureEvents.push(event);
  }
  return { events, failureEvents };
}
