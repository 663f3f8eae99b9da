// An indicator's own rater weights (raterWeights) replace the rule set's for that indicator alone.
import { describe, expect, it } from "vitest";
import { checkRuleSet } from "../ruleset/check.js";
import { resolveRuleSet } from "../ruleset/resolve.js";
import type { RuleFile } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal } from "./test-support/builders.js";

function file(raterWeights: Record<string, number>): RuleFile {
  return {
    id: "uji",
    name: "Uji",
    scales: { likert4: { min: 1, max: 4, toScore: "percentOfMax" } },
    raters: { weights: { supervisor: 70, peer: 30 } },
    indicatorSets: [
      {
        id: "umum",
        name: "Umum",
        indicators: [
          { id: "pelayanan", name: "Pelayanan", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "likert4" } },
          { id: "kepuasan", name: "Kepuasan masyarakat", axis: "hasil_kerja", weight: 100, input: { kind: "rating", scale: "likert4" }, raterWeights },
        ],
      },
    ],
    predikat: [{ id: "baik", label: "Baik" }],
    decisions: [{ id: "predikat", output: "predikat", hitPolicy: "first", inputs: ["score"], rows: [{ when: [{}], then: "baik" }] }],
  };
}

// Checked where a test asks (checkRuleSet), so a file with wrong weights still resolves.
const resolve = (f: RuleFile) => resolveRuleSet(f, "uji.json", () => { throw new Error("no extends"); }, { check: false });

describe("raterWeights", () => {
  it("rate the indicator by its own sources and weights, the others by the rule set's", () => {
    const ruleSet = resolve(file({ public: 100 }));
    expect(ruleSet.indicatorSets[0]?.indicators[1]?.raters).toEqual(["public"]);
    const result = compileRuleSet(ruleSet).evaluate(
      appraisal({
        ratings: { supervisor: { pelayanan: 4 }, peer: [{ pelayanan: 2 }], public: [{ kepuasan: 4 }, { kepuasan: 2 }] },
      }),
    );
    expect(result.scores["score.kepuasan"]).toBe(75);
    expect(result.scores["score.pelayanan"]).toBeCloseTo(85);
  });

  it("must total 100", () => {
    const issues = checkRuleSet(resolve(file({ public: 90 })));
    expect(issues.find((i) => i.pointer === "/indicatorSets/0/indicators/1/raterWeights")?.message).toBe(
      "bobot penilai indikator ini berjumlah 90 (public 90); yang diharapkan: 100",
    );
  });
});
