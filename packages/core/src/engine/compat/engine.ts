// Engine: json-rules-engine's Engine, with the same public API and run semantics, backed by compiled
// rules. A run takes the compiled path (compileRules: synchronous closures, rules compiled once and
// kept until the engine changes) whenever nothing in it can observe the difference: every fact a
// constant, only the built-in operators and decorators, no listener on the engine or a rule, no
// almanac passed in. Otherwise it walks the rules through an almanac as json-rules-engine does:
// priority sets one after another, the rules of one set together, facts computed (and awaited) when
// first read and cached per params.
import type { CompiledRules, Event, PathResolver, TopLevelCondition } from "../types.js";
import { Almanac } from "./almanac.js";
import { Condition } from "./condition.js";
import { AsyncEmitter } from "./emitter.js";
import { compiledRun, compileEngineRules } from "./fast-path.js";
import { Fact, type FactFunction, type FactOptions } from "./fact.js";
import { OperatorMap, type DecoratorEvaluator, type OperatorDecorator, type Operator, type OperatorEvaluator } from "./operators.js";
import { Rule, type RuleEngine, type RuleProperties } from "./rule.js";
import type { RuleResult } from "./rule-result.js";

/** How an Engine treats undefined facts and conditions, event params and paths. */
export interface EngineOptions {
  /** A missing fact reads as undefined instead of failing the run with "Undefined fact: id". */
  allowUndefinedFacts?: boolean;
  /** A reference to an unknown named condition is false instead of failing the run. */
  allowUndefinedConditions?: boolean;
  /** Event params of the form `{ fact, path?, params? }` are replaced by that fact's value. */
  replaceFactsInEventParams?: boolean;
  /** Reads a condition's `path` in a fact's object value; jsonpath-plus by default. */
  pathResolver?: PathResolver;
}

/** Options of one run. */
export interface RunOptions {
  /** An almanac to run with (its facts and anything added to it), instead of a new one. */
  almanac?: Almanac;
}

/** What `run` resolves with. */
export interface EngineResult {
  events: Event[];
  failureEvents: Event[];
  almanac: Almanac;
  results: RuleResult[];
  failureResults: RuleResult[];
}

/** The engine has not run yet. */
export const READY = "READY";
/** A run is under way. */
export const RUNNING = "RUNNING";
/** The run has finished, or `stop()` was called. */
export const FINISHED = "FINISHED";

/** json-rules-engine's Engine: rules, facts, operators and named conditions, run on facts; see the module's notes. */
export class Engine extends AsyncEmitter implements RuleEngine {
  rules: Rule[] = [];
  readonly allowUndefinedFacts: boolean;
  readonly allowUndefinedConditions: boolean;
  readonly replaceFactsInEventParams: boolean;
  readonly pathResolver: PathResolver | undefined;
  readonly operators = new OperatorMap();
  readonly facts = new Map<string, Fact>();
  readonly conditions = new Map<string, Condition>();
  status: typeof READY | typeof RUNNING | typeof FINISHED = READY;
  private prioritizedRules: Rule[][] | null = null;
  /** The compiled rules; null when they could not be compiled (the almanac path then runs them). */
  private compiled: CompiledRules | null | undefined;

  constructor(rules: ReadonlyArray<RuleProperties | Rule> = [], options: EngineOptions = {}) {
    super();
    this.allowUndefinedFacts = options.allowUndefinedFacts || false;
    this.allowUndefinedConditions = options.allowUndefinedConditions || false;
    this.replaceFactsInEventParams = options.replaceFactsInEventParams || false;
    this.pathResolver = options.pathResolver;
    for (const rule of rules) this.addRule(rule);
  }

  /** Adds a rule (a Rule, or its properties, which need `event` and `conditions`). */
  addRule(properties: RuleProperties | Rule): this {
    if (!properties) throw new Error("Engine: addRule() requires options");
    let rule: Rule;
    if (properties instanceof Rule) rule = properties;
    else {
      if (!Object.hasOwn(properties, "event")) throw new Error('Engine: addRule() argument requires "event" property');
      if (!Object.hasOwn(properties, "conditions")) throw new Error('Engine: addRule() argument requires "conditions" property');
      rule = new Rule(properties);
    }
    rule.setEngine(this);
    this.rules.push(rule);
    this.ruleChanged();
    return this;
  }

