import { describe, expect, it } from "vitest";
import type { TopLevelCondition } from "./schema.js";
import { issuesAfter, type RuleFileJson } from "./test-support/rule-files.js";

/** The issues of the base file with one more outcome rule (the second, /outcomes/1). */
function withRule(conditions: TopLevelCondition, change: (f: RuleFileJson) => void = () => {}) {
  return issuesAfter((f) => {
    f.outcomes!.push({ name: "aturan", conditions, event: { type: "catatan" } });
    change(f);
  });
}

const leaf = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });

describe("conditions", () => {
  describe("facts and references", () => {
    it("an outcome may read any fact of the evaluation", () => {
      const facts = ["score", "score.hasil_kerja", "score.kualitas", "raw.kualitas", "rating.pelayanan.peer", "predikat", "predikat.previous", "history", "indicatorSet", "inovasi", "employee.jabatan", "employee.sertifikasi", "period.months"];
      expect(withRule({ all: facts.map((fact) => leaf(fact, "notEqual", { fact: "score" })) })).toEqual([]);
    });

    it("an unknown fact suggests the closest known one", () => {
      expect(withRule({ all: [leaf("score.kualitass", "greaterThan", 90)] })).toEqual([
        {
          file: "contoh.json",
          pointer: "/outcomes/1/conditions/all/0/fact",
          message:
            'fakta "score.kualitass" tidak dikenal (maksudnya "score.kualitas"?); yang diharapkan: fakta yang dideklarasikan di /facts, fakta masukan (employee.*, period.*, history), fakta indikator (score.<id>, raw.<id>, rating.<id>.<source>), skor sumbu, "score", atau keluaran tabel keputusan atau perhitungan',
          messageEn:
            'unknown fact "score.kualitass" (did you mean "score.kualitas"?); expected a fact declared in /facts, an input fact (employee.*, period.*, history), an indicator fact (score.<id>, raw.<id>, rating.<id>.<source>), an axis score, "score", or the output of a decision table or calculation',
          severity: "error",
        },
      ]);
    });

    it("a fact-valued value is a fact reference too", () => {
      expect(withRule({ all: [leaf("score", "greaterThan", { fact: "skor_minimal" })] })).toMatchObject([
        { pointer: "/outcomes/1/conditions/all/0/value/fact", messageEn: expect.stringMatching(/^unknown fact "skor_minimal"/) },
      ]);
    });

    it("an unknown operator is reported with the known ones", () => {
      expect(withRule({ any: [leaf("score", "greaterThen", 90), leaf("score", "everyFact:lessThan", 10), leaf("score", "nope:equal", 1)] })).toMatchObject([
        {
          pointer: "/outcomes/1/conditions/any/0/operator",
          messageEn: expect.stringMatching(/^unknown operator "greaterThen" \(did you mean "greaterThan"\?\); expected one of equal, notEqual, in,/),
        },
        { pointer: "/outcomes/1/conditions/any/2/operator", messageEn: expect.stringMatching(/^unknown operator "nope:equal"/) },
      ]);
    });

    it("a named condition must exist", () => {
      const issues = withRule({ all: [{ condition: "baik_ke_atass" }] }, (f) => (f.conditions = { baik_ke_atas: { all: [] } }));
      expect(issues).toMatchObject([
        {
          pointer: "/outcomes/1/conditions/all/0/condition",
          messageEn: 'unknown condition "baik_ke_atass" (did you mean "baik_ke_atas"?); expected one of the names in /conditions: "baik_ke_atas"',
        },
      ]);
    });

    it.each(["__proto__", "constructor", "toString"])("a reference to %s names no condition, not an object's inherited property", (name) => {
      const issues = withRule({ all: [{ condition: name }] }, (f) => (f.conditions = { baik_ke_atas: { all: [] } }));
      expect(issues).toMatchObject([
        { pointer: "/outcomes/1/conditions/all/0/condition", messageEn: expect.stringMatching(new RegExp(`^unknown condition "${name}"`)) },
      ]);
    });

    it("named conditions are checked where they are declared", () => {
      const issues = withRule({ condition: "tinggi" }, (f) => (f.conditions = { tinggi: { all: [leaf("scor", "greaterThan", 90)] } }));
      expect(issues).toMatchObject([{ pointer: "/conditions/tinggi/all/0/fact", messageEn: expect.stringMatching(/^unknown fact "scor" \(did you mean "score"\?\)/) }]);
    });

    it("a named condition must not refer to itself", () => {
      const issues = withRule({ condition: "a" }, (f) => (f.conditions = { a: { all: [{ condition: "b" }] }, b: { not: { condition: "a" } } }));
      expect(issues).toMatchObject([
        { pointer: "/conditions/a", messageEn: 'condition "a" refers back to itself (a → b → a); expected conditions that do not refer to themselves' },
      ]);
    });

    it("a named condition used where few facts exist yet may read only those", () => {
      const issues = issuesAfter((f) => {
        f.conditions = { senior: { all: [leaf("employee.golongan", "equal", "IV/a"), leaf("score", "greaterThan", 90)] } };
        f.indicatorSets![0]!.when = { condition: "senior" };
      });
      expect(issues).toMatchObject([
        {
          pointer: "/indicatorSets/0/when/condition",
          messageEn: expect.stringMatching(/^condition "senior" reads "score" is not known yet when the indicator set is chosen/),
        },
      ]);
    });

    it("event params may name facts, which must exist", () => {
      const issues = issuesAfter((f) => (f.outcomes![0]!.event.params = { nilai: { fact: "score" }, kredit: { fact: "angka_kredit" } }));
      expect(issues).toMatchObject([{ pointer: "/outcomes/0/event/params/kredit/fact", messageEn: expect.stringMatching(/^unknown fact "angka_kredit"/) }]);
    });
  });

  describe("paths", () => {
    const bad = (path: string) => `path ${JSON.stringify(path)} is not one the rules engine reads: found `;

    it("accepts the JSONPath subset wherever a fact is read", () => {
      const issues = withRule(
        { all: [{ ...leaf("employee", "equal", "fungsional"), path: "$.jenisJabatan" }, leaf("history", "notEqual", { fact: "history", path: "$[*].predikat" })] },
        (f) => (f.outcomes![1]!.event.params = { unit: { fact: "employee", path: "$['nama unit']" } }),
      );
      expect(issues).toEqual([]);
    });

    it("refuses a path outside it at the path's pointer, though no case of the file reaches it", () => {
      const issues = withRule({ all: [{ ...leaf("employee", "equal", "fungsional"), path: "$[?(@.x.y)]" }] });
      expect(issues).toEqual([
        {
          file: "contoh.json",
          pointer: "/outcomes/1/conditions/all/0/path",
          message: expect.stringContaining('path "$[?(@.x.y)]" tidak bisa dibaca mesin aturan: ditemukan "[?(@.x.y)]" pada karakter 2; yang diharapkan: path berupa $'),
          messageEn: expect.stringContaining(`${bad("$[?(@.x.y)]")}"[?(@.x.y)]" at character 2; expected a path of $ followed by steps`),
          severity: "error",
        },
      ]);
    });

    it("checks the path of a fact-valued value, a decision cell's value, an event param and a named condition", () => {
      const issues = withRule({ all: [leaf("score", "greaterThan", { fact: "employee", path: "$.nilai[" })] }, (f) => {
        f.decisions![0]!.rows[2]!.when = [{ lessThan: { fact: "employee", path: "$..batas" } }];
        f.outcomes![1]!.event.params = { unit: { fact: "employee", path: "unit" } };
        f.conditions = { fungsional: { all: [{ ...leaf("employee", "equal", "fungsional"), path: "$.jenis jabatan" }] } };
      });
      const paths = issues.filter((issue) => issue.pointer.endsWith("/path"));
      expect(paths.map((issue) => [issue.pointer, issue.messageEn])).toEqual([
        ["/decisions/0/rows/2/when/0/lessThan/path", expect.stringContaining(bad("$..batas"))],
        ["/conditions/fungsional/all/0/path", expect.stringContaining(bad("$.jenis jabatan"))],
        ["/outcomes/1/conditions/all/0/value/path", expect.stringContaining(bad("$.nilai["))],
        ["/outcomes/1/event/params/unit/path", expect.stringContaining(bad("unit"))],
      ]);
    });
  });

  describe("rules that can never fire", () => {
    it("contradictory bounds on one fact", () => {
      expect(withRule({ all: [leaf("score", "greaterThan", 90), leaf("score", "lessThan", 80)] })).toEqual([
        {
          file: "contoh.json",
          pointer: "/outcomes/1",
          message:
            'aturan tindak lanjut "aturan" tidak pernah terpicu: score > 90 (/outcomes/1/conditions/all/0) dan score < 80 (/outcomes/1/conditions/all/1) tidak bisa terpenuhi bersamaan; yang diharapkan: batas yang menyisakan suatu nilai di antaranya',
          messageEn:
            'outcome rule "aturan" can never fire: score > 90 (/outcomes/1/conditions/all/0) and score < 80 (/outcomes/1/conditions/all/1) cannot both hold; expected bounds that leave some value between them',
          severity: "error",
        },
      ]);
    });

    it("bounds that touch are fine; bounds on different facts never clash", () => {
      expect(withRule({ all: [leaf("score", "greaterThanInclusive", 90), leaf("score", "lessThanInclusive", 90)] })).toEqual([]);
      expect(withRule({ all: [leaf("score", "greaterThan", 90), leaf("score.kualitas", "lessThan", 80)] })).toEqual([]);
    });

    it("contradictions through nested alls and named conditions", () => {
      const issues = withRule({ all: [{ condition: "tinggi" }, { all: [leaf("score", "lessThan", 80)] }] }, (f) => (f.conditions = { tinggi: { all: [leaf("score", "greaterThan", 90)] } }));
      expect(issues).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn: expect.stringContaining("score > 90 (/conditions/tinggi/all/0) and score < 80 (/outcomes/1/conditions/all/1/all/0) cannot both hold"),
        },
      ]);
    });

    it("two different required values", () => {
      expect(withRule({ all: [leaf("employee.jenjang", "equal", "Ahli Pertama"), leaf("employee.jenjang", "in", ["Ahli Muda", "Ahli Madya"])] })).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn:
            'outcome rule "aturan" can never fire: employee.jenjang = "Ahli Pertama" (/outcomes/1/conditions/all/0) and employee.jenjang in ["Ahli Muda","Ahli Madya"] (/outcomes/1/conditions/all/1) cannot both hold; expected tests that some value passes',
        },
      ]);
    });

    it("a predikat that is not declared", () => {
      expect(withRule({ all: [leaf("predikat", "equal", "cukup")] })).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn: 'outcome rule "aturan" can never fire: at /outcomes/1/conditions/all/0, "cukup" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"',
        },
      ]);
    });

    it("a previous predikat in a list of undeclared ones", () => {
      expect(withRule({ all: [leaf("predikat.previous", "in", ["cukup", "amat_baik"])] })).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn: 'outcome rule "aturan" can never fire: at /outcomes/1/conditions/all/0, none of ["cukup","amat_baik"] is a value predikat.previous can take; expected some of "sangat_baik", "baik", "kurang", null',
        },
      ]);
    });

    it("one undeclared predikat among declared ones is an error at that value", () => {
      expect(withRule({ all: [leaf("predikat", "in", ["sangat_baik", "bagus"])] })).toEqual([
        {
          file: "contoh.json",
          pointer: "/outcomes/1/conditions/all/0/value/1",
          message: '"bagus" bukan predikat yang dideklarasikan; yang diharapkan: salah satu dari "sangat_baik", "baik" atau "kurang"',
          messageEn: '"bagus" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"',
          severity: "error",
        },
      ]);
    });

    it("an undeclared predikat in notEqual makes the test always hold: a warning", () => {
      expect(withRule({ all: [leaf("predikat", "notEqual", "cukup")] })).toMatchObject([
        {
          pointer: "/outcomes/1/conditions/all/0/value",
          severity: "warning",
          messageEn: '"cukup" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"; so this test always holds',
        },
      ]);
    });

    it("a decision output compared with a value its table never gives", () => {
      const issues = withRule({ all: [leaf("sanksi", "equal", "teguran_tertulis")] }, (f) =>
        f.decisions!.push({
          id: "sanksi",
          output: "sanksi",
          hitPolicy: "first",
          inputs: ["employee.hari_alpa"],
          rows: [
            { when: [{ greaterThanInclusive: 7 }], then: "pernyataan_tidak_puas" },
            { when: [{ greaterThanInclusive: 4 }], then: "tertulis" },
            { when: [{ greaterThanInclusive: 3 }], then: "lisan" },
          ],
          default: null,
        }),
      );
      expect(issues).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn:
            'outcome rule "aturan" can never fire: at /outcomes/1/conditions/all/0, sanksi is only ever "pernyataan_tidak_puas", "tertulis", "lisan", null (from /decisions/1), never "teguran_tertulis"; expected one of those',
        },
      ]);
    });

    it("a number test on a fact whose values are all words", () => {
      expect(withRule({ all: [leaf("predikat", "greaterThan", 3)] })).toMatchObject([
        { pointer: "/outcomes/1", messageEn: expect.stringContaining('predikat > 3 holds for none of the values predikat can take; expected a test that one of "sangat_baik", "baik", "kurang" passes') },
      ]);
    });

    it("a declared fact's values bound what it can be compared with", () => {
      const issues = withRule({ all: [leaf("jenis", "equal", "perawat")] }, (f) => (f.facts = { ...f.facts, jenis: { type: "string", label: "Jenis", values: ["guru", "dokter"] } }));
      expect(issues).toMatchObject([{ pointer: "/outcomes/1", messageEn: expect.stringContaining('jenis is only ever "guru", "dokter", null (from /facts/jenis), never "perawat"') }]);
    });

    it("an any with an empty list, or with every branch impossible", () => {
      expect(withRule({ any: [] })).toMatchObject([{ pointer: "/outcomes/1", messageEn: 'outcome rule "aturan" can never fire: an empty any never holds; expected at least one condition in it' }]);
      expect(withRule({ any: [leaf("predikat", "equal", "cukup"), leaf("score", "in", [])] })).toMatchObject([
        {
          pointer: "/outcomes/1",
          messageEn: expect.stringMatching(/^outcome rule "aturan" can never fire: none of its branches can hold: at \/outcomes\/1\/conditions\/any\/0, "cukup" is not a declared predikat; .*; at \/outcomes\/1\/conditions\/any\/1, score in \[\] never holds; expected at least one value in the list$/),
        },
      ]);
    });

    it("a dead branch of an any that can still fire is reported at the branch", () => {
      expect(withRule({ any: [leaf("predikat", "equal", "cukup"), leaf("score", "greaterThan", 95)] })).toEqual([
        {
          file: "contoh.json",
          pointer: "/outcomes/1/conditions/any/0",
          message: 'cabang any ini tidak pernah terpenuhi: "cukup" bukan predikat yang dideklarasikan; yang diharapkan: salah satu dari "sangat_baik", "baik" atau "kurang"',
          messageEn: 'this branch of the any can never hold: "cukup" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"',
          severity: "error",
        },
      ]);
    });

    it("a not of something impossible always holds: a warning", () => {
      expect(withRule({ all: [leaf("score", "greaterThan", 95), { not: { all: [leaf("score", "greaterThan", 9), leaf("score", "lessThan", 5)] } }] })).toMatchObject([
        { pointer: "/outcomes/1/conditions/all/1", severity: "warning", messageEn: expect.stringMatching(/^this not always holds, because what it negates never does: score > 9/) },
      ]);
    });
  });
});
