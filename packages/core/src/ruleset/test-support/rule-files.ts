// Small in-memory rule files for the ruleset tests: one valid baseline that each test bends a little.
import type { z } from "zod";
import { checkRuleSet } from "../check.js";
import type { RuleIssue } from "../errors.js";
import { parseRuleFile } from "../parse.js";
import { resolveRuleSet } from "../resolve.js";
import type { RuleFile, RuleSet, ruleFileSchema } from "../schema.js";

/** A rule file as JSON, typed so tests can bend it. */
export type RuleFileJson = z.input<typeof ruleFileSchema>;

/** A complete, valid rule file in the PP 46/2011 style: one set, score bands for predikat, one outcome. */
export function baseFile(): RuleFileJson {
  return {
    id: "contoh",
    name: "Contoh",
    scales: { likert5: { min: 1, max: 5 } },
    raters: { weights: { self: 20, peer: 20, supervisor: 60 } },
    facts: { inovasi: { type: "boolean", label: "Inovasi", default: false } },
    axes: { hasil_kerja: 60, perilaku: 40 },
    indicatorSets: [
      {
        id: "umum",
        name: "Umum",
        indicators: [
          { id: "kualitas", name: "Kualitas", axis: "hasil_kerja", weight: 60, input: { kind: "achievement", cap: 120 } },
          { id: "kuantitas", name: "Kuantitas", axis: "hasil_kerja", weight: 40, input: { kind: "achievement" } },
          {
            id: "pelayanan",
            name: "Orientasi Pelayanan",
            axis: "perilaku",
            weight: 100,
            input: { kind: "rating", scale: "likert5" },
            training: { below: 60, topic: "Pelayanan publik" },
          },
        ],
      },
    ],
    predikat: [
      { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" },
      { id: "baik", label: "Baik", national: "baik" },
      { id: "kurang", label: "Kurang", national: "kurang" },
    ],
    decisions: [
      {
        id: "predikat",
        output: "predikat",
        hitPolicy: "first",
        inputs: ["score"],
        rows: [
          { when: [{ greaterThanInclusive: 91 }], then: "sangat_baik" },
          { when: [{ greaterThanInclusive: 76 }], then: "baik" },
          { when: [{ lessThan: 76 }], then: "kurang" },
        ],
      },
    ],
    outcomes: [
      {
        name: "penghargaan",
        conditions: { all: [{ fact: "predikat", operator: "equal", value: "sangat_baik" }] },
        event: { type: "penghargaan" },
      },
    ],
    tests: [{ name: "tinggi", input: {}, expect: { predikat: "sangat_baik", outcomes: ["penghargaan"] } }],
  };
}

/** Parses and resolves a rule file that extends nothing. */
export function ruleSetOf(json: unknown, file = "contoh.json"): RuleSet {
  const parsed: RuleFile = parseRuleFile(json, file);
  // The static checks run where a test asks for them (issuesAfter), so a bent file still resolves.
  return resolveRuleSet(
    parsed,
    file,
    () => {
      throw new Error("this rule file extends nothing");
    },
    { check: false },
  );
}

/** The static-check issues of the base file after `change`. */
export function issuesAfter(change: (file: RuleFileJson) => void): RuleIssue[] {
  const file = baseFile();
  change(file);
  return checkRuleSet(ruleSetOf(file));
}

/** The issues at one pointer. */
export function at(issues: RuleIssue[], pointer: string): RuleIssue[] {
  return issues.filter((issue) => issue.pointer === pointer);
}
