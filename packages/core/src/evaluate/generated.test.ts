// Stages written out as JavaScript per rule set (generated.ts) against the closures a page without
// 'unsafe-eval' runs: the same results and the same refusals, word for word, on every region's demo
// appraisals and on inputs that take the refusals; and the evaluator bundled for the browser still evaluates
// in a realm that refuses code from strings, as a Content-Security-Policy without 'unsafe-eval' does.
import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { runInContext, createContext } from "node:vm";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { isNumeric } from "../engine/comparison.js";
import { passes, passesSource, simpleTest, type SimpleTest } from "../engine/constant-test.js";
import { demoProfileSchema, generateDemo } from "../demo/index.js";
import type { AppraisalInput } from "../domain/types.js";
import { loadRuleSet } from "../ruleset/resolve.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { allowGeneratedCode, literal } from "../engine/generated.js";

const RULES = resolve(import.meta.dirname, "../../../../rules");
const REGIONS = readdirSync(`${RULES}/demo`).map((file) => file.replace(/\.json$/, ""));

function region(name: string, size = 200): { ruleSet: RuleSet; inputs: AppraisalInput[] } {
  const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;
  const { ruleSet } = loadRuleSet(`${RULES}/${name}.json`, read, { check: false });
  const profile = demoProfileSchema.parse(read(`${RULES}/demo/${name}.json`));
  return { ruleSet, inputs: [...generateDemo(ruleSet, profile, { size, seed: 77 })] };
}

/** The demo appraisals, and variants of some that the input stage and the tables refuse or read otherwise. */
function variants(ruleSet: RuleSet, inputs: AppraisalInput[]): AppraisalInput[] {
  const declared = Object.entries(ruleSet.facts);
  const edits: Array<(input: AppraisalInput) => void> = [
    (input) => (input.period = { ...input.period!, kind: "fortnightly" as never }),
    (input) => (input.period = { ...input.period!, months: 13 }),
    (input) => (input.period = { ...input.period!, months: Number.NaN }),
    (input) => (input.period = undefined as never),
    (input) => (input.history = [{ period: "lalu", predikat: "baik" } as never]),
    (input) => (input.history = [{ year: 2024, predikat: "baik" }, { period: "2025-S1", predikat: "sangat_baik" }]),
    (input) => (input.employee = { ...input.employee, attributes: undefined }),
    (input) => (input.unit = { predikat: "baik", pimpinan: true }),
    (input) => (input.facts = null as never),
    ...[99, "4", Number.NaN, 2.5, null, -1].map((value) => (input: AppraisalInput) => {
      const sheet = input.ratings?.supervisor as Record<string, unknown> | undefined;
      const first = sheet && Object.keys(sheet)[0];
      if (first !== undefined) sheet![first] = value;
    }),
    (input) => {
      const sheets = input.ratings?.peer as Array<Record<string, unknown>> | undefined;
      if (Array.isArray(sheets) && sheets[0]) sheets[0][Object.keys(sheets[0])[0]!] = 7;
    },
    (input) => delete input.ratings?.supervisor,
    (input) => (input.ratings = undefined as never),
    // Objective values the written-out indicators pass to their closures, to score or refuse.
    ...[-1, Number.NaN, Infinity, "3", null, undefined, 1e6, 2.5, 0, [40, 130], [], { target: 10, realisasi: 12 }, { target: 0, realisasi: 1 }].flatMap((value) =>
      [0, -1].map((at) => (input: AppraisalInput) => {
        const values = input.values as Record<string, unknown> | undefined;
        const key = values && Object.keys(values).at(at);
        if (key !== undefined) values![key] = value;
      }),
    ),
    (input) => (input.values = undefined as never),
    (input) => (input.facts = "teks" as never),
    ...declared.map(([name, fact]) => (input: AppraisalInput) => {
      input.facts = { ...input.facts, [name]: fact.type === "number" ? "tiga" : 3 };
    }),
    ...declared.map(([name, fact]) => (input: AppraisalInput) => {
      input.facts = { ...input.facts, [name]: fact.type === "number" ? -1e9 : fact.type === "boolean" ? true : (fact.values?.[0] ?? "x") };
    }),
    ...ruleSet.decisions.map((table) => (input: AppraisalInput) => {
      input.facts = { ...input.facts, [table.output]: "tidak_dikenal" };
    }),
  ];
  return inputs.flatMap((input, i) => {
    const edit = edits[i % (edits.length + 1)];
    if (edit === undefined) return [input];
    const variant = structuredClone(input);
    edit(variant);
    return [input, variant];
  });
}

/** What an appraisal comes to, as text: the result, or the refusal's message. */
function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    return `refused: ${error instanceof Error ? error.message : String(error)}`;
  }
}

afterEach(() => allowGeneratedCode(undefined));

