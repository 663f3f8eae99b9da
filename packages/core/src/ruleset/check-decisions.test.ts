import { describe, expect, it } from "vitest";
import { at, issuesAfter, type RuleFileJson } from "./test-support/rule-files.js";

type Table = NonNullable<RuleFileJson["decisions"]>[number];
type Row = Table["rows"][number];

/**
 * The base file with its predikat table's rows (and options) replaced; without the warnings about
 * declared predikat the new rows leave out.
 */
function predikatTable(rows: Row[], options: Partial<Table> = {}) {
  const issues = issuesAfter((f) => (f.decisions![0] = { ...f.decisions![0]!, rows, ...options }));
  return issues.filter((issue) => !issue.pointer.startsWith("/predikat/"));
}

const row = (cell: Record<string, unknown>, then: string): Row => ({ when: [cell], then });

/**
 * The kuadran of PermenPANRB 6/2022, fed by two rating tables. The base file's perilaku ratings score at
 * most 100, so its "di atas" band starts below that (a band above 100 could never match).
 */
function kuadranFile(f: RuleFileJson): void {
  const rating = (id: string, fact: string, above: Record<string, number>): Table => ({
    id,
    output: `rating.${id}`,
    hitPolicy: "first",
    inputs: [fact],
    rows: [
      row(above, "di_atas"),
      row({ greaterThanInclusive: 90 }, "sesuai"),
      row({}, "di_bawah"),
    ],
  });
  f.decisions = [
    rating("hasil_kerja", "score.hasil_kerja", { greaterThan: 100 }),
    rating("perilaku", "score.perilaku", { greaterThanInclusive: 95 }),
    {
      id: "kuadran",
      output: "predikat",
      hitPolicy: "unique",
      inputs: ["rating.hasil_kerja", "rating.perilaku"],
      rows: [
        { when: [{ equal: "di_atas" }, { equal: "di_atas" }], then: "sangat_baik" },
        { when: [{ in: ["di_atas", "sesuai"] }, { equal: "sesuai" }], then: "baik" },
        { when: [{ equal: "sesuai" }, { equal: "di_atas" }], then: "baik" },
        { when: [{}, { equal: "di_bawah" }], then: "kurang" },
        { when: [{ equal: "di_bawah" }, { notEqual: "di_bawah" }], then: "kurang" },
      ],
    },
  ];
}

