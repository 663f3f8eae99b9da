import { describe, expect, it } from "vitest";
import type { Indicator } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

function single(indicator: Indicator) {
  return compileRuleSet(
    ruleSet({
      predikat: [{ id: "dinilai", label: "Dinilai" }],
      decisions: [{ id: "predikat", output: "predikat", hitPolicy: "first", inputs: ["score"], rows: [{ when: [{}], then: "dinilai" }] }],
      indicatorSets: [indicatorSet("umum", [indicator])],
    }),
  );
}

describe("attendance (PP 94/2021 days of unexcused absence)", () => {
  const disiplin = single({
    id: "disiplin",
    name: "Disiplin",
    axis: "perilaku",
    weight: 100,
    input: {
      kind: "attendance",
      bands: [
        { maxDays: 0, score: 100 },
        { maxDays: 3, score: 90 },
        { maxDays: 6, score: 75 },
        { maxDays: 10, score: 60 },
        { maxDays: null, score: 0 },
      ],
    },
  });
  const score = (days: number) => disiplin.facts(appraisal({ values: { disiplin: days } }))["score.disiplin"];

  it("takes the first band the days fit in", () => {
    expect(score(0)).toBe(100);
    expect(score(1)).toBe(90);
    expect(score(3)).toBe(90);
    expect(score(4)).toBe(75);
    expect(score(10)).toBe(60);
    expect(score(28)).toBe(0);
  });

  it("keeps the days as raw", () => {
    expect(disiplin.facts(appraisal({ values: { disiplin: 5 } }))["raw.disiplin"]).toBe(5);
  });

  it("refuses negative days and days beyond a closed last band", () => {
    expect(() => score(-1)).toThrow("jumlah hari tidak masuk tanpa keterangan");
    const closed = single({
      id: "disiplin",
      name: "Disiplin",
      axis: "perilaku",
      weight: 100,
      input: { kind: "attendance", bands: [{ maxDays: 3, score: 100 }] },
    });
    expect(() => closed.evaluate(appraisal({ values: { disiplin: 4 } }))).toThrow("4 hari melebihi pita terakhir (3 hari)");
  });
});

describe("achievement", () => {
  const capaian = single({ id: "capaian", name: "Capaian", axis: "hasil_kerja", weight: 100, input: { kind: "achievement", cap: 120 } });

  it("takes { target, realisasi } or a percentage", () => {
    expect(capaian.facts(appraisal({ values: { capaian: { target: 80, realisasi: 72 } } }))["score.capaian"]).toBe(90);
    expect(capaian.facts(appraisal({ values: { capaian: 95 } }))["score.capaian"]).toBe(95);
    expect(capaian.facts(appraisal({ values: { capaian: 130 } }))["score.capaian"]).toBe(120);
  });

  it("refuses a missing value, a target of 0 and a wrong shape", () => {
    expect(() => capaian.evaluate(appraisal())).toThrow('indikator "capaian" (Capaian): nilai belum diisi (values.capaian)');
    expect(() => capaian.evaluate(appraisal({ values: { capaian: { target: 0, realisasi: 5 } } }))).toThrow("target harus angka lebih dari 0");
    expect(() => capaian.evaluate(appraisal({ values: { capaian: true } }))).toThrow("diharapkan persentase capaian atau { target, realisasi }");
  });
});

describe("yes/no", () => {
  const inovasi = single({ id: "inovasi", name: "Inovasi", axis: "hasil_kerja", weight: 100, input: { kind: "yesno", yes: 100, no: 50 } });

  it("scores yes and no", () => {
    expect(inovasi.facts(appraisal({ values: { inovasi: true } }))["score.inovasi"]).toBe(100);
    const facts = inovasi.facts(appraisal({ values: { inovasi: false } }));
    expect(facts["score.inovasi"]).toBe(50);
    expect(facts["raw.inovasi"]).toBe(false);
  });

  it("refuses anything else", () => {
    expect(() => inovasi.evaluate(appraisal({ values: { inovasi: 1 } }))).toThrow("diharapkan true (ya) atau false (tidak), bukan 1");
  });
});