  /** Replaces the rule of the same name; throws when there is none. */
  updateRule(rule: Rule): void {
    const index = this.rules.findIndex((candidate) => candidate.name === rule.name);
    if (index < 0) throw new Error("Engine: updateRule() rule not found");
    this.rules.splice(index, 1);
    this.addRule(rule);
  }

  /** Removes a rule given as a Rule, or every rule of that name; true when one was removed. */
  removeRule(rule: Rule | unknown): boolean {
    let removed = false;
    if (rule instanceof Rule) {
      const index = this.rules.indexOf(rule);
      if (index > -1) removed = this.rules.splice(index, 1).length > 0;
    } else {
      const kept = this.rules.filter((candidate) => candidate.name !== rule);
      removed = kept.length !== this.rules.length;
      this.rules = kept;
    }
    if (removed) this.ruleChanged();
    return removed;
  }

  /** Registers (or replaces) a condition that rules reference as `{ condition: name }`. */
  setCondition(name: string, conditions: TopLevelCondition): this {
    if (!name) throw new Error("Engine: setCondition() requires name");
    if (!conditions) throw new Error("Engine: setCondition() requires conditions");
    if (!["all", "any", "not", "condition"].some((key) => Object.hasOwn(conditions, key))) {
      throw new Error('"conditions" root must contain a single instance of "all", "any", "not", or "condition"');
    }
    this.conditions.set(name, new Condition(conditions));
    this.compiled = undefined;
    return this;
  }

  /** Removes a named condition; true when there was one. */
  removeCondition(name: string): boolean {
    this.compiled = undefined;
    return this.conditions.delete(name);
  }

  /** Adds (or replaces) an operator: an Operator, or a name and `(factValue, compareToValue) => boolean`. */
  addOperator<A, B>(operatorOrName: Operator<A, B> | string, cb?: OperatorEvaluator<A, B>): void {
    this.operators.addOperator(operatorOrName, cb);
  }

  /** Removes an operator and the decorated operators built on it; true when there was one. */
  removeOperator(operatorOrName: Operator | string): boolean {
    return this.operators.removeOperator(operatorOrName);
  }

  /** Adds (or replaces) a decorator: an OperatorDecorator, or a name and `(factValue, compareToValue, next) => boolean`. */
  addOperatorDecorator<A, B>(decoratorOrName: OperatorDecorator<A, B> | string, cb?: DecoratorEvaluator<A, B>): void {
    this.operators.addOperatorDecorator(decoratorOrName, cb);
  }

  /** Removes a decorator and the decorated operators that use it; true when there was one. */
  removeOperatorDecorator(decoratorOrName: OperatorDecorator | string): boolean {
    return this.operators.removeOperatorDecorator(decoratorOrName);
  }

  /** Adds a fact every run starts with: a constant, or a function of (params, almanac), maybe async. */
  addFact<T>(id: string | Fact<T>, valueOrMethod?: T | FactFunction<T>, options?: FactOptions): this {
    const fact = id instanceof Fact ? id : new Fact<T>(id, valueOrMethod as T, options);
    this.facts.set(fact.id, fact as Fact);
    return this;
  }

  /** Removes an engine fact; true when there was one. */
  removeFact(factOrId: Fact | string): boolean {
    return this.facts.delete(factOrId instanceof Fact ? factOrId.id : factOrId);
  }

  /** The engine fact with this id. */
  getFact(factId: string): Fact | undefined {
    return this.facts.get(factId);
  }

  /** Stops the run before its next priority set; rules of the set under way still finish. */
  stop(): this {
    this.status = FINISHED;
    return this;
  }

  /** The rules in priority sets, highest first. */
  prioritizeRules(): Rule[][] {
    if (!this.prioritizedRules) {
      const sets: Record<string, Rule[]> = {};
      for (const rule of this.rules) (sets[String(rule.priority)] ??= []).push(rule);
      this.prioritizedRules = Object.keys(sets)
        .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
        .map((key) => sets[key]!);
    }
    return this.prioritizedRules;
  }

