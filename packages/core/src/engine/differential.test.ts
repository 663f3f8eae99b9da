// Differential test: thousands of random rule sets and facts run through json-rules-engine 7.3 and
// through compileRules must give the same events, the same failure events, and fail (or not) together.
// Event order is compared within equal priorities as a set, since json-rules-engine runs those rules
// concurrently and its order among them is not defined.
import { Engine } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import { compileRules } from "./index.js";
import { Random } from "./test-support/random.js";
import { countingUnhandledRejections } from "./test-support/unhandled.js";
import { randomCase, type RandomCase } from "./test-support/random-rules.js";
import type { CompiledRules, Event, Facts } from "./types.js";

const CASES = 3000;
const SEED = 20_260_522;

type Outcome = { threw: true; message: string } | { threw: false; events: Event[]; failureEvents: Event[] };

interface Tally {
  compared: number;
  failedRuns: number;
  firedEvents: number;
}

/**
 * A new engine per run: after a run fails, the failed run's leftover promise chain can mark the
 * engine FINISHED in the middle of its next run, which then silently skips rules. And fresh copies
 * of the rules, because json-rules-engine rewrites fact-condition priorities in the objects it is given.
 */
function referenceEngine(testCase: RandomCase): Engine {
  const engine = new Engine(structuredClone(testCase.rules) as never, {
    allowUndefinedFacts: testCase.options.allowUndefinedFacts ?? false,
    allowUndefinedConditions: testCase.options.allowUndefinedConditions ?? false,
    replaceFactsInEventParams: testCase.options.replaceFactsInEventParams ?? false,
  });
  for (const [name, condition] of Object.entries(testCase.options.conditions ?? {})) {
    engine.setCondition(name, structuredClone(condition) as never);
  }
  return engine;
}

async function referenceOutcome(testCase: RandomCase, facts: Facts): Promise<Outcome> {
  try {
    const { events, failureEvents } = await referenceEngine(testCase).run(facts);
    return { threw: false, events: events as Event[], failureEvents: failureEvents as Event[] };
  } catch (error) {
    return { threw: true, message: (error as Error).message };
  }
}

function compiledOutcome(compiled: CompiledRules, facts: Facts): Outcome {
  try {
    return { threw: false, ...compiled.run(facts) };
  } catch (error) {
    return { threw: true, message: (error as Error).message };
  }
}

/** Highest priority first, then by rule position (event types are "r<position>"). */
function inRunOrder(events: readonly Event[], priorities: readonly number[]): Event[] {
  const position = (event: Event) => Number(event.type.slice(1));
  return [...events].sort((x, y) => priorities[position(y)]! - priorities[position(x)]! || position(x) - position(y));
}

async function compareCase(testCase: RandomCase, label: string, tally: Tally): Promise<void> {
  const compiled = compileRules(structuredClone(testCase.rules), structuredClone(testCase.options));
  const priorities = testCase.rules.map((rule) => Number.parseInt(String(rule.priority || 1), 10));
  for (const facts of testCase.factSets) {
    const expected = await referenceOutcome(testCase, facts);
    const actual = compiledOutcome(compiled, facts);
    const context = `${label}: ${JSON.stringify({ rules: testCase.rules, options: testCase.options, facts })}`;
    expect(actual.threw, context).toBe(expected.threw);
    const traces = compiled.explain(facts);
    if (expected.threw || actual.threw) {
      tally.failedRuns++;
      expect(traces.some((trace) => trace.error !== undefined), context).toBe(true);
      continue;
    }
    // compileRules itself orders by priority, then position.
    expect(actual.events, context).toEqual(inRunOrder(actual.events, priorities));
    expect(actual.failureEvents, context).toEqual(inRunOrder(actual.failureEvents, priorities));
    expect(actual.events, context).toEqual(inRunOrder(expected.events, priorities));
    expect(actual.failureEvents, context).toEqual(inRunOrder(expected.failureEvents, priorities));
    const fired = new Set(actual.events.map((event) => event.type));
    expect(
      traces.map((trace) => [trace.event.type, trace.fired, trace.error]),
      context,
    ).toEqual(traces.map((trace) => [trace.event.type, fired.has(trace.event.type), undefined]));
    tally.compared++;
    tally.firedEvents += actual.events.length;
  }
}

describe("compileRules against json-rules-engine", () => {
  it(`agrees on ${CASES} random rule sets`, { timeout: 120_000 }, async () => {
    const random = new Random(SEED);
    const tally: Tally = { compared: 0, failedRuns: 0, firedEvents: 0 };
    const unhandled = await countingUnhandledRejections(async () => {
      for (let n = 0; n < CASES; n++) await compareCase(randomCase(random), `case ${n}`, tally);
    });
    // The generator must exercise passing, failing and erroring runs, or agreement means little.
    expect(tally.compared).toBeGreaterThan(CASES);
    expect(tally.failedRuns).toBeGreaterThan(CASES / 10);
    expect(tally.firedEvents).toBeGreaterThan(CASES);
    expect(unhandled).toBeLessThan(tally.failedRuns);
  });
});
