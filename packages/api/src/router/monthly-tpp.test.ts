// TPP paid monthly: in Pariaman (TPP percentage from the final score, its rule file's `tpp` outcome) a monthly
// cycle beside the year's annual one is run on the month's own sheets, and each employee's result carries the
// month's TPP percentage, listed as the TPP follow-up of that month for payroll.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { tppPercent } from "@kinerja/core";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

describe.each(inject("dialects"))("a monthly cycle with its own TPP on %s", (dialect) => {
  let env: TestEnv;
  let pariaman: RegionWorld;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    const worlds = await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "pariaman"));
    pariaman = worlds.get("pariaman")!;
  });
  afterAll(() => env?.dispose());

  it("runs January 2025 beside the annual cycle and gives every employee the month's TPP percentage", async () => {
    const admin = env.as(pariaman.admin);
    const { db } = env.database;
    const month = await admin.cycle.create({ name: "TPP Januari 2025", periodKind: "monthly", periodLabel: "2025-01" });
    await admin.cycle.open({ id: month.id });
    // The month's sheets: the region's sheets as submitted, recorded for January.
    const sheets = await db.selectFrom("assessments").selectAll().where("region_id", "=", "pariaman").where("cycle_id", "=", pariaman.cycleId).execute();
    await db.transaction().execute(async (trx) => {
      for (const [i, sheet] of sheets.entries()) await trx.insertInto("assessments").values({ ...sheet, id: `bulan-${i}`, cycle_id: month.id }).execute();
    });
    await admin.cycle.run({ id: month.id });
    await env.jobs.idle();
    expect((await admin.cycle.runStatus({ cycleId: month.id }))?.status).toBe("succeeded");

    const listed = await admin.result.list({ cycleId: month.id, limit: 100 });
    const evaluated = listed.items.filter((r) => r.predikat !== null);
    expect(evaluated.length).toBeGreaterThan(0);
    const payroll = await admin.followUp.list({ cycleId: month.id, kind: "tpp" });
    for (const row of evaluated) {
      const detail = await admin.result.get({ cycleId: month.id, employeeId: row.employeeId });
      expect(detail.input).toMatchObject({ period: { kind: "monthly", label: "2025-01" } });
      const persen = tppPercent(detail.outcomeEvents);
      expect(typeof persen).toBe("number");
      expect(payroll.find((e) => e.employeeId === row.employeeId && e.type === "tpp")?.value).toBe(persen);
    }
    // The annual cycle is untouched by the month: it still has no result run.
    expect((await admin.cycle.get({ id: pariaman.cycleId })).currentRunId).toBeNull();
  });
});
