// Result rows written by insertResults, whose statements are kysely's text made once per shape with the values
// laid out flat: the stored rows are those kysely's builder stores for the same rows, on each dialect, for
// rows of one shape, for row counts that come and go, and for rows of mixed shapes (which take the builder).
import { now, type Database, type NewResult, type NewResultOutcome } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { seedResultsRegion, type ResultsRegion } from "../../testing/results-region.js";
import { findCycle } from "../cycles/index.js";
import { insertResults, insertRun } from "./index.js";

const ACTOR = { id: null, name: "Uji", role: "operator" } as const;

describe.each(inject("dialects"))("result rows written by insertResults (%s)", (dialect) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let region: ResultsRegion;
  let rows: NewResult[];
  let outcomes: NewResultOutcome[];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db as Kysely<Database>;
    region = await seedResultsRegion(db, dialect, { regionId: "tulis", size: 64, opds: 4, subUnits: 2 });
    rows = await db.selectFrom("results").selectAll().where("run_id", "=", region.runId).orderBy("employee_id").execute();
    outcomes = await db.selectFrom("result_outcomes").selectAll().where("run_id", "=", region.runId).orderBy("employee_id").orderBy("type").execute();
    // Texts that bind as themselves, nulls beside values in one column, and decimals.
    rows[0] = { ...rows[0]!, nama: "Siti Nurhaliza, S.Kom.; 'Ä' \"ü\" 😀", explanation: null, score: 87.125 };
    rows[1] = { ...rows[1]!, predikat: null, predikat_label: null, score: null, error: "Penilai belum mengisi" };
  }, 120_000);
  afterAll(() => database?.dispose());

  async function newRun(): Promise<string> {
    const cycle = await findCycle(db, region.regionId, region.cycleId);
    const { runId } = await insertRun(db, cycle, ACTOR, { kind: "cycle.run", total: rows.length, reason: null, complete: false, at: now() });
    return runId;
  }

  const stored = async (runId: string) => ({
    results: (await db.selectFrom("results").selectAll().where("run_id", "=", runId).orderBy("employee_id").execute()).map(({ run_id: _, ...r }) => r),
    outcomes: (await db.selectFrom("result_outcomes").selectAll().where("run_id", "=", runId).orderBy("employee_id").orderBy("type").execute()).map(({ run_id: _, ...o }) => o),
  });

  /** The same rows written by kysely's builder into a run of their own. */
  async function builderWrote(results: NewResult[], outs: NewResultOutcome[]) {
    const runId = await newRun();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("results").values(results.map((r) => ({ ...r, run_id: runId }))).execute();
      if (outs.length > 0) await trx.insertInto("result_outcomes").values(outs.map((o) => ({ ...o, run_id: runId }))).execute();
    });
    return stored(runId);
  }

  async function insertResultsWrote(batches: Array<[NewResult[], NewResultOutcome[]]>) {
    const runId = await newRun();
    for (const [results, outs] of batches) {
      await db.transaction().execute((trx) =>
        insertResults(
          trx,
          results.map((r) => ({ ...r, run_id: runId })),
          outs.map((o) => ({ ...o, run_id: runId })),
        ),
      );
    }
    return stored(runId);
  }

  const outcomesOf = (results: NewResult[]) => outcomes.filter((o) => results.some((r) => r.employee_id === o.employee_id));

  it("stores what kysely's builder stores, in batches of changing sizes, the same size again among them", async () => {
    const sizes = [20, 3, 20, 21];
    const batches: Array<[NewResult[], NewResultOutcome[]]> = [];
    let start = 0;
    for (const size of sizes) {
      const part = rows.slice(start, (start += size));
      batches.push([part, outcomesOf(part)]);
    }
    const written = await insertResultsWrote(batches);
    expect(written.results).toHaveLength(64);
    expect(written.outcomes.length).toBeGreaterThan(0);
    expect(written).toEqual(await builderWrote(rows, outcomes));
    expect(written.results[0]).toMatchObject({ nama: "Siti Nurhaliza, S.Kom.; 'Ä' \"ü\" 😀", explanation: null });
    expect(Number(written.results[0]!.score)).toBe(87.125);
    expect(written.results[1]).toMatchObject({ predikat: null, score: null, error: "Penilai belum mengisi" });
  });

  it("writes rows of mixed shapes as the builder does: a column left out of one row takes its default", async () => {
    const part = rows.slice(0, 5).map((r, i) => (i === 2 ? (({ rollup: _, ...rest }) => rest)(r) : i === 3 ? { ...r, explanation: undefined } : r)) as NewResult[];
    const written = await insertResultsWrote([[part, outcomesOf(part)]]);
    expect(written).toEqual(await builderWrote(part, outcomesOf(part)));
    expect(written.results).toHaveLength(5);
  });

  it("refuses a batch that breaks a key, as the builder does, and leaves the transaction's rows out", async () => {
    const runId = await newRun();
    const twice = [rows[0]!, rows[0]!].map((r) => ({ ...r, run_id: runId }));
    await expect(db.transaction().execute((trx) => insertResults(trx, twice, []))).rejects.toThrow(/unique|duplicate|results_pk/i);
    expect((await stored(runId)).results).toEqual([]);
  });
});
