import { describe, expect, it } from "vitest";
import { biayaScore, efficiency, kualitasScore, kuantitasScore, taskScore, waktuScore } from "./pp46.js";

describe("PP 46/2011 aspects", () => {
  it("kuantitas and kualitas are realisasi / target × 100", () => {
    expect(kuantitasScore(12, 12)).toBe(100);
    expect(kuantitasScore(10, 8)).toBe(80);
    expect(kualitasScore(100, 90)).toBe(90);
  });

  it("waktu: TW = RW = 12 gives 76", () => {
    expect(waktuScore(12, 12)).toBeCloseTo(76, 10);
  });

  it("waktu: efficiency at most 24% uses ((1.76 × TW − RW) / TW) × 100", () => {
    // 10 of 12 months: efficiency 16.67%
    expect(efficiency(12, 10)).toBeCloseTo(16.67, 2);
    expect(waktuScore(12, 10)).toBeCloseTo(92.67, 2);
    // exactly 24%: still the first branch
    expect(waktuScore(100, 76)).toBeCloseTo(100, 10);
    // late: 15 of 12 months, efficiency −25%
    expect(waktuScore(12, 15)).toBeCloseTo(51, 10);
  });

  it("waktu: efficiency above 24% subtracts the excess over 100 from 76", () => {
    // 6 of 12 months: base 126 → 76 − 26 = 50
    expect(waktuScore(12, 6)).toBeCloseTo(50, 10);
  });

  it("biaya uses the same formula with the budget", () => {
    expect(biayaScore(1_000_000, 1_000_000)).toBeCloseTo(76, 10);
    expect(biayaScore(1_000_000, 900_000)).toBeCloseTo(86, 10);
  });

  it("refuses a target of 0 and negative realisasi", () => {
    expect(() => kuantitasScore(0, 5)).toThrow(/target kuantitas/);
    expect(() => waktuScore(12, -1)).toThrow(/realisasi waktu/);
  });
});

describe("task score", () => {
  it("is the mean of the aspects used", () => {
    const task = {
      target: { kuantitas: 12, kualitas: 100, waktu: 12 },
      realisasi: { kuantitas: 12, kualitas: 90, waktu: 12 },
    };
    const result = taskScore(task, ["kuantitas", "kualitas", "waktu"]);
    expect(result.score).toBeCloseTo((100 + 90 + 76) / 3, 10);
    expect(result.aspects.waktu).toBeCloseTo(76, 10);
  });

  it("leaves biaya out when the task has no budget", () => {
    const task = { target: { kuantitas: 10 }, realisasi: { kuantitas: 8 } };
    expect(taskScore(task, ["kuantitas", "biaya"]).score).toBe(80);
    const budgeted = { target: { kuantitas: 10, biaya: 100 }, realisasi: { kuantitas: 8, biaya: 100 } };
    expect(taskScore(budgeted, ["kuantitas", "biaya"]).score).toBeCloseTo(78, 10);
  });

  it("names a missing aspect", () => {
    expect(() => taskScore({ target: { kuantitas: 1 }, realisasi: {} }, ["kuantitas"])).toThrow(
      "realisasi kuantitas tidak diisi",
    );
  });
});
