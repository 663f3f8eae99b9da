// compileRules: json-rules-engine's `new Engine(rules, options).run(facts)` compiled once into
// synchronous closures. Rules run highest priority first; within a priority, in the order given
// (json-rules-engine runs them concurrently, so its order there is not defined).
import { ConditionCompiler, type CompiledCondition } from "./condition.js";
import { RuleDefinitionError, pointerTo } from "./errors.js";
import { compileEvent } from "./event.js";
import { explainRule } from "./explain.js";
import type { FactSlots, SlotState } from "./fact-slots.js";
import { FormulaBuilder, evaluateConditions, evaluateFormula, type Formula } from "./formula.js";
import { prioritise, rulePriority } from "./priority.js";
import type { CompileOptions, CompiledRules, Event, Facts, RuleProperties, RunResult } from "./types.js";

export interface CompiledRule {
  /** Position in the array given to compileRules. */
  index: number;
  name: string | undefined;
  priority: number;
  conditions: CompiledCondition;
  /** The rule as a boolean formula, for clean runs; undefined when a condition could throw. */
  formula: Formula | undefined;
  event: Event;
  resolveEvent: ((facts: Facts) => Event) | undefined;
}

export function compileRules(rules: readonly RuleProperties[], options: CompileOptions = {}): CompiledRules {
  const compiler = new ConditionCompiler(options);
  const formulas = new FormulaBuilder(compiler.slots, options.allowUndefinedConditions ?? false);
  const eventOptions = {
    replaceFactsInEventParams: options.replaceFactsInEventParams ?? false,
    allowUndefinedFacts: options.allowUndefinedFacts ?? false,
  };
  const compiled = rules.map((rule, index): CompiledRule => {
    const pointer = pointerTo("", index);
    if (!rule || typeof rule !== "object") throw new RuleDefinitionError(pointer, "a rule must be an object");
    for (const key of ["event", "conditions"]) {
      if (!Object.hasOwn(rule, key)) throw new RuleDefinitionError(pointer, `a rule requires "${key}"`);
    }
    const priority = rulePriority(rule.priority);
    if (priority <= 0) throw new RuleDefinitionError(pointerTo(pointer, "priority"), "priority must be greater than zero");
    const conditions = compiler.compileRoot(rule.conditions, pointerTo(pointer, "conditions"));
    const { event, resolve } = compileEvent(rule.event, pointerTo(pointer, "event"), eventOptions);
    const name: unknown = rule.name;
    return {
      index,
      name: name || name === 0 ? (name as string) : undefined,
      priority,
      conditions,
      formula: formulas.formulaOf(conditions),
      event,
      resolveEvent: resolve,
    };
  });
  const runner = new RuleRunner(prioritise(compiled, (rule) => rule.priority).flat(), compiler.slots, formulas);
  return {
    run: (facts) => runner.run(facts),
    explain: (facts) => runner.explain(facts),
  };
}

/**
 * Runs compiled rules. One state and one results array are reused from run to run; a run that starts
 * while another is under way (a function fact calling back into the same rules) gets its own.
 */
class RuleRunner {
  private readonly state: SlotState;
  private readonly results: boolean[];
  private busy = false;

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly slots: FactSlots,
    private readonly formulas: FormulaBuilder,
  ) {
    this.state = slots.newState();
    this.results = formulas.conditions.map(() => false);
  }

  run(facts: Facts): RunResult {
    if (this.busy) return this.evaluate(facts, this.slots.newState(), this.formulas.conditions.map(() => false));
    this.busy = true;
    try {
      return this.evaluate(facts, this.state, this.results);
    } finally {
      this.busy = false;
    }
  }

  explain(facts: Facts) {
    const state = this.slots.newState();
    this.slots.fill(state, facts);
    return this.rules.map((rule) => explainRule(rule, state));
  }

  private evaluate(facts: Facts, state: SlotState, results: boolean[]): RunResult {
    const clean = this.slots.fill(state, facts);
    if (clean) evaluateConditions(this.formulas.conditions, state, results);
    const events: Event[] = [];
    const failureEvents: Event[] = [];
    for (const rule of this.rules) {
      const formula = rule.formula;
      const passed = clean && formula !== undefined ? evaluateFormula(formula, results) : rule.conditions.evaluate(state);
      const event = rule.resolveEvent === undefined ? rule.event : rule.resolveEvent(facts);
      if (passed) events.push(event);
      else failureEvents.push(event);
    }
    return { events, failureEvents };
  }
}
