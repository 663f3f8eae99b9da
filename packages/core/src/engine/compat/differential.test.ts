// Differential test of the Engine class: random rule sets and facts run through json-rules-engine 7.3
// and through our Engine, set up the same way (named conditions, engine facts that are functions,
// sync or async, cached or not, with priorities; runtime facts that are functions; custom operators
// and decorators; listeners that record what they are given, add facts mid-run or stop the run). The
// two must fail together, give the same events and rule results, tell listeners the same things, call
// fact functions as often, and leave the same almanac. Plain cases take the compiled path; the rest
// the almanac path. Order among rules of equal priority is compared as a set (both run those together).
import { Engine as ReferenceEngine } from "json-rules-engine";
import { describe, expect, it, onTestFinished } from "vitest";
import { Random } from "../test-support/random.js";
import { randomCase, type RandomCase } from "../test-support/random-rules.js";
import { countingUnhandledRejections } from "../test-support/unhandled.js";
import type { Event, Facts, NestedCondition, RuleProperties } from "../types.js";
import { Almanac, Engine } from "./index.js";

const CASES = 250;
const SEED = 20_261_203;
const FACT_NAMES = ["a", "b", "n", "s", "obj", "arr", "flag", "zz"];
const CUSTOM_OPERATORS = ["near", "either:equal", "not:near", "either:near", "someFact:near", "either:not:lessThan"];

interface Scenario {
  base: RandomCase;
  /** Constant facts, built-in operators, no listeners: the compiled path. */
  plain: boolean;
  rules: RuleProperties[];
  /** Facts given to the engine as functions, with how. */
  dynamic: Map<string, { level: "engine" | "runtime"; async: "no" | "resolved" | "timer"; cache: boolean; priority: number }>;
  customOperators: boolean;
  listeners: boolean;
  /** A success of this event type stops the run. */
  stopOn?: string;
  /** A success of this event type adds a runtime fact for the rules after it. */
  addFactOn?: { type: string; fact: string; value: unknown };
}

/** The part of both engines' API the scenarios use. */
interface AnyEngine {
  setCondition(name: string, condition: unknown): unknown;
  addFact(id: string, value: unknown, options?: unknown): unknown;
  addOperator(name: string, cb: (a: unknown, b: unknown) => boolean): void;
  addOperatorDecorator(name: string, cb: (a: unknown, b: unknown, next: (a: unknown, b: unknown) => boolean) => boolean): void;
  on(event: string, listener: (...args: never[]) => unknown): unknown;
  stop(): unknown;
  run(facts: Facts): Promise<RunResult>;
}
interface AnyAlmanac {
  factValue(id: string, params?: unknown, path?: string): Promise<unknown>;
  getEvents(outcome?: string): Event[];
  getResults(): unknown[];
  addRuntimeFact(id: string, value: unknown): void;
}
interface RunResult {
  events: Event[];
  failureEvents: Event[];
  results: unknown[];
  failureResults: unknown[];
  almanac: AnyAlmanac;
}

type Outcome =
  | { threw: true; message: string }
  | {
      threw: false;
      events: Event[];
      failureEvents: Event[];
      results: unknown[];
      failureResults: unknown[];
      heard: unknown[];
      calls: Record<string, number>;
      almanac: unknown;
      /** Facts read through our Almanac during the run: none on the compiled path. */
      almanacReads: number;
    };

function mapLeaves(condition: NestedCondition, change: (leaf: { operator: string }) => void): void {
  const node = condition as unknown as Record<string, unknown>;
  if (Array.isArray(node.all)) for (const child of node.all) mapLeaves(child as NestedCondition, change);
  else if (Array.isArray(node.any)) for (const child of node.any) mapLeaves(child as NestedCondition, change);
  else if (node.not) mapLeaves(node.not as NestedCondition, change);
  else if (typeof node.operator === "string") change(node as { operator: string });
}

