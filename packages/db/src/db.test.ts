// One suite, run on every dialect the test run has (SQLite always, PostgreSQL when it answers).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { databaseConfigFromEnv, DEFAULT_SQLITE_FILE } from "./dialect.js";
import { newId, now } from "./ids.js";
import { parseJson, toJson } from "./json.js";
import { migrateToLatest, migrationNames } from "./migrate.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

const TABLES = [
  "regions",
  "user",
  "session",
  "account",
  "verification",
  "units",
  "employees",
  "imported_history",
  "rule_set_versions",
  "cycles",
  "assessments",
  "jobs",
  "result_runs",
  "results",
  "result_outcomes",
  "audit_log",
];

describe("database configuration", () => {
  it("defaults to the SQLite file under data/ at the repository root", () => {
    expect(databaseConfigFromEnv({})).toEqual({ dialect: "sqlite", file: DEFAULT_SQLITE_FILE });
    expect(DEFAULT_SQLITE_FILE).toMatch(/data[/\\]kinerja\.db$/);
  });
  it("chooses PostgreSQL for postgres:// URLs and SQLite for file: paths", () => {
    expect(databaseConfigFromEnv({ DATABASE_URL: "postgres://u@h:5432/db" })).toEqual({
      dialect: "postgres",
      url: "postgres://u@h:5432/db",
    });
    expect(databaseConfigFromEnv({ DATABASE_URL: "postgresql://u@h/db" }).dialect).toBe("postgres");
    expect(databaseConfigFromEnv({ DATABASE_URL: "file:/tmp/x.db" })).toEqual({ dialect: "sqlite", file: "/tmp/x.db" });
  });
  it("refuses a URL of another database with a message saying what is accepted", () => {
    expect(() => databaseConfigFromEnv({ DATABASE_URL: "mysql://h/db" })).toThrow(/expected postgres:\/\//);
  });
});

describe("ids", () => {
  it("are UUIDv7 and sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 2_000 }, () => newId());
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(inject("dialects"))("database on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrated: false });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  async function seedRegion(id: string): Promise<void> {
    const { db } = database;
    await db.insertInto("regions").values({ id, name: `Kota ${id}`, created_at: now() }).execute();
    await db
      .insertInto("units")
      .values([
        { region_id: id, id: "bkpsdm", parent_id: null, name: "BKPSDM", type: "badan", created_at: now() },
        { region_id: id, id: "dinkes", parent_id: null, name: "Dinas Kesehatan", type: "dinas", created_at: now() },
        { region_id: id, id: "pkm-1", parent_id: "dinkes", name: "Puskesmas 1", type: "puskesmas", created_at: now() },
      ])
      .execute();
  }

  function employee(regionId: string, nip: string, unitId = "dinkes") {
    return {
      region_id: regionId,
      id: newId(),
      nip,
      nama: "Siti Rahma",
      jabatan: "Perawat Ahli Pertama",
      jenis_jabatan: "fungsional",
      jenjang: "Ahli Pertama",
      golongan: "III/a",
      status: "PNS",
      unit_id: unitId,
      atasan_nip: null,
      attributes: toJson({ guru: false, masaKerja: 7 }),
      created_at: now(),
      updated_at: now(),
    };
  }

  it("runs every migration once, and a second run does nothing", async () => {
    const ran = await migrateToLatest(database.db, dialect);
    expect(ran).toEqual(migrationNames());
    expect(migrationNames().every((name) => /^\d{4}-\d{2}-\d{2}_/.test(name))).toBe(true);
    expect(await migrateToLatest(database.db, dialect)).toEqual([]);
  });

  it("creates every table, each regional one keyed by region_id first", async () => {
    const tables = await database.db.introspection.getTables();
    const names = tables.map((t) => t.name);
    for (const table of TABLES) expect(names).toContain(table);
    for (const table of tables.filter((t) => TABLES.includes(t.name) && !["user", "session", "account", "verification", "regions"].includes(t.name))) {
      expect(table.columns[0]?.name, table.name).toBe("region_id");
    }
  });

  it("uses WAL on SQLite", async () => {
    if (dialect !== "sqlite") return;
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
    expect(rows[0]?.journal_mode).toBe("wal");
  });

  it("stores JSON as text on both dialects, and reads it back the same", async () => {
    await seedRegion("binjai");
    const row = employee("binjai", "198503302010012003");
    await database.db.insertInto("employees").values(row).execute();
    const stored = await database.db
      .selectFrom("employees")
      .selectAll()
      .where("region_id", "=", "binjai")
      .where("nip", "=", row.nip)
      .executeTakeFirstOrThrow();
    expect(typeof stored.attributes).toBe("string");
    expect(parseJson(stored.attributes)).toEqual({ guru: false, masaKerja: 7 });
  });

  it("keeps a NIP unique within a region but not across regions", async () => {
    await seedRegion("pariaman");
    const nip = "198503302010012003";
    await database.db.insertInto("employees").values(employee("pariaman", nip)).execute();
    await expect(database.db.insertInto("employees").values(employee("pariaman", nip)).execute()).rejects.toThrow();
  });

  it("refuses a row that points into another region's units", async () => {
    await database.db
      .insertInto("units")
      .values({ region_id: "pariaman", id: "only-in-pariaman", parent_id: null, name: "X", type: null, created_at: now() })
      .execute();
    await expect(
      database.db.insertInto("employees").values(employee("binjai", "199001012015031004", "only-in-pariaman")).execute(),
    ).rejects.toThrow();
    await expect(
      database.db
        .insertInto("units")
        .values({ region_id: "binjai", id: "child", parent_id: "only-in-pariaman", name: "Y", type: null, created_at: now() })
        .execute(),
    ).rejects.toThrow();
  });

  it("rolls a failed transaction back completely", async () => {
    const before = await database.db.selectFrom("employees").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto("employees").values(employee("binjai", "199202022016032005")).execute();
        await trx.insertInto("employees").values(employee("binjai", "199202022016032005")).execute();
      }),
    ).rejects.toThrow();
    const after = await database.db.selectFrom("employees").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("keeps the audit log append-only", async () => {
    const entry = {
      region_id: "binjai",
      id: newId(),
      at: now(),
      actor_id: null,
      actor_name: "Admin Binjai",
      actor_role: "admin",
      action: "employee.update",
      entity: "employee",
      entity_id: "x",
      before: toJson({ jabatan: "A" }),
      after: toJson({ jabatan: "B" }),
    };
    await database.db.insertInto("audit_log").values(entry).execute();
    await expect(
      database.db.updateTable("audit_log").set({ action: "tampered" }).where("id", "=", entry.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom("audit_log").where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
    const kept = await database.db.selectFrom("audit_log").select("action").where("id", "=", entry.id).executeTakeFirstOrThrow();
    expect(kept.action).toBe("employee.update");
  });

  it("returns counts and scores as numbers", async () => {
    const { n } = await database.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(typeof n).toBe("number");
  });
});
