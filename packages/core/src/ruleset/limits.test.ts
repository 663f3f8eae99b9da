import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRuleSet } from "./check.js";
import { RuleSetError, type RuleIssue } from "./errors.js";
import { RULE_FILE_LIMITS, ruleFileLimitIssues } from "./limits.js";
import { parseRuleFile, parseRuleFileText } from "./parse.js";
import { resolveRuleSet } from "./resolve.js";
import type { NestedCondition } from "./schema.js";
import { baseFile, ruleSetOf, type RuleFileJson } from "./test-support/rule-files.js";

function refusal(parse: () => unknown): RuleIssue[] {
  try {
    parse();
  } catch (error) {
    if (error instanceof RuleSetError) return error.issues;
    throw error;
  }
  throw new Error("expected the rule file to be refused");
}

/** A condition `levels` deep: nots around one test. */
function nested(levels: number): NestedCondition {
  let condition: NestedCondition = { fact: "predikat", operator: "equal", value: "baik" };
  for (let i = 1; i < levels; i++) condition = { not: condition };
  return condition;
}

function withOutcome(conditions: unknown): RuleFileJson {
  const file = baseFile();
  file.outcomes![0]!.conditions = conditions as NestedCondition;
  return file;
}

/** Named conditions c0 → c1 → … each referring to the next (and, two by two, to d<i+1> as well). */
function chained(length: number, twoByTwo = false): RuleFileJson {
  const file = withOutcome({ all: [{ condition: "c0" }] });
  file.conditions = {};
  for (let i = 0; i < length; i++) {
    const next: NestedCondition[] =
      i + 1 < length
        ? [{ condition: `c${i + 1}` }, ...(twoByTwo ? [{ condition: `d${i + 1}` }] : [])]
        : [{ fact: "predikat", operator: "equal", value: "baik" }];
    file.conditions[`c${i}`] = { any: next };
    if (twoByTwo) file.conditions[`d${i}`] = { any: next };
  }
  return file;
}

const DEEP_POINTER = `/outcomes/0/conditions${"/not".repeat(61)}`;

