// Conditions and rules compiled over one shared table of fact slots, for a caller that keeps its facts in
// that table's slot array (index 0: an object holding the facts whose slots are SLOW) instead of a facts
// object. Nothing is copied per run: each condition reads the slots it needs. The caller writes every fact
// slot before a condition reads it, calls `fillPaths` when a fact that a path follows changes, and says
// whether the run is clean (no slot SLOW), as `FactSlots#fill` would have.
import type { Predicate } from "./combinators.js";
import { ConditionCompiler } from "./condition.js";
import { eventWith, generatedEvent, paramsTemplate } from "./event.js";
import { cleanConditionTrace, explainRule, generatedTrace } from "./explain.js";
import { slotValue, type SlotState } from "./fact-slots.js";
import type { SimpleTest } from "./constant-test.js";
import { evaluateFormula, formulaOf, formulaSource, generatedFormula } from "./formula.js";
import { compileRule } from "./rules.js";
import type { CompileOptions, ConditionTrace, Event, RuleProperties, RuleTrace } from "./types.js";

export { SLOW, type SlotState } from "./fact-slots.js";
export { passes, type SimpleTest } from "./constant-test.js";

/** A fact condition as plain data: the slot it reads and the test `passes` applies to the slot's value. */
export interface InlineCondition {
  slot: number;
  test: SimpleTest;
}

/** A condition over a slot state; `clean` as `FactSlots#fill` returns it. */
export type SlotPredicate = (state: SlotState, clean: boolean) => boolean;

export interface SlotRule {
  passes: SlotPredicate;
  /** The event, fact-valued params filled in from the state (a shared frozen object when it has none). */
  event(state: SlotState): Event;
  /** The rule's trace, from the same state. */
  explain(state: SlotState): RuleTrace;
  /**
   * On a clean run, the trace's conditions alone (their `result` is whether the rule passes), built by the
   * quicker walk; undefined when the run is not clean or the rule has no formula (use `explain`).
   */
  conditionTrace(state: SlotState, clean: boolean): ConditionTrace | undefined;
  /** `passes` on a clean run, written out as one function; null where it is not (no formula, no code from strings). */
  cleanPasses: ((state: SlotState) => boolean) | null;
  /**
   * `{ type, params, rule }` with `rule` the given name, built as `event` builds its event, in one object
   * written out as JavaScript; null for an event that never changes, or where code may not be generated.
   */
  outcome(rule: string): ((state: SlotState) => Event & { rule: string }) | null;
  /**
   * The rule as JavaScript source for a clean run's state named `state`: `test`, whether it passes (as
   * `cleanPasses`), and `outcome`, the object `outcome(rule)` builds; the helpers they name end in `_k`
   * and come with them (with `passes` and `isNumeric`, which the code must also have). Null for a rule
   * with no formula or an event whose params cannot be one object literal.
   */
  cleanSource(rule: string, k: number): { test: string; outcome: string; helpers: Record<string, unknown> } | null;
}

export class SlotCompiler {
  private readonly compiler: ConditionCompiler;
  private readonly options: CompileOptions;

  constructor(options: CompileOptions = {}) {
    this.compiler = new ConditionCompiler(options);
    this.options = options;
  }

  /** The slot of a top-level fact, made when first asked for. */
  factSlot(fact: string): number {
    return this.compiler.slots.slotFor({ fact });
  }

  /** Every fact slot by name, including those only the conditions read. */
  factSlots(): ReadonlyMap<string, number> {
    return this.compiler.slots.factNames();
  }

  /** The fact slots that path slots follow. */
  pathBases(): number[] {
    return this.compiler.slots.pathBases();
  }

  /** A state with every slot SLOW; slots made after it are beyond its end. */
  newState(): SlotState {
    return this.compiler.slots.newState();
  }

  fillPaths(state: SlotState): void {
    this.compiler.slots.fillPaths(state);
  }

  /** A condition that may stand alone or inside all/any/not (a `when`, a decision row). */
  condition(condition: unknown, pointer = ""): SlotPredicate {
    const tree = this.compiler.compileNested(condition, pointer);
    return fastOrExact(tree.evaluate, formulaOf(tree, this.compiler.slots, this.options.allowUndefinedConditions ?? false));
  }