describe.each(REGIONS)("%s: generated stages and their closures", (name) => {
  it("give the same result or refusal, and the same explanation and facts, for every appraisal", () => {
    const { ruleSet, inputs } = region(name);
    const appraisals = variants(ruleSet, inputs);
    allowGeneratedCode(true);
    const generated = compileRuleSet(ruleSet);
    allowGeneratedCode(false);
    const closures = compileRuleSet(ruleSet);
    let refused = 0;
    appraisals.forEach((input, i) => {
      const where = `${name} appraisal ${i}`;
      const expected = outcome(() => closures.evaluate(input));
      if (expected.startsWith("refused")) refused++;
      expect(outcome(() => generated.evaluate(input)), where).toBe(expected);
      expect(outcome(() => generated.explain(input)), where).toBe(outcome(() => closures.explain(input)));
      expect(outcome(() => generated.facts(input)), where).toBe(outcome(() => closures.facts(input)));
    });
    expect(refused).toBeGreaterThan(0);
  });
});

/**
 * A region's rules edited: attendance without an open last band, achievement without a cap, axes by
 * indicator, outcome events with no params, with a list of params, and with params read from facts,
 * decision tables taking their first hit with their rows in reverse and the last of them dropped, or ratings
 * mapped linearly, a missing rater refused and a rater source of weight 0 that no one rates.
 */
function edited(ruleSet: RuleSet, edit: "bands" | "cap" | "noAxes" | "events" | "firstHit" | "raters"): RuleSet {
  const copy = structuredClone(ruleSet);
  if (edit === "raters") {
    for (const scale of Object.values(copy.scales)) scale.toScore = "linear";
    copy.raters = { ...copy.raters, weights: { ...copy.raters.weights, self: 0 }, missing: "refuse" };
  }
  for (const set of copy.indicatorSets) {
    for (const indicator of set.indicators) {
      const input = indicator.input;
      if (edit === "bands" && input.kind === "attendance") input.bands = input.bands.filter((band) => band.maxDays !== null);
      if (edit === "cap" && input.kind === "achievement") delete input.cap;
    }
  }
  if (edit === "firstHit") {
    for (const table of copy.decisions) {
      table.hitPolicy = "first";
      table.rows = table.rows.reverse().slice(0, -1);
    }
  }
  if (edit === "noAxes") delete (copy as { axes?: unknown }).axes;
  if (edit === "events") {
    const when = { all: [{ fact: "score", operator: "greaterThan", value: 50 }] };
    copy.outcomes = [
      ...copy.outcomes,
      { name: "tanpa_params", conditions: when, event: { type: "catatan" } },
      { name: "daftar", conditions: when, event: { type: "daftar", params: ["a", "b"] as never } },
      { name: "dari_fakta", priority: 5, conditions: when, event: { type: "nilai", params: { nilai: { fact: "score" }, tetap: 1 } as never } },
    ];
  }
  return copy;
}

describe.each(["bands", "cap", "noAxes", "events", "firstHit", "raters"] as const)("binjai edited (%s): generated stages and their closures", (edit) => {
  it("give the same result or refusal for every appraisal", () => {
    const { ruleSet: shipped, inputs } = region("binjai");
    const ruleSet = edited(shipped, edit);
    allowGeneratedCode(true);
    const generated = compileRuleSet(ruleSet);
    allowGeneratedCode(false);
    const closures = compileRuleSet(ruleSet);
    let refused = 0;
    let fired = 0;
    const appraisals = variants(ruleSet, inputs);
    for (const input of [...appraisals, ...inputs.map((input) => ({ ...input, values: { ...input.values, kehadiran: 45 } }))]) {
      const expected = outcome(() => closures.evaluate(input));
      if (expected.startsWith("refused")) refused++;
      expect(outcome(() => generated.evaluate(input))).toBe(expected);
      expect(outcome(() => generated.explain(input))).toBe(outcome(() => closures.explain(input)));
      if (expected.includes('"rule":"daftar"') && expected.includes('"rule":"dari_fakta"')) fired++;
    }
    expect(refused).toBeGreaterThan(0);
    if (edit === "events") expect(fired).toBeGreaterThan(0);
  });
});

describe("names in generated code", () => {
  it("are JSON literals, read back as the same text", () => {
    for (const name of ['a"b', "c\\d", "e\nf", "</script>", "${x}", "`y`", "\u2028z"]) {
      expect(new Function(`return ${literal(name)};`)()).toBe(name);
    }
    expect(() => literal(Number.NaN)).toThrow();
  });

  it("keep the sign of -0, which JSON writes as 0", () => {
    expect(Object.is(new Function(`return ${literal(-0)};`)(), -0)).toBe(true);
    expect(Object.is(new Function(`return ${literal(0)};`)(), 0)).toBe(true);
  });

  it("give -0 from the rule file where the closures give it", () => {
    const { ruleSet: shipped, inputs } = region("binjai", 20);
    // JSON.parse reads "-0" in a rule file as -0: every attendance band scored -0.
    const ruleSet = structuredClone(shipped);
    for (const set of ruleSet.indicatorSets) {
      for (const indicator of set.indicators) {
        if (indicator.input.kind === "attendance") for (const band of indicator.input.bands) band.score = JSON.parse("-0") as number;
      }
    }
    allowGeneratedCode(true);
    const generated = compileRuleSet(ruleSet);
    allowGeneratedCode(false);
    const closures = compileRuleSet(ruleSet);
    for (const input of inputs) {
      expect(Object.is(closures.evaluate(input).scores["score.kehadiran"], -0)).toBe(true);
      expect(generated.evaluate(input)).toStrictEqual(closures.evaluate(input));
      expect(generated.explain(input)).toStrictEqual(closures.explain(input));
    }
  });
});

