// How many of a run's results match the results page's filters. A complete run's results never change: a
// re-run, a forum's adjustment or calibration and an upheld appeal each write a new run beside it (runs.ts,
// revisions.ts). So a run's results are counted once per process, grouped by unit and predikat (and, for
// the follow-up filter, once per outcome type), and every total over a unit subtree and a predikat is summed
// from those groups; keyed by the run's id, an entry is never stale and needs no invalidation. Only complete
// runs may be counted here (resolveRun refuses the others), since a run being written still grows.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";

/** Results per predikat (null: the evaluation failed) in each unit. */
export type RunCounts = ReadonlyMap<string, ReadonlyMap<string | null, number>>;

/** Runs counted at once per process; the oldest is dropped first (a hit does not refresh it). */
const MAX_RUNS = 64;
const counted = new Map<string, Promise<RunCounts>>();

function keyOf(regionId: string, runId: string, outcomeType: string | undefined): string {
  return JSON.stringify([regionId, runId, outcomeType ?? null]);
}

/** The query counting a run's results by unit and predikat, only those with an outcome of `outcomeType` when given. */
export function runCountsQuery(db: Kysely<Database>, regionId: string, runId: string, outcomeType?: string) {
  if (!outcomeType) {
    return db
      .selectFrom("results as r")
      .select(["r.unit_id", "r.predikat", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("r.region_id", "=", regionId)
      .where("r.run_id", "=", runId)
      .groupBy(["r.unit_id", "r.predikat"]);
  }
  return db
    .selectFrom("result_outcomes as o")
    .innerJoin("results as r", (join) => join.onRef("r.region_id", "=", "o.region_id").onRef("r.run_id", "=", "o.run_id").onRef("r.employee_id", "=", "o.employee_id"))
    .select(["r.unit_id", "r.predikat", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("o.region_id", "=", regionId)
    .where("o.run_id", "=", runId)
    .where("o.type", "=", outcomeType)
    .groupBy(["r.unit_id", "r.predikat"]);
}

async function groupCounts(db: Kysely<Database>, regionId: string, runId: string, outcomeType: string | undefined): Promise<RunCounts> {
  const rows = await runCountsQuery(db, regionId, runId, outcomeType).execute();
  const byUnit = new Map<string, Map<string | null, number>>();
  for (const row of rows) {
    const unit = byUnit.get(row.unit_id) ?? new Map<string | null, number>();
    unit.set(row.predikat, Number(row.n));
    byUnit.set(row.unit_id, unit);
  }
  return byUnit;
}

/** The complete run's results counted by unit and predikat, only those with an outcome of `outcomeType` when given. */
export function runCounts(db: Kysely<Database>, regionId: string, runId: string, outcomeType?: string): Promise<RunCounts> {
  const key = keyOf(regionId, runId, outcomeType);
  const hit = counted.get(key);
  if (hit) return hit;
  const counting = groupCounts(db, regionId, runId, outcomeType);
  // Concurrent first requests share one count; a failed one is not kept.
  counting.catch(() => counted.delete(key));
  counted.set(key, counting);
  if (counted.size > MAX_RUNS) counted.delete(counted.keys().next().value as string);
  return counting;
}

/** The results in `units` (every unit when null) with `predikat` (any when undefined). */
export function countOf(counts: RunCounts, units: readonly string[] | null, predikat: string | undefined): number {
  let total = 0;
  const add = (unit: ReadonlyMap<string | null, number> | undefined) => {
    if (!unit) return;
    if (predikat === undefined) for (const n of unit.values()) total += n;
    else total += unit.get(predikat) ?? 0;
  };
  if (units === null) for (const unit of counts.values()) add(unit);
  else for (const id of new Set(units)) add(counts.get(id));
  return total;
}
