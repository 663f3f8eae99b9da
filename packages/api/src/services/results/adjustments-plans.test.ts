// A run's parts read their employees' predikat adjustments by the adjustments' cycle and employee index, on
// both databases (SQLite without statistics, as the server has it; PostgreSQL after ANALYZE over 60,000
// adjustments in three cycles): a read of every adjustment of the region fails.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { fillForPlanner, tableReads } from "../../testing/query-plans.js";
import { adjustmentsOf } from "./adjustments.js";

describe.each(inject("dialects"))("the adjustments read's plan on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    if (dialect === "postgres") {
      await fillForPlanner(database.db, "predikat_adjustments", 60_000, { region_id: "'r'", id: "'a' || g", cycle_id: "'c' || (g % 3)", employee_id: "'e' || (g / 3)" });
    }
  }, 120_000);
  afterAll(() => database?.dispose());

  it("reads a part's adjustments by the cycle and the employees", async () => {
    const employees = Array.from({ length: 250 }, (_, i) => `e${i * 7}`);
    const found = await tableReads(database, dialect, adjustmentsOf(database.db, "r", "c1", employees), ["predikat_adjustments"]);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    for (const read of found) {
      expect(read.index, JSON.stringify(read)).not.toBe("(table)");
      expect(read.searchedBy, JSON.stringify(read)).toMatch(/cycle_id.*employee_id|employee_id.*cycle_id/);
    }
  });
});
