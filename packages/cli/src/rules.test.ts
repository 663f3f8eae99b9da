// Every rule file the product ships must be valid and pass its own embedded cases, and the JSON Schema
// beside them must be the one the current format generates.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileRuleSet, formatIssue, ruleFileJsonSchema, runTestCases } from "@kinerja/core";
import { describe, expect, it } from "vitest";
import { loadRuleFile } from "./rule-files.js";

const RULES = resolve(import.meta.dirname, "../../../rules");
const files = [
  ...readdirSync(RULES).filter((f) => f.endsWith(".json") && f !== "ruleset.schema.json").map((f) => join(RULES, f)),
  ...readdirSync(join(RULES, "national")).map((f) => join(RULES, "national", f)),
];

describe.each(files)("%s", (path) => {
  const { ruleSet, issues } = loadRuleFile(path);

  it("is valid", () => {
    expect(issues.filter((i) => i.severity === "error").map(formatIssue)).toEqual([]);
  });

  it("passes every embedded case, and has at least twelve", () => {
    const results = runTestCases(compileRuleSet(ruleSet));
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.message}`)).toEqual([]);
  });
});

it("ships the four regions and the Medan base", () => {
  const ids = files.map((f) => f.split("/").pop());
  expect(ids).toEqual(expect.arrayContaining(["samarinda.json", "amplas.json", "medan.json", "binjai.json", "pariaman.json"]));
});

it("keeps rules/ruleset.schema.json in step with the format (regenerate with `pnpm kinerja schema`)", () => {
  const committed = JSON.parse(readFileSync(join(RULES, "ruleset.schema.json"), "utf8")) as unknown;
  expect(committed).toEqual(ruleFileJsonSchema());
});
