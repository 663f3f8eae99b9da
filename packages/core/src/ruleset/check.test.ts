import { describe, expect, it } from "vitest";
import { checkRuleSet } from "./check.js";
import { formatIssue, issueMessage } from "./errors.js";
import { at, baseFile, issuesAfter, ruleSetOf } from "./test-support/rule-files.js";

describe("checkRuleSet", () => {
  it("finds nothing wrong in the base file", () => {
    expect(checkRuleSet(ruleSetOf(baseFile()))).toEqual([]);
  });

  it("names the file the set was built from, or the one given", () => {
    const ruleSet = ruleSetOf({ ...baseFile(), axes: { hasil_kerja: 50, perilaku: 40 } }, "rules/pariaman.json");
    expect(checkRuleSet(ruleSet)[0]?.file).toBe("rules/pariaman.json");
    expect(checkRuleSet(ruleSet, "other.json")[0]?.file).toBe("other.json");
  });

  describe("weights", () => {
    it("rater weights must total 100", () => {
      const issues = issuesAfter((f) => (f.raters = { weights: { self: 20, peer: 20, supervisor: 50 } }));
      expect(issues).toEqual([
        {
          file: "contoh.json",
          pointer: "/raters/weights",
          message: "bobot penilai berjumlah 90 (self 20, peer 20, supervisor 50); yang diharapkan: 100",
          messageEn: "rater weights total 90 (self 20, peer 20, supervisor 50), expected 100",
          severity: "error",
        },
      ]);
    });

    it("axis weights must total 100", () => {
      const issues = issuesAfter((f) => (f.axes = { hasil_kerja: 70, perilaku: 40 }));
      expect(at(issues, "/axes").map((i) => i.messageEn)).toEqual(["axis weights total 110 (hasil_kerja 70, perilaku 40), expected 100"]);
    });

    it("an axis's indicators must total 100 within each set", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.indicators[1]!.weight = 30));
      expect(at(issues, "/indicatorSets/0/indicators").map((i) => i.messageEn)).toEqual([
        'the hasil_kerja indicators of set "umum" total 90 (kualitas 60, kuantitas 30), expected 100',
      ]);
    });

    it("tolerates decimal weights that total 100", () => {
      const issues = issuesAfter((f) => {
        const [a, b] = f.indicatorSets![0]!.indicators;
        a!.weight = 33.3;
        b!.weight = 66.7;
      });
      expect(issues).toEqual([]);
    });

    it("an axis with weight needs indicators in every set", () => {
      const issues = issuesAfter((f) => {
        f.indicatorSets!.push({
          id: "guru",
          name: "Guru",
          when: { all: [{ fact: "employee.jabatan", operator: "equal", value: "Guru" }] },
          indicators: [{ id: "mengajar", name: "Mengajar", axis: "hasil_kerja", weight: 100, input: { kind: "score" } }],
        });
        f.indicatorSets!.reverse();
      });
      expect(at(issues, "/indicatorSets/0/indicators").map((i) => i.messageEn)).toEqual([
        'set "guru" has no perilaku indicator, but /axes gives perilaku a weight of 40; expected at least one perilaku indicator in this set, or perilaku: 0 in /axes',
      ]);
    });

    it("an axis without indicators is fine when it has no weight, or there are no axis weights", () => {
      const noPerilaku = (f: ReturnType<typeof baseFile>) => {
        f.indicatorSets![0]!.indicators.pop();
        f.outcomes = [];
        f.tests = [];
      };
      expect(issuesAfter((f) => (noPerilaku(f), (f.axes = { hasil_kerja: 100, perilaku: 0 })))).toEqual([]);
      expect(issuesAfter((f) => (noPerilaku(f), delete f.axes))).toEqual([]);
    });
  });

  describe("ids", () => {
    it.each([
      ["indicator ids within a set", (f: ReturnType<typeof baseFile>) => (f.indicatorSets![0]!.indicators[1]!.id = "kualitas"), "/indicatorSets/0/indicators/1/id", 'duplicate indicator id "kualitas" (also at /indicatorSets/0/indicators/0/id); expected each indicator id once'],
      ["indicator set ids", (f: ReturnType<typeof baseFile>) => f.indicatorSets!.push({ ...f.indicatorSets![0]!, when: { all: [] } }), "/indicatorSets/1/id", 'duplicate indicator set id "umum" (also at /indicatorSets/0/id); expected each indicator set id once'],
      ["decision table ids", (f: ReturnType<typeof baseFile>) => f.decisions!.push({ ...f.decisions![0]!, output: "x" }), "/decisions/1/id", 'duplicate decision table id "predikat" (also at /decisions/0/id); expected each decision table id once'],
      ["calculation ids", (f: ReturnType<typeof baseFile>) => (f.calculations = [{ id: "tpp", name: "A", expression: 1 }, { id: "tpp", name: "B", expression: 2 }]), "/calculations/1/id", 'duplicate calculation id "tpp" (also at /calculations/0/id); expected each calculation id once'],
      ["predikat ids", (f: ReturnType<typeof baseFile>) => f.predikat!.push({ id: "baik", label: "Baik lagi" }), "/predikat/3/id", 'duplicate predikat id "baik" (also at /predikat/1/id); expected each predikat id once'],
      ["outcome names", (f: ReturnType<typeof baseFile>) => f.outcomes!.push({ ...f.outcomes![0]! }), "/outcomes/1/name", 'duplicate outcome rule name "penghargaan" (also at /outcomes/0/name); expected each outcome rule name once'],
      ["test names", (f: ReturnType<typeof baseFile>) => f.tests!.push({ ...f.tests![0]! }), "/tests/1/name", 'duplicate test name "tinggi" (also at /tests/0/name); expected each test name once'],
    ])("reports duplicate %s", (_what, change, pointer, message) => {
      expect(at(issuesAfter(change), pointer).map((i) => i.messageEn)).toEqual([message]);
    });

    it("an indicator id must not be an axis name", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.indicators[2]!.id = "perilaku"));
      expect(at(issues, "/indicatorSets/0/indicators/2/id").map((i) => i.messageEn)).toEqual([
        'indicator id "perilaku" is also an axis name, so score.perilaku would mean two things; expected an id other than "hasil_kerja" or "perilaku"',
      ]);
    });
  });

  describe("indicators", () => {
    it("a rating's scale name must be declared", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.indicators[2]!.input = { kind: "rating", scale: "likert" }));
      expect(issues).toMatchObject([
        {
          pointer: "/indicatorSets/0/indicators/2/input/scale",
          messageEn: 'unknown scale "likert" (did you mean "likert5"?); expected one of the scales in /scales: "likert5"',
        },
      ]);
    });

    it("a scale's max must be above its min", () => {
      const issues = issuesAfter((f) => (f.scales = { likert5: { min: 5, max: 1 } }));
      expect(issues).toMatchObject([{ pointer: "/scales/likert5/max", messageEn: "the scale's max (1) is not above its min (5); expected max > min" }]);
    });

    it("an indicator's raters must have weights", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.indicators[2]!.raters = ["supervisor", "subordinate"]));
      expect(issues).toMatchObject([
        {
          pointer: "/indicatorSets/0/indicators/2/raters/1",
          messageEn: 'rater "subordinate" has no weight in /raters/weights; expected one of the sources with a weight: "self", "peer" or "supervisor"',
          severity: "error",
        },
      ]);
    });

    it("raters on a non-rating input are a warning", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.indicators[0]!.raters = ["supervisor"]));
      expect(issues).toMatchObject([{ pointer: "/indicatorSets/0/indicators/0/raters", severity: "warning", messageEn: expect.stringContaining('this input is "achievement"') }]);
    });

    it("attendance bands ascend and end with null", () => {
      const issues = issuesAfter(
        (f) =>
          (f.indicatorSets![0]!.indicators[1]!.input = {
            kind: "attendance",
            bands: [
              { maxDays: 3, score: 100 },
              { maxDays: 2, score: 80 },
              { maxDays: 10, score: 50 },
            ],
          }),
      );
      expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/indicatorSets/0/indicators/1/input/bands/1/maxDays", "maxDays 2 does not follow 3 of the band before; expected bands in ascending order of maxDays"],
        ["/indicatorSets/0/indicators/1/input/bands/2/maxDays", "the last band has maxDays 10, so more days than that get no score; expected null (every remaining day count)"],
      ]);
    });

    it("a set after one without when is never chosen", () => {
      const issues = issuesAfter((f) => f.indicatorSets!.push({ ...f.indicatorSets![0]!, id: "guru", when: { all: [] } }));
      expect(at(issues, "/indicatorSets/1")).toMatchObject([{ severity: "warning", messageEn: expect.stringContaining('set "guru" is never chosen: /indicatorSets/0 has no "when"') }]);
    });

    it("an indicator set's when may read only input facts", () => {
      const issues = issuesAfter((f) => (f.indicatorSets![0]!.when = { all: [{ fact: "score.kualitas", operator: "greaterThan", value: 1 }] }));
      expect(issues).toMatchObject([
        {
          pointer: "/indicatorSets/0/when/all/0/fact",
          messageEn: expect.stringMatching(/^"score.kualitas" is not known yet when the indicator set is chosen; expected an input fact/),
        },
      ]);
    });

    it("an indicator set's when may read employee attributes and declared facts", () => {
      const when = { all: [{ fact: "employee.guru", operator: "equal", value: true }, { fact: "inovasi", operator: "equal", value: true }] };
      expect(issuesAfter((f) => (f.indicatorSets![0]!.when = when))).toEqual([]);
    });

    it("an indicator set that can never be chosen", () => {
      const when = { all: [{ fact: "employee.golongan", operator: "equal", value: "III/a" }, { fact: "employee.golongan", operator: "equal", value: "IV/a" }] };
      expect(issuesAfter((f) => (f.indicatorSets![0]!.when = when))).toMatchObject([
        {
          pointer: "/indicatorSets/0/when",
          messageEn:
            'set "umum" is never chosen: employee.golongan = "III/a" (/indicatorSets/0/when/all/0) and employee.golongan = "IV/a" (/indicatorSets/0/when/all/1) cannot both hold; expected tests that some value passes',
        },
      ]);
    });
  });

  describe("declared facts", () => {
    it("must not take a name the evaluation computes", () => {
      const issues = issuesAfter((f) => (f.facts = { ...f.facts, "score.kualitas": { type: "number", label: "x" } }));
      expect(issues).toMatchObject([
        {
          pointer: "/facts/score.kualitas",
          messageEn: 'fact "score.kualitas" is computed from indicator "kualitas", so an appraisal cannot give it; expected a name for an input that nothing computes',
        },
      ]);
    });

    it("a default must fit the type and the values", () => {
      const issues = issuesAfter(
        (f) =>
          (f.facts = {
            inovasi: { type: "boolean", label: "x", default: "ya" },
            jenis: { type: "string", label: "y", values: ["guru", "dokter"], default: "perawat" },
            hari: { type: "number", label: "z", min: 10, max: 0, values: ["1"] },
          }),
      );
      expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/facts/inovasi/default", 'default "ya" is not a boolean; expected a boolean, as "type" says'],
        ["/facts/jenis/default", 'default "perawat" is not one of the fact\'s values; expected one of "guru" or "dokter"'],
        ["/facts/hari/max", "max 0 is below min 10; expected max ≥ min"],
        ["/facts/hari/values", 'values apply to string facts, and this fact is a number; expected no values, or "type": "string"'],
      ]);
    });
  });

  describe("calculations", () => {
    it("may read decision outputs and earlier calculations, not later ones", () => {
      const issues = issuesAfter(
        (f) =>
          (f.calculations = [
            { id: "persen", name: "Persen", expression: { mul: [{ fact: "score" }, { fact: "faktor" }] } },
            { id: "faktor", name: "Faktor", expression: { div: [{ fact: "months" }, 12] } },
          ]),
      );
      expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
        [
          "/calculations/0/expression/mul/1/fact",
          '"faktor" is set by /calculations/1, which is evaluated after this; expected a fact set earlier (decision tables run in file order, then calculations in file order)',
        ],
        ["/calculations/1/expression/div/0/fact", expect.stringMatching(/^unknown fact "months"; expected a fact declared in \/facts/)],
      ]);
    });

    it("a calculation's when is checked too", () => {
      const issues = issuesAfter((f) => (f.calculations = [{ id: "x", name: "X", expression: 1, when: { all: [{ fact: "predikat", operator: "equal", value: "istimewa" }] } }]));
      expect(issues).toMatchObject([
        {
          pointer: "/calculations/0/when",
          messageEn: 'calculation "x" never applies: at /calculations/0/when/all/0, "istimewa" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"',
        },
      ]);
    });
  });

  describe("test cases", () => {
    it("expect a declared predikat and set", () => {
      const issues = issuesAfter((f) => (f.tests![0]!.expect = { predikat: "sangat_bagus", indicatorSet: "umun" }));
      expect(issues.map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/tests/0/expect/predikat", '"sangat_bagus" is not a declared predikat (did you mean "sangat_baik"?); expected one of "sangat_baik", "baik" or "kurang"'],
        ["/tests/0/expect/indicatorSet", '"umun" is not an indicator set (did you mean "umum"?); expected one of "umum"'],
      ]);
    });

    it("a year of periods names declared predikat for the judgement and what the periods gave, and only with periods", () => {
      const judged = issuesAfter((f) => {
        f.tests![0]!.periods = [{ period: { kind: "semester", label: "2025-S1" } }];
        f.tests![0]!.judgement = { predikat: "istimewa", reason: "Forum evaluasi" };
        f.tests![0]!.expect = { computedPredikat: "baek" };
      });
      expect(judged.map((i) => [i.pointer, i.messageEn])).toEqual([
        ["/tests/0/expect/computedPredikat", '"baek" is not a declared predikat (did you mean "baik"?); expected one of "sangat_baik", "baik" or "kurang"'],
        ["/tests/0/judgement/predikat", '"istimewa" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang"'],
      ]);
      const alone = issuesAfter((f) => (f.tests![0]!.judgement = { predikat: "baik", reason: "Forum evaluasi" }));
      expect(alone.map((i) => i.pointer)).toEqual(["/tests/0"]);
    });

    it("expect event types some outcome rule emits, training included", () => {
      const issues = issuesAfter((f) => (f.tests![0]!.expect = { outcomes: ["pelatihan", "penghargaan"], notOutcomes: ["promosi"] }));
      expect(issues).toMatchObject([
        {
          pointer: "/tests/0/expect/notOutcomes/0",
          messageEn: 'no outcome rule emits "promosi"; expected one of the event types the outcome rules emit: "penghargaan" or "pelatihan"',
        },
      ]);
    });

    it("expect facts that exist", () => {
      const issues = issuesAfter((f) => (f.tests![0]!.expect = { facts: { "score.kualitas": 90, "score.kwalitas": 90 } }));
      expect(issues).toMatchObject([{ pointer: "/tests/0/expect/facts/score.kwalitas", messageEn: expect.stringMatching(/^unknown fact "score.kwalitas" \(did you mean "score.kualitas"\?\)/) }]);
    });
  });

  describe("language", () => {
    /** The base file with something wrong in every part the checks read. */
    const issues = issuesAfter((f) => {
      f.raters = { weights: { self: 20, peer: 20, supervisor: 50 } };
      const [set] = f.indicatorSets!;
      set!.indicators[1]!.weight = 30;
      set!.indicators.push({ id: "kualitas", name: "Lagi", axis: "perilaku", weight: 0, input: { kind: "rating", scale: "likert7" } });
      f.indicatorSets!.push({ id: "guru", name: "Guru", when: { all: [{ fact: "score", operator: "greaterThen", value: 1 }] }, indicators: [
        { id: "mengajar", name: "Mengajar", axis: "hasil_kerja", weight: 100, input: { kind: "attendance", bands: [{ maxDays: 3, score: 100 }] } },
      ] });
      f.facts = { score: { type: "number", label: "Skor" }, jenis: { type: "string", label: "Jenis", values: ["a"], default: "b" } };
      f.conditions = { a: { all: [{ condition: "b" }] }, b: { any: [{ condition: "a" }, { condition: "c" }] } };
      f.decisions![0]!.rows = [
        { when: [{ greaterThanInclusive: 91 }], then: "istimewa" },
        { when: [{ lessThan: 90 }], then: "baik" },
      ];
      f.decisions!.push({ id: "predikat", output: "kategori", hitPolicy: "unique", inputs: ["score"], rows: [
        { when: [{ greaterThan: 10 }], then: "a" },
        { when: [{ greaterThan: 20 }], then: "b" },
      ] });
      f.outcomes!.push({ name: "mustahil", conditions: { all: [{ fact: "predikat", operator: "in", value: [] }, { fact: "skor", operator: "equal", value: 1 }] }, event: { type: "x" } });
      f.tests![0]!.expect = { predikat: "sangat_bagus", outcomes: ["promosi"] };
    });

    it("is Indonesian in message and English in messageEn, for every issue the checks find", () => {
      expect(issues.length).toBeGreaterThan(15);
      for (const issue of issues) {
        expect(issue.messageEn, issue.pointer).toEqual(expect.any(String));
        expect(issue.message, issue.pointer).not.toBe(issue.messageEn);
        expect(issue.message, issue.pointer).not.toMatch(/\b(expected|did you mean|unknown|never|cannot|is not|matches|total)\b/);
        expect(issue.messageEn, issue.pointer).not.toMatch(/yang diharapkan|maksudnya|tidak/);
      }
    });

    it("keeps the pointer and what was expected in both", () => {
      expect(at(issues, "/indicatorSets/0/indicators/3/input/scale")).toMatchObject([
        {
          message: 'skala "likert7" tidak dikenal (maksudnya "likert5"?); yang diharapkan: salah satu skala di /scales: "likert5"',
          messageEn: 'unknown scale "likert7" (did you mean "likert5"?); expected one of the scales in /scales: "likert5"',
        },
      ]);
      expect(at(issues, "/decisions/0/rows/0/then")).toMatchObject([
        {
          message: '"istimewa" bukan predikat yang dideklarasikan; yang diharapkan: salah satu dari "sangat_baik", "baik" atau "kurang" (lihat /predikat)',
          messageEn: '"istimewa" is not a declared predikat; expected one of "sangat_baik", "baik" or "kurang" (see /predikat)',
        },
      ]);
      expect(at(issues, "/decisions/1/id").map((i) => i.message)).toEqual([
        'id tabel keputusan "predikat" ganda (juga di /decisions/0/id); yang diharapkan: setiap id tabel keputusan sekali saja',
      ]);
      expect(at(issues, "/indicatorSets/1/when/all/0/operator").map((i) => i.message)).toEqual([
        expect.stringMatching(/^operator "greaterThen" tidak dikenal \(maksudnya "greaterThan"\?\); yang diharapkan: salah satu dari equal, notEqual,/),
      ]);
    });

    it("is chosen when an issue is read; a formatted issue is Indonesian", () => {
      const [issue] = issues;
      expect(issueMessage(issue!)).toBe(issue!.message);
      expect(issueMessage(issue!, "en")).toBe(issue!.messageEn);
      expect(issueMessage({ ...issue!, messageEn: undefined }, "en")).toBe(issue!.message);
      expect(formatIssue({ ...issue!, severity: "warning" })).toBe(`contoh.json: /raters/weights: ${issue!.message} (peringatan)`);
    });
  });
});
