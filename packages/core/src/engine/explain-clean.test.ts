// The quick trace of a clean run (cleanConditionTrace) against the general one (explainRule) on random rule
// sets and facts: the same conditions, key for key and in the same key order, for every rule it may take.
import { describe, expect, it } from "vitest";
import { ConditionCompiler } from "./condition.js";
import { cleanConditionTrace, explainRule, generatedTrace } from "./explain.js";
import { compileRule } from "./rules.js";
import { Random } from "./test-support/random.js";
import { randomCase } from "./test-support/random-rules.js";
import type { Facts } from "./types.js";

const CASES = 1500;
const SEED = 20_261_203;

/** The value with every object as its [key, value] pairs in order, so toEqual also compares key order. */
function keyOrdered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keyOrdered);
  if (typeof value === "object" && value !== null) return Object.entries(value).map(([k, v]) => [k, keyOrdered(v)]);
  return value;
}

describe("cleanConditionTrace", () => {
  it("traces a clean run exactly as explainRule does, and so does the trace written out as JavaScript", () => {
    const random = new Random(SEED);
    let compared = 0;
    let fired = 0;
    let written = 0;
    for (let c = 0; c < CASES; c++) {
      const testCase = randomCase(random);
      let compiler: ConditionCompiler;
      let rules;
      try {
        // A malformed random rule (or named condition) is refused when compiled: nothing to trace.
        compiler = new ConditionCompiler(testCase.options);
        rules = testCase.rules.map((rule, i) => compileRule(compiler, rule, i, `/${i}`, testCase.options));
      } catch {
        continue;
      }
      for (const facts of testCase.factSets) {
        const state = compiler.slots.newState();
        if (!compiler.slots.fill(state, facts)) continue;
        for (const rule of rules) {
          if (rule.formula === undefined) continue;
          const resolve = rule.resolveEvent && ((s: unknown[]) => rule.resolveEvent!(s[0] as Facts));
          const expected = explainRule(rule, state, resolve);
          const actual = cleanConditionTrace(rule, state);
          expect(keyOrdered(actual), `case ${c}`).toEqual(keyOrdered(expected.conditions));
          expect(actual!.result).toBe(expected.fired);
          // The same trace written out as JavaScript (generatedTrace), for the rules whose shapes it takes.
          const trace = generatedTrace(rule);
          if (trace !== null) {
            let generated: unknown;
            try {
              generated = trace(state);
            } catch {
              generated = undefined;
            }
            expect(keyOrdered(generated), `case ${c}, written out`).toEqual(keyOrdered(actual));
            written++;
          }
          compared++;
          if (expected.fired) fired++;
        }
      }
    }
    // The random cases must exercise the quick path, firing and not.
    expect(compared).toBeGreaterThan(1000);
    expect(fired).toBeGreaterThan(100);
    expect(compared - fired).toBeGreaterThan(100);
    expect(written).toBeGreaterThan(300);
  }, 60_000);
});
