// compileRules: json-rules-engine's `new Engine(rules, options).run(facts)` compiled once into
// synchronous closures. Rules run highest priority first; within a priority, in the order given
// (json-rules-engine runs them concurrently, so its order there is not defined).
import { evaluateGroup, type Group } from "./combinators.js";
import { ConditionCompiler, type CompiledCondition, type Predicate } from "./condition.js";
import { RuleDefinitionError, pointerTo } from "./errors.js";
import { compileEvent } from "./event.js";
import { explainRule } from "./explain.js";
import { slotRunner, type SlotState } from "./fact-slots.js";
import { prioritise, rulePriority } from "./priority.js";
import type { CompileOptions, CompiledRules, Event, Facts, RuleProperties, RunResult } from "./types.js";

export interface CompiledRule {
  /** Position in the array given to compileRules. */
  index: number;
  name: string | undefined;
  priority: number;
  conditions: CompiledCondition;
  evaluate: Predicate;
  /** The root's single priority group, evaluated in the run loop itself to save a call. */
  group: Group | undefined;
  event: Event;
  resolveEvent: ((facts: Facts) => Event) | undefined;
}

export function compileRules(rules: readonly RuleProperties[], options: CompileOptions = {}): CompiledRules {
  const compiler = new ConditionCompiler(options);
  const eventOptions = {
    replaceFactsInEventParams: options.replaceFactsInEventParams ?? false,
    allowUndefinedFacts: options.allowUndefinedFacts ?? false,
  };
  const compiled = rules.map((rule, index) => {
    const pointer = pointerTo("", index);
    if (!rule || typeof rule !== "object") throw new RuleDefinitionError(pointer, "a rule must be an object");
    for (const key of ["event", "conditions"]) {
      if (!Object.hasOwn(rule, key)) throw new RuleDefinitionError(pointer, `a rule requires "${key}"`);
    }
    const priority = rulePriority(rule.priority);
    if (priority <= 0) throw new RuleDefinitionError(pointerTo(pointer, "priority"), "priority must be greater than zero");
    const conditions = compiler.compileRoot(rule.conditions, pointerTo(pointer, "conditions"));
    const { event, resolve } = compileEvent(rule.event, pointerTo(pointer, "event"), eventOptions);
    const named: unknown = rule.name;
    const rule_: CompiledRule = {
      index,
      name: named || named === 0 ? (named as string) : undefined,
      priority,
      conditions,
      evaluate: conditions.evaluate,
      group: conditions.kind === "all" || conditions.kind === "any" ? conditions.group : undefined,
      event,
      resolveEvent: resolve,
    };
    return rule_;
  });
  const ordered = prioritise(compiled, (rule) => rule.priority).flat();
  const withState = slotRunner(compiler.slots);
  const run = (state: SlotState) => runRules(ordered, state);
  const explain = (state: SlotState) => ordered.map((rule) => explainRule(rule, state));
  return {
    run: (facts) => withState(facts, run),
    explain: (facts) => withState(facts, explain),
  };
}

function runRules(rules: readonly CompiledRule[], state: SlotState): RunResult {
  const facts = state[0] as Facts;
  const events: Event[] = [];
  const failureEvents: Event[] = [];
  for (const rule of rules) {
    const passed = rule.group === undefined ? rule.evaluate(state) : evaluateGroup(rule.group, state);
    const event = rule.resolveEvent === undefined ? rule.event : rule.resolveEvent(facts);
    if (passed) events.push(event);
    else failureEvents.push(event);
  }
  return { events, failureEvents };
}