describe("the evaluator in a realm that refuses code from strings", () => {
  it("evaluates and explains as it does where code may be generated", async () => {
    const bundled = await build({
      entryPoints: [resolve(import.meta.dirname, "../evaluator.ts")],
      bundle: true,
      format: "iife",
      globalName: "kinerja",
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    const { ruleSet, inputs } = region("binjai", 100);
    const appraisals = variants(ruleSet, inputs);
    const context = createContext({ ruleSetJson: JSON.stringify(ruleSet), inputsJson: JSON.stringify(appraisals) }, { codeGeneration: { strings: false } });
    expect(() => runInContext("new Function('return 1')", context)).toThrow(/Code generation from strings disallowed/);
    runInContext(bundled.outputFiles[0]!.text, context);
    const inRealm = JSON.parse(
      runInContext(
        `const compiled = kinerja.compileRuleSet(JSON.parse(ruleSetJson));
         JSON.stringify(JSON.parse(inputsJson).map((input) => {
           let result;
           try { result = compiled.evaluate(input); } catch (error) { result = "refused: " + error.message; }
           return [result, compiled.explain(input)];
         }));`,
        context,
      ) as string,
    ) as unknown[];
    const compiled = compileRuleSet(ruleSet);
    const here = (JSON.parse(JSON.stringify(appraisals)) as AppraisalInput[]).map((input) => {
      let result: unknown;
      try {
        result = compiled.evaluate(input);
      } catch (error) {
        result = `refused: ${(error as Error).message}`;
      }
      return [result, compiled.explain(input)];
    });
    expect(inRealm).toStrictEqual(JSON.parse(JSON.stringify(here)));
  }, 60_000);
});

describe("an operator written out (passesSource)", () => {
  it("agrees with passes on every operator, constant and fact value", () => {
    const operators = ["equal", "notEqual", "in", "notIn", "contains", "doesNotContain", "lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive"] as const;
    const constants: unknown[] = [0, -0, 1.5, 91, -3, "91", "abc", "", true, false, null, ["a", 1, null, true], ["a", Number.NaN], [], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "sangat_baik,baik", { a: 1 }];
    const values: unknown[] = [0, -0, 1.5, 91, 90.99, 92, -3, Number.NaN, Infinity, "91", "95", "9x", "abc", "", "a", true, false, null, undefined, ["a"], [1, "abc"], { a: 1 }, 5, 11, "baik"];
    let checked = 0;
    for (const operator of operators) {
      for (const constant of constants) {
        const test = simpleTest(operator, constant);
        if (test === undefined) continue;
        const source = passesSource(test, "x", "test", { passes: "passes", isNumeric: "isNumeric" });
        const written = new Function("x", "test", "passes", "isNumeric", `return ${source};`) as (x: unknown, t: SimpleTest, p: typeof passes, n: typeof isNumeric) => boolean;
        for (const value of values) {
          expect(written(value, test, passes, isNumeric), `${operator} ${JSON.stringify(constant)} on ${String(value)}`).toBe(passes(test, value));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });
});

describe("an evaluation that starts while another is under way", () => {
  it("gets a state of its own: both results are as if evaluated one after the other", () => {
    const { ruleSet, inputs } = region("binjai", 40);
    const compiled = compileRuleSet(ruleSet);
    const [outer, inner] = [inputs[0]!, inputs[1]!];
    const alone = JSON.stringify(compiled.evaluate(inner));
    const plain = structuredClone(outer);
    plain.employee = { ...plain.employee, attributes: { ...plain.employee.attributes, guru: false } };
    const expected = JSON.stringify(compiled.evaluate(plain));
    let during: string | undefined;
    const reentrant = structuredClone(outer);
    const guru = () => {
      during ??= JSON.stringify(compiled.evaluate(inner));
      return false;
    };
    reentrant.employee = { ...reentrant.employee, attributes: { ...reentrant.employee.attributes, guru: guru as never } };
    expect(JSON.stringify(compiled.evaluate(reentrant))).toBe(expected);
    expect(during).toBe(alone);
    // And the reused state is whole again for the next appraisal.
    expect(JSON.stringify(compiled.evaluate(inner))).toBe(alone);
  });
});
