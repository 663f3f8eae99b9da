// A revision copies the whole current run into a new one; on PostgreSQL the copy is analysed in the same
// transaction, as a cycle's run is, so the planner knows the new run's rows (autovacuum is switched off for
// the region's partitions of the results tables here, as it may not come for a while on a busy server).
import { predikatLevels } from "@kinerja/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, NATIONAL_RULES, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { systemScope } from "../access/index.js";
import { loadRuleFile } from "../rules/index.js";
import { reviseResults } from "./revisions.js";

const SIZE = 30;
const postgres = inject("dialects").filter((dialect) => dialect === "postgres");

describe.skipIf(postgres.length === 0).each(postgres)("a revision's statistics on %s", (dialect) => {
  let env: TestEnv;
  let region: SeededRegion;

  /** The region's partition of the table (results and result_outcomes are partitioned by region). */
  const partition = async (table: string) =>
    (await sql<{ name: string }>`select region_partition_name(${table}, ${region.regionId}) as name`.execute(env.database.db)).rows[0]!.name;
  const estimatedRows = async (table: string) => {
    const { rows } = await sql<{ n: number }>`select reltuples as n from pg_class where oid = ${await partition(table)}::regclass`.execute(env.database.db);
    return Number(rows[0]?.n);
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    region = await seedRegion(env, "binjai", SIZE);
    for (const table of ["results", "result_outcomes"]) await sql`alter table ${sql.table(await partition(table))} set (autovacuum_enabled = false)`.execute(env.database.db);
    await env.as(region.admin).cycle.run({ id: region.cycleId });
    await env.jobs.idle();
  }, 120_000);
  afterAll(() => env?.dispose());

  it("analyses results after copying the run, so PostgreSQL counts the new run's rows", async () => {
    const { db } = env.database;
    expect(await estimatedRows("results")).toBe(SIZE);
    const cycle = await db.selectFrom("cycles").selectAll().where("region_id", "=", region.regionId).where("id", "=", region.cycleId).executeTakeFirstOrThrow();
    const result = await db
      .selectFrom("results")
      .select(["employee_id", "predikat"])
      .where("region_id", "=", region.regionId)
      .where("run_id", "=", cycle.current_run_id!)
      .where("error", "is", null)
      .orderBy("employee_id")
      .executeTakeFirstOrThrow();
    const to = predikatLevels(loadRuleFile(NATIONAL_RULES).ruleSet).find((level) => level !== result.predikat)!;
    await db.transaction().execute((trx) =>
      reviseResults(systemScope(trx, region.regionId, { id: null, name: "Forum uji", role: "admin" }), cycle, "Forum evaluasi uji", [
        { employeeId: result.employee_id, kind: "forum", to, reason: "Capaian unit melampaui target bersama", by: "Forum uji" },
      ]),
    );
    expect(await estimatedRows("results")).toBe(2 * SIZE);
  });
});
