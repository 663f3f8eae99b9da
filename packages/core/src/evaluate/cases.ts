// A rule file's own test cases (`tests`), run against its compiled rule set: each case says what it
// expected and what it got, so a BKD admin can see which rule to fix.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
import { rollUpYear } from "../periods/periods.js";
import { AppraisalError } from "../ruleset/errors.js";
import type { TestCase } from "../ruleset/schema.js";
import { roundTo } from "./calculations.js";
import type { CompiledRuleSet } from "./compile.js";
import type { Facts } from "./context.js";

/** A rule file's test case run: whether it passed and, where not, what was expected and what came out. */
export interface CaseResult {
  name: string;
  passed: boolean;
  /** One line per unmet expectation: what was expected, what came out. */
  failures: string[];
  /** The failures joined, or "lulus". */
  message: string;
  /** The evaluation's result, when it did not refuse. */
  result: AppraisalResult | null;
  /** The refusal's message, when it refused. */
  error: string | null;
}

function show(value: unknown): string {
  return value === undefined ? "(tidak ada)" : JSON.stringify(value);
}

/** Numbers agree to two decimals; anything else must be equal. */
function sameFact(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "number" && typeof expected === "number") return roundTo(actual, 2) === roundTo(expected, 2);
  return actual === expected;
}

function checkResult(test: TestCase, result: AppraisalResult, facts: Facts | null): string[] {
  const expect = test.expect;
  const failures: string[] = [];
  if (expect.predikat !== undefined && result.predikat !== expect.predikat) {
    failures.push(`predikat: diharapkan ${show(expect.predikat)}, didapat ${show(result.predikat)}`);
  }
  if (expect.indicatorSet !== undefined && result.indicatorSet !== expect.indicatorSet) {
    failures.push(`set indikator: diharapkan ${show(expect.indicatorSet)}, didapat ${show(result.indicatorSet)}`);
  }
  if (expect.facts && facts) {
    for (const [name, expected] of Object.entries(expect.facts)) {
      const actual = Object.hasOwn(facts, name) ? facts[name] : undefined;
      if (actual === undefined) failures.push(`fakta ${name}: tidak dikenal (diharapkan ${show(expected)})`);
      else if (!sameFact(actual, expected)) failures.push(`fakta ${name}: diharapkan ${show(expected)}, didapat ${show(actual)}`);
    }
  }
  const fired = result.outcomes.map((o) => o.type);
  const firedText = fired.length > 0 ? [...new Set(fired)].join(", ") : "tidak ada";
  const missing = (expect.outcomes ?? []).filter((type) => !fired.includes(type));
  if (missing.length > 0) failures.push(`tindak lanjut yang harus terpicu tidak terpicu: ${missing.join(", ")} (terpicu: ${firedText})`);
  const unwanted = (expect.notOutcomes ?? []).filter((type) => fired.includes(type));
  if (unwanted.length > 0) failures.push(`tindak lanjut yang tidak boleh terpicu ternyata terpicu: ${unwanted.join(", ")}`);
  return failures;
}

/** What a case evaluates: its input, or, for a year of periods, the year rolled up (its input as evaluated). */
function evaluateCase(compiled: CompiledRuleSet, test: TestCase): { input: AppraisalInput; result: AppraisalResult; computedPredikat: string | null } {
  const input = test.input as unknown as AppraisalInput;
  if (!test.periods) return { input, result: compiled.evaluate(input), computedPredikat: null };
  const periods = test.periods.map((period) => ({ ...input, ...period }) as AppraisalInput);
  const year = (periods[0]?.period?.label ?? "").slice(0, 4);
  const judgement = test.judgement ? { ...test.judgement, by: "penilai (kasus uji)" } : undefined;
  const annual = rollUpYear(compiled, periods, year, judgement);
  return { input: annual.input, result: annual.result, computedPredikat: annual.computedPredikat };
}

function runCase(compiled: CompiledRuleSet, test: TestCase): CaseResult {
  const expectedError = test.expect.error;
  let evaluated: ReturnType<typeof evaluateCase> | null = null;
  let error: string | null = null;
  try {
    evaluated = evaluateCase(compiled, test);
  } catch (thrown) {
    if (!(thrown instanceof AppraisalError)) throw thrown;
    error = thrown.message;
  }
  const result = evaluated?.result ?? null;

  const failures: string[] = [];
  if (expectedError !== undefined) {
    if (error === null) {
      failures.push(`diharapkan penolakan berisi ${show(expectedError)}, tetapi penilaian berhasil (predikat ${show(result?.predikat)})`);
    } else if (!error.includes(expectedError)) {
      failures.push(`diharapkan penolakan berisi ${show(expectedError)}, didapat: ${error}`);
    }
  } else if (error !== null) {
    failures.push(`penilaian ditolak: ${error}`);
  }
  if (evaluated) {
    failures.push(...checkResult(test, evaluated.result, test.expect.facts ? compiled.facts(evaluated.input) : null));
    const computed = test.expect.computedPredikat;
    if (computed !== undefined && evaluated.computedPredikat !== computed) {
      failures.push(`predikat dari periode: diharapkan ${show(computed)}, didapat ${show(evaluated.computedPredikat)}`);
    }
  }
  return {
    name: test.name,
    passed: failures.length === 0,
    failures,
    message: failures.length === 0 ? "lulus" : failures.join("; "),
    result,
    error,
  };
}

/**
 * What a case's `expect` would be if it agreed with what the rule set now gives: the same keys as the
 * expectation it replaces, each holding the actual value, so a person who has checked a new result can
 * accept it as the expectation. A refusal becomes `{ error }` (the message it refused with); an expected
 * refusal that no longer happens becomes the result's predikat. Expected outcomes become the outcomes that
 * fired; outcomes that must not fire keep those that still did not. Facts the rule set no longer knows (or that
 * are not a single value) are dropped, since no result can meet them; numbers are kept to the two decimals cases are compared to.
 */
export function actualExpectation(compiled: CompiledRuleSet, test: TestCase): TestCase["expect"] {
  let input: AppraisalInput;
  let result: AppraisalResult;
  let computedPredikat: string | null;
  try {
    ({ input, result, computedPredikat } = evaluateCase(compiled, test));
  } catch (thrown) {
    if (!(thrown instanceof AppraisalError)) throw thrown;
    return { error: thrown.message };
  }
  const expect = test.expect;
  const next: TestCase["expect"] = {};
  if (expect.predikat !== undefined || expect.error !== undefined) next.predikat = result.predikat;
  if (expect.indicatorSet !== undefined) next.indicatorSet = result.indicatorSet;
  if (expect.computedPredikat !== undefined && computedPredikat !== null) next.computedPredikat = computedPredikat;
  if (expect.facts) {
    const facts = compiled.facts(input);
    next.facts = {};
    for (const name of Object.keys(expect.facts)) {
      const actual = Object.hasOwn(facts, name) ? facts[name] : undefined;
      if (typeof actual === "number") next.facts[name] = roundTo(actual, 2);
      else if (actual === null || typeof actual === "string" || typeof actual === "boolean") next.facts[name] = actual;
    }
  }
  const fired = [...new Set(result.outcomes.map((o) => o.type))];
  if (expect.outcomes !== undefined) next.outcomes = fired;
  if (expect.notOutcomes !== undefined) next.notOutcomes = expect.notOutcomes.filter((type) => !fired.includes(type));
  return next;
}

/** Runs every test case of the compiled rule set, in file order. */
export function runTestCases(compiled: CompiledRuleSet): CaseResult[] {
  return compiled.ruleSet.tests.map((test) => runCase(compiled, test));
}
