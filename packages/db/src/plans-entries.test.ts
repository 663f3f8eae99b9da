// The planning and work tables on every dialect: keyed by region first, evidence bytes stored and read back
// unchanged, and no row pointing into another region (an RHK cascading from another region's RHK, a work
// entry on another region's IKI).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId, now } from "./ids.js";
import { toJson } from "./json.js";
import { createTestDatabase, insertRegionCycle, type TestDatabase } from "./testing/index.js";

const TABLES = ["plans", "plan_reviews", "plan_rhk", "plan_iki", "work_entries", "evidence_files", "feedback", "dialogues"];

describe.each(inject("dialects"))("planning and work tables on %s", (dialect) => {
  let database: TestDatabase;
  const ids: Record<string, { plan: string; rhk: string; iki: string; entry: string }> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    const at = now();
    for (const regionId of ["binjai", "pariaman"]) {
      const { cycle } = await insertRegionCycle(db, regionId, "open");
      const employee = newId();
      await db
        .insertInto("employees")
        .values({ region_id: regionId, id: employee, nip: "198503302010012003", nama: "Siti", jabatan: "Perawat", jenis_jabatan: null, jenjang: null, golongan: null, status: null, unit_id: "dinkes", atasan_nip: null, created_at: at, updated_at: at })
        .execute();
      const plan = newId();
      const rhk = newId();
      const iki = newId();
      const entry = newId();
      await db
        .insertInto("plans")
        .values({ region_id: regionId, id: plan, cycle_id: cycle, employee_id: employee, status: "draft", assessor_nip: null, review_note: null, submitted_at: null, decided_at: null, decided_by: null, created_at: at, updated_at: at })
        .execute();
      await db.insertInto("plan_rhk").values({ region_id: regionId, id: rhk, plan_id: plan, kind: "utama", text: "RHK", parent_rhk_id: null, position: 0, created_at: at, updated_at: at }).execute();
      await db
        .insertInto("plan_iki")
        .values({ region_id: regionId, id: iki, plan_id: plan, rhk_id: rhk, text: "IKI", target: 12.5, satuan: "dokumen", indicator_id: null, aspect: null, position: 0, created_at: at, updated_at: at })
        .execute();
      await db
        .insertInto("work_entries")
        .values({ region_id: regionId, id: entry, cycle_id: cycle, employee_id: employee, plan_id: plan, iki_id: iki, work_date: "2025-02-03", description: "x", quantity: 1.5, status: "submitted", review_note: null, reviewed_by: null, reviewed_at: null, created_by: null, created_at: at, updated_at: at })
        .execute();
      ids[regionId] = { plan, rhk, iki, entry };
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("creates every table with region_id as its first column", async () => {
    const tables = await database.db.introspection.getTables();
    for (const name of TABLES) expect(tables.find((t) => t.name === name)?.columns[0]?.name, name).toBe("region_id");
  });

  it("stores evidence bytes and fractional targets and quantities unchanged", async () => {
    const content = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80]);
    const id = newId();
    await database.db
      .insertInto("evidence_files")
      .values({ region_id: "binjai", id, work_entry_id: ids.binjai!.entry, filename: "b.pdf", content_type: "application/pdf", size: content.length, sha256: "s", content, uploaded_by: null, created_at: now() })
      .execute();
    const row = await database.db.selectFrom("evidence_files").select("content").where("region_id", "=", "binjai").where("id", "=", id).executeTakeFirstOrThrow();
    expect(Buffer.from(row.content).equals(content)).toBe(true);
    const iki = await database.db.selectFrom("plan_iki").select("target").where("id", "=", ids.binjai!.iki).executeTakeFirstOrThrow();
    expect(iki.target).toBe(12.5);
    const entry = await database.db.selectFrom("work_entries").select("quantity").where("id", "=", ids.binjai!.entry).executeTakeFirstOrThrow();
    expect(entry.quantity).toBe(1.5);
  });

  it("refuses rows that point into another region", async () => {
    const { db } = database;
    const at = now();
    await expect(
      db.insertInto("plan_rhk").values({ region_id: "binjai", id: newId(), plan_id: ids.binjai!.plan, kind: "utama", text: "x", parent_rhk_id: ids.pariaman!.rhk, position: 1, created_at: at, updated_at: at }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto("feedback").values({ region_id: "binjai", id: newId(), work_entry_id: ids.pariaman!.entry, parent_id: null, kind: "feedback", asked_nip: null, body: "x", author_id: null, author_name: "x", author_role: "admin", author_nip: null, created_at: at }).execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto("dialogues").values({ region_id: "binjai", id: newId(), cycle_id: "none", employee_id: "none", assessor_nip: null, held_on: "2025-01-01", topic: "x", agreed_actions: toJson([]), notes: null, recorded_by: null, recorded_by_name: "x", usefulness: null, usefulness_comment: null, rated_at: null, created_at: at, updated_at: at }).execute(),
    ).rejects.toThrow();
  });
});
