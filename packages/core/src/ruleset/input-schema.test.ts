// The appraisal input's schema against what the product and the rule files feed the evaluator: every
// region's demo appraisals and every embedded test case in rules/ pass; a bad record is refused naming
// each problem's JSON pointer, what was wrong and what was expected, in Indonesian and English.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { demoProfileSchema, generateDemo } from "../demo/index.js";
import { appraisalInputJsonSchema, validateInput } from "./input-schema.js";
import { loadRuleSet } from "./resolve.js";

const RULES = resolve(import.meta.dirname, "../../../../rules");
const RULE_FILES = [...readdirSync(RULES).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json")), ...readdirSync(`${RULES}/national`).map((f) => `national/${f}`)];
const read = (path: string) => JSON.parse(readFileSync(path, "utf8")) as unknown;

const good = () => ({
  employee: { nip: "199001012015031001", nama: "Rina Sitompul", jabatan: "Analis SDM", unit: "bkpsdm" },
  period: { kind: "annual", label: "2025" },
  ratings: { supervisor: { kualitas: 4 }, peer: [{ kualitas: 3 }, { kualitas: 5 }] },
  values: { capaian: 95, hadir: true, target: { target: 10, realisasi: 9 }, pp46: { target: { kuantitas: 10 }, realisasi: { kuantitas: 8, waktu: 12 } } },
  facts: { inovasi: true, catatan: null },
  history: [{ period: "2024", predikat: "baik" }],
  adjustments: [{ fact: "predikat", value: "baik", reason: "Forum evaluasi", by: "Tim" }],
});

describe("validateInput", () => {
  it.each(["samarinda", "amplas", "binjai", "pariaman"])("accepts %s's demo appraisals", (region) => {
    const { ruleSet } = loadRuleSet(`${RULES}/${region}.json`, read, { check: false });
    const profile = demoProfileSchema.parse(read(`${RULES}/demo/${region}.json`));
    for (const input of generateDemo(ruleSet, profile, { size: 200, seed: 11 })) {
      // As it travels: through JSON.
      const checked = validateInput(JSON.parse(JSON.stringify(input)), region);
      expect(checked.ok ? [] : checked.issues).toEqual([]);
    }
  });

  it.each(RULE_FILES)("accepts every embedded test case's input in %s", (file) => {
    const tests = ((read(`${RULES}/${file}`) as { tests?: Array<{ name: string; input: unknown }> }).tests ?? []);
    for (const test of tests) {
      const checked = validateInput(test.input, `${file}: ${test.name}`);
      expect(checked.ok ? [] : checked.issues).toEqual([]);
    }
  });

  it("returns the input it accepts, every part of it", () => {
    const input = good();
    expect(validateInput(input)).toEqual({ ok: true, input });
  });

  it("names each problem by its JSON pointer, with what was wrong and what was expected", () => {
    const input = {
      ...good(),
      employee: { nama: "Rina", jabatan: "Analis SDM", unit: "bkpsdm" },
      ratings: { supervisor: { kualitas: "empat" } },
      period: { kind: "tahunan", label: "2025" },
      rating: {},
    };
    const checked = validateInput(input, "data.jsonl: baris 3");
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const byPointer = new Map(checked.issues.map((issue) => [issue.pointer, issue]));
    expect([...byPointer.keys()].sort()).toEqual(["/employee/nip", "/period/kind", "/rating", "/ratings/supervisor/kualitas"]);
    for (const issue of checked.issues) {
      expect(issue.file).toBe("data.jsonl: baris 3");
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.messageEn?.length).toBeGreaterThan(10);
    }
    expect(byPointer.get("/period/kind")?.messageEn).toMatch(/annual/);
    expect(byPointer.get("/ratings/supervisor/kualitas")?.messageEn).toMatch(/number/);
    // A misspelt key is named, with the key meant.
    expect(byPointer.get("/rating")?.message).toContain('maksudnya "ratings"');
    expect(byPointer.get("/rating")?.messageEn).toMatch(/ratings/);
  });

  it("refuses what is not an object, and numbers JSON cannot carry", () => {
    for (const value of [null, [], "pegawai", 12]) expect(validateInput(value).ok).toBe(false);
    const checked = validateInput({ ...good(), values: { capaian: Number.POSITIVE_INFINITY } });
    expect(checked.ok ? [] : checked.issues.map((i) => i.pointer)).toEqual(["/values/capaian"]);
  });
});

describe("appraisalInputJsonSchema", () => {
  it("describes the same input as JSON Schema, refusing keys it does not know", () => {
    const schema = appraisalInputJsonSchema() as { $id: string; type: string; required: string[]; properties: Record<string, unknown>; additionalProperties: boolean };
    expect(schema.$id).toBe("urn:kinerja:appraisal-input");
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(["employee"]);
    expect(Object.keys(schema.properties).sort()).toEqual(["adjustments", "employee", "facts", "history", "period", "ratings", "unit", "values"]);
    expect(schema.additionalProperties).toBe(false);
  });
});