  /**
   * A fact condition as plain data, when a clean run may evaluate it inline (as a rule's formula would:
   * an undecorated operator against a constant, which cannot throw); undefined otherwise.
   */
  inline(condition: unknown, pointer = ""): InlineCondition | undefined {
    const node = this.compiler.compileNested(condition, pointer);
    if (node.kind !== "fact" || node.simple === undefined || node.quiet === undefined) return undefined;
    if (!node.quiet.every((slot) => this.compiler.slots.isFilled(slot))) return undefined;
    return { slot: node.slot, test: node.simple };
  }

  /** One rule, with `pointer` as its place. */
  rule(rule: RuleProperties, pointer = ""): SlotRule {
    const compiled = compileRule(this.compiler, rule, 0, pointer, this.options);
    const { event, factParams } = compiled;
    const slots = factParams.map((param) => this.compiler.slots.slotFor(param.reference));
    const template = compiled.resolveEvent === undefined ? undefined : paramsTemplate(event);
    const valueOf = (state: SlotState, i: number) => slotValue(state, slots[i]!, factParams[i]!.read);
    const writtenEvent = template === undefined ? null : generatedEvent(event, factParams, template, valueOf);
    const resolve =
      template === undefined
        ? undefined
        : (writtenEvent ?? ((state: SlotState) => eventWith(event, factParams, (param, i) => slotValue(state, slots[i]!, param.read), template)));
    const written = compiled.formula === undefined ? null : generatedTrace(compiled);
    const cleanPasses = compiled.formula === undefined ? null : generatedFormula(compiled.formula);
    return {
      passes: fastOrExact(compiled.conditions.evaluate, compiled.formula, cleanPasses),
      cleanPasses,
      outcome: (rule) =>
        (template === undefined ? null : generatedEvent(event, factParams, template, valueOf, rule)) as ((state: SlotState) => Event & { rule: string }) | null,
      event: resolve ?? (() => event),
      conditionTrace: (state, clean) => {
        if (!clean || compiled.formula === undefined) return undefined;
        if (written === null) return cleanConditionTrace(compiled, state);
        try {
          return written(state);
        } catch {
          return undefined;
        }
      },
      explain: (state) => explainRule(compiled, state, resolve),
      cleanSource: (name, k) => {
        if (compiled.formula === undefined) return null;
        if (template !== undefined && (Array.isArray(template) || Object.hasOwn(template, "__proto__"))) return null;
        const test = formulaSource(compiled.formula, { state: "state", tests: `tests_${k}`, evaluators: `evaluators_${k}` });
        const helpers: Record<string, unknown> = { [`tests_${k}`]: test.tests, [`evaluators_${k}`]: test.evaluators, [`event_${k}`]: event };
        let params = `event_${k}.params ?? {}`;
        if (template !== undefined) {
          helpers[`template_${k}`] = template;
          const fact = new Map(factParams.map((param, i) => [param.key, i]));
          // On a clean run no slot is SLOW: a fact-valued param is its slot's value, as slotValue would read it.
          params = `{ ${Object.keys(template)
            .map((key) => `${JSON.stringify(key)}: ${fact.has(key) ? `state[${slots[fact.get(key)!]!}]` : `template_${k}[${JSON.stringify(key)}]`}`)
            .join(", ")} }`;
        }
        return { test: test.source, outcome: `{ type: event_${k}.type, params: ${params}, rule: ${JSON.stringify(name)} }`, helpers };
      },
    };
  }
}

function fastOrExact(
  exact: Predicate,
  formula: ReturnType<typeof formulaOf>,
  generated = formula === undefined ? null : generatedFormula(formula),
): SlotPredicate {
  if (formula === undefined) return (state) => exact(state);
  if (generated !== null) return (state, clean) => (clean ? generated(state) : exact(state));
  return (state, clean) => (clean ? evaluateFormula(formula, state) : exact(state));
}
