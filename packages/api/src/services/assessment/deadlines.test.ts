// The date arithmetic of deadlines and reminders, without a database: only real calendar days in
// YYYY-MM-DD pass, and days between two of them are whole days whatever the time zone.
import { describe, expect, it } from "vitest";
import { daysBetween, isCalendarDate } from "./deadlines.js";

describe("isCalendarDate", () => {
  it("takes a real day written YYYY-MM-DD, a leap day in a leap year included", () => {
    expect(isCalendarDate("2026-12-31")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
  });

  it("refuses a day that does not exist, another format, or a time", () => {
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("2026-04-31")).toBe(false);
    expect(isCalendarDate("31-12-2026")).toBe(false);
    expect(isCalendarDate("2026-1-5")).toBe(false);
    expect(isCalendarDate("2026-12-31T00:00:00Z")).toBe(false);
    expect(isCalendarDate("")).toBe(false);
  });
});

describe("daysBetween", () => {
  it("counts whole days forward, backward, and across a year's end and a leap day", () => {
    expect(daysBetween("2026-12-01", "2026-12-08")).toBe(7);
    expect(daysBetween("2026-12-08", "2026-12-01")).toBe(-7);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-12-02", "2026-12-02")).toBe(0);
  });
});
