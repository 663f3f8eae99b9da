// A declared fact taken `from` a scored fact: one input serves the score and the tables that read it.
import { describe, expect, it } from "vitest";
import { checkRuleSet } from "../ruleset/check.js";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

function withAbsence(from = "raw.kehadiran"): RuleSet {
  return ruleSet({
    indicatorSets: [
      indicatorSet("umum", [
        {
          id: "kehadiran",
          name: "Kehadiran",
          axis: "perilaku",
          weight: 100,
          input: { kind: "attendance", bands: [{ maxDays: 2, score: 100 }, { maxDays: null, score: 60 }] },
        },
      ]),
    ],
    facts: { hari_absen: { type: "number", label: "Hari tanpa keterangan", min: 0, default: 0, from } },
    predikat: [{ id: "baik", label: "Baik" }, { id: "kurang", label: "Kurang" }],
    decisions: [
      {
        id: "predikat",
        output: "predikat",
        hitPolicy: "first",
        inputs: ["hari_absen"],
        rows: [
          { when: [{ lessThan: 3 }], then: "baik" },
          { when: [{ greaterThanInclusive: 3 }], then: "kurang" },
        ],
      },
    ],
  });
}

describe("facts taken from a scored fact", () => {
  it("read the indicator's input, so the tables and the score agree", () => {
    const compiled = compileRuleSet(withAbsence());
    expect(compiled.evaluate(appraisal({ values: { kehadiran: 5 } })).predikat).toBe("kurang");
    expect(compiled.evaluate(appraisal({ values: { kehadiran: 1 } })).predikat).toBe("baik");
  });

  it("cannot be given directly", () => {
    const compiled = compileRuleSet(withAbsence());
    expect(() => compiled.evaluate(appraisal({ values: { kehadiran: 1 }, facts: { hari_absen: 9 } }))).toThrow(
      /hari_absen" diambil dari raw.kehadiran, jadi tidak boleh diisi langsung/,
    );
  });

  it("must name a fact that scoring gives, and cannot choose an indicator set", () => {
    const unknown = checkRuleSet(withAbsence("raw.kehadiran_x"));
    expect(unknown.find((i) => i.pointer === "/facts/hari_absen/from")?.message).toMatch(/bukan fakta hasil penskoran.*raw\.kehadiran/);
    const selector = withAbsence();
    selector.indicatorSets[0] = { ...selector.indicatorSets[0]!, when: { all: [{ fact: "hari_absen", operator: "lessThan", value: 3 }] } };
    expect(checkRuleSet(selector).some((i) => i.severity === "error" && i.pointer.startsWith("/indicatorSets/0/when"))).toBe(true);
  });
});
