// The partitioning of results and result_outcomes by region on PostgreSQL
// (2026-12-11_28_region_partitions_and_run_batches.ts), on a database that already holds results: migrated up
// to the migration before it, two runs of a region written, then brought to the latest schema. Every row moves
// to the region's partition, the keys, foreign keys and the append-only trigger hold on the partitioned
// tables, and a region made afterwards gets its own partitions.
import { Migrator, sql, type Kysely, type Migration } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrateToLatest, type Database } from "@kinerja/db";
import { createTestDatabase, migrations, type TestDatabase } from "@kinerja/db/testing";
import { seedResultsRegion } from "../../testing/results-region.js";

const MIGRATION = "2026-12-11_28_region_partitions_and_run_batches";

describe.skipIf(!inject("dialects").includes("postgres"))("results partitioned by region, from a database holding results (postgres)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres", { migrated: false });
  });
  afterAll(() => database?.dispose());

  it("moves every result and outcome to its region's partition, keeps the keys and the trigger, and partitions a new region", async () => {
    const names = Object.keys(migrations).sort();
    const before = names[names.indexOf(MIGRATION) - 1]!;
    const forDialect: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(migrations)) forDialect[name] = { up: (kysely) => migration.up(kysely, "postgres") };
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]!.schema;
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => forDialect }, migrationTableSchema: schema });
    expect((await migrator.migrateTo(before)).error).toBeUndefined();

    const db = database.db as Kysely<Database>;
    const lama = await seedResultsRegion(db, "postgres", { regionId: "lama", size: 400, previousRun: true });
    const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    const held = { results: await count("results"), outcomes: await count("result_outcomes") };
    expect(held.results).toBe(800);

    expect((await migrateToLatest(db, "postgres"))[0]).toBe(MIGRATION);
    const partition = async (table: string, region: string) =>
      (await sql<{ name: string }>`select region_partition_name(${table}, ${region}) as name`.execute(db)).rows[0]!.name;
    expect(await count(await partition("results", "lama"))).toBe(held.results);
    expect(await count(await partition("result_outcomes", "lama"))).toBe(held.outcomes);
    expect(await count("results")).toBe(held.results);
    expect(await count("results_default")).toBe(0);
    expect(await count("result_outcomes_default")).toBe(0);

    const kind = await sql<{ relname: string; relkind: string }>`
      select relname, relkind::text from pg_class where relnamespace = current_schema()::regnamespace and relname in ('results', 'result_outcomes') order by 1`.execute(db);
    expect(kind.rows).toEqual([
      { relname: "result_outcomes", relkind: "p" },
      { relname: "results", relkind: "p" },
    ]);

    const one = await db.selectFrom("results").selectAll().where("run_id", "=", lama.runId).limit(1).executeTakeFirstOrThrow();
    // The primary key: a result twice in a run is refused.
    await expect(db.insertInto("results").values(one).execute()).rejects.toThrow(/results_pk|duplicate key/);
    // The outcome's foreign key: no outcome of a result that does not exist.
    await expect(
      db.insertInto("result_outcomes").values({ region_id: "lama", run_id: lama.runId, employee_id: "tidak-ada", type: "uji" }).execute(),
    ).rejects.toThrow(/result_outcomes_result_fk|foreign key/);
    // Results never change in place.
    await expect(db.updateTable("results").set({ predikat: "baik" }).where("region_id", "=", "lama").where("run_id", "=", lama.runId).execute()).rejects.toThrow();

    // A region made afterwards gets its partitions with its row.
    await seedResultsRegion(db, "postgres", { regionId: "baru", size: 50, previousRun: false });
    expect(await count(await partition("results", "baru"))).toBe(50);
    expect(await count(await partition("results", "lama"))).toBe(held.results);
  }, 120_000);
});
