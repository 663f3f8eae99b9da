import { describe, expect, it } from "vitest";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { renderExplanation } from "./explain.js";
import { describeExplanation } from "./plain.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

describe("PP 30/2019: 70/30, achievement capped at 120, Sangat Baik needs an innovation", () => {
  const pp30 = compileRuleSet(
    ruleSet({
      id: "pp30",
      axes: { hasil_kerja: 70, perilaku: 30 },
      facts: { inovasi: { type: "boolean", label: "Menghasilkan inovasi yang bermanfaat bagi organisasi", default: false } },
      indicatorSets: [
        indicatorSet("umum", [
          { id: "skp", name: "Capaian SKP", axis: "hasil_kerja", weight: 100, input: { kind: "achievement", cap: 120 } },
          { id: "perilaku", name: "Perilaku kerja", axis: "perilaku", weight: 100, input: { kind: "score", min: 0, max: 120 } },
        ]),
      ],
      predikat: [
        { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" },
        { id: "baik", label: "Baik", national: "baik" },
        { id: "cukup", label: "Cukup", national: "butuh_perbaikan" },
        { id: "kurang", label: "Kurang", national: "kurang" },
        { id: "sangat_kurang", label: "Sangat Kurang", national: "sangat_kurang" },
      ],
      decisions: [
        {
          id: "predikat",
          output: "predikat",
          hitPolicy: "first",
          inputs: ["score", "inovasi"],
          rows: [
            { when: [{ greaterThanInclusive: 110 }, { equal: true }], then: "sangat_baik", note: "110–120 dengan inovasi" },
            { when: [{ greaterThanInclusive: 90 }, {}], then: "baik" },
            { when: [{ greaterThanInclusive: 70 }, {}], then: "cukup" },
            { when: [{ greaterThanInclusive: 50 }, {}], then: "kurang" },
            { when: [{}, {}], then: "sangat_kurang" },
          ],
        },
      ],
    }),
  );
  const input = (skp: number | { target: number; realisasi: number }, perilaku: number, inovasi?: boolean) =>
    appraisal({ values: { skp, perilaku }, ...(inovasi === undefined ? {} : { facts: { inovasi } }) });

  it("115 with an innovation is Sangat Baik", () => {
    const result = pp30.evaluate(input(115, 115, true));
    expect(result.scores.score).toBeCloseTo(115, 10);
    expect(result.predikat).toBe("sangat_baik");
  });

  it("115 without an innovation is Baik (the default of inovasi is false)", () => {
    expect(pp30.evaluate(input(115, 115)).predikat).toBe("baik");
    expect(pp30.evaluate(input(115, 115, false)).predikat).toBe("baik");
  });

  it("takes several achievements of one indicator as their mean, each capped at 120", () => {
    const facts = pp30.facts(appraisal({ values: { skp: [100, { target: 100, realisasi: 130 }], perilaku: 100 } }));
    expect(facts["score.skp"]).toBeCloseTo(110, 10);
    expect(facts["raw.skp"]).toBeCloseTo(115, 10);
    expect(() => pp30.evaluate(appraisal({ values: { skp: [100, -5], perilaku: 100 } }))).toThrow("tugas ke-2: capaian harus 0% atau lebih, bukan -5");
  });

  it("caps achievement at 120 and keeps the uncapped percentage as raw", () => {
    const facts = pp30.facts(input({ target: 100, realisasi: 150 }, 100, true));
    expect(facts["raw.skp"]).toBe(150);
    expect(facts["score.skp"]).toBe(120);
    expect(facts.score).toBeCloseTo(0.7 * 120 + 0.3 * 100, 10);
    expect(facts.predikat).toBe("sangat_baik");
  });

  it("weights 70/30 and applies the lower bands", () => {
    expect(pp30.evaluate(input(80, 60)).scores.score).toBeCloseTo(74, 10);
    expect(pp30.evaluate(input(80, 60)).predikat).toBe("cukup");
    expect(pp30.evaluate(input(60, 40)).predikat).toBe("kurang");
    expect(pp30.evaluate(input(40, 40)).predikat).toBe("sangat_kurang");
  });

  it("refuses a score outside its range and an innovation that is not yes/no", () => {
    expect(() => pp30.evaluate(input(100, 130))).toThrow('indikator "perilaku" (Perilaku kerja): nilai 130 di luar rentang 0–120');
    expect(() => pp30.evaluate(appraisal({ values: { skp: 100, perilaku: 100 }, facts: { inovasi: "ya" } }))).toThrow(
      'fakta "inovasi" harus true atau false, bukan "ya"',
    );
  });
});

describe("PP 46/2011: 60% SKP (kuantitas, kualitas, waktu) + 40% perilaku", () => {
  const aspects = ["orientasi_pelayanan", "integritas", "komitmen", "disiplin", "kerja_sama"];
  const rules: RuleSet = ruleSet({
    id: "pp46",
    axes: { hasil_kerja: 60, perilaku: 40 },
    scales: { nilai100: { min: 0, max: 100, toScore: "percentOfMax" } },
    indicatorSets: [
      indicatorSet("pelaksana", [
        {
          id: "skp",
          name: "SKP",
          axis: "hasil_kerja",
          weight: 100,
          input: { kind: "target", aspects: ["kuantitas", "kualitas", "waktu"] },
        },
        ...aspects.map((id) => ({
          id,
          name: id,
          axis: "perilaku" as const,
          weight: 20,
          input: { kind: "rating" as const, scale: "nilai100" },
        })),
      ]),
    ],
    predikat: [
      { id: "sangat_baik", label: "Sangat Baik" },
      { id: "baik", label: "Baik" },
      { id: "cukup", label: "Cukup" },
      { id: "kurang", label: "Kurang" },
      { id: "buruk", label: "Buruk" },
    ],
    decisions: [
      {
        id: "predikat",
        output: "predikat",
        hitPolicy: "unique",
        inputs: ["score"],
        rows: [
          { when: [{ greaterThanInclusive: 91 }], then: "sangat_baik" },
          { when: [{ greaterThanInclusive: 76, lessThan: 91 }], then: "baik" },
          { when: [{ greaterThanInclusive: 61, lessThan: 76 }], then: "cukup" },
          { when: [{ greaterThanInclusive: 51, lessThan: 61 }], then: "kurang" },
          { when: [{ lessThan: 51 }], then: "buruk" },
        ],
      },
    ],
  });
  const pp46 = compileRuleSet(rules);
  const input = (waktu: number) =>
    appraisal({
      values: {
        skp: { target: { kuantitas: 12, kualitas: 100, waktu: 12 }, realisasi: { kuantitas: 12, kualitas: 90, waktu } },
      },
      ratings: { supervisor: { orientasi_pelayanan: 80, integritas: 85, komitmen: 80, disiplin: 75, kerja_sama: 80 } },
    });

  it("TW = RW = 12: waktu 76, task (100 + 90 + 76) / 3, final 60/40", () => {
    const facts = pp46.facts(input(12));
    expect(facts["score.skp"]).toBeCloseTo(88.67, 2);
    expect(facts["score.perilaku"]).toBeCloseTo(80, 10);
    expect(facts.score).toBeCloseTo(0.6 * (266 / 3) + 0.4 * 80, 10);
    expect(facts.score).toBeCloseTo(85.2, 10);
    expect(facts.predikat).toBe("baik");
  });

  it("finishing in 10 of 12 months raises waktu to 92.67", () => {
    const facts = pp46.facts(input(10));
    expect(facts["score.skp"]).toBeCloseTo((100 + 90 + 92.6667) / 3, 3);
    expect(facts.score).toBeCloseTo(88.53, 2);
  });

  it("names the missing aspect of a task", () => {
    const bad = appraisal({
      values: { skp: { target: { kuantitas: 12, kualitas: 100 }, realisasi: { kuantitas: 12, kualitas: 90 } } },
      ratings: { supervisor: { orientasi_pelayanan: 80, integritas: 85, komitmen: 80, disiplin: 75, kerja_sama: 80 } },
    });
    expect(() => pp46.evaluate(bad)).toThrow('indikator "skp" (SKP): target waktu tidak diisi');
  });

  it("caps a task score when the indicator says so", () => {
    const capped = structuredClone(rules);
    const skp = capped.indicatorSets[0]!.indicators[0]!;
    skp.input = { kind: "target", aspects: ["kuantitas"], cap: 110 };
    const facts = compileRuleSet(capped).facts(
      appraisal({
        values: { skp: { target: { kuantitas: 10 }, realisasi: { kuantitas: 13 } } },
        ratings: { supervisor: { orientasi_pelayanan: 80, integritas: 85, komitmen: 80, disiplin: 75, kerja_sama: 80 } },
      }),
    );
    expect(facts["raw.skp"]).toBeCloseTo(130, 10);
    expect(facts["score.skp"]).toBe(110);
  });

  describe("several tasks of one indicator: SKP is the mean over the tasks", () => {
    const ratings = { supervisor: { orientasi_pelayanan: 80, integritas: 85, komitmen: 80, disiplin: 75, kerja_sama: 80 } };
    const laporan = { target: { kuantitas: 12, kualitas: 100, waktu: 12 }, realisasi: { kuantitas: 12, kualitas: 90, waktu: 12 } };
    const arsip = { target: { kuantitas: 10, kualitas: 100, waktu: 12 }, realisasi: { kuantitas: 5, kualitas: 80, waktu: 10 } };

    it("scores each task by its aspects and takes their mean", () => {
      const facts = pp46.facts(appraisal({ values: { skp: [laporan, arsip] }, ratings }));
      const first = (100 + 90 + 76) / 3;
      const second = (50 + 80 + (((1.76 * 12 - 10) / 12) * 100)) / 3;
      expect(facts["score.skp"]).toBeCloseTo((first + second) / 2, 10);
      expect(facts["raw.skp"]).toBeCloseTo((first + second) / 2, 10);
    });

    it("one task in a list scores as the task alone", () => {
      expect(pp46.facts(appraisal({ values: { skp: [laporan] }, ratings }))["score.skp"]).toBeCloseTo(266 / 3, 10);
    });

    it("names the task that is wrong", () => {
      const broken = { target: { kuantitas: 12, kualitas: 100 }, realisasi: { kuantitas: 12, kualitas: 90 } };
      expect(() => pp46.evaluate(appraisal({ values: { skp: [laporan, broken] }, ratings }))).toThrow(
        'indikator "skp" (SKP), tugas ke-2: target waktu tidak diisi',
      );
    });

    it("caps each task on its own, so one task far above target does not hide a poor one", () => {
      const capped = structuredClone(rules);
      capped.indicatorSets[0]!.indicators[0]!.input = { kind: "target", aspects: ["kuantitas"], cap: 110 };
      const facts = compileRuleSet(capped).facts(
        appraisal({
          values: { skp: [{ target: { kuantitas: 10 }, realisasi: { kuantitas: 20 } }, { target: { kuantitas: 10 }, realisasi: { kuantitas: 6 } }] },
          ratings,
        }),
      );
      expect(facts["raw.skp"]).toBeCloseTo(130, 10);
      expect(facts["score.skp"]).toBeCloseTo((110 + 60) / 2, 10);
    });

    it("explains each task's score", () => {
      const text = pp46.explain(appraisal({ values: { skp: [laporan, arsip] }, ratings }));
      const step = text.steps.find((s) => s.kind === "indicator" && s.indicator === "skp");
      expect(step).toMatchObject({ formula: "tasks.mean" });
      expect(renderExplanation(text, "id")).toMatch(/Nilai indikator SKP: \d+,\d+ \(rata-rata tugas: 88,67; \d+,\d+\)/);
      expect(describeExplanation(text, rules, "en").find((line) => line.startsWith("SKP:"))).toMatch(/^SKP: score \d+\.\d+, the mean of task 1 \(88\.67\); task 2 \(\d+\.\d+\)\.$/);
    });
  });
});
