import { periodYear } from "./history.js";
import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../evaluate/compile.js";
import { kuadranInput, kuadranRuleSet } from "../evaluate/test-support/kuadran.js";
import type { AppraisalInput } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import { combinePeriodInputs, periodLabels, rollUpYear } from "./periods.js";

function withRollup(rollup: NonNullable<RuleSet["period"]>["rollup"]): RuleSet {
  return { ...kuadranRuleSet(), period: { kind: "semester", ...(rollup ? { rollup } : {}) } };
}

function semester(label: string, input: AppraisalInput): AppraisalInput {
  return { ...input, period: { kind: "semester", label, months: 6 } };
}

describe("periodLabels", () => {
  it("names every period of a year", () => {
    expect(periodLabels("monthly", 2025)).toHaveLength(12);
    expect(periodLabels("monthly", 2025)[0]).toBe("2025-01");
    expect(periodLabels("quarterly", 2025)).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
    expect(periodLabels("semester", 2025)).toEqual(["2025-S1", "2025-S2"]);
    expect(periodLabels("annual", 2025)).toEqual(["2025"]);
  });
});

describe("combinePeriodInputs", () => {
  it("averages ratings, adds up days and achievement, keeps quality as a level", () => {
    const ruleSet = kuadranRuleSet();
    const first: AppraisalInput = {
      ...kuadranInput("sesuai", "sesuai"),
      ratings: { supervisor: { pelayanan: 4 }, peer: [{ pelayanan: 3 }, { pelayanan: 5 }] },
      values: { capaian: { target: 50, realisasi: 40 }, hadir: 2, laporan: { target: { kuantitas: 6, kualitas: 100 }, realisasi: { kuantitas: 6, kualitas: 80 } } },
    };
    const second: AppraisalInput = {
      ...first,
      ratings: { supervisor: { pelayanan: 5 }, peer: [{ pelayanan: 4 }] },
      values: { capaian: { target: 50, realisasi: 60 }, hadir: 3, laporan: { target: { kuantitas: 6, kualitas: 100 }, realisasi: { kuantitas: 4, kualitas: 90 } } },
    };
    const year = combinePeriodInputs(ruleSet, [first, second], "2025");
    expect(year.period).toEqual({ kind: "annual", label: "2025", months: 12 });
    expect(year.ratings?.supervisor).toEqual([{ pelayanan: 4 }, { pelayanan: 5 }]);
    expect(year.ratings?.peer).toEqual([{ pelayanan: 3 }, { pelayanan: 5 }, { pelayanan: 4 }]);
    expect(year.values?.capaian).toEqual({ target: 100, realisasi: 100 });
    expect(year.values?.laporan).toEqual({ target: { kuantitas: 12, kualitas: 100 }, realisasi: { kuantitas: 10, kualitas: 85 } });
  });

  it("sets the tasks of every period side by side, so the year's score is the mean over all of them", () => {
    const task = (realisasi: number) => ({ target: { kuantitas: 10 }, realisasi: { kuantitas: realisasi } });
    const first: AppraisalInput = { ...kuadranInput("sesuai", "sesuai"), values: { laporan: [task(8), task(9)] } };
    const second: AppraisalInput = { ...first, values: { laporan: task(10) } };
    const year = combinePeriodInputs(kuadranRuleSet(), [first, second], "2025");
    expect(year.values?.laporan).toEqual([task(8), task(9), task(10)]);
  });

  it("refuses tasks mixed with a yes/no for one indicator", () => {
    const first: AppraisalInput = { ...kuadranInput("sesuai", "sesuai"), values: { laporan: [{ target: 10, realisasi: 8 }] } };
    const second: AppraisalInput = { ...first, values: { laporan: true } };
    expect(() => combinePeriodInputs(kuadranRuleSet(), [first, second], "2025")).toThrow("indikator laporan: masukan periode tidak sejenis");
  });
});

describe("rollUpYear", () => {
  const first = semester("2025-S1", kuadranInput("di_atas", "di_atas"));
  const second = semester("2025-S2", kuadranInput("di_bawah", "sesuai"));

  it("takes the last period when the region says so", () => {
    const annual = rollUpYear(compileRuleSet(withRollup({ method: "last" })), [first, second], "2025");
    expect(annual.method).toBe("last");
    expect(annual.result.predikat).toBe("butuh_perbaikan");
    expect(annual.periods).toEqual(["2025-S1", "2025-S2"]);
  });

  it("averages the periods' inputs when the region says so", () => {
    // Achievement 110 and 80 add up to 95 of 100 (Sesuai); behaviour averages to Di Atas/Sesuai → Baik.
    const annual = rollUpYear(compileRuleSet(withRollup({ method: "average" })), [first, second], "2025");
    expect(annual.result.predikat).toBe("baik");
  });

  it("lets the assessor move the predikat within the bounds, with a reason", () => {
    const compiled = compileRuleSet(withRollup({ method: "judgement", bounds: 1 }));
    const annual = rollUpYear(compiled, [first, second], "2025", { predikat: "sangat_baik", reason: "Memimpin inovasi layanan", by: "196901011990031001" });
    expect(annual.computedPredikat).toBe("baik");
    expect(annual.result.predikat).toBe("sangat_baik");
    expect(annual.result.predikatLabel).toBe("Sangat Baik");
    expect(annual.judgement?.reason).toBe("Memimpin inovasi layanan");
    // The award for Sangat Baik follows the judged predikat, and the result says who moved it and why.
    expect(annual.result.outcomes.map((o) => o.type)).toContain("penghargaan");
    expect(annual.result.adjustments).toEqual([
      { fact: "predikat", value: "sangat_baik", from: "baik", reason: "Memimpin inovasi layanan", by: "196901011990031001" },
    ]);
  });

  it("refuses a judgement beyond the bounds, without a reason, or where the region allows none", () => {
    const compiled = compileRuleSet(withRollup({ method: "judgement", bounds: 1 }));
    expect(() => rollUpYear(compiled, [first, second], "2025", { predikat: "kurang", reason: "x", by: "a" })).toThrow(/berjarak 2 tingkat.*paling jauh 1/);
    expect(() => rollUpYear(compiled, [first, second], "2025", { predikat: "baik", reason: " ", by: "a" })).toThrow(/alasan/);
    const averaged = compileRuleSet(withRollup({ method: "average" }));
    expect(() => rollUpYear(averaged, [first, second], "2025", { predikat: "baik", reason: "x", by: "a" })).toThrow(/tidak mengizinkan/);
  });
});

describe("periodYear asked again and again", () => {
  it("answers each label afresh, whatever was asked before", () => {
    const labels = ["2025", "2025", "2024-S1", "tahun lalu", "tahun lalu", "2023-Q3", null, undefined, "2025-07", "2025"];
    const expected = [2025, 2025, 2024, null, null, 2023, null, null, 2025, 2025];
    expect(labels.map((label) => periodYear(label))).toEqual(expected);
  });
});
