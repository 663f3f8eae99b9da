// Reading rater sheets as stored: a sheet as the API shows it (with its reopenings), one rater's sheet on
// one employee, the open cycle sheets are taken in, and the indicator set a source rates an employee on.
// Shared by the queries (form, list, feedback) and the commands (save, reopen).
import { DomainError, pushTo } from "../lib/index.js";
import { raterSourceLabel, sourcesOfSet, type CompiledRuleSet, type IndicatorSet, type IndicatorValue, type RaterSource } from "@kinerja/core";
import { parseJson, type AssessmentRow, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findCycle } from "../cycles/index.js";
import { indicatorSetsOf } from "../rules/index.js";

export interface AssessmentView {
  id: string;
  cycleId: string;
  employeeId: string;
  source: RaterSource;
  rater: string;
  ratings: Record<string, number>;
  values: Record<string, IndicatorValue>;
  facts: Record<string, string | number | boolean | null>;
  comment: string | null;
  /** Null while the sheet is a draft. */
  submittedAt: string | null;
  /** Each time the sheet was opened again after submission, with the reason. */
  reopenings: Array<{ reason: string; by: string; at: string }>;
}

export function view(row: AssessmentRow, reopenings: AssessmentView["reopenings"] = []): AssessmentView {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    employeeId: row.employee_id,
    source: row.source as RaterSource,
    rater: row.rater,
    ratings: parseJson(row.ratings),
    values: parseJson(row.values),
    facts: parseJson(row.facts),
    comment: row.comment,
    submittedAt: row.submitted_at,
    reopenings,
  };
}

export async function reopeningsOf(db: Kysely<Database>, regionId: string, ids: string[]): Promise<Map<string, AssessmentView["reopenings"]>> {
  const found = new Map<string, AssessmentView["reopenings"]>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom("assessment_reopenings")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("assessment_id", "in", ids)
    .orderBy("id")
    .execute();
  for (const r of rows) pushTo(found, r.assessment_id, { reason: r.reason, by: r.actor_name, at: r.at });
  return found;
}

/** A sheet as a view, with its reopenings. */
export async function withReopenings(db: Kysely<Database>, row: AssessmentRow): Promise<AssessmentView> {
  return view(row, (await reopeningsOf(db, row.region_id, [row.id])).get(row.id));
}

/** The sheet (by id) read again as a view. */
export async function sheetView(db: Kysely<Database>, regionId: string, id: string): Promise<AssessmentView> {
  const row = await db.selectFrom("assessments").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  return withReopenings(db, row);
}

/** The sheet one rater writes on one employee as one source, if started. */
export async function findSheet(
  db: Kysely<Database>,
  cycle: CycleRow,
  employeeId: string,
  source: RaterSource,
  rater: string,
): Promise<AssessmentRow | undefined> {
  return db
    .selectFrom("assessments")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "=", employeeId)
    .where("source", "=", source)
    .where("rater", "=", rater)
    .executeTakeFirst();
}

/** The cycle, when it is open: sheets are taken and changed only then. */
export async function openCycleOf(db: Kysely<Database>, regionId: string, cycleId: string): Promise<CycleRow> {
  const cycle = await findCycle(db, regionId, cycleId);
  if (cycle.status !== "open") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Siklus berstatus ${cycle.status}; penilaian hanya diterima dan diubah saat siklus dibuka (open)`,
    });
  }
  return cycle;
}

/** The employee's indicator set, refusing a source the region's rules do not use for it. */
export async function setForSource(
  db: Kysely<Database>,
  cycle: CycleRow,
  compiled: CompiledRuleSet,
  employee: EmployeeRow,
  source: RaterSource,
): Promise<IndicatorSet> {
  const set = (await indicatorSetsOf(db, cycle, compiled, [employee])).get(employee.id) as IndicatorSet;
  const used = sourcesOfSet(compiled.ruleSet, set);
  if (!used.has(source)) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message:
        `Aturan wilayah ini tidak memakai penilaian dari ${raterSourceLabel(source)} untuk set indikator ${set.name} ${employee.nama}; ` +
        `yang dipakai: ${[...used].map((s) => raterSourceLabel(s)).join(", ")}`,
    });
  }
  return set;
}
