// A run's parts, and the evaluation forum, read predikat adjustments by the adjustments' cycle and employee index, on
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

  it.each([
    ["a part's adjustments", Array.from({ length: 250 }, (_, i) => `e${i * 7}`)],
    ["one employee's, as the forum finds the predikat the rules gave", ["e42"]],
  ])("reads %s by the adjustments' cycle and employee index", async (_what, employees) => {
    const found = await tableReads(database, dialect, adjustmentsOf(database.db, "r", "c1", employees), ["predikat_adjustments"]);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    for (const read of found) {
      expect(read.index, JSON.stringify(read)).not.toBe("(table)");
      expect(read.searchedBy, JSON.stringify(read)).toMatch(/cycle_id.*employee_id|employee_id.*cycle_id/);
    }
  });

  // On PostgreSQL, where a cycle here is a third of the table, reading the table is the right plan.
  it.runIf(dialect === "sqlite")("reads the whole cycle's, as the forum lists them, by the cycle and not every adjustment of the region", async () => {
    const found = await tableReads(database, dialect, adjustmentsOf(database.db, "r", "c1"), ["predikat_adjustments"]);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    for (const read of found) {
      expect(read.index, JSON.stringify(read)).not.toBe("(table)");
      expect(read.searchedBy, JSON.stringify(read)).toMatch(/cycle_id/);
    }
  });
});
