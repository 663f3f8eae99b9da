import { describe, expect, it } from "vitest";
import type { AppraisalInput } from "../domain/types.js";
import { AppraisalError, RuleSetError } from "../ruleset/errors.js";
import type { ConditionLeaf, Indicator, RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { appraisal, employee, indicatorSet, ruleSet } from "./test-support/builders.js";
import { kuadranInput, kuadranRuleSet } from "./test-support/kuadran.js";

const direct = (id: string, axis: Indicator["axis"] = "hasil_kerja", weight = 100): Indicator => ({
  id,
  name: id,
  axis,
  weight,
  input: { kind: "score", min: 0, max: 100 },
});

const bands: RuleSet["decisions"] = [
  {
    id: "predikat",
    output: "predikat",
    hitPolicy: "first",
    inputs: ["score"],
    rows: [
      { when: [{ greaterThanInclusive: 80 }], then: "baik" },
      { when: [{}], then: "cukup" },
    ],
  },
];
const predikat: RuleSet["predikat"] = [
  { id: "baik", label: "Baik" },
  { id: "cukup", label: "Cukup" },
];

describe("choosing the indicator set", () => {
  const compiled = compileRuleSet(
    ruleSet({
      predikat,
      decisions: bands,
      indicatorSets: [
        indicatorSet("guru", [direct("mengajar")], { all: [{ fact: "employee.guru", operator: "equal", value: true }] }),
        indicatorSet("puskesmas", [direct("pelayanan")], { all: [{ fact: "employee.unitType", operator: "equal", value: "puskesmas" }] }),
        indicatorSet("umum", [direct("kinerja")]),
      ],
    }),
  );

  it("takes the first set whose `when` holds, on free attributes too", () => {
    const guru = appraisal({ employee: employee({ attributes: { guru: true }, unitType: "puskesmas" }), values: { mengajar: 90 } });
    expect(compiled.evaluate(guru).indicatorSet).toBe("guru");
    const nakes = appraisal({ employee: employee({ unitType: "puskesmas" }), values: { pelayanan: 90 } });
    expect(compiled.evaluate(nakes).indicatorSet).toBe("puskesmas");
  });

  it("falls back to a set without `when`; a free attribute the employee lacks reads null", () => {
    const result = compiled.evaluate(appraisal({ values: { kinerja: 70 } }));
    expect(result.indicatorSet).toBe("umum");
    expect(result.predikat).toBe("cukup");
    expect(compiled.facts(appraisal({ values: { kinerja: 70 } }))["employee.guru"]).toBeNull();
  });

  it("refuses an employee no set matches, naming jabatan, unit and the sets tried", () => {
    const strict = compileRuleSet(
      ruleSet({
        predikat,
        decisions: bands,
        indicatorSets: [
          indicatorSet("guru", [direct("mengajar")], { all: [{ fact: "employee.guru", operator: "equal", value: true }] }),
        ],
      }),
    );
    expect(() => strict.evaluate(appraisal())).toThrow(
      'tidak ada set indikator untuk pegawai ini (jabatan "Analis Kepegawaian", unit "BKPSDM"); set yang dicoba: guru',
    );
  });
});

describe("scores", () => {
  it("without axes, the final score is the weighted mean of every indicator", () => {
    const compiled = compileRuleSet(
      ruleSet({
        predikat,
        decisions: bands,
        indicatorSets: [indicatorSet("umum", [direct("a", "hasil_kerja", 60), direct("b", "hasil_kerja", 40), direct("c", "perilaku", 100)])],
      }),
    );
    const result = compiled.evaluate(appraisal({ values: { a: 100, b: 50, c: 70 } }));
    expect(result.scores["score.hasil_kerja"]).toBeCloseTo(80, 10);
    expect(result.scores["score.perilaku"]).toBe(70);
    expect(result.scores.score).toBeCloseTo((60 * 100 + 40 * 50 + 100 * 70) / 200, 10);
  });

  it("an axis without indicators is null and absent from the result's scores", () => {
    const compiled = compileRuleSet(ruleSet({ predikat, decisions: bands, indicatorSets: [indicatorSet("umum", [direct("a")])] }));
    const input = appraisal({ values: { a: 90 } });
    expect(compiled.facts(input)["score.perilaku"]).toBeNull();
    expect(compiled.evaluate(input).scores).toEqual({ score: 90, "score.hasil_kerja": 90, "score.a": 90 });
  });
});

describe("the fact map", () => {
  const compiled = compileRuleSet(kuadranRuleSet());
  const facts = compiled.facts(kuadranInput("sesuai", "sesuai", { employee: employee({ attributes: { guru: false } }) }));

  it("holds the employee as an object and flat, period, history and the indicator set", () => {
    expect(facts.employee).toMatchObject({ nip: employee().nip });
    expect(facts["employee.jabatan"]).toBe("Analis Kepegawaian");
    expect(facts["employee.golongan"]).toBeNull();
    // Only attributes the rule set reads become flat facts; the rest stay on the employee object.
    expect(facts["employee.guru"]).toBeUndefined();
    expect(facts.employee).toMatchObject({ attributes: { guru: false } });
    expect(facts["period.kind"]).toBe("annual");
    expect(facts["period.label"]).toBe("2025");
    expect(facts["period.months"]).toBe(12);
    expect(facts.history).toEqual([]);
    expect(facts["predikat.previous"]).toBeNull();
    expect(facts.indicatorSet).toBe("umum");
  });

  it("holds every indicator, axis, decision and calculation fact", () => {
    for (const name of ["score", "score.hasil_kerja", "score.perilaku", "score.capaian", "raw.capaian", "rating.pelayanan.peer"]) {
      expect(facts[name], name).not.toBeUndefined();
    }
    expect(facts["rating.pelayanan.self"]).toBeNull();
    expect(facts.predikat).toBe("baik");
    expect(facts.angka_kredit).toBe(12.5);
  });
});

describe("evaluateMany", () => {
  it("keeps going after a bad appraisal, in order", () => {
    const compiled = compileRuleSet(kuadranRuleSet());
    const bad = kuadranInput("sesuai", "sesuai", {
      employee: employee({ nip: "199001012015022001" }),
      ratings: { supervisor: { pelayanan: 9, kolaboratif: 4 } },
    });
    const results = [...compiled.evaluateMany([kuadranInput("di_atas", "di_atas"), bad, kuadranInput("di_bawah", "di_bawah")])];
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ predikat: "sangat_baik" });
    expect(results[1]).toBeInstanceOf(AppraisalError);
    expect((results[1] as AppraisalError).nip).toBe("199001012015022001");
    expect((results[1] as AppraisalError).message).toContain("nilai 9 dari atasan langsung di luar skala 1–5");
    expect(results[2]).toMatchObject({ predikat: "sangat_kurang" });
  });

  it("turns input of the wrong shape into an AppraisalError", () => {
    const compiled = compileRuleSet(kuadranRuleSet());
    const results = [...compiled.evaluateMany([{} as AppraisalInput, null as unknown as AppraisalInput])];
    expect(results.map((r) => r instanceof AppraisalError && r.message)).toEqual([
      "(tanpa NIP): data pegawai (employee) tidak ada",
      "(tanpa NIP): data pegawai (employee) tidak ada",
    ]);
  });

  it("is lazy", () => {
    const compiled = compileRuleSet(kuadranRuleSet());
    function* endless(): Generator<AppraisalInput> {
      for (;;) yield kuadranInput("sesuai", "sesuai");
    }
    const iterator = compiled.evaluateMany(endless())[Symbol.iterator]();
    expect(iterator.next().value).toMatchObject({ predikat: "baik" });
  });
});

