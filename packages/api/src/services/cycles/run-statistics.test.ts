// PostgreSQL plans a run's reads by statistics, and a run's rows are new to them: a finished run has analysed
// its region's partitions of results and result_outcomes, of the columns queries filter, join, sort and group
// on, and not of a result's JSON documents, which plan nothing and were most of an analyse's time.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemScope } from "../access/index.js";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { JobRunner } from "./jobs.js";
import { startCycleRun } from "./run.js";

const ACTOR = { id: null, name: "Uji", role: "operator" } as const;

describe.skipIf(!inject("dialects").includes("postgres"))("the statistics a cycle's run takes on postgres", () => {
  let env: TestEnv;
  let region: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv("postgres");
    region = await seedRegion(env, "samarinda", 40);
  }, 120_000);
  afterAll(() => env?.dispose());

  /** The columns of the region's partition of `table` that PostgreSQL holds statistics of. */
  async function columnsWithStatistics(table: string): Promise<string[]> {
    const { rows } = await sql<{ column: string }>`
      select attname as column from pg_stats
      where schemaname = current_schema() and tablename = region_partition_name(${table}, ${region.regionId})
      order by attname`.execute(env.database.db);
    return rows.map((row) => row.column);
  }

  it("analyses the region's partitions, of the columns that plan queries and not of the JSON documents", async () => {
    expect(await columnsWithStatistics("results")).toEqual([]);
    const jobs = new JobRunner({
      runBatchSize: 10,
      onError: (_id, error) => {
        throw error;
      },
    });
    await startCycleRun(systemScope(env.database.db, region.regionId, ACTOR), jobs, { cycleId: region.cycleId });
    await jobs.idle();

    const results = await columnsWithStatistics("results");
    expect(results).toEqual(expect.arrayContaining(["region_id", "run_id", "employee_id", "nip", "nama", "unit_id", "predikat", "score"]));
    for (const document of ["scores", "decisions", "outcomes", "explanation", "input", "rollup"]) expect(results).not.toContain(document);
    expect(await columnsWithStatistics("result_outcomes")).toEqual(["employee_id", "region_id", "run_id", "type"]);
  });
});
