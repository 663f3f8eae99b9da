import { describe, expect, it } from "vitest";
import { AppraisalError } from "../ruleset/errors.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

function rules(missing: "renormalise" | "refuse" = "renormalise", toScore: "percentOfMax" | "linear" = "percentOfMax"): RuleSet {
  return ruleSet({
    raters: { weights: { supervisor: 60, peer: 25, self: 15 }, missing },
    scales: { likert5: { min: 1, max: 5, step: 0.5, toScore } },
    predikat: [{ id: "dinilai", label: "Dinilai" }],
    decisions: [{ id: "predikat", output: "predikat", hitPolicy: "first", inputs: ["score"], rows: [{ when: [{}], then: "dinilai" }] }],
    indicatorSets: [
      indicatorSet("umum", [
        { id: "kualitas", name: "Kualitas Kerja", axis: "hasil_kerja", weight: 100, input: { kind: "rating", scale: "likert5" } },
        {
          id: "komunikasi",
          name: "Komunikasi",
          axis: "perilaku",
          weight: 100,
          raters: ["supervisor"],
          input: { kind: "rating", scale: "likert5" },
        },
      ]),
    ],
  });
}

const all = {
  supervisor: { kualitas: 4, komunikasi: 4 },
  peer: [{ kualitas: 3 }, { kualitas: 4 }],
  self: { kualitas: 4 },
};

describe("rater aggregation", () => {
  it("means each source, then weights the sources", () => {
    const facts = compileRuleSet(rules()).facts(appraisal({ ratings: all }));
    expect(facts["rating.kualitas.peer"]).toBe(3.5);
    expect(facts["rating.kualitas.supervisor"]).toBe(4);
    expect(facts["rating.kualitas.subordinate"]).toBeNull();
    expect(facts["raw.kualitas"]).toBeCloseTo(4 * 0.6 + 3.5 * 0.25 + 4 * 0.15, 10);
    expect(facts["score.kualitas"]).toBeCloseTo(77.5, 10);
  });

  it("uses only the sources an indicator lists", () => {
    const facts = compileRuleSet(rules()).facts(appraisal({ ratings: all }));
    expect(facts["score.komunikasi"]).toBe(80);
    expect(facts["rating.komunikasi.peer"]).toBeNull();
  });

  it("maps linearly when the scale says so", () => {
    const facts = compileRuleSet(rules("renormalise", "linear")).facts(appraisal({ ratings: all }));
    expect(facts["score.kualitas"]).toBeCloseTo(((3.875 - 1) / 4) * 100, 10);
  });

  it("renormalises over the sources present", () => {
    const { self: _self, ...withoutSelf } = all;
    const compiled = compileRuleSet(rules());
    const facts = compiled.facts(appraisal({ ratings: withoutSelf }));
    expect(facts["raw.kualitas"]).toBeCloseTo((4 * 60 + 3.5 * 25) / 85, 10);
    const step = compiled.explain(appraisal({ ratings: withoutSelf })).steps.find((s) => s.kind === "indicator");
    expect(step?.kind === "indicator" && step.raters).toMatchObject({
      missing: ["self"],
      sources: [
        { source: "supervisor", values: [4], mean: 4, weight: 60 },
        { source: "peer", values: [3, 4], mean: 3.5, weight: 25 },
        { source: "self", mean: null, weight: 15, share: null },
      ],
    });
    if (step?.kind === "indicator") expect(step.raters?.sources[0]?.share).toBeCloseTo(60 / 85, 10);
  });

  it("refuses a missing source when the rule set says so, naming indicator and source", () => {
    const { self: _self, ...withoutSelf } = all;
    const run = () => compileRuleSet(rules("refuse")).evaluate(appraisal({ ratings: withoutSelf }));
    expect(run).toThrow(AppraisalError);
    expect(run).toThrow('indikator "kualitas" (Kualitas Kerja): tidak ada penilaian dari diri sendiri,');
  });

  it("refuses an indicator nobody rated", () => {
    expect(() => compileRuleSet(rules()).evaluate(appraisal({ ratings: { supervisor: { komunikasi: 4 } } }))).toThrow(
      'indikator "kualitas" (Kualitas Kerja): belum dinilai; diharapkan penilaian dari atasan langsung, rekan kerja, diri sendiri',
    );
  });

  it("refuses a rating outside the scale, naming indicator, source, value and range", () => {
    const ratings = { ...all, peer: [{ kualitas: 3 }, { kualitas: 6 }] };
    expect(() => compileRuleSet(rules()).evaluate(appraisal({ ratings }))).toThrow(
      'indikator "kualitas" (Kualitas Kerja): nilai 6 dari rekan kerja di luar skala 1–5',
    );
  });

  it("refuses a rating off the scale's step", () => {
    const ratings = { ...all, supervisor: { kualitas: 3.3, komunikasi: 4 } };
    expect(() => compileRuleSet(rules()).evaluate(appraisal({ ratings }))).toThrow("bukan kelipatan 0.5 pada skala 1–5");
  });

  it("ignores ratings of indicators outside the chosen set", () => {
    const ratings = { ...all, supervisor: { kualitas: 4, komunikasi: 4, lain: 99 } };
    expect(compileRuleSet(rules()).evaluate(appraisal({ ratings })).scores["score.kualitas"]).toBeCloseTo(77.5, 10);
  });
});