function scenario(random: Random): Scenario {
  const base = randomCase(random);
  const rules = structuredClone(base.rules);
  const plain = random.chance(0.35);
  const customOperators = !plain && random.chance(0.4);
  if (customOperators) {
    for (const rule of rules) {
      mapLeaves(rule.conditions, (leaf) => {
        if (random.chance(0.35)) leaf.operator = random.pick(CUSTOM_OPERATORS);
      });
    }
  }
  const dynamic: Scenario["dynamic"] = new Map();
  if (!plain && random.chance(0.7)) {
    for (const name of FACT_NAMES) {
      if (!random.chance(0.4)) continue;
      dynamic.set(name, {
        level: random.chance(0.7) ? "engine" : "runtime",
        async: random.pick(["no", "resolved", "timer"] as const),
        cache: random.chance(0.7),
        priority: random.chance(0.3) ? random.int(1, 3) : 1,
      });
    }
  }
  const listeners = !plain && random.chance(0.6);
  const type = () => `r${random.int(0, rules.length - 1)}`;
  const result: Scenario = { base, plain, rules, dynamic, customOperators, listeners };
  if (listeners && random.chance(0.3)) result.stopOn = type();
  if (listeners && random.chance(0.3)) {
    const addFactOn = { type: type(), fact: random.pick(FACT_NAMES), value: random.pick([0, 3, "3", null, [1, 2]]) };
    // Rules of the same priority run together, so when they read the added fact is a matter of timing.
    const priorityOf = (rule: RuleProperties) => Number.parseInt(String(rule.priority || 1), 10);
    const trigger = priorityOf(rules[Number(addFactOn.type.slice(1))]!);
    const together = rules.filter((rule) => priorityOf(rule) === trigger);
    const read = JSON.stringify([together, base.options.conditions ?? {}]).includes(`"fact":"${addFactOn.fact}"`);
    if (!read) result.addFactOn = addFactOn;
  }
  return result;
}

/** `almanac` of a run, in what can be compared: its events, results and every fact's value. */
async function almanacContents(almanac: AnyAlmanac, positionOf: (event: Event) => number): Promise<unknown> {
  const values: Record<string, unknown> = {};
  for (const name of FACT_NAMES) {
    try {
      values[name] = await almanac.factValue(name);
    } catch (error) {
      values[name] = `error: ${(error as Error).message}`;
    }
  }
  const byPosition = (x: Event, y: Event) => positionOf(x) - positionOf(y);
  return {
    values,
    success: [...almanac.getEvents("success")].sort(byPosition),
    failure: [...almanac.getEvents("failure")].sort(byPosition),
    all: almanac.getEvents().length,
    results: almanac.getResults().length,
  };
}

/** A rule result as plain data (every own property, nested conditions included). */
function plain(result: unknown): unknown {
  return structuredClone({ ...(result as object) });
}

async function outcome(make: () => AnyEngine, s: Scenario, facts: Facts, almanacReads: () => number): Promise<Outcome> {
  const engine = make();
  const calls: Record<string, number> = {};
  const heard: unknown[] = [];
  let runAlmanac: AnyAlmanac | undefined;
  for (const [name, condition] of Object.entries(s.base.options.conditions ?? {})) engine.setCondition(name, structuredClone(condition));
  if (s.customOperators) {
    engine.addOperator("near", (a, b) => typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1);
    engine.addOperatorDecorator("either", (a, b, next) => next(a, b) || next(b, a));
  }
  const runtime: Facts = { ...facts };
  for (const [name, how] of s.dynamic) {
    const value = facts[name];
    delete runtime[name];
    const compute = (params: Record<string, unknown>) => {
      calls[name] = (calls[name] ?? 0) + 1;
      const given = params && Object.keys(params).length > 0 ? [value, params] : value;
      if (how.async === "no") return given;
      if (how.async === "resolved") return Promise.resolve(given);
      return new Promise((resolve) => setTimeout(() => resolve(given), 0));
    };
    if (how.level === "engine") engine.addFact(name, compute, { cache: how.cache, priority: how.priority });
    else runtime[name] = compute;
  }
  if (s.listeners) {
    const note = (kind: string) => (event: Event, almanac: AnyAlmanac, ruleResult: { event: Event; result: unknown }) => {
      runAlmanac ??= almanac;
      heard.push({ kind, type: event.type, params: event.params, sameEvent: event === ruleResult.event, result: ruleResult.result, sameAlmanac: almanac === runAlmanac });
      if (kind === "success" && event.type === s.addFactOn?.type) almanac.addRuntimeFact(s.addFactOn.fact, s.addFactOn.value);
      if (kind === "success" && event.type === s.stopOn) engine.stop();
    };
    engine.on("success", note("success"));
    engine.on("failure", note("failure"));
    for (let i = 0; i < s.rules.length; i++) {
      engine.on(`r${i}`, (params: unknown, almanac: AnyAlmanac, ruleResult: { event: Event }) =>
        heard.push({ kind: "type", type: ruleResult.event.type, params, sameAlmanac: almanac === runAlmanac }),
      );
    }
  }
  try {
    const result = await engine.run(runtime);
    const priorities = s.rules.map((rule) => Number.parseInt(String(rule.priority || 1), 10));
    const position = (event: Event) => Number(event.type.slice(1));
    const inRunOrder = <T>(items: readonly T[], eventOf: (item: T) => Event) =>
      [...items].sort((x, y) => {
        const px = position(eventOf(x));
        const py = position(eventOf(y));
        return priorities[py]! - priorities[px]! || px - py;
      });
    const ruleEvent = (r: unknown) => (r as { event: Event }).event;
    const heardEvent = (h: unknown) => ({ type: (h as { type: string }).type });
    const observed = {
      threw: false as const,
      events: inRunOrder(result.events, (e) => e),
      failureEvents: inRunOrder(result.failureEvents, (e) => e),
      results: inRunOrder(result.results, ruleEvent).map(plain),
      failureResults: inRunOrder(result.failureResults, ruleEvent).map(plain),
      heard: inRunOrder(heard, heardEvent),
      calls: { ...calls },
      almanac: undefined as unknown,
      almanacReads: almanacReads(),
    };
    if (runAlmanac) expect(result.almanac).toBe(runAlmanac);
    observed.almanac = await almanacContents(result.almanac, position);
    return observed;
  } catch (error) {
    return { threw: true, message: (error as Error).message };
  }
}

