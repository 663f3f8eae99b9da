// The reads that give a run's parts their realisasi (realisasiReads) use indexes bounded by the cycle and the
// part's employees, on both databases: on SQLite as the server has it, without statistics; on PostgreSQL after
// ANALYZE over a region of 100,000 plans in two cycles, 300,000 IKIs and 500,000 work entries. A read of every
// plan, IKI or work entry of the region (a sequential scan, or an index searched by the region alone) fails.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { fillForPlanner, tableReads } from "../../testing/query-plans.js";
import { realisasiReads } from "./realisasi.js";

const PLANS = 100_000;

describe.each(inject("dialects"))("the realisasi reads' plans on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    if (dialect === "postgres") {
      await fillForPlanner(database.db, "plans", PLANS, { region_id: "'r'", id: "'p' || g", cycle_id: "'c' || (g % 2)", employee_id: "'e' || (g / 2)", status: "'approved'" });
      await fillForPlanner(database.db, "plan_iki", PLANS * 3, { region_id: "'r'", id: "'i' || g", plan_id: "'p' || (g / 3)", indicator_id: "'hasil'", target: "10", position: "g % 3" });
      await fillForPlanner(database.db, "work_entries", PLANS * 5, {
        region_id: "'r'",
        id: "'w' || g",
        cycle_id: "'c' || ((g / 5) % 2)",
        employee_id: "'e' || (g / 10)",
        iki_id: "'i' || (g / 2)",
        status: "'confirmed'",
        quantity: "1",
      });
    }
  }, 300_000);
  afterAll(() => database?.dispose());

  it("reads a part's plans, their IKIs and their confirmed entries by indexes bounded by the cycle and the part", async () => {
    const employees = Array.from({ length: 250 }, (_, i) => `e${i * 7}`);
    const plans = Array.from({ length: 250 }, (_, i) => `p${i * 35}`);
    const query = realisasiReads(database.db, "r", "c1", employees);
    for (const [what, compilable, table, boundedBy] of [
      ["plans", query.plans, "plans", /cycle_id.*employee_id|employee_id.*cycle_id/],
      ["IKIs", query.ikis(plans), "plan_iki", /plan_id/],
      ["confirmed entries", query.confirmed, "work_entries", /cycle_id.*employee_id|employee_id.*cycle_id/],
    ] as const) {
      const found = await tableReads(database, dialect, compilable, [table]);
      expect(found.length, `${what}: ${JSON.stringify(found)}`).toBeGreaterThan(0);
      for (const read of found) {
        expect(read.index, `${what}: ${JSON.stringify(read)}`).not.toBe("(table)");
        expect(read.searchedBy, `${what}: ${JSON.stringify(read)}`).toMatch(boundedBy);
      }
    }
  });
});
