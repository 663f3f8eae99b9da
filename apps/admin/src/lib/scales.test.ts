import { describe, expect, it } from "vitest";
import { scaleChoices } from "./scales";

describe("scale choices", () => {
  it("lists a short scale's values and leaves a wide one to a number field", () => {
    expect(scaleChoices({ min: 1, max: 5, toScore: "percentOfMax" })).toEqual([1, 2, 3, 4, 5]);
    expect(scaleChoices({ min: 0, max: 1, step: 0.25, toScore: "linear" })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(scaleChoices({ min: 0, max: 100, toScore: "linear" })).toBeNull();
  });
});
