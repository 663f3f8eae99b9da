// A rule file's own test cases (`tests`), run against its compiled rule set: each case says what it
// expected and what it got, so a BKD admin can see which rule to fix.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
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

function runCase(compiled: CompiledRuleSet, test: TestCase): CaseResult {
  const input = test.input as unknown as AppraisalInput;
  const expectedError = test.expect.error;
  let result: AppraisalResult | null = null;
  let error: string | null = null;
  try {
    result = compiled.evaluate(input);
  } catch (thrown) {
    if (!(thrown instanceof AppraisalError)) throw thrown;
    error = thrown.message;
  }

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
  if (result) failures.push(...checkResult(test, result, test.expect.facts ? compiled.facts(input) : null));
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
  const input = test.input as unknown as AppraisalInput;
  let result: AppraisalResult;
  try {
    result = compiled.evaluate(input);
  } catch (thrown) {
    if (!(thrown instanceof AppraisalError)) throw thrown;
    return { error: thrown.message };
  }
  const expect = test.expect;
  const next: TestCase["expect"] = {};
  if (expect.predikat !== undefined || expect.error !== undefined) next.predikat = result.predikat;
  if (expect.indicatorSet !== undefined) next.indicatorSet = result.indicatorSet;
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