describe("rule file limits", () => {
  it("keeps every shipped rule file within them", () => {
    const rulesDir = new URL("../../../../rules/", import.meta.url);
    const files = ["", "national/"].flatMap((dir) =>
      readdirSync(new URL(dir, rulesDir))
        .filter((name) => name.endsWith(".json") && name !== "ruleset.schema.json")
        .map((name) => new URL(dir + name, rulesDir)),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const url of files) expect(ruleFileLimitIssues(JSON.parse(readFileSync(url, "utf8")), url.pathname)).toEqual([]);
  });

  it("refuses a file nested 5,000 deep before the schema, at the first value past the limit", () => {
    const issues = refusal(() => parseRuleFile(withOutcome(nested(5000)), "dalam.json"));
    expect(issues).toEqual([
      {
        file: "dalam.json",
        pointer: DEEP_POINTER,
        message:
          "nilai ini bersarang 65 tingkat (objek dan daftar di dalam satu sama lain); yang diharapkan: paling banyak 64 tingkat dalam berkas aturan",
        messageEn: "this value is nested 65 levels deep (objects and lists inside each other); expected at most 64 levels in a rule file",
        severity: "error",
      },
    ]);
  });

  it("takes a file exactly at the depth limit", () => {
    // The outcome's conditions sit at level 4 of the file, so 61 levels of conditions reach level 64.
    expect(ruleFileLimitIssues(withOutcome(nested(61)), "batas.json")).toEqual([]);
    expect(ruleFileLimitIssues(withOutcome(nested(62)), "batas.json")).toMatchObject([{ pointer: DEEP_POINTER }]);
  });

  it("refuses deep text, valid or broken, without recursing through it", () => {
    const deep = JSON.stringify(withOutcome(nested(60))).replace('"value":"baik"', `"value":${"[".repeat(5000)}${"]".repeat(5000)}`);
    expect(refusal(() => parseRuleFileText(deep, "dalam.json"))).toMatchObject([{ messageEn: expect.stringContaining("expected at most 64 levels") }]);
    const broken = "[".repeat(5000);
    expect(refusal(() => parseRuleFileText(broken, "dalam.json"))).toEqual([
      {
        file: "dalam.json",
        pointer: "/0".repeat(64),
        message:
          "baris 1, kolom 65: ditemukan nilai yang bersarang lebih dari 64 tingkat; yang diharapkan: paling banyak 64 tingkat dalam berkas aturan",
        messageEn: "line 1, column 65: found a value nested deeper than 64 levels, expected at most 64 levels in a rule file",
        severity: "error",
      },
    ]);
  });

  it("refuses a file far over the limit without walking all of it", () => {
    // One outcome repeated a million times: some 300 MB as JSON, though it holds only a few objects.
    const outcome = { name: "aturan", conditions: { all: [{ fact: "predikat", operator: "equal", value: "baik".repeat(60) }] }, event: { type: "catatan" } };
    const file = { ...baseFile(), outcomes: Array.from({ length: 1_000_000 }, () => outcome) };
    expect(refusal(() => parseRuleFile(file, "raksasa.json"))).toEqual([
      {
        file: "raksasa.json",
        pointer: "",
        message: "berkas ini lebih dari 8388608 bita sebagai JSON ringkas; yang diharapkan: paling banyak 1048576 bita dalam berkas aturan",
        messageEn: "the file is over 8388608 bytes as compact JSON; expected at most 1048576 bytes in a rule file",
        severity: "error",
      },
    ]);
  });

  it("refuses a file over 1 MB as compact JSON", () => {
    const file = { ...baseFile(), description: "x".repeat(RULE_FILE_LIMITS.bytes) };
    const bytes = JSON.stringify(file).length;
    expect(refusal(() => parseRuleFile(file, "besar.json"))).toEqual([
      {
        file: "besar.json",
        pointer: "",
        message: `berkas ini ${bytes} bita sebagai JSON ringkas; yang diharapkan: paling banyak 1048576 bita dalam berkas aturan`,
        messageEn: `the file is ${bytes} bytes as compact JSON; expected at most 1048576 bytes in a rule file`,
        severity: "error",
      },
    ]);
  });

  it("refuses more rules than the limit, counting outcome rules and decision-table rows", () => {
    const file = baseFile();
    const rule = file.outcomes![0]!;
    file.outcomes = Array.from({ length: 999 }, (_, i) => ({ ...rule, name: `aturan_${i}` }));
    expect(refusal(() => parseRuleFile(file, "banyak.json"))).toEqual([
      {
        file: "banyak.json",
        pointer: "",
        message:
          "berkas ini berisi 1002 aturan (999 aturan tindak lanjut, 3 baris tabel keputusan); yang diharapkan: paling banyak 1000 aturan dalam berkas aturan",
        messageEn: "the file has 1002 rules (999 outcome rules, 3 decision-table rows); expected at most 1000 rules in a rule file",
        severity: "error",
      },
    ]);
  });

  it("refuses more conditions than the limit", () => {
    const test = { fact: "predikat", operator: "equal", value: "baik" };
    const issues = refusal(() => parseRuleFile(withOutcome({ any: Array.from({ length: 10_000 }, () => test) }), "banyak.json"));
    expect(issues).toEqual([
      {
        file: "banyak.json",
        pointer: "",
        message: expect.stringMatching(/^berkas ini berisi 10004 kondisi, .*; yang diharapkan: paling banyak 10000 kondisi dalam berkas aturan$/),
        messageEn: expect.stringMatching(/^the file has 10004 conditions, .*; expected at most 10000 conditions in a rule file$/),
        severity: "error",
      },
    ]);
  });

  it("measures named conditions where they are used: a long chain of them is deep", () => {
    expect(ruleFileLimitIssues(chained(20), "rantai.json")).toEqual([]);
    expect(refusal(() => parseRuleFile(chained(5000), "rantai.json"))).toContainEqual({
      file: "rantai.json",
      pointer: "/outcomes/0/conditions",
      message:
        "kondisi ini bersarang 10002 tingkat setelah kondisi bernama yang dirujuknya dipasang di tempatnya; " +
        "yang diharapkan: paling banyak 64 tingkat (rantai kondisi yang saling merujuk lebih pendek)",
      messageEn:
        "this condition nests 10002 levels deep once the named conditions it refers to are put in place; " +
        "expected at most 64 levels (a shorter chain of conditions referring to one another)",
      severity: "error",
    });
  });

  it("measures named conditions where they are used: referring two by two doubles the conditions at each step", () => {
    const started = Date.now();
    const issues = refusal(() => parseRuleFile(chained(20, true), "ganda.json"));
    expect(issues).toMatchObject([{ pointer: "", messageEn: expect.stringMatching(/^the file has 2621\d+ conditions/) }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("checks a resolved set too, whose named conditions may come from several files", () => {
    // Each file nests at most 62 levels; the parent's last condition, replaced by the child's, continues the chain.
    const parent = chained(30);
    const child: RuleFileJson = { id: "anak", name: "Anak", extends: "./induk.json", conditions: { c29: { any: [{ condition: "e0" }] } } };
    for (let i = 0; i < 20; i++) child.conditions![`e${i}`] = { any: [i + 1 < 20 ? { condition: `e${i + 1}` } : { fact: "predikat", operator: "equal", value: "baik" }] };
    const ruleSet = resolveRuleSet(child, "anak.json", () => parent, { check: false });
    expect(checkRuleSet(ruleSet, "anak.json")).toMatchObject([{ pointer: "/outcomes/0/conditions", messageEn: expect.stringContaining("nests 102 levels deep") }]);
    expect(checkRuleSet(ruleSetOf(chained(20)))).toEqual([]);
  });
});
