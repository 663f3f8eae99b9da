import { describe, expect, it } from "vitest";
import { RuleSetError, type RuleIssue } from "./errors.js";
import { jsonSyntaxIssue, parseRuleFile, parseRuleFileText } from "./parse.js";
import { baseFile } from "./test-support/rule-files.js";

function issuesOf(json: unknown, file = "samarinda.json"): RuleIssue[] {
  try {
    parseRuleFile(json, file);
  } catch (error) {
    if (error instanceof RuleSetError) return error.issues;
    throw error;
  }
  throw new Error("expected the rule file to be rejected");
}

function only(issues: RuleIssue[]): RuleIssue {
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

/** The base file with one indicator replaced. */
function withIndicator(indicator: Record<string, unknown>): Record<string, unknown> {
  const file = baseFile() as Record<string, unknown> & { indicatorSets: Array<{ indicators: unknown[] }> };
  file.indicatorSets[0]!.indicators[2] = indicator;
  return file;
}

function withOutcomeConditions(conditions: unknown): Record<string, unknown> {
  return { ...baseFile(), outcomes: [{ name: "x", conditions, event: { type: "x" } }] };
}

const rating = { id: "disiplin", name: "Disiplin", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "likert5" } };

describe("parseRuleFile", () => {
  it("returns a valid file with defaults filled", () => {
    const file = parseRuleFile(baseFile(), "contoh.json");
    expect(file.id).toBe("contoh");
    expect(file.scales?.likert5?.toScore).toBe("percentOfMax");
  });

  it("says what was found and expected for a value of the wrong type, at its pointer", () => {
    const issue = only(issuesOf(withIndicator({ ...rating, weight: "60" })));
    expect(issue).toEqual({
      file: "samarinda.json",
      pointer: "/indicatorSets/0/indicators/2/weight",
      message: 'ditemukan "60" (teks); yang diharapkan: angka dari 0 sampai 100',
      messageEn: 'found "60" (a string), expected a number from 0 to 100',
      severity: "error",
    });
    expect(String(new RuleSetError([issue]).message)).toBe(
      'samarinda.json: /indicatorSets/0/indicators/2/weight: ditemukan "60" (teks); yang diharapkan: angka dari 0 sampai 100',
    );
  });

  it("reports a number out of range with the range", () => {
    expect(only(issuesOf(withIndicator({ ...rating, weight: 160 }))).messageEn).toBe("found 160, expected a number from 0 to 100");
  });

  it("names an unknown key and lists the allowed keys", () => {
    const issue = only(issuesOf({ ...baseFile(), region: "x" }));
    expect(issue.pointer).toBe("/region");
    expect(issue.messageEn).toMatch(/^unknown key "region"; allowed keys: \$schema, id, name, description, extends,/);
  });

  it("lists the allowed keys of a keyed record", () => {
    const issue = only(issuesOf({ ...baseFile(), raters: { weights: { supervisor: 100, boss: 0 } } }));
    expect(issue.pointer).toBe("/raters/weights/boss");
    expect(issue.messageEn).toBe('unknown key "boss"; allowed keys: self, peer, supervisor, subordinate, public');
  });

  it("reports a misspelt key once, as the key it should be", () => {
    const { weight: _weight, ...rest } = rating;
    const issue = only(issuesOf(withIndicator({ ...rest, wieght: 100 })));
    expect(issue.pointer).toBe("/indicatorSets/0/indicators/2/wieght");
    expect(issue.messageEn).toMatch(/^unknown key "wieght", expected "weight" \(allowed keys: id, name, description, axis, weight,/);
  });

  it("reports a missing key with what it should hold", () => {
    const { name: _name, ...rest } = rating;
    const issue = only(issuesOf(withIndicator(rest)));
    expect(issue.pointer).toBe("/indicatorSets/0/indicators/2/name");
    expect(issue.messageEn).toBe('required key "name" is missing, expected a string');
  });

  it("suggests the closest option of an enum", () => {
    const issue = only(issuesOf({ ...baseFile(), decisions: [{ ...baseFile().decisions![0]!, hitPolicy: "firts" }] }));
    expect(issue.pointer).toBe("/decisions/0/hitPolicy");
    expect(issue.messageEn).toBe('found "firts" (a string), expected one of "first", "unique" or "collect" (did you mean "first"?)');
  });

  it("explains a bad indicator kind at the discriminator", () => {
    const issue = only(issuesOf(withIndicator({ ...rating, input: { kind: "ratting", scale: "likert5" } })));
    expect(issue.pointer).toBe("/indicatorSets/0/indicators/2/input/kind");
    expect(issue.messageEn).toMatch(/^found "ratting" \(a string\), expected one of "rating", "target", .* \(did you mean "rating"\?\)$/);
  });

  it("uses the schema's own wording for patterns", () => {
    const issue = only(issuesOf({ ...baseFile(), id: "Kota Samarinda" }));
    expect(issue).toMatchObject({ pointer: "/id", messageEn: 'found "Kota Samarinda" (a string), expected an id of lower-case letters, digits and _, starting with a letter' });
  });

  it("explains a bad record key", () => {
    const issue = only(issuesOf({ ...baseFile(), facts: { "jumlah hari": { type: "number", label: "Hari" } } }));
    expect(issue.pointer).toBe("/facts/jumlah hari");
    expect(issue.messageEn).toBe('key "jumlah hari" is not allowed here, expected a fact name such as score.kualitas');
  });

  it("reports every problem, not only the first", () => {
    const issues = issuesOf({ ...baseFile(), name: 5, axes: { hasil_kerja: "60" } });
    expect(issues.map((i) => i.pointer)).toEqual(["/name", "/axes/hasil_kerja"]);
  });

  it("rejects a document that is not an object", () => {
    expect(only(issuesOf([1, 2])).messageEn).toMatch(/^found a list, expected an object with "id" and "name"/);
  });

  describe("conditions: one helpful message per bad condition", () => {
    it("a misspelt key in a leaf", () => {
      const issue = only(issuesOf(withOutcomeConditions({ all: [{ fact: "score", operater: "greaterThan", value: 90 }] })));
      expect(issue.pointer).toBe("/outcomes/0/conditions/all/0/operater");
      expect(issue.messageEn).toBe(
        'unknown key "operater", expected "operator" (allowed keys: fact, operator, value, path, params, priority, name)',
      );
      expect(issue.message).toBe(
        'kunci "operater" tidak dikenal; yang diharapkan: "operator" (kunci yang boleh: fact, operator, value, path, params, priority, name)',
      );
    });

    it("an unknown extra key in a leaf", () => {
      const issue = only(issuesOf(withOutcomeConditions({ any: [{ fact: "score", operator: "equal", value: 1, label: "x" }] })));
      expect(issue).toMatchObject({
        pointer: "/outcomes/0/conditions/any/0/label",
        messageEn: 'unknown key "label"; allowed keys: fact, operator, value, path, params, priority, name',
      });
    });

    it("a leaf missing its value, deep inside", () => {
      const issue = only(issuesOf(withOutcomeConditions({ all: [{ not: { any: [{ fact: "score", operator: "equal" }] } }] })));
      expect(issue).toMatchObject({
        pointer: "/outcomes/0/conditions/all/0/not/any/0/value",
        messageEn: 'required key "value" is missing, expected any value',
      });
    });

    it("a bare leaf where a top-level condition is required", () => {
      const issue = only(issuesOf(withOutcomeConditions({ fact: "score", operator: "equal", value: 1 })));
      expect(issue.pointer).toBe("/outcomes/0/conditions");
      expect(issue.messageEn).toBe(
        'found an object with keys "fact", "operator" and "value", expected an object with one of the keys "all", "any", "not" or "condition"',
      );
    });

    it("an object that is no kind of condition", () => {
      const issue = only(issuesOf(withOutcomeConditions({ all: [{}] })));
      expect(issue).toMatchObject({
        pointer: "/outcomes/0/conditions/all/0",
        messageEn: 'found an empty object, expected an object with one of the keys "all", "any", "not" or "condition"',
      });
    });

    it("a value of the wrong type in a leaf", () => {
      const issue = only(issuesOf(withOutcomeConditions({ all: [{ fact: "score", operator: 3, value: 1 }] })));
      expect(issue).toMatchObject({ pointer: "/outcomes/0/conditions/all/0/operator", messageEn: "found 3, expected a non-empty string" });
    });
  });

  it("explains a bad expression term once", () => {
    const file = { ...baseFile(), calculations: [{ id: "x", name: "X", expression: { add: [1, { fakt: "score" }] } }] };
    const issue = only(issuesOf(file));
    expect(issue.pointer).toBe("/calculations/0/expression/add/1/fakt");
    expect(issue.messageEn).toMatch(/^unknown key "fakt", expected "fact"/);
  });

  it("explains a scalar union by its types", () => {
    const table = { ...baseFile().decisions![0]!, rows: [{ when: [{}], then: ["baik"] }] };
    const issue = only(issuesOf({ ...baseFile(), decisions: [table] }));
    expect(issue).toMatchObject({ pointer: "/decisions/0/rows/0/then", messageEn: "found a list, expected a string, a number, true or false or null" });
  });
});

describe("parseRuleFileText", () => {
  it("parses valid text, with or without a byte-order mark", () => {
    const text = JSON.stringify(baseFile());
    expect(parseRuleFileText(text, "a.json").id).toBe("contoh");
    expect(parseRuleFileText(`\uFEFF${text}`, "a.json").id).toBe("contoh");
  });

  it("reports a JSON syntax error with line, column and pointer", () => {
    let caught: unknown;
    try {
      parseRuleFileText('{\n  "id": "a",\n  "name": "A",\n  "predikat": [\n    { "id": "baik", "label": "Baik" },\n  ]\n}', "pariaman.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuleSetError);
    expect((caught as RuleSetError).issues).toEqual([
      {
        file: "pariaman.json",
        pointer: "/predikat",
        message: 'baris 5, kolom 38: ditemukan koma sebelum "]"; yang diharapkan: butir lain setelahnya, atau tanpa koma',
        messageEn: 'line 5, column 38: found a comma before "]", expected another item after it or no comma',
        severity: "error",
      },
    ]);
  });

  it("tells a text that is not JSON as parseRuleFileText does, and nothing for one that is", () => {
    const broken = '{\n  "id": "a",\n}';
    expect(jsonSyntaxIssue('\uFEFF{"id": "a"}', "a.json")).toBeUndefined();
    let caught: unknown;
    try {
      parseRuleFileText(broken, "a.json");
    } catch (error) {
      caught = error;
    }
    expect([jsonSyntaxIssue(broken, "a.json")]).toEqual((caught as RuleSetError).issues);
    expect(jsonSyntaxIssue(broken, "a.json")?.message).toMatch(/^baris 2, kolom 12: ditemukan koma sebelum "}"/);
  });

  it("validates the parsed document", () => {
    expect(() => parseRuleFileText('{"id": "a"}', "a.json")).toThrow('a.json: /name: kunci wajib "name" tidak ada; yang diharapkan: teks');
  });
});
