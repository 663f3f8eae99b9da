// The move of employees.history (periods without years) into imported_history (one predikat per year), on
// every dialect: a database migrated up to the migration before it, with employees' old history, then
// brought to the latest schema.
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { now } from "./ids.js";
import { migrateToLatest } from "./migrate.js";
import { migrations } from "./migrations/index.js";
import type { Database } from "./schema.js";
import { createTestDatabase, type TestDatabase } from "./testing/index.js";

const MIGRATION = "2026-12-07_18_imported_history";

describe.each(inject("dialects"))("imported history on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect, { migrated: false });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it("moves each old history entry whose period begins with a year to that year, and drops the old column", async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf(MIGRATION) - 1]!;
    const forDialect: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(migrations)) forDialect[name] = { up: (kysely) => migration.up(kysely, dialect) };
    const schema =
      dialect === "postgres" ? ((await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]?.schema ?? undefined) : undefined;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => forDialect }, ...(schema ? { migrationTableSchema: schema } : {}) });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema before this migration, which Database no longer describes
    const old = database.db as unknown as Kysely<any>;
    const at = now();
    await old.insertInto("regions").values({ id: "samarinda", name: "Kota Samarinda", created_at: at }).execute();
    await old.insertInto("units").values({ region_id: "samarinda", id: "bkpsdm", parent_id: null, name: "BKPSDM", type: "badan", created_at: at }).execute();
    const person = (id: string, nip: string, history: unknown) => ({
      region_id: "samarinda",
      id,
      nip,
      nama: "Nur Aisyah",
      jabatan: "Analis",
      unit_id: "bkpsdm",
      history: JSON.stringify(history),
      created_at: at,
      updated_at: at,
    });
    await old
      .insertInto("employees")
      .values([
        person("e1", "199505092020122001", [
          { period: "2022", predikat: "baik" },
          { period: "2023-S1", predikat: "butuh_perbaikan" },
          { period: "2023-S2", predikat: "sangat_baik" },
          { period: "Triwulan I", predikat: "baik" },
        ]),
        person("e2", "199001152015032002", []),
      ])
      .execute();

    // This migration runs first, then any that came after it.
    expect((await migrateToLatest(database.db, dialect))[0]).toBe(MIGRATION);
    const moved = await (database.db as Kysely<Database>)
      .selectFrom("imported_history")
      .select(["employee_id", "year", "predikat", "imported_by"])
      .orderBy("employee_id")
      .orderBy("year")
      .execute();
    expect(moved).toEqual([
      { employee_id: "e1", year: 2022, predikat: "baik", imported_by: "data pegawai sebelumnya" },
      { employee_id: "e1", year: 2023, predikat: "sangat_baik", imported_by: "data pegawai sebelumnya" },
    ]);
    const columns = (await database.db.introspection.getTables()).find((t) => t.name === "employees" && (schema === undefined || t.schema === schema))!.columns.map((c) => c.name);
    expect(columns).not.toContain("history");
  });
});
