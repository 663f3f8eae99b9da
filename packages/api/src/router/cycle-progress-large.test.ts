// A cycle of more than 33,000 employees, on a real SQLite file and on PostgreSQL: the dashboard's progress,
// the reminders and an assessor's to-do list are read without binding one parameter per employee (SQLite
// refuses a statement with more than 32,766), and count every one of them.
import { newId, now, type NewEmployee } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 20;
/** Past SQLite's 32,766 bound parameters, whichever list of ids a query would bind. */
const EXTRA = 33_500;

/** NIPs of the added staff: 18 digits, apart from the demo's (born 1950, sequence in the last digits). */
const nipOf = (i: number) => `1950${String(i).padStart(14, "0")}`;

describe.each(inject("dialects"))("a cycle of %s employees beyond SQLite's parameter limit", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  const admin = () => env.as(binjai.admin);
  const assessor = () => env.as(binjai.assessor);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", SIZE);
    const { db } = env.database;
    const report = await db.selectFrom("employees").selectAll().where("region_id", "=", binjai.regionId).where("id", "=", binjai.report.id).executeTakeFirstOrThrow();
    const at = now();
    // Staff under the assessor, in the unit of the assessor's report: the cycle covers the whole region.
    const staff: NewEmployee[] = Array.from({ length: EXTRA }, (_, i) => ({
      region_id: binjai.regionId,
      id: newId(),
      nip: nipOf(i),
      nama: `Staf ${i}`,
      jabatan: "Pelaksana",
      jenis_jabatan: "pelaksana",
      jenjang: null,
      golongan: "II/a",
      status: "PNS",
      unit_id: report.unit_id,
      atasan_nip: report.atasan_nip,
      created_at: at,
      updated_at: at,
    }));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < staff.length; i += 1_000) await trx.insertInto("employees").values(staff.slice(i, i + 1_000)).execute();
    });
  }, 300_000);
  afterAll(() => env?.dispose());

  it("counts the cycle's progress for the admin and the assessor", { timeout: 300_000 }, async () => {
    const all = await admin().cycle.progress({ cycleId: binjai.cycleId });
    expect(all).toMatchObject({ employees: SIZE + EXTRA, plans: { none: SIZE + EXTRA, draft: 0 }, workEntriesPending: 0, evaluated: 0 });
    expect(all.sheets.supervisor?.expected).toBeGreaterThanOrEqual(EXTRA);

    const team = await assessor().cycle.progress({ cycleId: binjai.cycleId });
    expect(team.employees).toBeGreaterThan(EXTRA);
    expect(team.employees).toBeLessThan(SIZE + EXTRA);
  });

  it("lists who is late, and the assessor's own sheets, over every employee", { timeout: 300_000 }, async () => {
    await admin().assessment.setDeadline({ cycleId: binjai.cycleId, source: "supervisor", dueDate: "2025-01-31" });
    const progress = await admin().cycle.progress({ cycleId: binjai.cycleId });
    const late = await admin().assessment.reminders({ cycleId: binjai.cycleId });
    expect(late.late.length).toBe(progress.lateSheets);
    expect(late.late.length).toBeGreaterThanOrEqual(EXTRA);

    const own = await assessor().assessment.reminders({ cycleId: binjai.cycleId });
    expect(own.late.filter((s) => s.source === "supervisor").length).toBeGreaterThanOrEqual(EXTRA);
    const tasks = await assessor().assessment.tasks({ cycleId: binjai.cycleId });
    expect(tasks.filter((t) => t.source === "supervisor" && t.ratee.nama.startsWith("Staf ")).length).toBe(EXTRA);
  });
});
