import { describe, expect, it } from "vitest";
import type { DecisionTable } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { exclusiveRows, rowIndex } from "./decision-index.js";
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

describe("decision tables, as compiled", () => {
  const kategori: DecisionTable = {
    id: "kategori",
    output: "kategori",
    hitPolicy: "first",
    inputs: ["score.kualitas"],
    rows: [
      { when: [{ greaterThanInclusive: 80 }], then: "tinggi" },
      { when: [{ greaterThanInclusive: 50 }], then: "sedang" },
    ],
    default: "lainnya",
  };
  // Indexed on kategori; row 1 leaves kategori open, so it may hold with row 0 or row 2.
  const tpp: DecisionTable = {
    id: "tpp",
    output: "tpp_persen",
    hitPolicy: "unique",
    inputs: ["kategori", "pelanggaran"],
    rows: [
      { when: [{ equal: "tinggi" }, { equal: false }], then: 100 },
      { when: [{}, { equal: true }], then: 50 },
      { when: [{ in: ["sedang", "rendah"] }, {}], then: 80 },
    ],
    default: 0,
  };

  it("an indexed table still tries the rows that leave the indexed column open", () => {
    const compiled = withTables(kategori, tpp);
    expect(compiled.evaluate(input(90, 90)).decisions.tpp_persen).toBe(100);
    expect(compiled.evaluate(input(90, 90, { pelanggaran: true })).decisions.tpp_persen).toBe(50);
    // A value no cell names: only the open row can hold, else the default.
    expect(compiled.evaluate(input(30, 90, { pelanggaran: true })).decisions.tpp_persen).toBe(50);
    expect(compiled.evaluate(input(30, 90)).decisions.tpp_persen).toBe(0);
  });

  it("a unique table whose rows may overlap still refuses two hits found through the index", () => {
    expect(() => withTables(kategori, tpp).evaluate(input(60, 90, { pelanggaran: true }))).toThrow(
      'tabel keputusan "tpp": 2 baris cocok (/decisions/2/rows/1, /decisions/2/rows/2) untuk kategori = "sedang", pelanggaran = true',
    );
  });

  it("rows exclude one another only where no value can hold for two", () => {
    const slots = [7, 8];
    const table = (...rows: DecisionTable["rows"]): DecisionTable => ({ id: "t", output: "t", hitPolicy: "unique", inputs: ["a", "b"], rows });
    const row = (a: Record<string, unknown>, b: Record<string, unknown> = {}) => ({ when: [a, b], then: 1 });
    // Ranges that meet at an end only one of them includes.
    expect(exclusiveRows(table(row({ greaterThanInclusive: 80 }), row({ greaterThanInclusive: 50, lessThan: 80 })), slots)).toEqual([7]);
    expect(exclusiveRows(table(row({ greaterThanInclusive: 80 }), row({ greaterThanInclusive: 50, lessThanInclusive: 80 })), slots)).toBeNull();
    expect(exclusiveRows(table(row({ lessThan: 60 }), row({ greaterThan: 60 }), row({ greaterThanInclusive: 60, lessThanInclusive: 60 })), slots)).toEqual([7]);
    // Values, on either column; an open cell excludes nothing.
    expect(exclusiveRows(table(row({ equal: "x" }, {}), row({ in: ["y", "z"] }, {})), slots)).toEqual([]);
    expect(exclusiveRows(table(row({ equal: "x" }), row({ in: ["x", "z"] })), slots)).toBeNull();
    expect(exclusiveRows(table(row({}, { equal: true }), row({}, { equal: false })), slots)).toEqual([]);
    expect(exclusiveRows(table(row({}, { equal: true }), row({ equal: "x" })), slots)).toBeNull();
    // A string range (`in` a text is a substring test) proves nothing.
    expect(exclusiveRows(table(row({ in: "abc" }), row({ in: "xyz" })), slots)).toBeNull();
  });

  it("the index lists, for each value, the rows naming it with the open rows, in row order", () => {
    const index = rowIndex(tpp, [3, 4])!;
    expect(index.slot).toBe(3);
    expect(index.open).toEqual([1]);
    expect(Object.fromEntries(index.rows)).toEqual({ tinggi: [0, 1], sedang: [1, 2], rendah: [1, 2] });
  });
});
