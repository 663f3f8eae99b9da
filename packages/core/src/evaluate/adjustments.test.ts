// Adjustments: people (an assessor's judgement, the evaluation forum) change a decision's output with a
// written reason; outcomes follow the adjusted value and the explanation says who and why.
import { describe, expect, it } from "vitest";
import { compileRuleSet } from "./compile.js";
import { renderExplanation } from "./explain.js";
import { kuadranInput, kuadranRuleSet } from "./test-support/kuadran.js";

const compiled = compileRuleSet(kuadranRuleSet());
const forum = { fact: "predikat", value: "sangat_baik", reason: "Forum evaluasi: kinerja tim vaksinasi", by: "forum:dinkes", at: "2025-12-20" };

describe("adjustments", () => {
  it("replace the table's output before outcomes run, and are listed with the value they replaced", () => {
    const result = compiled.evaluate({ ...kuadranInput("sesuai", "sesuai"), adjustments: [forum] });
    expect(result.predikat).toBe("sangat_baik");
    expect(result.predikatLabel).toBe("Sangat Baik");
    expect(result.outcomes.map((o) => o.type)).toContain("penghargaan");
    expect(result.adjustments).toEqual([{ ...forum, from: "baik" }]);
  });

  it("show in the explanation, in both languages", () => {
    const explanation = compiled.explain({ ...kuadranInput("sesuai", "sesuai"), adjustments: [forum] });
    expect(explanation.steps.find((s) => s.kind === "adjustment")).toMatchObject({ from: "baik", to: "sangat_baik", by: "forum:dinkes" });
    expect(renderExplanation(explanation, "id")).toContain('Penyesuaian predikat: "baik" → "sangat_baik" oleh forum:dinkes; alasan: Forum evaluasi');
    expect(renderExplanation(explanation, "en")).toContain('Adjustment of predikat: "baik" → "sangat_baik" by forum:dinkes');
  });

  it("are refused without a reason or to a predikat the rule set does not have", () => {
    expect(() => compiled.evaluate({ ...kuadranInput("sesuai", "sesuai"), adjustments: [{ ...forum, reason: "  " }] })).toThrow(/alasan tertulis/);
    expect(() => compiled.evaluate({ ...kuadranInput("sesuai", "sesuai"), adjustments: [{ ...forum, value: "istimewa" }] })).toThrow(/predikat tidak dikenal/);
  });

  it("leave a result without adjustments unchanged", () => {
    const result = compiled.evaluate(kuadranInput("sesuai", "sesuai"));
    expect(result.predikat).toBe("baik");
    expect(result).not.toHaveProperty("adjustments");
  });
});
