// A rule file's own test cases (`tests`), run against its compiled rule set: each case says what it
// expected and what it got, so a BKD admin can see which rule to fix.
import type { AppraisalInput, AppraisalResult } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import type { TestCase } from "../ruleset/schema.js";
import { roundTo } from "./calculations.js";
import type { CompiledRuleSet } from "./compile.js";
import type { Facts } from "./context.js";

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

/** Runs every test case of the compiled rule set, in file order. */
export function runTestCases(compiled: CompiledRuleSet): CaseResult[] {
  return compiled.ruleSet.tests.map((test) => runCase(compiled, test));
}
