import { describe, expect, it } from "vitest";
import { closest, didYouMean, listNames, listNamesTexts } from "./suggest.js";

describe("suggestions", () => {
  it("finds the closest name within a few edits", () => {
    expect(closest("score.kualitass", ["score", "score.kualitas", "score.kuantitas"])).toBe("score.kualitas");
    expect(closest("lessThen", ["lessThan", "greaterThan"])).toBe("lessThan");
    expect(closest("Predikat", ["predikat"])).toBe("predikat");
  });

  it("suggests nothing when no name is close, or the name is very short", () => {
    expect(closest("angka_kredit", ["score", "predikat"])).toBeUndefined();
    expect(closest("d", ["a", "b"])).toBeUndefined();
    expect(didYouMean("xyz", [])).toBe("");
  });

  it("says the suggestion in Indonesian unless English is asked for", () => {
    expect(didYouMean("lessThen", ["lessThan"])).toBe(' (maksudnya "lessThan"?)');
    expect(didYouMean("lessThen", ["lessThan"], "en")).toBe(' (did you mean "lessThan"?)');
  });

  it("lists names for a message", () => {
    expect(listNames(["a"])).toBe('"a"');
    expect(listNames(["a", "b", "c"])).toBe('"a", "b" or "c"');
    expect(listNames(["a", "b"], "and")).toBe('"a" and "b"');
    expect(listNamesTexts(["a", "b", "c"])).toEqual({ id: '"a", "b" atau "c"', en: '"a", "b" or "c"' });
    expect(listNamesTexts(["a", "b"], "and")).toEqual({ id: '"a" dan "b"', en: '"a" and "b"' });
  });
});
