// Facts counted from history (`consecutiveYears`): promotion needs the years before this one, in a row, and
// a year is a year however many periods it had.
import { describe, expect, it } from "vitest";
import type { HistoryEntry } from "../domain/types.js";
import { Random } from "../engine/test-support/random.js";
import { annualPredikat, consecutiveYears, periodYear } from "../periods/history.js";
import { checkRuleSet } from "../ruleset/check.js";
import { validateInput } from "../ruleset/input-schema.js";
import { recordedFacts } from "../ruleset/read.js";
import type { RuleSet } from "../ruleset/schema.js";
import { factProblem } from "../ruleset/values.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, NATIONAL_PREDIKAT_VALUES, ruleSet } from "./test-support/builders.js";

function promotion(fact: Partial<RuleSet["facts"][string]> = {}): RuleSet {
  return ruleSet({
    indicatorSets: [
      indicatorSet("umum", [{ id: "nilai", name: "Nilai", axis: "hasil_kerja", weight: 100, input: { kind: "score", min: 0, max: 100 } }]),
    ],
    facts: {
      "riwayat.tahun_minimal_baik": {
        type: "number",
        label: "Tahun berturut-turut minimal Baik",
        consecutiveYears: { predikat: ["sangat_baik", "baik"] },
        ...fact,
      },
    },
    predikat: NATIONAL_PREDIKAT_VALUES,
    decisions: [
      {
        id: "predikat",
        output: "predikat",
        hitPolicy: "unique",
        inputs: ["score"],
        rows: [
          { when: [{ greaterThanInclusive: 75 }], then: "baik" },
          { when: [{ lessThan: 75 }], then: "butuh_perbaikan" },
        ],
      },
    ],
    outcomes: [
      {
        name: "usulan_kenaikan_pangkat",
        conditions: {
          all: [
            { fact: "predikat", operator: "in", value: ["sangat_baik", "baik"] },
            { fact: "riwayat.tahun_minimal_baik", operator: "greaterThanInclusive", value: 1 },
          ],
        },
        event: { type: "usulan_kenaikan_pangkat" },
      },
    ],
  });
}

const baik = (year: number, period?: string): HistoryEntry => ({ year, ...(period ? { period } : {}), predikat: "baik" });

describe("consecutive years in history", () => {
  it("reads the year a period label begins with", () => {
    expect([periodYear("2025"), periodYear("2025-S2"), periodYear("2025-Q3"), periodYear("2025-07")]).toEqual([2025, 2025, 2025, 2025]);
    expect([periodYear("Triwulan I"), periodYear("20251"), periodYear(undefined)]).toEqual([null, null, null]);
  });

  it("stop at a year that is missing, so a 2021 Baik is not the year before 2025", () => {
    expect(consecutiveYears([baik(2021)], 2025, ["baik"])).toBe(0);
    expect(consecutiveYears([baik(2021), baik(2023), baik(2024)], 2025, ["baik"])).toBe(2);
  });

  it("count a year once however many periods it had, and not the current year's periods", () => {
    expect(consecutiveYears([baik(2025, "2025-S1")], 2025, ["baik"])).toBe(0);
    expect(consecutiveYears([baik(2024, "2024-S1"), baik(2024, "2024-S2")], 2025, ["baik"])).toBe(1);
  });

  it("take a year's annual result over its periods, else its last period", () => {
    const history: HistoryEntry[] = [
      { year: 2023, period: "2023-S2", predikat: "baik" },
      { year: 2023, predikat: "butuh_perbaikan" },
      { year: 2024, period: "2024-S1", predikat: "baik" },
      { year: 2024, period: "2024-S2", predikat: "kurang" },
    ];
    expect(Object.fromEntries(annualPredikat(history))).toEqual({ 2023: "butuh_perbaikan", 2024: "kurang" });
  });

  it("read the shape before years, { period: \"2024\" }, as that year", () => {
    expect(consecutiveYears([{ period: "2024", predikat: "baik" }], 2025, ["baik"])).toBe(1);
  });
});

