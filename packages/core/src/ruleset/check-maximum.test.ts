import { describe, expect, it } from "vitest";
import { scoreMaxima } from "./check-maximum.js";
import { at, issuesAfter, ruleSetOf, baseFile, type RuleFileJson } from "./test-support/rule-files.js";

/** The base file with every achievement capped at 120 and behaviour on a 0–100 rating, split 60/40: PP 30/2019 before its fix. */
function pp30Before(f: RuleFileJson): void {
  const [kualitas, kuantitas, pelayanan] = f.indicatorSets![0]!.indicators;
  kualitas!.input = { kind: "achievement", cap: 120 };
  kuantitas!.input = { kind: "achievement", cap: 120 };
  f.scales = { nilai: { min: 0, max: 100 } };
  pelayanan!.input = { kind: "rating", scale: "nilai" };
  f.decisions![0]!.rows = [
    { when: [{ greaterThanInclusive: 115 }], then: "sangat_baik" },
    { when: [{ greaterThanInclusive: 76 }], then: "baik" },
    { when: [{ lessThan: 76 }], then: "kurang" },
  ];
}

describe("how high scores can go", () => {
  it("computes each score's maximum from caps, scales' scoreMax and weights", () => {
    const file = baseFile();
    pp30Before(file);
    expect(Object.fromEntries(scoreMaxima(ruleSetOf(file)))).toEqual({
      "score.kualitas": 120,
      "score.kuantitas": 120,
      "score.pelayanan": 100,
      "score.hasil_kerja": 120,
      "score.perilaku": 100,
      score: 112,
    });
  });

  it("refuses a row that asks for more than the score can reach, naming the row, the maximum and the fix", () => {
    const issues = issuesAfter(pp30Before);
    expect(at(issues, "/decisions/0/rows/0/when/0")).toEqual([
      {
        file: "contoh.json",
        pointer: "/decisions/0/rows/0/when/0",
        message:
          "baris ini tidak pernah cocok: meminta score ≥ 115, padahal score paling tinggi 112 (nilai tertinggi setiap indikator " +
          "menurut skala, cap, dan bobotnya); yang diharapkan: batas paling tinggi 112, atau maksimum yang sesuai regulasi pada " +
          "skala (scoreMax) atau capaian (cap)",
        messageEn:
          "this row can never match: it asks for score ≥ 115, but score reaches at most 112 (every indicator at its highest " +
          "by its scale, cap and weight); expected a bound of at most 112, or the regulation's maximum on the scale (scoreMax) " +
          "or the achievement (cap)",
        severity: "error",
      },
    ]);
  });

  it("accepts the row once the behaviour scale reaches 120 too", () => {
    const issues = issuesAfter((f) => {
      pp30Before(f);
      f.scales = { nilai: { min: 0, max: 120, scoreMax: 120 } };
    });
    expect(issues).toEqual([]);
  });

  it("a row reaching exactly the maximum is fine; one just above it is not", () => {
    const exactly = issuesAfter((f) => {
      pp30Before(f);
      f.decisions![0]!.rows[0]!.when = [{ greaterThanInclusive: 112 }];
    });
    expect(exactly).toEqual([]);
    const above = issuesAfter((f) => {
      pp30Before(f);
      f.decisions![0]!.rows[0]!.when = [{ greaterThan: 112 }];
    });
    expect(at(above, "/decisions/0/rows/0/when/0").map((i) => (i.messageEn ?? "").split(";")[0])).toEqual([
      "this row can never match: it asks for score > 112, but score reaches at most 112 (every indicator at its highest by its scale, cap and weight)",
    ]);
  });

  it("takes the highest score over every axis variant", () => {
    const file = baseFile();
    pp30Before(file);
    file.facts!.penilaian_360 = { type: "boolean", label: "360°", default: false };
    file.axes = { hasil_kerja: 70, perilaku: 30 };
    file.axisVariants = [
      {
        id: "penilaian_360",
        name: "360°",
        when: { all: [{ fact: "penilaian_360", operator: "equal", value: true }] },
        axes: { hasil_kerja: 60, perilaku: 40 },
      },
    ];
    expect(scoreMaxima(ruleSetOf(file)).get("score")).toBe(114);
  });

  it("says nothing of a score that an uncapped achievement leaves unbounded", () => {
    const issues = issuesAfter((f) => {
      pp30Before(f);
      f.indicatorSets![0]!.indicators[1]!.input = { kind: "achievement" };
    });
    expect(issues).toEqual([]);
  });

  it("refuses a label that is not on its scale", () => {
    const issues = issuesAfter((f) => (f.scales = { likert5: { min: 1, max: 5, labels: { "3": "Sesuai", "6": "Istimewa" } } }));
    expect(issues.map((i) => [i.pointer, i.message, i.messageEn])).toEqual([
      [
        "/scales/likert5/labels/6",
        'label "6" tidak ada pada skala 1–5; yang diharapkan: nilai antara min dan max, atau max (dan scoreMax) yang lebih tinggi bila regulasi mengizinkan nilai ini',
        'label "6" is not on the scale 1–5; expected a value between min and max, or a higher max (and scoreMax) if the regulation allows this value',
      ],
    ]);
  });
});

describe("axis variants", () => {
  const variant = (axes: Record<string, number>) => ({
    id: "penilaian_360",
    name: "360°",
    when: { all: [{ fact: "inovasi", operator: "equal", value: true }] },
    axes,
  });

  it("each variant's weights total 100", () => {
    const issues = issuesAfter((f) => (f.axisVariants = [variant({ hasil_kerja: 60, perilaku: 30 })]));
    expect(issues.map((i) => [i.pointer, i.message, i.messageEn])).toEqual([
      [
        "/axisVariants/0/axes",
        "bobot sumbu berjumlah 90 (hasil_kerja 60, perilaku 30); yang diharapkan: 100",
        "axis weights total 90 (hasil_kerja 60, perilaku 30), expected 100",
      ],
    ]);
  });

  it("variants need /axes for the appraisals no variant takes", () => {
    const issues = issuesAfter((f) => {
      delete f.axes;
      f.axisVariants = [variant({ hasil_kerja: 60, perilaku: 40 })];
    });
    expect(at(issues, "/axisVariants").map((i) => i.messageEn)).toEqual([
      'there are axis variants but no /axes for employees no variant applies to; expected "axes" beside "axisVariants"',
    ]);
  });

  it("a variant's condition may read only input facts, like an indicator set's", () => {
    const issues = issuesAfter((f) => {
      f.axisVariants = [{ ...variant({ hasil_kerja: 60, perilaku: 40 }), when: { all: [{ fact: "predikat", operator: "equal", value: "baik" }] } }];
    });
    expect(issues.some((i) => i.pointer.startsWith("/axisVariants/0/when") && i.severity === "error")).toBe(true);
  });
});
