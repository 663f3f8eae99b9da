// `kinerja evaluate` reads and writes in batches: its output must be, byte for byte, the results of the whole
// input evaluated at once, and a bad record among thousands must be reported at its line and skipped with
// nothing else lost. The fast shape check (input-check.ts) must agree with validateInput on every record.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AppraisalError, compileRuleSet, demoProfileSchema, generateDemo, validateInput, type AppraisalInput } from "@kinerja/core";
import { describe, expect, it } from "vitest";
import { checkInput } from "./input-check.js";
import { loadRuleFile } from "./rule-files.js";
import { kinerja } from "./test-support/run-cli.js";

const RULES_DIR = resolve(import.meta.dirname, "../../../rules");
const RULE_FILE = join(RULES_DIR, "samarinda.json");
const COUNT = 3000;

function demoInputs(size: number, seed: number): AppraisalInput[] {
  const profile = demoProfileSchema.parse(JSON.parse(readFileSync(join(RULES_DIR, "demo", "samarinda.json"), "utf8")));
  return [...generateDemo(loadRuleFile(RULE_FILE).ruleSet, profile, { size, seed, year: 2025 })];
}

/** What evaluating every input at once in this process gives: the expected output file. */
function evaluatedAtOnce(inputs: unknown[]): { text: string; refused: number } {
  const compiled = compileRuleSet(loadRuleFile(RULE_FILE).ruleSet);
  let text = "";
  let refused = 0;
  for (const value of inputs) {
    const checked = validateInput(value);
    if (!checked.ok) {
      refused++;
      continue;
    }
    try {
      text += JSON.stringify(compiled.evaluate(checked.input)) + "\n";
    } catch (error) {
      if (!(error instanceof AppraisalError)) throw error;
      refused++;
    }
  }
  return { text, refused };
}

describe("kinerja evaluate in batches", () => {
  it("writes exactly the results of the whole input evaluated at once, from JSON Lines and from a JSON array", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-stream-"));
    const inputs: unknown[] = demoInputs(COUNT, 7);
    // Three bad records among the good ones: a key the schema does not know, a history entry whose period is
    // of another year (a rule beyond JSON Schema), and a rating the scale refuses (the evaluator's refusal).
    const extraKey = { ...(inputs[1000] as AppraisalInput), gaji: 1 };
    const wrongPeriod = { ...(inputs[1500] as AppraisalInput), history: [{ year: 2024, period: "2023-S1", predikat: "baik" }] };
    const base = inputs[2500] as AppraisalInput;
    const offScale = { ...base, ratings: { ...base.ratings, supervisor: { ...(base.ratings?.supervisor as Record<string, number>), akuntabel: 99 } } };
    inputs.splice(1000, 1, extraKey);
    inputs.splice(1500, 1, wrongPeriod);
    inputs.splice(2500, 1, offScale);
    const expected = evaluatedAtOnce(inputs);
    expect(expected.refused).toBe(3);

    const jsonl = join(dir, "pegawai.jsonl");
    writeFileSync(jsonl, inputs.map((i) => JSON.stringify(i)).join("\n") + "\n");
    const out = join(dir, "hasil.jsonl");
    const streamed = await kinerja("evaluate", "--rules", RULE_FILE, "--input", jsonl, "--out", out);
    expect(streamed.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe(expected.text);
    expect(streamed.stderr).toContain(`${COUNT - 3} dinilai, 3 gagal`);
    expect(streamed.stderr).toMatch(/pegawai\.jsonl: baris 1001: \/gaji: kunci "gaji" tidak dikenal/);
    expect(streamed.stderr).toMatch(/pegawai\.jsonl: baris 1501: \/history\/0\/period: periode "2023-S1" bukan periode tahun 2024/);
    expect(streamed.stderr).toMatch(/pegawai\.jsonl: baris 2501: .*akuntabel/);

    const json = join(dir, "pegawai.json");
    writeFileSync(json, JSON.stringify(inputs));
    const fromJson = join(dir, "hasil-json.jsonl");
    expect((await kinerja("evaluate", "--rules", RULE_FILE, "--input", json, "--out", fromJson)).code).toBe(1);
    expect(readFileSync(fromJson, "utf8")).toBe(expected.text);
  }, 120_000);

  it("keeps the results before a line that is not JSON, and names that line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-stream-"));
    const inputs = demoInputs(200, 3);
    const jsonl = join(dir, "rusak.jsonl");
    writeFileSync(jsonl, [...inputs.slice(0, 150).map((i) => JSON.stringify(i)), "{bukan json", ...inputs.slice(150).map((i) => JSON.stringify(i))].join("\n"));
    const out = join(dir, "hasil.jsonl");
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", jsonl, "--out", out);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/rusak\.jsonl: baris 151: not valid JSON/);
    expect(readFileSync(out, "utf8")).toBe(evaluatedAtOnce(inputs.slice(0, 150)).text);
  }, 60_000);
});

describe("the fast shape check", () => {
  it("gives validateInput's verdict on demo records and on every kind of damage to them", () => {
    const inputs = demoInputs(300, 11);
    // Deterministic damage: each record loses, mistypes or gains one field somewhere in its tree.
    const damage: Array<(input: Record<string, unknown>) => void> = [
      (i) => delete i.employee,
      (i) => ((i.employee as Record<string, unknown>).nama = 7),
      (i) => ((i.employee as Record<string, unknown>).nip = ""),
      (i) => ((i.employee as Record<string, unknown>).pangkat = "III/a"),
      (i) => (i.period = { kind: "bulanan", label: "2025" }),
      (i) => (i.period = { kind: "annual", label: "2025", months: 13 }),
      (i) => (i.ratings = { atasan: {} }),
      (i) => (i.ratings = { supervisor: { akuntabel: "4" } }),
      (i) => (i.values = { rhk_utama: [] }),
      (i) => (i.values = { rhk_utama: { target: 10 } }),
      (i) => (i.facts = { a: [1] }),
      (i) => (i.history = [{ year: 2024 }]),
      (i) => (i.history = [{ predikat: "baik" }]),
      (i) => (i.history = [{ period: "2024-S1", predikat: "baik" }]),
      (i) => (i.history = [{ year: 2024.5, predikat: "baik" }]),
      (i) => (i.unit = { predikat: "luar biasa" }),
      (i) => (i.adjustments = [{ fact: "x", value: 1, reason: "r" }]),
      (i) => (i.extra = true),
      () => undefined,
    ];
    let refused = 0;
    inputs.forEach((input, n) => {
      const damaged = structuredClone(input) as unknown as Record<string, unknown>;
      damage[n % damage.length]!(damaged);
      const fast = checkInput(damaged, "x");
      const full = validateInput(damaged, "x");
      expect(fast, `damage ${n % damage.length}`).toEqual(full);
      if (!full.ok) refused++;
    });
    expect(refused).toBeGreaterThan(inputs.length * 0.8);
  });
});
