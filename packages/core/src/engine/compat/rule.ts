// A rule as json-rules-engine holds one: conditions, an event, a priority and a name, with its own
// `success`/`failure` listeners. `evaluate` walks the conditions against an almanac the way that
// engine does: an all/any evaluates its members in groups of equal priority, highest first, every
// member of a group together, and stops after the group that decides it.
import type { Event } from "../types.js";
import type { Almanac } from "./almanac.js";
import { Condition } from "./condition.js";
import { AsyncEmitter, type Listener } from "./emitter.js";
import type { OperatorMap } from "./operators.js";
import { RuleResult } from "./rule-result.js";

/** What a rule needs from its engine while it runs. */
export interface RuleEngine {
  readonly operators: OperatorMap;
  readonly allowUndefinedConditions: boolean;
  readonly replaceFactsInEventParams: boolean;
  /** The condition set under `name`. */
  conditionNamed(name: string): Condition | undefined;
  /** The priority of the engine fact `factId`. */
  factPriority(factId: unknown): number | undefined;
  /** Told when the rule's conditions, event or priority change. */
  ruleChanged(): void;
}

/** A rule as json-rules-engine's `addRule` takes it (conditions and event are required there). */
export interface RuleProperties {
  conditions?: object;
  event?: Event;
  name?: unknown;
  priority?: number | string;
  onSuccess?: Listener;
  onFailure?: Listener;
}

/** json-rules-engine's Rule: conditions, event, priority and name, with `success`/`failure` listeners. */
export class Rule extends AsyncEmitter {
  conditions!: Condition;
  ruleEvent!: Event;
  event!: Event;
  priority!: number;
  name?: unknown;
  engine?: RuleEngine;

  constructor(options?: RuleProperties | string) {
    super();
    const properties: RuleProperties | undefined = typeof options === "string" ? (JSON.parse(options) as RuleProperties) : options;
    if (properties?.conditions) this.setConditions(properties.conditions);
    if (properties?.onSuccess) this.on("success", properties.onSuccess);
    if (properties?.onFailure) this.on("failure", properties.onFailure);
    if (properties && (properties.name || properties.name === 0)) this.setName(properties.name);
    this.setPriority(properties?.priority || 1);
    this.setEvent(properties?.event || { type: "unknown" });
  }

  /** Higher runs sooner; must be above zero. */
  setPriority(priority: number | string): this {
    const parsed = Number.parseInt(String(priority), 10);
    if (parsed <= 0) throw new Error("Priority must be greater than zero");
    this.priority = parsed;
    this.engine?.ruleChanged();
    return this;
  }

  /** Any truthy name, or 0. */
  setName(name: unknown): this {
    if (!name && name !== 0) throw new Error('Rule "name" must be defined');
    this.name = name;
    return this;
  }

  /** The root must be one all, any, not or condition reference. */
  setConditions(conditions: object): this {
    if (!["all", "any", "not", "condition"].some((key) => Object.hasOwn(conditions, key))) {
      throw new Error('"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
    }
    this.conditions = new Condition(conditions);
    this.engine?.ruleChanged();
    return this;
  }

  /** The event the rule gives (its type, and params when given). */
  setEvent(event: Event): this {
    if (!event) throw new Error("Rule: setEvent() requires event object");
    if (!Object.hasOwn(event, "type")) throw new Error('Rule: setEvent() requires event object with "type" property');
    this.ruleEvent = { type: event.type };
    if (event.params) this.ruleEvent.params = event.params;
    this.event = this.ruleEvent;
    this.engine?.ruleChanged();
    return this;
  }

  /** The rule's event. */
  getEvent(): Event {
    return this.ruleEvent;
  }

  /** The rule's priority. */
  getPriority(): number {
    return this.priority;
  }

  /** The rule's condition tree. */
  getConditions(): Condition {
    return this.conditions;
  }

  /** The engine the rule was added to. */
  getEngine(): RuleEngine | undefined {
    return this.engine;
  }

  /** Ties the rule to an engine (addRule does it). */
  setEngine(engine: RuleEngine): this {
    this.engine = engine;
    return this;
  }

  /** The rule as JSON, or as a JSON-ready object when `stringify` is false. */
  toJSON(stringify?: true): string;
  /** The rule as a JSON-ready object. */
  toJSON(stringify: false): Record<string, unknown>;
  toJSON(stringify = true): string | Record<string, unknown> {
    const props = { conditions: this.conditions.toJSON(false), priority: this.priority, event: this.ruleEvent, name: this.name };
    return stringify ? JSON.stringify(props) : props;
  }

  /** Groups of conditions of equal priority, highest first; a condition without one takes its fact's. */
  prioritizeConditions(conditions: readonly Condition[]): Condition[][] {
    const sets: Record<string, Condition[]> = {};
    for (const condition of conditions) {
      const priority = condition.priority || this.engine?.factPriority(condition.fact) || 1;
      (sets[String(priority)] ??= []).push(condition);
    }
    return Object.keys(sets)
      .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
      .map((key) => sets[key]!);
  }

  /** Evaluates the rule against the almanac, tells its own listeners, and gives the annotated result. */
  async evaluate(almanac: Almanac): Promise<RuleResult> {
    const engine = this.engine;
    if (!engine) throw new Error("Rule: evaluate() needs the rule to be added to an engine");
    const ruleResult = new RuleResult(this.conditions, this.ruleEvent, this.priority, this.name);
    const passed = await new RuleRun(this, engine, almanac).root(ruleResult.conditions);
    ruleResult.setResult(passed as boolean);
    if (engine.replaceFactsInEventParams) await ruleResult.resolveEventParams(almanac);
    await this.emitAsync(passed ? "success" : "failure", ruleResult.event, almanac, ruleResult);
    return ruleResult;
  }
}

/** One evaluation of one rule's (copied) conditions. */
class RuleRun {
  constructor(
    private readonly rule: Rule,
    private readonly engine: RuleEngine,
    private readonly almanac: Almanac,
  ) {}

