// The almanac: one run's facts, their cached values, and the events and rule results so far. Rules
// read facts through it; fact functions and event handlers receive it to read (or add) facts.
import { JSONPath } from "jsonpath-plus";
import { UndefinedFactError } from "../errors.js";
import type { Event, PathResolver } from "../types.js";
import { Fact, type FactFunction, type FactOptions } from "./fact.js";
import type { RuleResult } from "./rule-result.js";

/** How an almanac treats undefined facts and reads paths. */
export interface AlmanacOptions {
  allowUndefinedFacts?: boolean;
  pathResolver?: PathResolver;
}

/** json-rules-engine's default path reader: jsonpath-plus, the first match unwrapped. */
export const defaultPathResolver: PathResolver = (json, path) => JSONPath({ path, json, wrap: false }) as unknown;

/** json-rules-engine's Almanac: a run's facts, fact values, events and rule results. */
export class Almanac {
  private readonly factMap = new Map<string, Fact>();
  private readonly factResultsCache = new Map<string, Promise<unknown>>();
  private readonly allowUndefinedFacts: boolean;
  private readonly pathResolver: PathResolver;
  private readonly events: { success: Event[]; failure: Event[] } = { success: [], failure: [] };
  private readonly ruleResults: RuleResult[] = [];

  constructor(options: AlmanacOptions = {}) {
    this.allowUndefinedFacts = Boolean(options.allowUndefinedFacts);
    this.pathResolver = options.pathResolver ?? defaultPathResolver;
  }

  /** Notes an event of the given outcome. */
  addEvent(event: Event, outcome: "success" | "failure"): void {
    if (!outcome) throw new Error('outcome required: "success" | "failure"]');
    this.events[outcome].push(event);
  }

  /** The events of one outcome, or of both (successes first). */
  getEvents(outcome: "success" | "failure" | "" = ""): Event[] {
    if (outcome) return this.events[outcome];
    return this.events.success.concat(this.events.failure);
  }

  /** Notes a rule's result. */
  addResult(ruleResult: RuleResult): void {
    this.ruleResults.push(ruleResult);
  }

  /** The rule results so far, in the order the rules finished. */
  getResults(): RuleResult[] {
    return this.ruleResults;
  }

  /** Adds (or replaces) a fact for the rest of the run. */
  addFact<T>(id: string | Fact<T>, valueOrMethod?: T | FactFunction<T>, options?: FactOptions): this {
    const fact = id instanceof Fact ? id : new Fact<T>(id, valueOrMethod as T, options);
    this.factMap.set(fact.id, fact as Fact);
    if (fact.isConstant()) this.setFactValue(fact as Fact, {}, fact.value);
    return this;
  }

  /** Adds a constant fact for the rest of the run (kept for json-rules-engine's older API; use addFact). */
  addRuntimeFact(factId: string, value: unknown): void {
    const fact = new Fact(factId, value);
    this.factMap.set(fact.id, fact);
    this.setFactValue(fact, {}, fact.value);
  }

  /**
   * The value of a fact for `params`, read at `path` when the value is an object. A dynamic fact is
   * computed once per params and cached (unless its `cache` is false); an unknown fact rejects with
   * "Undefined fact: id" unless undefined facts are allowed.
   */
  factValue<T = unknown>(factId: string, params: Record<string, unknown> = {}, path = ""): Promise<T> {
    const fact = this.factMap.get(factId);
    if (fact === undefined) {
      if (this.allowUndefinedFacts) return Promise.resolve(undefined as T);
      return Promise.reject(new UndefinedFactError(factId));
    }
    let value: Promise<unknown>;
    if (fact.isConstant()) value = Promise.resolve(fact.calculate(params, this));
    else {
      const cacheKey = fact.getCacheKey(params);
      const cached = cacheKey === undefined ? undefined : this.factResultsCache.get(cacheKey);
      value = cached ?? this.setFactValue(fact, params, fact.calculate(params, this));
    }
    if (!path) return value as Promise<T>;
    return value.then((resolved) =>
      resolved != null && typeof resolved === "object" ? this.pathResolver(resolved, path) : resolved,
    ) as Promise<T>;
  }

  /** A condition's `value` (or an event param): the value of the fact it names, or itself. */
  getValue(value: unknown): Promise<unknown> {
    if (value != null && typeof value === "object" && Object.hasOwn(value, "fact")) {
      const reference = value as { fact: string; params?: Record<string, unknown>; path?: string };
      return this.factValue(reference.fact, reference.params, reference.path);
    }
    return Promise.resolve(value);
  }

  private setFactValue(fact: Fact, params: Record<string, unknown>, value: unknown): Promise<unknown> {
    const cacheKey = fact.getCacheKey(params);
    const promise = Promise.resolve(value);
    if (cacheKey !== undefined) this.factResultsCache.set(cacheKey, promise);
    return promise;
  }
}
