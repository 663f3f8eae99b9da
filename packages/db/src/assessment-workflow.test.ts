// The assessment workflow's tables on every dialect: keyed by region first, one appeal per employee and
// cycle, no row pointing into another region, and results and adjustments never changed in place (the
// database itself refuses).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId, now } from "./ids.js";
import { toJson } from "./json.js";
import { createTestDatabase, insertRegionCycle, type TestDatabase } from "./testing/index.js";

const TABLES = ["cycle_units", "assessment_deadlines", "peer_assignments", "assessment_reopenings", "appeals", "predikat_adjustments", "forum_sessions"];

describe.each(inject("dialects"))("assessment workflow tables on %s", (dialect) => {
  let database: TestDatabase;
  const ids: Record<string, { cycle: string; run: string; employees: [string, string]; appeal: string; adjustment: string }> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    const at = now();
    for (const regionId of ["binjai", "pariaman"]) {
      const { ruleSet, cycle } = await insertRegionCycle(db, regionId, "finalised");
      const employees: [string, string] = [newId(), newId()];
      for (const [i, id] of employees.entries()) {
        await db
          .insertInto("employees")
          .values({ region_id: regionId, id, nip: `19850115201003100${i + 1}`, nama: `Pegawai ${i}`, jabatan: "Staf", jenis_jabatan: null, jenjang: null, golongan: null, status: null, unit_id: "dinkes", atasan_nip: null, created_at: at, updated_at: at })
          .execute();
      }
      const job = newId();
      await db.insertInto("jobs").values({ region_id: regionId, id: job, kind: "cycle.run", cycle_id: cycle, run_id: null, total: 2, error: null, created_by: null, created_at: at, started_at: null, finished_at: null, updated_at: at }).execute();
      const run = newId();
      await db
        .insertInto("result_runs")
        .values({ region_id: regionId, id: run, cycle_id: cycle, version: 1, job_id: job, rule_set_version_id: ruleSet, rule_set_hash: "h", status: "complete", total: 2, reason: null, started_by: null, started_at: at, completed_at: at })
        .execute();
      await db
        .insertInto("results")
        .values({ region_id: regionId, run_id: run, employee_id: employees[0], nip: "x", nama: "x", unit_id: "dinkes", jabatan: "x", predikat: "baik", predikat_label: "Baik", score: 80, scores: "{}", decisions: "{}", outcomes: "[]", explanation: null, input: "{}", rule_set_hash: "h", error: null, created_at: at })
        .execute();
      const appeal = newId();
      await db
        .insertInto("appeals")
        .values({ region_id: regionId, id: appeal, cycle_id: cycle, employee_id: employees[0], run_id: run, predikat: "baik", reason: "x", status: "submitted", assessor_nip: null, decider_nip: null, submitted_by: null, submitted_at: at, decided_by: null, decided_by_name: null, decided_at: null, decision_reason: null, new_predikat: null, result_run_id: null })
        .execute();
      const adjustment = newId();
      await db
        .insertInto("predikat_adjustments")
        .values({ region_id: regionId, id: adjustment, cycle_id: cycle, employee_id: employees[0], kind: "appeal", fact: "predikat", from_value: "baik", to_value: "sangat_baik", reason: "x", by_label: "x", actor_id: null, actor_name: "x", appeal_id: appeal, run_id: run, created_at: at })
        .execute();
      await db.insertInto("cycle_units").values({ region_id: regionId, cycle_id: cycle, unit_id: "dinkes" }).execute();
      await db.insertInto("forum_sessions").values({ region_id: regionId, id: newId(), cycle_id: cycle, unit_id: "dinkes", held_on: "2026-01-10", members: toJson([]), notes: null, actor_id: null, actor_name: "x", created_at: at }).execute();
      ids[regionId] = { cycle, run, employees, appeal, adjustment };
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates every table with region_id as its first column, and the new columns of cycles and assessments", async () => {
    const tables = await database.db.introspection.getTables();
    for (const name of TABLES) expect(tables.find((t) => t.name === name)?.columns[0]?.name, name).toBe("region_id");
    expect(tables.find((t) => t.name === "cycles")?.columns.map((c) => c.name)).toContain("finalised_at");
    expect(tables.find((t) => t.name === "assessments")?.columns.map((c) => c.name)).toContain("comment");
  });

  it("never changes a result or an adjustment in place", async () => {
    const { db } = database;
    const b = ids.binjai!;
    await expect(db.updateTable("results").set({ predikat: "sangat_baik" }).where("region_id", "=", "binjai").execute()).rejects.toThrow(/never changed in place/);
    await expect(db.updateTable("predikat_adjustments").set({ reason: "diubah" }).where("id", "=", b.adjustment).execute()).rejects.toThrow(/never changed in place/);
    await expect(db.deleteFrom("predikat_adjustments").where("id", "=", b.adjustment).execute()).rejects.toThrow(/never changed in place/);
    const kept = await db.selectFrom("results").select("predikat").where("region_id", "=", "binjai").executeTakeFirstOrThrow();
    expect(kept.predikat).toBe("baik");
  });

  it("takes one appeal per employee and cycle, and refuses rows that point into another region", async () => {
    const { db } = database;
    const b = ids.binjai!;
    const p = ids.pariaman!;
    const appeal = { region_id: "binjai", cycle_id: b.cycle, employee_id: b.employees[0], run_id: b.run, predikat: "baik", reason: "x", status: "submitted" as const, assessor_nip: null, decider_nip: null, submitted_by: null, submitted_at: now(), decided_by: null, decided_by_name: null, decided_at: null, decision_reason: null, new_predikat: null, result_run_id: null };
    await expect(db.insertInto("appeals").values({ ...appeal, id: newId() }).execute()).rejects.toThrow();
    await expect(db.insertInto("appeals").values({ ...appeal, id: newId(), employee_id: b.employees[1], run_id: p.run }).execute()).rejects.toThrow();
    await expect(
      db.insertInto("peer_assignments").values({ region_id: "binjai", cycle_id: b.cycle, employee_id: b.employees[0], peer_employee_id: p.employees[1], assigned_by: null, created_at: now() }).execute(),
    ).rejects.toThrow();
    await expect(db.insertInto("cycle_units").values({ region_id: "binjai", cycle_id: p.cycle, unit_id: "dinkes" }).execute()).rejects.toThrow();
  });
});
