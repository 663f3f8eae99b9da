// A unit leader's hasil kerja is the unit's own achievement (PermenPANRB 6/2022): a cycle run gives each
// appraisal its unit's predikat organisasi and whether the employee leads the unit, and the national
// baseline Samarinda extends rates the leader's hasil kerja from it, with nothing entered by hand.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { unitLeaders } from "./appraisal-inputs.js";

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
});
