import { describe, expect, it } from "vitest";
import type { DecisionTable } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";

/** A rule set with two score indicators and the given tables after a fixed predikat table. */
function withTables(...tables: DecisionTable[]) {
  return compileRuleSet(
    ruleSet({
      facts: { pelanggaran: { type: "boolean", label: "Pelanggaran disiplin", default: false } },
      predikat: [{ id: "dinilai", label: "Dinilai" }],
      indicatorSets: [
        indicatorSet("umum", [
          { id: "kualitas", name: "Kualitas", axis: "hasil_kerja", weight: 100, input: { kind: "score", min: 0, max: 100 } },
          { id: "kehadiran", name: "Kehadiran", axis: "perilaku", weight: 100, input: { kind: "score", min: 0, max: 100 } },
        ]),
      ],
      decisions: [
        { id: "predikat", output: "predikat", hitPolicy: "first", inputs: ["score"], rows: [{ when: [{}], then: "dinilai" }] },
        ...tables,
      ],
    }),
  );
}

const input = (kualitas: number, kehadiran: number, facts: Record<string, boolean> = {}) =>
  appraisal({ values: { kualitas, kehadiran }, facts });

describe("decision tables", () => {
  const collect: DecisionTable = {
    id: "catatan",
    output: "catatan",
    hitPolicy: "collect",
    inputs: ["score.kualitas", "score.kehadiran"],
    rows: [
      { when: [{ lessThan: 60 }, {}], then: "bimbingan_kualitas" },
      { when: [{}, { lessThan: 70 }], then: "teguran_kehadiran" },
      { when: [{ greaterThanInclusive: 90 }, { greaterThanInclusive: 90 }], then: "teladan" },
    ],
  };

  it("collect gathers every matching row's value in row order", () => {
    const compiled = withTables(collect);
    expect(compiled.evaluate(input(50, 60)).decisions.catatan).toEqual(["bimbingan_kualitas", "teguran_kehadiran"]);
    expect(compiled.evaluate(input(95, 95)).decisions.catatan).toEqual(["teladan"]);
    expect(compiled.evaluate(input(80, 80)).decisions.catatan).toEqual([]);
    expect(withTables({ ...collect, default: "tidak_ada" }).evaluate(input(80, 80)).decisions.catatan).toEqual(["tidak_ada"]);
  });

  const unique: DecisionTable = {
    id: "kategori",
    name: "Kategori",
    output: "kategori",
    hitPolicy: "unique",
    inputs: ["score.kualitas"],
    rows: [
      { when: [{ greaterThanInclusive: 80 }], then: "tinggi", note: "80 ke atas" },
      { when: [{ greaterThanInclusive: 50, lessThanInclusive: 80 }], then: "sedang", note: "50–80" },
    ],
  };

  it("unique takes the one matching row", () => {
    expect(withTables(unique).evaluate(input(90, 90)).decisions.kategori).toBe("tinggi");
    expect(withTables(unique).evaluate(input(60, 90)).decisions.kategori).toBe("sedang");
  });

  it("unique refuses two matching rows, naming them", () => {
    expect(() => withTables(unique).evaluate(input(80, 90))).toThrow(
      'tabel keputusan "kategori" (Kategori): 2 baris cocok (/decisions/1/rows/0 "80 ke atas", /decisions/1/rows/1 "50–80") ' +
        'untuk score.kualitas = 80; hitPolicy "unique" menuntut paling banyak satu',
    );
  });

  it("refuses no matching row without a default, naming the inputs", () => {
    expect(() => withTables(unique).evaluate(input(40, 90))).toThrow(
      'tabel keputusan "kategori" (Kategori): tidak ada baris yang cocok untuk score.kualitas = 40, dan tabel tidak punya default',
    );
    expect(withTables({ ...unique, default: "rendah" }).evaluate(input(40, 90)).decisions.kategori).toBe("rendah");
  });

  it("a table whose `when` does not hold gives its default, or null", () => {
    const gated: DecisionTable = {
      ...unique,
      when: { all: [{ fact: "pelanggaran", operator: "equal", value: false }] },
    };
    expect(withTables(gated).evaluate(input(90, 90, { pelanggaran: true })).decisions.kategori).toBeNull();
    expect(withTables({ ...gated, default: "ditunda" }).evaluate(input(90, 90, { pelanggaran: true })).decisions.kategori).toBe("ditunda");
    expect(withTables(gated).evaluate(input(90, 90)).decisions.kategori).toBe("tinggi");
  });

  it("a table reads the output of an earlier one", () => {
    const next: DecisionTable = {
      id: "tpp",
      output: "tpp_persen",
      hitPolicy: "first",
      inputs: ["kategori", "pelanggaran"],
      rows: [
        { when: [{}, { equal: true }], then: 50 },
        { when: [{ equal: "tinggi" }, {}], then: 100 },
        { when: [{ in: ["sedang", "rendah"] }, {}], then: 80 },
      ],
    };
    const compiled = withTables({ ...unique, default: "rendah" }, next);
    expect(compiled.evaluate(input(90, 90)).decisions.tpp_persen).toBe(100);
    expect(compiled.evaluate(input(30, 90)).decisions.tpp_persen).toBe(80);
    expect(compiled.evaluate(input(90, 90, { pelanggaran: true })).decisions.tpp_persen).toBe(50);
  });

  it("a cell may compare with another fact", () => {
    const versus: DecisionTable = {
      id: "lebih_baik",
      output: "kualitas_lebih_baik",
      hitPolicy: "first",
      inputs: ["score.kualitas"],
      rows: [{ when: [{ greaterThan: { fact: "score.kehadiran" } }], then: true }],
      default: false,
    };
    expect(withTables(versus).evaluate(input(90, 80)).decisions.kualitas_lebih_baik).toBe(true);
    expect(withTables(versus).evaluate(input(70, 80)).decisions.kualitas_lebih_baik).toBe(false);
  });
});
