import { describe, expect, it } from "vitest";
import { defaultDay, periodRange, todayInIndonesia } from "./periods";

describe("period labels as days", () => {
  it("covers a year, a semester, a quarter and a month", () => {
    expect(periodRange("2025")).toEqual({ start: "2025-01-01", end: "2025-12-31" });
    expect(periodRange("2025-S2")).toEqual({ start: "2025-07-01", end: "2025-12-31" });
    expect(periodRange("2024-Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
    expect(periodRange("2024-02")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(periodRange("kemarin")).toBeNull();
  });

  it("defaults a date field to today, kept inside the period", () => {
    expect(defaultDay("2025", "2026-11-22")).toBe("2025-12-31");
    expect(defaultDay("2025-S2", "2025-03-01")).toBe("2025-07-01");
    expect(defaultDay("2025", "2025-05-05")).toBe("2025-05-05");
  });

  it("counts days in WIB, as the server does", () => {
    expect(todayInIndonesia(Date.parse("2025-12-31T16:59:00Z"))).toBe("2025-12-31");
    expect(todayInIndonesia(Date.parse("2025-12-31T17:00:00Z"))).toBe("2026-01-01");
  });
});
