// A batch read and evaluated in parts (evaluate-batch.ts) gives, for every employee and in the batch's order,
// the rows that employee evaluated alone gives, on a real SQLite file and on PostgreSQL: the parts' reads
// (sheets, history, adjustments, who leads a unit) lose nothing at a part's edge.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { cycleRules } from "../rules/index.js";
import { cycleEmployeeIds } from "./cycle-scope.js";
import { findCycle } from "./cycles.js";
import { EMPLOYEES_PER_PART, evaluateBatch, type EvaluatedBatch } from "./evaluate-batch.js";

/** Two whole parts and a piece of a third. */
const SIZE = 2 * EMPLOYEES_PER_PART + 37;

describe.each(inject("dialects"))("a batch evaluated in parts on %s", (dialect) => {
  let env: TestEnv;
  let region: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    region = await seedRegion(env, "binjai", SIZE);
  }, 120_000);
  afterAll(() => env?.dispose());

  /** The rows without the moment they were made. */
  const rowsOf = (batch: EvaluatedBatch) => ({
    results: batch.results.map(({ created_at: _at, ...row }) => row),
    outcomes: batch.outcomes,
  });

  it("gives each employee's rows as evaluating them alone does", async () => {
    const { db } = env.database;
    const cycle = await findCycle(db, region.regionId, region.cycleId);
    const compiled = await cycleRules(db, cycle);
    const ids = await cycleEmployeeIds(db, cycle);
    expect(ids).toHaveLength(SIZE);

    const whole = await evaluateBatch(db, cycle, compiled, "run-uji", ids);
    const alone: EvaluatedBatch = { employees: 0, results: [], outcomes: [] };
    for (const id of ids) {
      const one = await evaluateBatch(db, cycle, compiled, "run-uji", [id]);
      alone.employees += one.employees;
      alone.results.push(...one.results);
      alone.outcomes.push(...one.outcomes);
    }
    expect(whole.employees).toBe(SIZE);
    expect(whole.results.map((r) => r.employee_id)).toEqual(ids);
    expect(whole.results.filter((r) => r.predikat !== null).length).toBeGreaterThan(SIZE / 2);
    expect(rowsOf(whole)).toEqual(rowsOf(alone));
  }, 120_000);
});
