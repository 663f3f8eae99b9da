// A unit leader's hasil kerja is the unit's own achievement (PermenPANRB 6/2022): a cycle run gives each
// appraisal its unit's predikat organisasi and whether the employee leads the unit, and the national
// baseline Samarinda extends rates the leader's hasil kerja from it, with nothing entered by hand.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { leadersAmong, unitLeaders } from "./appraisal-inputs.js";

describe.each(inject("dialects"))("a unit leader's hasil kerja on %s", (dialect) => {
  let env: TestEnv;
  let samarinda: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    samarinda = await seedRegion(env, "samarinda", 30);
  });
  afterAll(() => env?.dispose());

  it("takes the rating from the unit's predikat organisasi for its leader only", async () => {
    const admin = env.as(samarinda.admin);
    const rows = await env.database.db
      .selectFrom("employees")
      .select(["id", "nip", "unit_id", "atasan_nip"])
      .where("region_id", "=", samarinda.regionId)
      .execute();
    const leaders = unitLeaders(rows);
    const leader = rows.find((r) => leaders.has(r.nip))!;
    expect(leader, "the demo region has a unit whose staff report to its leader").toBeDefined();
    const member = rows.find((r) => r.unit_id === leader.unit_id && !leaders.has(r.nip))!;

    const ratings = async () => {
      await admin.cycle.run({ id: samarinda.cycleId });
      await env.jobs.idle();
      const of = async (employeeId: string) =>
        (await admin.result.get({ cycleId: samarinda.cycleId, employeeId })).decisions["rating.hasil_kerja"];
      return { leader: await of(leader.id), member: await of(member.id) };
    };
    const before = await ratings();

    await admin.cycle.setUnitPredikat({ cycleId: samarinda.cycleId, unitId: leader.unit_id, predikat: "istimewa" });
    expect(await ratings()).toEqual({ leader: "di_atas", member: before.member });

    await admin.cycle.setUnitPredikat({ cycleId: samarinda.cycleId, unitId: leader.unit_id, predikat: "kurang" });
    expect(await ratings()).toEqual({ leader: "di_bawah", member: before.member });
  });

  it("finds among any batch of employees the leaders found from everyone of their units", async () => {
    const { db } = env.database;
    const all = () => db.selectFrom("employees").select(["nip", "unit_id", "atasan_nip"]).where("region_id", "=", samarinda.regionId).orderBy("nip").execute();
    // Some staff moved to their superior's neighbour unit, so superiors sit outside their reports' units too.
    const units = [...new Set((await all()).map((r) => r.unit_id))];
    const moved = (await all()).filter((_, i) => i % 7 === 3);
    for (const [i, row] of moved.entries()) {
      await db.updateTable("employees").set({ unit_id: units[i % units.length]! }).where("region_id", "=", samarinda.regionId).where("nip", "=", row.nip).execute();
    }
    // And one leader now reports to a colleague of their own unit, who leads it in their place.
    const before = await all();
    const leader = before.find((r) => unitLeaders(before).has(r.nip))!;
    const colleague = before.find((r) => r.unit_id === leader.unit_id && r.nip !== leader.nip && r.atasan_nip !== leader.nip)!;
    expect(colleague, "the leader's unit has someone not reporting to them").toBeDefined();
    await db.updateTable("employees").set({ atasan_nip: colleague.nip }).where("region_id", "=", samarinda.regionId).where("nip", "=", leader.nip).execute();
    const rows = await all();
    const everyone = unitLeaders(rows);
    expect(everyone.has(leader.nip) || !everyone.has(colleague.nip)).toBe(false);
    expect(everyone.size, "the region has unit leaders to find").toBeGreaterThan(1);
    // xorshift32: the same batches every run.
    let seed = 2_463_534_242;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    for (let round = 0; round < 40; round++) {
      const batch = rows.filter(() => next() % 4 === 0);
      const expected = batch.filter((r) => everyone.has(r.nip)).map((r) => r.nip);
      expect([...(await leadersAmong(db, samarinda.regionId, batch))].sort(), `round ${round}`).toEqual(expected.sort());
    }
  });
});
