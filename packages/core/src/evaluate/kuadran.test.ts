import { describe, expect, it } from "vitest";
import { compileRuleSet } from "./compile.js";
import { employee } from "./test-support/builders.js";
import { KUADRAN, kuadranInput, kuadranRuleSet, LEVELS } from "./test-support/kuadran.js";

const compiled = compileRuleSet(kuadranRuleSet());

describe("PermenPANRB 6/2022 kuadran", () => {
  describe("from the rating tables", () => {
    for (const hasil of LEVELS) {
      for (const perilaku of LEVELS) {
        it(`hasil kerja ${hasil} × perilaku ${perilaku} → ${KUADRAN[hasil][perilaku]}`, () => {
          const result = compiled.evaluate(kuadranInput(hasil, perilaku));
          expect(result.decisions["rating.hasil_kerja"]).toBe(hasil);
          expect(result.decisions["rating.perilaku"]).toBe(perilaku);
          expect(result.predikat).toBe(KUADRAN[hasil][perilaku]);
        });
      }
    }
  });

  describe("from the assessor's judgement", () => {
    for (const hasil of LEVELS) {
      for (const perilaku of LEVELS) {
        it(`judged ${hasil} × ${perilaku} → ${KUADRAN[hasil][perilaku]}`, () => {
          // The numbers say sesuai × sesuai; the assessor's judgement wins.
          const input = kuadranInput("sesuai", "sesuai", {
            facts: { "rating.hasil_kerja": hasil, "rating.perilaku": perilaku },
          });
          const result = compiled.evaluate(input);
          expect(result.predikat).toBe(KUADRAN[hasil][perilaku]);
          expect(result.decisions["rating.hasil_kerja"]).toBe(hasil);
        });
      }
    }

    it("may judge one axis and leave the other to its table", () => {
      const input = kuadranInput("di_bawah", "di_atas", { facts: { "rating.hasil_kerja": "di_atas" } });
      const result = compiled.evaluate(input);
      expect(result.decisions["rating.perilaku"]).toBe("di_atas");
      expect(result.predikat).toBe("sangat_baik");
    });

    it("says in the explanation that the value came from the assessor", () => {
      const explanation = compiled.explain(kuadranInput("sesuai", "sesuai", { facts: { "rating.hasil_kerja": "di_atas" } }));
      const step = explanation.steps.find((s) => s.kind === "decision" && s.table === "rating_hasil_kerja");
      expect(step).toMatchObject({ source: "assessor", value: "di_atas", hits: [] });
    });

    it("refuses a judgement outside the declared values", () => {
      const input = kuadranInput("sesuai", "sesuai", { facts: { "rating.hasil_kerja": "luar_biasa" } });
      expect(() => compiled.evaluate(input)).toThrow(/fakta "rating.hasil_kerja" = "luar_biasa" tidak dikenal/);
    });
  });

  it("scores the axes and keeps the labels", () => {
    const result = compiled.evaluate(kuadranInput("di_atas", "di_atas"));
    expect(result.scores["score.hasil_kerja"]).toBe(110);
    expect(result.scores["score.perilaku"]).toBeCloseTo(97, 10);
    expect(result.scores["score.pelayanan"]).toBeCloseTo(97, 10);
    expect(result.predikatLabel).toBe("Sangat Baik");
    expect(result.indicatorSet).toBe("umum");
    expect(result.nip).toBe(employee().nip);
    expect(result.ruleSetId).toBe("permenpanrb_6_2022");
  });

  it("orders outcome events by priority", () => {
    const result = compiled.evaluate(kuadranInput("di_atas", "di_atas", { history: [{ period: "2024", predikat: "baik" }] }));
    expect(result.outcomes.map((o) => o.type)).toEqual(["penghargaan", "usul_kenaikan_pangkat"]);
    expect(result.outcomes[1]).toEqual({
      type: "usul_kenaikan_pangkat",
      params: { predikat: "sangat_baik" },
      rule: "usul_kenaikan_pangkat",
    });
  });
});
