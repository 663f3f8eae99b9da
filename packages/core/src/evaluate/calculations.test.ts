import { describe, expect, it } from "vitest";
import type { Calculation } from "../ruleset/schema.js";
import { roundTo } from "./calculations.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

function withCalculations(...calculations: Calculation[]) {
  return compileRuleSet(
    ruleSet({
      facts: {
        tunjangan: { type: "number", label: "Pagu TPP", min: 0 },
        unit_khusus: { type: "boolean", label: "Unit khusus", default: false },
      },
      predikat: [{ id: "dinilai", label: "Dinilai" }],
      decisions: [{ id: "predikat", output: "predikat", hitPolicy: "first", inputs: ["score"], rows: [{ when: [{}], then: "dinilai" }] }],
      indicatorSets: [
        indicatorSet("umum", [{ id: "kinerja", name: "Kinerja", axis: "hasil_kerja", weight: 100, input: { kind: "score", min: 0, max: 100 } }]),
      ],
      calculations,
    }),
  );
}

const tpp: Calculation = {
  id: "tpp",
  name: "TPP dibayar",
  expression: { mul: [{ fact: "tunjangan" }, { div: [{ min: [{ fact: "score" }, 100] }, 100] }] },
  round: 0,
};

describe("calculations", () => {
  it("computes over facts, in file order, each seeing the ones before", () => {
    const compiled = withCalculations(tpp, {
      id: "tpp_bulanan",
      name: "TPP per bulan",
      expression: { div: [{ fact: "tpp" }, { fact: "period.months" }] },
      round: 2,
    });
    const result = compiled.evaluate(appraisal({ values: { kinerja: 87.5 }, facts: { tunjangan: 3_000_001 } }));
    expect(result.decisions.tpp).toBe(2_625_001);
    expect(result.decisions.tpp_bulanan).toBe(218_750.08);
  });

  it("gives null when an input is null", () => {
    expect(withCalculations(tpp).evaluate(appraisal({ values: { kinerja: 80 } })).decisions.tpp).toBeNull();
  });

  it("gives null when its `when` does not hold", () => {
    const gated: Calculation = { ...tpp, when: { all: [{ fact: "unit_khusus", operator: "equal", value: true }] } };
    const input = appraisal({ values: { kinerja: 80 }, facts: { tunjangan: 100 } });
    expect(withCalculations(gated).evaluate(input).decisions.tpp).toBeNull();
    expect(withCalculations(gated).evaluate({ ...input, facts: { tunjangan: 100, unit_khusus: true } }).decisions.tpp).toBe(80);
  });

  it("adds, subtracts and takes the larger", () => {
    const compiled = withCalculations({
      id: "selisih",
      name: "Selisih",
      expression: { max: [0, { sub: [{ add: [{ fact: "score" }, 5] }, 100] }] },
    });
    expect(compiled.evaluate(appraisal({ values: { kinerja: 98 } })).decisions.selisih).toBe(3);
    expect(compiled.evaluate(appraisal({ values: { kinerja: 50 } })).decisions.selisih).toBe(0);
  });

  it("refuses a division by zero and a fact that is not a number", () => {
    const byZero = withCalculations({ id: "x", name: "X", expression: { div: [{ fact: "score" }, { fact: "tunjangan" }] } });
    expect(() => byZero.evaluate(appraisal({ values: { kinerja: 1 }, facts: { tunjangan: 0 } }))).toThrow(
      'perhitungan "x" (X): pembagian dengan nol',
    );
    const text = withCalculations({ id: "y", name: "Y", expression: { mul: [{ fact: "employee.jabatan" }, 2] } });
    expect(() => text.evaluate(appraisal({ values: { kinerja: 1 } }))).toThrow(
      'perhitungan "y" (Y): fakta "employee.jabatan" harus angka, bukan "Analis Kepegawaian"',
    );
  });
});

describe("roundTo", () => {
  it("rounds half away from zero as people do on paper", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(2.675, 2)).toBe(2.68);
    expect(roundTo(2.0833333, 2)).toBe(2.08);
    expect(roundTo(18.75, 1)).toBe(18.8);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1234567.125, 2)).toBe(1234567.13);
  });
});
