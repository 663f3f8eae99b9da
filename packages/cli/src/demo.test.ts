// `kinerja demo` on the shipped regions: deterministic output, CSV that reads back to the same
// appraisals, every appraisal evaluable under its region's rules, and a clear refusal of bad sizes.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compileRuleSet, demoProfileSchema, generateDemo } from "@kinerja/core";
import { describe, expect, it } from "vitest";
import { loadRuleFile } from "./rule-files.js";
import { kinerja } from "./test-support/run-cli.js";

const RULES = resolve(import.meta.dirname, "../../../rules");

const lines = (path: string) => readFileSync(path, "utf8").trim().split("\n");

describe.each(["samarinda", "amplas", "binjai", "pariaman"])("kinerja demo --region %s", (region) => {
  it("writes the same appraisals for the same seed, each evaluable under the region's rules, also via CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), `kinerja-demo-${region}-`));
    const a = join(dir, "a.jsonl");
    const b = join(dir, "b.jsonl");
    const csv = join(dir, "a.csv");
    for (const out of [a, b, csv]) expect((await kinerja("demo", "--region", region, "--size", "60", "--seed", "11", "--out", out)).code).toBe(0);
    expect(readFileSync(a, "utf8")).toEqual(readFileSync(b, "utf8"));
    expect(lines(a)).toHaveLength(60);
    expect(lines(csv)).toHaveLength(61);

    const fromJson = join(dir, "hasil-json.jsonl");
    const fromCsv = join(dir, "hasil-csv.jsonl");
    const rules = join(RULES, `${region}.json`);
    const evaluated = await kinerja("evaluate", "--rules", rules, "--input", a, "--out", fromJson);
    expect(evaluated.stderr).toContain("60 dinilai, 0 gagal");
    expect((await kinerja("evaluate", "--rules", rules, "--input", csv, "--out", fromCsv)).code).toBe(0);
    expect(lines(fromCsv)).toEqual(lines(fromJson));
  });
});

describe("kinerja demo", () => {
  it("refuses a size outside 10 to 1,000,000 and an unknown region, saying what was expected", async () => {
    const small = await kinerja("demo", "--region", "binjai", "--size", "5");
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/--size: 5 is out of range, expected a whole number from 10 to 1000000/);
    const unknown = await kinerja("demo", "--region", "atlantis", "--size", "10");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/atlantis\.json.*not found/);
  });
});

describe("demo appraisals", () => {
  it.each(["samarinda", "amplas", "binjai", "pariaman"])("of %s carry inputs only for the indicators of each employee's own set", (region) => {
    const { ruleSet } = loadRuleFile(join(RULES, `${region}.json`));
    const profile = demoProfileSchema.parse(JSON.parse(readFileSync(join(RULES, "demo", `${region}.json`), "utf8")));
    const compiled = compileRuleSet(ruleSet);
    const sets = new Set<string>();
    for (const input of generateDemo(ruleSet, profile, { size: 300, seed: 5 })) {
      const set = compiled.indicatorSetFor(input);
      sets.add(set.id);
      const own = new Set(set.indicators.map((i) => i.id));
      const given = [
        ...Object.keys(input.values ?? {}),
        ...Object.values(input.ratings ?? {}).flatMap((sheets) => (Array.isArray(sheets) ? sheets : [sheets]).flatMap((s) => Object.keys(s))),
      ];
      expect(given.filter((id) => !own.has(id)), `${input.employee.nip} (${set.id})`).toEqual([]);
    }
    expect(sets.size).toBe(ruleSet.indicatorSets.length);
  });
});
