// Performance dialogue: the assessor and the employee record coaching conversations, the employee rates
// how useful they were, and the record stands beside the employee's result as evidence.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

describe.each(inject("dialects"))("dialog kinerja on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "amplas"))).get("amplas") as RegionWorld;
  });
  afterAll(() => env?.dispose());

  it("is recorded by the assessor or the employee, rated by the employee alone, and listed with the result", async () => {
    const assessor = env.as(w.superior.user);
    const report = env.as(w.report.user);
    const coaching = await assessor.dialogue.record({
      cycleId: w.cycleId,
      employeeId: w.report.id,
      heldOn: "2025-04-10",
      topic: "Waktu layanan KTP",
      agreedActions: ["Antrian daring dibuka pukul 08.00", "Laporan mingguan ke Sekcam"],
    });
    expect(coaching).toMatchObject({ assessorNip: w.superior.nip, recordedBy: w.superior.nama, usefulness: null });
    await report.dialogue.record({ cycleId: w.cycleId, employeeId: w.report.id, heldOn: "2025-02-20", topic: "Rencana pelatihan", agreedActions: [] });

    await expect(
      env.as(w.colleague.user).dialogue.record({ cycleId: w.cycleId, employeeId: w.report.id, heldOn: "2025-04-11", topic: "x", agreedActions: [] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      assessor.dialogue.record({ cycleId: w.cycleId, employeeId: w.report.id, heldOn: "2024-12-31", topic: "x", agreedActions: [] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/di luar periode 2025; yang diharapkan: antara 2025-01-01 dan 2025-12-31/) });

    const rated = await report.dialogue.rate({ id: coaching.id, usefulness: 4, comment: "Jelas dan bisa langsung dipakai" });
    expect(rated).toMatchObject({ usefulness: 4, usefulnessComment: "Jelas dan bisa langsung dipakai" });
    await expect(assessor.dialogue.rate({ id: coaching.id, usefulness: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(report.dialogue.rate({ id: coaching.id, usefulness: 6 })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const admin = env.as(w.admin);
    await admin.cycle.run({ id: w.cycleId });
    await env.jobs.idle();
    const result = await admin.result.get({ cycleId: w.cycleId, employeeId: w.report.id });
    const dialogues = await admin.dialogue.listForEmployee({ cycleId: w.cycleId, employeeId: result.employeeId });
    expect(dialogues.items.map((d) => d.topic)).toEqual(["Rencana pelatihan", "Waktu layanan KTP"]);
    expect(dialogues.summary).toEqual({ count: 2, rated: 1, meanUsefulness: 4 });
    const first = await report.dialogue.listForEmployee({ cycleId: w.cycleId, employeeId: w.report.id, limit: 1 });
    const second = await report.dialogue.listForEmployee({ cycleId: w.cycleId, employeeId: w.report.id, limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((d) => d.topic)).toEqual(["Rencana pelatihan", "Waktu layanan KTP"]);
    expect(second.nextCursor).toBeNull();
    await expect(env.as(w.colleague.user).dialogue.listForEmployee({ cycleId: w.cycleId, employeeId: w.report.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const audit = await admin.audit.list({ entity: "dialogue", entityId: coaching.id });
    expect(audit.items.map((e) => e.action)).toEqual(["dialogue.rate", "dialogue.record"]);
  });
});