describe("a fact counted from history", () => {
  const compiled = compileRuleSet(promotion());
  const outcomes = (history: HistoryEntry[], label = "2025") =>
    compiled.evaluate(appraisal({ period: { kind: label.includes("-") ? "semester" : "annual", label }, values: { nilai: 80 }, history })).outcomes.map((o) => o.type);

  it("does not propose promotion for a Baik with only a non-adjacent earlier Baik", () => {
    expect(outcomes([baik(2021)])).toEqual([]);
  });

  it("does not propose promotion for two semesters of one year", () => {
    expect(outcomes([baik(2025, "2025-S1")], "2025-S2")).toEqual([]);
  });

  it("proposes promotion for Baik this year and the year before", () => {
    expect(outcomes([baik(2023), baik(2024)])).toEqual(["usulan_kenaikan_pangkat"]);
    expect(compiled.facts(appraisal({ values: { nilai: 80 }, history: [baik(2023), baik(2024)] }))["riwayat.tahun_minimal_baik"]).toBe(2);
  });

  it("is null when the period has no year", () => {
    expect(compiled.facts(appraisal({ period: { kind: "annual", label: "Tahunan" }, values: { nilai: 80 }, history: [baik(2024)] }))["riwayat.tahun_minimal_baik"]).toBeNull();
  });

  it("cannot be given directly, and is not a fact a rater records", () => {
    expect(() => compiled.evaluate(appraisal({ values: { nilai: 80 }, facts: { "riwayat.tahun_minimal_baik": 3 } }))).toThrow(
      /riwayat.tahun_minimal_baik" dihitung dari riwayat, jadi tidak boleh diisi langsung/,
    );
    expect(recordedFacts(promotion())).toEqual([]);
    expect(factProblem(promotion(), "riwayat.tahun_minimal_baik", 3)?.en).toMatch(/counted from history/);
  });

  it("refuses a history entry without a year", () => {
    expect(() => compiled.evaluate(appraisal({ values: { nilai: 80 }, history: [{ period: "Triwulan I", predikat: "baik" }] }))).toThrow(
      /\/history\/0: tahun hasil \(year\) tidak ada/,
    );
  });

  it("is checked: a number, of predikat the rule set has, set by nothing else", () => {
    const issues = checkRuleSet(promotion({ type: "string", consecutiveYears: { predikat: ["baik", "bagus"] }, default: "0" }));
    const at = (pointer: string) => issues.find((i) => i.pointer === pointer && i.severity === "error");
    expect(at("/facts/riwayat.tahun_minimal_baik/type")?.messageEn).toMatch(/counts years, so its type is number/);
    expect(at("/facts/riwayat.tahun_minimal_baik/consecutiveYears/predikat/1")?.message).toMatch(/predikat "bagus" tidak ada di \/predikat/);
    expect(at("/facts/riwayat.tahun_minimal_baik/default")).toBeDefined();
    expect(checkRuleSet(promotion()).filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("history in the appraisal input", () => {
  const input = (history: unknown) => ({ employee: appraisal().employee, history });

  it("takes the year and the period within it, and the shape before years", () => {
    expect(validateInput(input([{ year: 2024, predikat: "baik" }, { year: 2025, period: "2025-S1", predikat: "baik" }])).ok).toBe(true);
    expect(validateInput(input([{ period: "2024", predikat: "baik" }])).ok).toBe(true);
  });

  it("names the entry without a year, and a period of another year", () => {
    const missing = validateInput(input([{ period: "Triwulan I", predikat: "baik" }]));
    expect(missing.ok ? [] : missing.issues.map((i) => [i.pointer, i.message])).toEqual([
      ["/history/0/year", expect.stringMatching(/^tahun hasil \(year\) tidak ada dan periode "Triwulan I" tidak diawali tahun.*EN: the year is missing/)],
    ]);
    const other = validateInput(input([{ year: 2024, period: "2025-S1", predikat: "baik" }]));
    expect(other.ok ? [] : other.issues.map((i) => i.pointer)).toEqual(["/history/0/period"]);
  });
});

describe("consecutiveYears on any history", () => {
  it("counts as annualPredikat's map of years reads, for random histories of years, periods and gaps", () => {
    const levels = ["sangat_baik", "baik"];
    const predikat = ["sangat_baik", "baik", "butuh_perbaikan"];
    // The count as the map defines it, the way it was first written.
    const byMap = (history: HistoryEntry[], year: number) => {
      const annual = annualPredikat(history);
      let count = 0;
      for (let y = year - 1; levels.includes(annual.get(y) ?? ""); y--) count++;
      return count;
    };
    const random = new Random(2_024_1203);
    const shapes = (year: number): HistoryEntry[] => [
      { year, predikat: random.pick(predikat) },
      { period: String(year), predikat: random.pick(predikat) },
      { year, period: `${year}-S${random.int(1, 2)}`, predikat: random.pick(predikat) },
      { period: `${year}-Q${random.int(1, 4)}`, predikat: random.pick(predikat) },
      { period: "tanpa tahun", predikat: "baik" },
    ];
    let counted = 0;
    for (let c = 0; c < 3000; c++) {
      const history: HistoryEntry[] = [];
      for (let k = random.int(0, 8); k > 0; k--) history.push(random.pick(shapes(random.int(2019, 2024))));
      const expected = byMap(history, 2025);
      expect(consecutiveYears(history, 2025, levels), JSON.stringify(history)).toBe(expected);
      if (expected >= 2) counted++;
    }
    expect(counted).toBeGreaterThan(50);
  });
});
