// A scale that reaches past 100 (PP 30/2019's perilaku up to 120) and an axis split chosen by a fact
// (PP 30/2019's 60/40 where peers and subordinates rate behaviour), evaluated on a small rule set.
import { describe, expect, it } from "vitest";
import { compileRuleSet } from "./compile.js";
import { renderExplanation } from "./explain.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

/** Every score is Baik: only the scores are at stake here. */
const oneBand = {
  predikat: [{ id: "baik", label: "Baik" }],
  decisions: [{ id: "predikat", output: "predikat", hitPolicy: "first" as const, inputs: ["score"], rows: [{ when: [{}], then: "baik" }] }],
};

const pp30 = compileRuleSet(
  ruleSet({
    id: "pp30",
    ...oneBand,
    scales: { nilai: { min: 0, max: 120, toScore: "percentOfMax", scoreMax: 120 } },
    facts: { penilaian_360: { type: "boolean", label: "Penilaian 360°", default: false } },
    axes: { hasil_kerja: 70, perilaku: 30 },
    axisVariants: [
      {
        id: "penilaian_360",
        name: "60/40",
        when: { all: [{ fact: "penilaian_360", operator: "equal", value: true }] },
        axes: { hasil_kerja: 60, perilaku: 40 },
      },
    ],
    indicatorSets: [
      indicatorSet("umum", [
        { id: "skp", name: "Capaian SKP", axis: "hasil_kerja", weight: 100, input: { kind: "achievement", cap: 120 } },
        { id: "komitmen", name: "Komitmen", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "nilai" } },
      ]),
    ],
  }),
);
const input = (skp: number, komitmen: number, penilaian360?: boolean) =>
  appraisal({
    values: { skp },
    ratings: { supervisor: { komitmen } },
    ...(penilaian360 === undefined ? {} : { facts: { penilaian_360: penilaian360 } }),
  });

/** A score fact of the appraisal. */
const fact = (appraised: ReturnType<typeof input>, name = "score") => pp30.facts(appraised)[name] as number;

describe("a scale's own maximum", () => {
  it("a rating of 120 on a 0–120 scale with scoreMax 120 scores 120, not 100", () => {
    expect(fact(input(100, 120), "score.komitmen")).toBeCloseTo(120, 10);
  });

  it("with perfect behaviour, 70/30 reaches 110 at an SKP of 105.72 %, not 114.3 %", () => {
    expect(fact(input(105.72, 120))).toBeGreaterThanOrEqual(110);
    expect(fact(input(105.7, 120))).toBeLessThan(110);
  });

  it("a scale without scoreMax still scores its top as 100", () => {
    const plain = compileRuleSet(
      ruleSet({
        ...oneBand,
        scales: { likert: { min: 1, max: 5, toScore: "percentOfMax" } },
        indicatorSets: [
          indicatorSet("umum", [{ id: "kerja_sama", name: "Kerja sama", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "likert" } }]),
        ],
      }),
    );
    expect(plain.facts(appraisal({ ratings: { supervisor: { kerja_sama: 5 } } })).score as number).toBeCloseTo(100, 10);
  });
});

describe("the explanation of a rating on a scale with its own maximum", () => {
  it("shows the score the top of the scale gives", () => {
    expect(renderExplanation(pp30.explain(input(100, 90)), "en")).toContain("90 / 120 × 120");
  });
});

describe("axis variants", () => {
  it("uses /axes when no variant holds (the fact's default)", () => {
    expect(fact(input(100, 80))).toBeCloseTo(0.7 * 100 + 0.3 * 80, 10);
  });

  it("uses the variant's split when its condition holds: 60/40 reaches 120, not 112", () => {
    expect(fact(input(100, 80, true))).toBeCloseTo(0.6 * 100 + 0.4 * 80, 10);
    expect(fact(input(120, 120, true))).toBeCloseTo(120, 10);
  });

  it("the explanation names the variant whose split was used", () => {
    const step = pp30.explain(input(100, 80, true)).steps.find((s) => s.kind === "score");
    expect(step).toMatchObject({ kind: "score", method: "axes", variant: "penilaian_360" });
    const plain = pp30.explain(input(100, 80)).steps.find((s) => s.kind === "score");
    expect(plain).not.toHaveProperty("variant");
  });
});