  /** The named condition set with setCondition. */
  conditionNamed(name: string): Condition | undefined {
    return this.conditions.get(name);
  }

  /** The priority of the engine fact with this id. */
  factPriority(factId: unknown): number | undefined {
    return this.facts.get(factId as string)?.priority;
  }

  /** Forgets the priority sets and compiled rules, to be built again for the next run. */
  ruleChanged(): void {
    this.prioritizedRules = null;
    this.compiled = undefined;
  }

  /** Evaluates every rule on the engine's facts and `runtimeFacts`; see EngineResult. */
  run(runtimeFacts: Record<string, unknown> = {}, runOptions: RunOptions = {}): Promise<EngineResult> {
    let outcome: EngineResult | undefined;
    try {
      outcome = this.runCompiled(runtimeFacts, runOptions);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (outcome) return Promise.resolve(outcome);
    return this.runWithAlmanac(runtimeFacts, runOptions);
  }

  /** Runs one priority set together, noting results and events and telling listeners. */
  evaluateRules(ruleArray: readonly Rule[], almanac: Almanac): Promise<unknown> {
    return Promise.all(
      ruleArray.map(async (rule) => {
        if (this.status !== RUNNING) return;
        const ruleResult = await rule.evaluate(almanac);
        almanac.addResult(ruleResult);
        if (ruleResult.result) {
          almanac.addEvent(ruleResult.event, "success");
          await this.emitAsync("success", ruleResult.event, almanac, ruleResult);
          await this.emitAsync(ruleResult.event.type, ruleResult.event.params, almanac, ruleResult);
        } else {
          almanac.addEvent(ruleResult.event, "failure");
          await this.emitAsync("failure", ruleResult.event, almanac, ruleResult);
        }
      }),
    );
  }

  private async runWithAlmanac(runtimeFacts: Record<string, unknown>, runOptions: RunOptions): Promise<EngineResult> {
    this.status = RUNNING;
    const almanac = runOptions.almanac ?? new Almanac({ allowUndefinedFacts: this.allowUndefinedFacts, pathResolver: this.pathResolver });
    for (const fact of this.facts.values()) almanac.addFact(fact);
    for (const factId in runtimeFacts) {
      const value = runtimeFacts[factId];
      almanac.addFact(value instanceof Fact ? value : new Fact(factId, value));
    }
    for (const set of this.prioritizeRules()) await this.evaluateRules(set, almanac);
    this.status = FINISHED;
    const results: RuleResult[] = [];
    const failureResults: RuleResult[] = [];
    for (const ruleResult of almanac.getResults()) (ruleResult.result ? results : failureResults).push(ruleResult);
    return { almanac, results, failureResults, events: almanac.getEvents("success"), failureEvents: almanac.getEvents("failure") };
  }

  /** The run through the compiled rules, or undefined when this run needs the almanac path. */
  private runCompiled(runtimeFacts: Record<string, unknown>, runOptions: RunOptions): EngineResult | undefined {
    if (runOptions.almanac || this.operators.customised || this.listenerCount() > 0) return undefined;
    for (const rule of this.rules) if (rule.listenerCount() > 0) return undefined;
    let facts = runtimeFacts;
    if (this.facts.size > 0) {
      facts = {};
      for (const fact of this.facts.values()) {
        if (!fact.isConstant() || fact.priority !== 1 || isThenable(fact.value)) return undefined;
        facts[fact.id] = fact.value;
      }
      for (const factId in runtimeFacts) facts[factId] = runtimeFacts[factId];
    }
    for (const factId in facts) {
      const value = facts[factId];
      if (typeof value === "function" || value instanceof Fact || isThenable(value)) return undefined;
    }
    if (this.compiled === undefined) this.compiled = compileEngineRules(this);
    if (this.compiled === null) return undefined;
    this.status = RUNNING;
    try {
      return compiledRun(this.compiled, facts, this);
    } finally {
      this.status = FINISHED;
    }
  }
}

function isThenable(value: unknown): boolean {
  return value !== null && (typeof value === "object" || typeof value === "function") && typeof (value as { then?: unknown }).then === "function";
}
