import { describe, expect, it } from "vitest";
import { storedRuleSet } from "../test/rules";
import { pointerRange, pointerSegments, validateRuleText } from "./rule-validation";

const text = `{
  "id": "uji",
  "indicatorSets": [
    { "id": "umum", "indicators": [
      { "id": "a", "weight": 60 },
      { "id": "b/c", "weight": 30 }
    ] }
  ]
}`;

describe("JSON pointers in the text", () => {
  it("decodes ~1 and ~0 in segments", () => {
    expect(pointerSegments("/a~1b/c~0d/0")).toEqual(["a/b", "c~d", "0"]);
    expect(pointerSegments("")).toEqual([]);
  });

  it("marks the property a pointer names, key and value", () => {
    const { from, to } = pointerRange(text, "/indicatorSets/0/indicators/1/weight");
    expect(text.slice(from, to)).toBe('"weight": 30');
  });

  it("marks an escaped key", () => {
    const { from, to } = pointerRange(text, "/indicatorSets/0/indicators/1/id");
    expect(text.slice(from, to)).toBe('"id": "b/c"');
  });

  it("marks only the first line of an object or array", () => {
    const { from, to } = pointerRange(text, "/indicatorSets/0/indicators");
    expect(text.slice(from, to)).toBe('"indicators": [');
  });

  it("falls back to the nearest part that exists", () => {
    const { from, to } = pointerRange(text, "/indicatorSets/0/indicators/7/weight");
    expect(text.slice(from, to)).toBe('"indicators": [');
  });
});

describe("validating a rule file in the browser", () => {
  const content = storedRuleSet("binjai");
  const formatted = JSON.stringify(content, null, 2);

  it("accepts a region's stored rules and runs every embedded case", () => {
    const result = validateRuleText(formatted, "binjai/v1");
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.tests?.length).toBeGreaterThan(5);
    expect(result.tests?.every((c) => c.passed)).toBe(true);
    expect(result.ok).toBe(true);
  });

  it("names a weight total that is not 100 and places it on the indicators' line", () => {
    const broken = structuredClone(content) as { indicatorSets: Array<{ indicators: Array<{ weight: number }> }> };
    const first = broken.indicatorSets[0]!.indicators[0]!;
    first.weight -= 10;
    const brokenText = JSON.stringify(broken, null, 2);
    const result = validateRuleText(brokenText, "binjai/v2");
    const issue = result.issues.find((i) => /berjumlah/.test(i.message));
    expect(issue?.messageEn).toMatch(/total/);
    expect(issue?.pointer).toMatch(/^\/indicatorSets\/0\/indicators/);
    expect(brokenText.slice(issue!.from, issue!.to)).toContain('"indicators"');
    expect(issue!.line).toBe(brokenText.slice(0, issue!.from).split("\n").length);
    expect(result.ok).toBe(false);
  });

  it("reports a JSON syntax error at its position", () => {
    const result = validateRuleText('{ "id": "x", }', "x");
    expect(result.content).toBeNull();
    expect(result.issues[0]?.severity).toBe("error");
    expect(result.issues[0]?.line).toBe(1);
    expect(result.issues[0]?.from).toBe(13);
    expect(result.issues[0]?.message).toBe('baris 1, kolom 12: ditemukan koma sebelum "}"; yang diharapkan: properti lain setelahnya, atau tanpa koma');
    expect(result.issues[0]?.messageEn).toBe('line 1, column 12: found a comma before "}", expected another property after it or no comma');
  });

  it("refuses an extends that names no national baseline version it was given", () => {
    const result = validateRuleText(JSON.stringify({ ...content, extends: "./national/pp-94-2021.json" }), "x");
    expect(result.issues.map((i) => i.pointer)).toContain("/extends");
    const missing = validateRuleText(JSON.stringify({ id: "x", name: "X", extends: "national:pp-30-2019@2" }), "x");
    expect(missing.issues).toMatchObject([{ pointer: "/extends", message: expect.stringContaining("national:pp-30-2019@2") }]);
  });

  it("resolves a national baseline version it was given, the file's own parts over it", () => {
    const { tests: _tests, ...baseline } = content;
    const own = { id: "daerah", name: "Daerah", extends: "national:uji@1", curve: { enforcement: "block" } };
    const result = validateRuleText(JSON.stringify(own), "x", new Map([["national:uji@1", baseline]]));
    expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(result.ruleSet?.curve.enforcement).toBe("block");
    expect(result.ruleSet?.indicatorSets).toEqual(validateRuleText(JSON.stringify(baseline), "x").ruleSet?.indicatorSets);
  });
});
