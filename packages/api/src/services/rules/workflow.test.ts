// The dates a cycle's period covers, from its label.
import { describe, expect, it } from "vitest";
import type { CycleRow } from "@kinerja/db";
import { assertDateInPeriod, periodDates } from "./workflow.js";

describe("period dates", () => {
  it("covers the year, semester, quarter or month the label names", () => {
    expect(periodDates("annual", "2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(periodDates("semester", "2025-S2")).toEqual({ from: "2025-07-01", to: "2025-12-31" });
    expect(periodDates("quarterly", "2024-Q1")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(periodDates("monthly", "2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });
});

describe("dates of work and dialogues", () => {
  const cycle = { period_kind: "annual", period_label: "2025" } as CycleRow;

  it("count today as the day in Indonesia (WIB), not in UTC", () => {
    // 20:00 UTC on 14 March is already 15 March in Indonesia: a work entry dated the 15th is today, not the future.
    const evening = Date.UTC(2025, 2, 14, 20, 0);
    expect(() => assertDateInPeriod(cycle, "2025-03-15", "Tanggal kerja", evening)).not.toThrow();
    expect(() => assertDateInPeriod(cycle, "2025-03-16", "Tanggal kerja", evening)).toThrow(/belum terjadi.*2025-03-15/);
  });

  it("refuse a date outside the period", () => {
    expect(() => assertDateInPeriod(cycle, "2024-12-31", "Tanggal kerja", Date.UTC(2025, 5, 1))).toThrow(/di luar periode 2025/);
  });
});
