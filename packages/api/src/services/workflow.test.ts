// The dates a cycle's period covers, from its label.
import { describe, expect, it } from "vitest";
import { periodDates } from "./workflow.js";

describe("period dates", () => {
  it("covers the year, semester, quarter or month the label names", () => {
    expect(periodDates("annual", "2025")).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(periodDates("semester", "2025-S2")).toEqual({ from: "2025-07-01", to: "2025-12-31" });
    expect(periodDates("quarterly", "2024-Q1")).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    expect(periodDates("monthly", "2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
  });
});
