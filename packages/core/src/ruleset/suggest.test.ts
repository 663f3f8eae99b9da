import { describe, expect, it } from "vitest";
import { closest, didYouMean, listNames } from "./suggest.js";

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

  it("lists names for a message", () => {
    expect(listNames(["a"])).toBe('"a"');
    expect(listNames(["a", "b", "c"])).toBe('"a", "b" or "c"');
    expect(listNames(["a", "b"], "and")).toBe('"a" and "b"');
  });
});
