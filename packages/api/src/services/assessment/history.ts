// The history an appraisal reads: the annual predikat of each earlier year. Years the region ran in Kinerja
// come from its finalised cycles (each cycle's current result, annual or by period, the core taking a year's
// annual result over its periods); years before Kinerja from the imported history (imported_history), for
// the years no finalised cycle covers. Within the cycle's own year, the earlier periods of the same kind
// (semester 1 before semester 2) are there too, so `predikat.previous` reads the period before.
import { periodYear, type HistoryEntry } from "@kinerja/core";
import { selectArrays, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { pushTo } from "../lib/index.js";

/** What is read of a year's imported history. */
const IMPORTED = ["employee_id", "year", "predikat"] as const;

interface Dated extends HistoryEntry {
  year: number;
  annual: boolean;
}

/** Oldest first: by year, a year's periods in label order, and its annual result after them. */
function byTime(a: Dated, b: Dated): number {
  return a.year - b.year || Number(a.annual) - Number(b.annual) || (a.period ?? "").localeCompare(b.period ?? "");
}

/**
 * The results of these employees in these runs, each read by the results' key: a run's batches read their
 * employees' earlier years (history) and an annual roll-up's periods this way. Asked together with the
 * cycles, or without the score, SQLite (which the server never gives statistics) would rather scan each run's
 * whole range of a page index that holds every column asked, or that a condition on the predikat can bound:
 * so the score, which no page index holds, is always read, and results without a predikat are dropped by the
 * caller. Further columns are selected on the query returned.
 */
export function resultsOfRuns(db: Kysely<Database>, regionId: string, runIds: readonly string[], employeeIds: readonly string[]) {
  return db
    .selectFrom("results")
    .select(["run_id", "employee_id", "predikat", "score"])
    .where("region_id", "=", regionId)
    .where("run_id", "in", runIds)
    .where("employee_id", "in", employeeIds);
}

/** The history of each of the given employees, by employee id (oldest first); an employee without one is absent. */
export async function historyFor(db: Kysely<Database>, cycle: CycleRow, employeeIds: readonly string[]): Promise<Map<string, HistoryEntry[]>> {
  const year = periodYear(cycle.period_label);
  const histories = new Map<string, HistoryEntry[]>();
  if (year === null || employeeIds.length === 0) return histories;
  const regionId = cycle.region_id;
  // The region's finalised cycles up to the cycle's year, then their current results of these employees. Asked
  // as one join, SQLite (which the server never gives statistics) read every result of each finalised run for
  // each batch of a run, a region's second year on; by the runs' ids it reads each employee's by the key.
  const earlier = await db
    .selectFrom("cycles")
    .select(["current_run_id", "period_kind", "period_label"])
    .where("region_id", "=", regionId)
    .where("status", "=", "finalised")
    .where("id", "!=", cycle.id)
    // Labels begin with their year, so this keeps the years up to the cycle's own; the year's later or
    // other-kind periods are dropped below.
    .where("period_label", "<", String(year + 1))
    .where("current_run_id", "is not", null)
    .execute();
  const cycleOfRun = new Map(earlier.map((c) => [c.current_run_id!, c]));
  const finalised = cycleOfRun.size === 0 ? [] : await resultsOfRuns(db, regionId, [...cycleOfRun.keys()], employeeIds).execute();
  // As arrays: a row for each earlier year of each person, a run's largest read after the sheets.
  const imported = await selectArrays(
    db,
    db.selectFrom("imported_history").select(IMPORTED).where("region_id", "=", regionId).where("employee_id", "in", employeeIds).where("year", "<", year),
    IMPORTED,
  );

  const dated = new Map<string, Dated[]>();
  const coveredYears = new Map<string, Set<number>>();
  for (const r of finalised) {
    if (r.predikat === null) continue;
    const { period_kind, period_label } = cycleOfRun.get(r.run_id)!;
    const entryYear = periodYear(period_label);
    if (entryYear === null) continue;
    const annual = period_kind === "annual";
    const earlierInYear = entryYear === year && period_kind === cycle.period_kind && period_label < cycle.period_label;
    if (entryYear > year || (entryYear === year && !earlierInYear)) continue;
    pushTo(dated, r.employee_id, { year: entryYear, ...(annual ? {} : { period: period_label }), predikat: r.predikat as string, annual });
    coveredYears.set(r.employee_id, (coveredYears.get(r.employee_id) ?? new Set()).add(entryYear));
  }
  for (const [employeeId, importedYear, predikat] of imported) {
    if (coveredYears.get(employeeId)?.has(importedYear)) continue;
    pushTo(dated, employeeId, { year: importedYear, predikat, annual: true });
  }
  for (const [employeeId, entries] of dated) {
    histories.set(
      employeeId,
      entries.sort(byTime).map(({ annual: _annual, ...entry }) => entry),
    );
  }
  return histories;
}