describe("refusals", () => {
  it("refuses when no decision sets predikat", () => {
    const compiled = compileRuleSet(ruleSet({ predikat, indicatorSets: [indicatorSet("umum", [direct("a")])] }));
    expect(() => compiled.evaluate(appraisal({ values: { a: 90 } }))).toThrow('predikat tidak ditetapkan (fakta "predikat" = tidak ada)');
  });

  it("refuses a predikat missing from the rule set's list", () => {
    const compiled = compileRuleSet(
      ruleSet({ predikat: [{ id: "baik", label: "Baik" }], decisions: bands, indicatorSets: [indicatorSet("umum", [direct("a")])] }),
    );
    expect(() => compiled.evaluate(appraisal({ values: { a: 10 } }))).toThrow('predikat "cukup" tidak ada di daftar predikat aturan (baik)');
  });

  it("refuses months outside (0, 12]", () => {
    const compiled = compileRuleSet(kuadranRuleSet());
    expect(() => compiled.evaluate(kuadranInput("sesuai", "sesuai", { period: { kind: "annual", label: "2025", months: 13 } }))).toThrow(
      "period.months",
    );
  });
});

describe("rule-set errors found while compiling", () => {
  it("names a fact no evaluation provides, with its pointer", () => {
    const rules = ruleSet({
      predikat,
      decisions: [{ ...bands[0]!, inputs: ["score.kualitass"] }],
      indicatorSets: [indicatorSet("umum", [direct("kualitas")])],
    });
    expect(() => compileRuleSet(rules)).toThrow(RuleSetError);
    try {
      compileRuleSet(rules);
    } catch (error) {
      expect((error as RuleSetError).issues).toMatchObject([{ file: "rules/uji.json", pointer: "/decisions/0/inputs/0" }]);
      expect((error as RuleSetError).message).toContain('fakta "score.kualitass" tidak pernah tersedia');
    }
  });

  it("names an unknown scale", () => {
    const rules = ruleSet({
      predikat,
      decisions: bands,
      indicatorSets: [
        indicatorSet("umum", [{ id: "a", name: "A", axis: "hasil_kerja", weight: 100, input: { kind: "rating", scale: "likert7" } }]),
      ],
    });
    expect(() => compileRuleSet(rules)).toThrow('rules/uji.json: /indicatorSets/0/indicators/0/input/scale: skala "likert7" tidak ada');
  });

  it("names a row whose cells do not match the columns", () => {
    const rules = ruleSet({
      predikat,
      decisions: [{ ...bands[0]!, rows: [{ when: [{}, {}], then: "baik" }] }],
      indicatorSets: [indicatorSet("umum", [direct("a")])],
    });
    expect(() => compileRuleSet(rules)).toThrow("/decisions/0/rows/0/when: baris ini punya 2 sel, padahal tabel punya 1 kolom (score)");
  });

  it("names an outcome rule the engine refuses", () => {
    const rules = ruleSet({
      predikat,
      decisions: bands,
      indicatorSets: [indicatorSet("umum", [direct("a")])],
      outcomes: [{ name: "x", conditions: { all: [{ fact: "score" } as unknown as ConditionLeaf] }, event: { type: "x" } }],
    });
    expect(() => compileRuleSet(rules)).toThrow('rules/uji.json: /outcomes/0/conditions/all/0: a fact condition requires "operator"');
  });
});

describe("indicatorSetFor", () => {
  it("chooses the set from the employee alone, or says none applies", () => {
    const base = kuadranRuleSet();
    const guru = { ...base.indicatorSets[0]!, id: "guru", when: { all: [{ fact: "employee.unitType", operator: "equal", value: "sekolah" }] } };
    const compiled = compileRuleSet({ ...base, indicatorSets: [guru, ...base.indicatorSets] });
    expect(compiled.indicatorSetFor({ employee: employee({ unitType: "sekolah" }) }).id).toBe("guru");
    expect(compiled.indicatorSetFor({ employee: employee({ unitType: "dinas" }) }).id).toBe(base.indicatorSets[0]!.id);
    const onlyGuru = compileRuleSet({ ...base, indicatorSets: [guru] });
    expect(() => onlyGuru.indicatorSetFor({ employee: employee({ unitType: "dinas" }) })).toThrow(/tidak ada set indikator/);
  });
});