  /** The root: its all/any/not is decided without noting a result on the root itself, as json-rules-engine does. */
  root(root: Condition): Promise<unknown> {
    const operator = root.booleanOperator();
    if (operator === "not") return this.not(root.not!, []);
    if (operator) return this.prioritizeAndRun(root[operator]!, operator, []);
    return this.realize(root, []);
  }

  /** A node's outcome: true/false for all/any/not, or whatever the operator gave for a fact condition. */
  private async evaluate(condition: Condition, chain: readonly string[]): Promise<unknown> {
    if (condition.isConditionReference()) return this.realize(condition, chain);
    const operator = condition.booleanOperator();
    if (operator) {
      const outcome = await (operator === "not" ? this.not(condition.not!, chain) : this.prioritizeAndRun(condition[operator]!, operator, chain));
      const passes = outcome === true;
      condition.result = passes;
      return passes;
    }
    const evaluation = await condition.evaluate(this.almanac, this.engine.operators);
    condition.factResult = evaluation.leftHandSideValue;
    condition.valueResult = evaluation.rightHandSideValue;
    condition.result = evaluation.result;
    return evaluation.result;
  }

  private async not(condition: Condition, chain: readonly string[]): Promise<boolean> {
    return !(await this.prioritizeAndRun([condition], "not", chain));
  }

  private async prioritizeAndRun(conditions: readonly Condition[], operator: "all" | "any" | "not", chain: readonly string[]): Promise<unknown> {
    if (conditions.length === 0) return true;
    if (conditions.length === 1) return this.evaluate(conditions[0]!, chain);
    let outcome = operator === "all";
    for (const set of this.rule.prioritizeConditions(conditions)) {
      if (operator === "any" ? outcome : !outcome) break;
      const results = await Promise.all(set.map((condition) => this.evaluate(condition, chain)));
      outcome = operator === "any" ? results.some((r) => r === true) : results.every((r) => r === true);
    }
    return outcome;
  }

  /**
   * Puts the named condition in the reference's place (keeping the reference's other keys) and evaluates it.
   * `chain` holds the names being realized above it: a name met again is a cycle, refused with the names
   * in it (json-rules-engine overflows the stack).
   */
  private realize(reference: Condition, chain: readonly string[]): Promise<unknown> {
    const name = reference.condition as string;
    if (chain.includes(name)) throw new Error(`Named conditions refer to each other in a cycle: ${[...chain, name].join(" → ")}`);
    const named = this.engine.conditionNamed(name);
    if (!named) {
      if (this.engine.allowUndefinedConditions) {
        reference.result = false;
        return Promise.resolve(false);
      }
      throw new Error(`No condition ${String(reference.condition)} exists`);
    }
    delete reference.condition;
    Object.assign(reference, named.clone());
    return this.evaluate(reference, [...chain, name]);
  }
}
