import { describe, expect, it } from "vitest";
import { achievementPercent, achievementScore, capScore } from "./achievement.js";

describe("achievement", () => {
  it("is realisasi / target × 100", () => {
    expect(achievementPercent(80, 72)).toBe(90);
    expect(achievementScore(100, 95)).toBe(95);
  });

  it("is held at the cap (PP 30/2019: 120)", () => {
    expect(achievementScore(100, 130, 120)).toBe(120);
    expect(achievementScore(100, 110, 120)).toBeCloseTo(110, 10);
    expect(capScore(150)).toBe(150);
  });

  it("refuses a target of 0", () => {
    expect(() => achievementPercent(0, 10)).toThrow(/target harus/);
  });
});
