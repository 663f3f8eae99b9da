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

  it("compares a name a megabyte long, or with candidates that long, without a table of their lengths' product", () => {
    // A rule file may hold a megabyte: a name that long was compared cell by cell with every candidate
    // (about 40 s to validate content with one such key), and two long ones would take hours.
    const long = "a".repeat(1_000_000);
    expect(closest(long, ["score", "predikat", `${long}b`])).toBeUndefined();
    expect(closest("predikat", [long.slice(1), "predikta"])).toBe("predikta");
    expect(closest("x".repeat(101), ["x".repeat(100)])).toBeUndefined();
    expect(closest("x".repeat(99), ["x".repeat(100)])).toBe("x".repeat(100));
  });

  it("finds a close name past the first rows of the comparison, swapped letters included", () => {
    expect(closest("kualitas_kerja", ["kaulitas_kerja", "kuantitas_kerja"])).toBe("kaulitas_kerja");
    expect(closest("abcdefghij", ["abcdefghijkl"])).toBe("abcdefghijkl");
    expect(closest("abcdefghij", ["abcdefghijklmn"])).toBeUndefined();
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