describe("decision tables", () => {
  it("the kuadran as written has no issues", () => {
    expect(issuesAfter(kuadranFile)).toEqual([]);
  });

  it("each row has one cell per input", () => {
    const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), { when: [{ lessThan: 76 }, {}], then: "kurang" }]);
    expect(at(issues, "/decisions/0/rows/1/when").map((i) => i.messageEn)).toEqual([
      'this row has 2 cells, expected 1: one per input (score), {} for "any value"',
    ]);
  });

  it("cell operators must be known", () => {
    const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ lessThen: 76 }, "kurang")]);
    expect(issues).toMatchObject([
      {
        pointer: "/decisions/0/rows/1/when/0/lessThen",
        messageEn: expect.stringMatching(/^unknown operator "lessThen" \(did you mean "lessThan"\?\); expected one of equal, notEqual,/),
      },
    ]);
  });

  it("decorated operators are known", () => {
    expect(predikatTable([row({ "not:lessThan": 76 }, "baik"), row({ lessThan: 76 }, "kurang")])).toEqual([]);
  });

  it("the inputs must be known facts set before the table", () => {
    const issues = issuesAfter((f) => {
      kuadranFile(f);
      f.decisions!.push(f.decisions!.shift()!);
      f.decisions![0]!.inputs[0] = "score.perilak";
    });
    expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
      [
        "/decisions/0/inputs/0",
        expect.stringMatching(/^unknown fact "score.perilak" \(did you mean "score.perilaku"\?\)/),
      ],
      [
        "/decisions/1/inputs/0",
        '"rating.hasil_kerja" is set by /decisions/2, which is evaluated after this; expected a fact set earlier (decision tables run in file order, then calculations in file order)',
      ],
    ]);
  });

  it("a row testing a value the input never takes can never match", () => {
    const issues = issuesAfter((f) => {
      kuadranFile(f);
      f.decisions![2]!.rows[0]!.when[1] = { equal: "diatas" };
    });
    expect(issues.map((i) => i.pointer)).toEqual(["/decisions/2/rows/0/when", "/decisions/2/rows"]);
    expect(at(issues, "/decisions/2/rows/0/when")).toMatchObject([
      {
        pointer: "/decisions/2/rows/0/when",
        messageEn:
          'this row can never match: at /decisions/2/rows/0/when/1/equal, rating.perilaku is only ever "di_atas", "sesuai", "di_bawah" (from /decisions/1), never "diatas"; expected one of those (did you mean "di_atas"?)',
      },
    ]);
  });

  it("a row whose bounds contradict can never match", () => {
    const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ lessThan: 76, greaterThan: 80 }, "kurang")]);
    expect(at(issues, "/decisions/0/rows/1/when")).toMatchObject([
      {
        messageEn:
          "this row can never match: score < 76 (/decisions/0/rows/1/when/0/lessThan) and score > 80 (/decisions/0/rows/1/when/0/greaterThan) cannot both hold; expected bounds that leave some value between them",
      },
    ]);
  });

  it("a table whose when never holds never applies", () => {
    const issues = predikatTable(
      [row({ greaterThanInclusive: 76 }, "baik"), row({ lessThan: 76 }, "kurang")],
      { when: { any: [] }, default: "kurang" },
    );
    expect(issues).toMatchObject([
      { pointer: "/decisions/0/when", messageEn: 'table "predikat" never applies: an empty any never holds; expected at least one condition in it' },
    ]);
  });

  describe("predikat", () => {
    it("every result of the predikat table is a declared predikat", () => {
      const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ lessThan: 76 }, "cukup")], { default: "buruk" });
      expect(issues.filter((i) => i.severity === "error").map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/decisions/0/rows/1/then", '"cukup" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang" (see /predikat)'],
        ["/decisions/0/default", '"buruk" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang" (see /predikat)'],
      ]);
    });

    it("some table must set predikat", () => {
      const issues = issuesAfter((f) => (f.decisions![0]!.output = "predikat_akhir"));
      expect(at(issues, "/decisions")).toMatchObject([
        { messageEn: 'no decision table sets "predikat"; expected one with "output": "predikat" (score bands or the kuadran)', severity: "error" },
      ]);
    });

    it("warns about a declared predikat that no table gives", () => {
      const issues = issuesAfter((f) => f.predikat!.push({ id: "sangat_kurang", label: "Sangat Kurang" }));
      expect(issues).toMatchObject([
        {
          pointer: "/predikat/3",
          severity: "warning",
          messageEn: 'predikat "sangat_kurang" is never the result of a table that sets predikat; expected it as some row\'s "then" (or a "default")',
        },
      ]);
    });

    it("the predikat table must choose one row", () => {
      const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ lessThan: 76 }, "kurang")], { hitPolicy: "collect" });
      expect(at(issues, "/decisions/0/hitPolicy").map((i) => i.messageEn)).toEqual([
        'a table that sets predikat must choose one row, but its hit policy is "collect"; expected "first" or "unique"',
      ]);
    });
  });

  describe("band gaps", () => {
    it("reports the uncovered interval between two bands", () => {
      const issues = predikatTable([
        row({ greaterThanInclusive: 91 }, "sangat_baik"),
        row({ greaterThanInclusive: 76, lessThan: 90.5 }, "baik"),
        row({ lessThan: 76 }, "kurang"),
      ]);
      expect(issues).toEqual([
        {
          file: "contoh.json",
          pointer: "/decisions/0/rows",
          message:
            'score dari 90.5 sampai sebelum 91 tidak cocok dengan baris mana pun (antara rows/1 (score ≥ 76 dan < 90.5) dan rows/0 (score ≥ 91)); yang diharapkan: baris yang mencakup setiap nilai (pita yang bersambung, seperti "lessThan": 91 di sebelah "greaterThanInclusive": 91), atau "default"',
          messageEn:
            'score from 90.5 up to but not including 91 matches no row (between rows/1 (score ≥ 76 and < 90.5) and rows/0 (score ≥ 91)); expected the rows to cover every value (bands that meet, such as "lessThan": 91 next to "greaterThanInclusive": 91), or a "default"',
          severity: "error",
        },
      ]);
    });

    it("reports a single value that falls between bands", () => {
      const issues = predikatTable([row({ greaterThan: 90 }, "baik"), row({ lessThan: 90 }, "kurang")]);
      expect(issues.map((i) => i.messageEn)).toEqual([expect.stringMatching(/^score exactly 90 matches no row \(between rows\/1 \(score < 90\) and rows\/0 \(score > 90\)\)/)]);
    });

    it("scores start at 0; a declared fact's range bounds its column", () => {
      expect(predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ greaterThanInclusive: 0, lessThan: 76 }, "kurang")])).toEqual([]);
      const low = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ greaterThanInclusive: 50, lessThan: 76 }, "kurang")]);
      expect(low.map((i) => i.messageEn)).toEqual([expect.stringMatching(/^score from 0 up to but not including 50 matches no row \(next to rows\/1 \(score ≥ 50 and < 76\)\)/)]);
      const days = issuesAfter((f) => {
        f.facts = { ...f.facts, hari: { type: "number", label: "Hari tanpa keterangan", min: 0, max: 365 } };
        f.decisions!.push({ id: "sanksi", output: "sanksi", hitPolicy: "first", inputs: ["hari"], rows: [row({ lessThanInclusive: 27 }, "ringan"), row({ greaterThan: 28 }, "berat")] });
      });
      expect(days.map((i) => i.messageEn)).toEqual([expect.stringMatching(/^hari above 27 up to and including 28 matches no row/)]);
    });

    it("with a default, values past the outer bands are intended; inner gaps are warnings", () => {
      expect(predikatTable([row({ greaterThanInclusive: 91 }, "sangat_baik")], { default: "kurang" })).toEqual([]);
      const inner = predikatTable([row({ greaterThanInclusive: 91 }, "sangat_baik"), row({ greaterThanInclusive: 76, lessThan: 90 }, "baik")], { default: "kurang" });
      expect(inner).toMatchObject([
        {
          pointer: "/decisions/0/rows",
          severity: "warning",
          messageEn: expect.stringMatching(/^score from 90 up to but not including 91 matches no row .*, so it falls to the default "kurang"; expected bands that meet/),
        },
      ]);
    });

    it("checks each group of rows that agree on the other columns", () => {
      const issues = issuesAfter((f) => {
        f.decisions![0] = {
          id: "pp30",
          output: "predikat",
          hitPolicy: "first",
          inputs: ["score", "inovasi"],
          rows: [
            { when: [{ greaterThanInclusive: 110 }, { equal: true }], then: "sangat_baik" },
            { when: [{ greaterThanInclusive: 90, lessThan: 110 }, {}], then: "baik" },
            { when: [{ lessThan: 90 }, {}], then: "kurang" },
          ],
        };
      });
      expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/decisions/0/rows", expect.stringMatching(/^score 110 and above matches no row unless inovasi = true \(next to rows\/1 \(score ≥ 90 and < 110\)\)/)],
      ]);
    });

    it("a collect table may leave values unmatched", () => {
      const issues = issuesAfter((f) =>
        f.decisions!.push({ id: "catatan", output: "catatan", hitPolicy: "collect", inputs: ["score"], rows: [row({ greaterThan: 95 }, "teladan")] }),
      );
      expect(issues).toEqual([]);
    });
  });

  describe("overlaps and hidden rows", () => {
    it("under unique, overlapping bands are an error naming the shared values", () => {
      const issues = predikatTable([row({ greaterThanInclusive: 76 }, "baik"), row({ greaterThanInclusive: 91 }, "sangat_baik"), row({ lessThan: 76 }, "kurang")], {
        hitPolicy: "unique",
      });
      expect(issues).toMatchObject([
        {
          pointer: "/decisions/0/rows/1",
          severity: "error",
          messageEn:
            'rows/0 (score ≥ 76) and rows/1 (score ≥ 91) both match when score 91 and above; hit policy "unique" expects at most one row to match, so expected rows that do not overlap (or "first" if the earlier row should win)',
        },
      ]);
    });

    it("under unique, overlapping category rows are an error too", () => {
      const issues = issuesAfter((f) => {
        kuadranFile(f);
        f.decisions![2]!.rows[1]!.when[1] = { in: ["sesuai", "di_atas"] };
      });
      expect(issues).toEqual([
        {
          file: "contoh.json",
          pointer: "/decisions/2/rows/1",
          message: expect.stringMatching(/^rows\/0 .* dan rows\/1 .* sama-sama cocok \(rating.hasil_kerja = "di_atas" dan rating.perilaku = "di_atas"\); hit policy "unique" mengharapkan/),
          messageEn:
            'rows/0 (rating.hasil_kerja = "di_atas", rating.perilaku = "di_atas") and rows/1 (rating.hasil_kerja in ["di_atas","sesuai"], rating.perilaku in ["sesuai","di_atas"]) both match (rating.hasil_kerja = "di_atas" and rating.perilaku = "di_atas"); hit policy "unique" expects at most one row to match, so expected rows that do not overlap (or "first" if the earlier row should win)',
          severity: "error",
        },
        {
          file: "contoh.json",
          pointer: "/decisions/2/rows/2",
          message: expect.stringMatching(/^rows\/1 .* dan rows\/2 .* sama-sama cocok \(rating.hasil_kerja = "sesuai" dan rating.perilaku = "di_atas"\);/),
          messageEn: expect.stringMatching(/^rows\/1 .* and rows\/2 .* both match \(rating.hasil_kerja = "sesuai" and rating.perilaku = "di_atas"\);/),
          severity: "error",
        },
      ]);
    });

    it("a combination of category values that no row matches", () => {
      const issues = issuesAfter((f) => {
        kuadranFile(f);
        f.decisions![2]!.rows[4]!.when[1] = { equal: "sesuai" };
      });
      expect(issues).toMatchObject([
        {
          pointer: "/decisions/2/rows",
          messageEn:
            'no row matches (rating.hasil_kerja = "di_bawah" and rating.perilaku = "di_atas"); expected a row for every combination of the inputs\' values, or a "default"',
        },
      ]);
      const withDefault = issuesAfter((f) => {
        kuadranFile(f);
        f.decisions![2]!.rows.pop();
        f.decisions![2]!.default = "kurang";
      });
      expect(withDefault).toEqual([]);
    });

    it("under first, a category row that is never the first to match", () => {
      const issues = issuesAfter((f) => {
        kuadranFile(f);
        const table = f.decisions![2]!;
        table.hitPolicy = "first";
        table.rows.push({ when: [{ equal: "di_bawah" }, { equal: "di_atas" }], then: "baik" });
      });
      expect(issues).toMatchObject([
        {
          pointer: "/decisions/2/rows/5",
          severity: "warning",
          messageEn: "this row is never chosen: every input it matches is matched first by rows/4; expected it above them, or removed",
        },
      ]);
    });

    it("under first, overlaps are intended, but a row an earlier one always catches is a warning", () => {
      expect(predikatTable([row({ greaterThanInclusive: 91 }, "sangat_baik"), row({ greaterThanInclusive: 76 }, "baik"), row({ lessThan: 76 }, "kurang")])).toEqual([]);
      const issues = predikatTable([
        row({ greaterThanInclusive: 76 }, "baik"),
        row({ greaterThanInclusive: 91 }, "sangat_baik"),
        row({ lessThan: 76 }, "kurang"),
      ]);
      expect(issues).toMatchObject([
        {
          pointer: "/decisions/0/rows/1",
          severity: "warning",
          messageEn: "this row is never chosen: rows/0 (score ≥ 76) comes first and matches everything it matches; expected it above rows/0, or removed",
        },
      ]);
    });
  });
});
