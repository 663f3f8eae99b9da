// Phased roll-out, as Binjai did it: a cycle covers the units the admin chooses (pilot units first), and
// other units join a later cycle of the same period without disturbing the first; an employee is never in
// two cycles of one period.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedWalkRegion, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, type TestEnv } from "../testing/env.js";

describe.each(inject("dialects"))("phased roll-out on %s", (dialect) => {
  let env: TestEnv;
  let r: WalkRegion;
  const admin = () => env.as(r.admin);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    r = await seedWalkRegion(env, "binjai");
  });
  afterAll(() => env?.dispose());

  async function resultsOf(cycleId: string) {
    const cycle = await admin().cycle.get({ id: cycleId });
    return env.database.db
      .selectFrom("results")
      .select(["employee_id", "predikat", "score", "error", "created_at"])
      .where("region_id", "=", r.regionId)
      .where("run_id", "=", cycle.currentRunId ?? "")
      .orderBy("employee_id")
      .execute();
  }

  it("runs two cycles of one period over disjoint units side by side", async () => {
    const pilot = await admin().cycle.create({ name: "Rintisan 2025", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.pilot] });
    await admin().cycle.open({ id: pilot.id });
    const later = await admin().cycle.create({ name: "Tahap II 2025", periodKind: "annual", periodLabel: "2025" });
    await admin().cycle.setUnits({ id: later.id, unitIds: [r.units.other] });
    await admin().cycle.open({ id: later.id });
    expect(await admin().cycle.scope({ id: pilot.id })).toMatchObject({ chosenUnitIds: [r.units.pilot], unitIds: [r.units.pilot], employees: 9 });
    expect(await admin().cycle.scope({ id: later.id })).toMatchObject({ chosenUnitIds: [r.units.other], employees: 3 });
    await expect(admin().cycle.setUnits({ id: later.id, unitIds: [r.units.parent] })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });

    // Each cycle takes sheets only on its own employees.
    const other = r.others[0]!;
    const form = await env.as(r.kepala.user).assessment.form({ cycleId: later.id, employeeId: other.id, source: "supervisor" });
    expect(form.employee.id).toBe(other.id);
    await expect(
      env.as(r.kepala.user).assessment.form({ cycleId: pilot.id, employeeId: other.id, source: "supervisor" }),
    ).rejects.toThrow(/tidak termasuk siklus Rintisan 2025; yang diharapkan: pegawai di unit unit-rintisan/);

    await admin().cycle.run({ id: pilot.id });
    await env.jobs.idle();
    const first = await resultsOf(pilot.id);
    expect(first.map((x) => x.employee_id).sort()).toEqual([r.assessor, ...r.kasi, ...r.staff].map((m) => m.id).sort());
    await admin().cycle.run({ id: later.id });
    await env.jobs.idle();
    expect((await resultsOf(later.id)).map((x) => x.employee_id).sort()).toEqual(r.others.map((m) => m.id).sort());
    expect(await resultsOf(pilot.id)).toEqual(first);
    const log = await admin().audit.list({ entity: "cycle", entityId: later.id, limit: 20 });
    expect(log.items.find((e) => e.action === "cycle.setUnits")?.after).toEqual({ unitIds: [r.units.other] });
  });

  it("refuses to open a cycle that would put an employee in a second cycle of the same period", async () => {
    const whole = await admin().cycle.create({ name: "Seluruh wilayah 2025", periodKind: "annual", periodLabel: "2025" });
    await expect(admin().cycle.open({ id: whole.id })).rejects.toThrow(/sudah ada di siklus "Rintisan 2025" \(evaluated\) untuk periode 2025/);
    const parent = await admin().cycle.create({ name: "Dinas induk 2025", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.parent] });
    await expect(admin().cycle.open({ id: parent.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await admin().cycle.get({ id: parent.id })).status).toBe("draft");
    // Another period is another matter.
    const next = await admin().cycle.create({ name: "Seluruh wilayah 2026", periodKind: "annual", periodLabel: "2026" });
    expect((await admin().cycle.open({ id: next.id })).status).toBe("open");
    expect((await admin().cycle.scope({ id: next.id })).employees).toBe(13);
    await expect(admin().cycle.create({ name: "x", periodKind: "annual", periodLabel: "2027", unitIds: ["tidak-ada"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses plans and work entries of an employee outside the units chosen for the cycle", async () => {
    const other = r.others[0]!;
    const pilot = await admin().cycle.create({ name: "Rintisan 2024", periodKind: "annual", periodLabel: "2024", unitIds: [r.units.pilot] });
    await expect(env.as(other.user).plan.create({ cycleId: pilot.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/\(unit unit-lain\) tidak termasuk siklus Rintisan 2024; yang diharapkan: pegawai di unit unit-rintisan/),
    });
    await expect(admin().plan.create({ cycleId: pilot.id, employeeId: other.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await env.as(r.staff[0]!.user).plan.create({ cycleId: pilot.id })).employeeId).toBe(r.staff[0]!.id);

    // A plan made while the draft covered the whole region stays, but takes no work once the cycle is narrowed.
    const narrowed = await admin().cycle.create({ name: "Semester I 2024", periodKind: "semester", periodLabel: "2024-S1" });
    const plan = await env.as(other.user).plan.create({ cycleId: narrowed.id });
    const saved = await env.as(other.user).plan.save({
      id: plan.id,
      rhk: [{ kind: "utama", text: "Surat masuk diagendakan", indicators: [{ text: "Surat diagendakan", target: 100, satuan: "surat" }] }],
    });
    await env.as(other.user).plan.submit({ id: plan.id });
    await env.as(r.kepala.user).plan.approve({ id: plan.id });
    await admin().cycle.setUnits({ id: narrowed.id, unitIds: [r.units.pilot] });
    await admin().cycle.open({ id: narrowed.id });
    await expect(
      env.as(other.user).workEntry.create({ ikiId: saved.rhk[0]!.indicators[0]!.id, workDate: "2024-03-04", description: "Agenda surat", quantity: 12 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/\(unit unit-lain\) tidak termasuk siklus Semester I 2024/) });
  });
});