describe("Engine against json-rules-engine", () => {
  it(`agrees on ${CASES} random engines`, { timeout: 60_000 }, async () => {
    const random = new Random(SEED);
    const reads = { count: 0 };
    const readFact = Almanac.prototype.factValue;
    Almanac.prototype.factValue = function <T>(this: Almanac, ...args: Parameters<Almanac["factValue"]>): Promise<T> {
      reads.count++;
      return readFact.apply(this, args) as Promise<T>;
    };
    onTestFinished(() => {
      Almanac.prototype.factValue = readFact;
    });
    const tally = { compared: 0, compiled: 0, failed: 0, fired: 0, heard: 0, calls: 0, stopped: 0 };
    const unhandled = await countingUnhandledRejections(async () => {
      for (let n = 0; n < CASES; n++) {
        const s = scenario(random);
        for (const facts of s.base.factSets) {
          const options = {
            allowUndefinedFacts: s.base.options.allowUndefinedFacts ?? false,
            allowUndefinedConditions: s.base.options.allowUndefinedConditions ?? false,
            replaceFactsInEventParams: s.base.options.replaceFactsInEventParams ?? false,
          };
          const expected = await outcome(() => new ReferenceEngine(structuredClone(s.rules) as never, options) as unknown as AnyEngine, s, facts, () => 0);
          const readsBefore = reads.count;
          const actual = await outcome(() => new Engine(structuredClone(s.rules) as never, options) as unknown as AnyEngine, s, facts, () => reads.count - readsBefore);
          const context = `case ${n}: ${JSON.stringify({ rules: s.rules, options: s.base.options, dynamic: [...s.dynamic], custom: s.customOperators, stopOn: s.stopOn, addFactOn: s.addFactOn, facts })}`;
          expect(actual.threw, context).toBe(expected.threw);
          if (actual.threw || expected.threw) {
            tally.failed++;
            continue;
          }
          if (s.plain) {
            expect(actual.almanacReads, context).toBe(0);
            tally.compiled++;
          }
          expect({ ...actual, almanacReads: 0 }, context).toEqual({ ...expected, almanacReads: 0 });
          tally.compared++;
          tally.fired += actual.events.length;
          tally.heard += actual.heard.length;
          tally.calls += Object.values(actual.calls).reduce((x, y) => x + y, 0);
          if (s.stopOn && actual.results.length + actual.failureResults.length < s.rules.length) tally.stopped++;
        }
      }
    });
    // Every feature must be exercised, or agreement means little.
    expect(tally.compared).toBeGreaterThan(CASES);
    expect(tally.compiled).toBeGreaterThan(CASES / 2);
    expect(tally.failed).toBeGreaterThan(CASES / 20);
    expect(tally.fired).toBeGreaterThan(CASES / 2);
    expect(tally.heard).toBeGreaterThan(CASES);
    expect(tally.calls).toBeGreaterThan(CASES);
    expect(tally.stopped).toBeGreaterThan(CASES / 50);
    expect(unhandled).toBeLessThan(tally.failed + 1);
  });
});
