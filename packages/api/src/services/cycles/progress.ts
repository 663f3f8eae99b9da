// A cycle's progress for the dashboard, in one read: who is in scope, how far their plans are, the work
// entries awaiting confirmation, the assessment sheets the rules expect against those submitted (and late),
// and how many were evaluated in the current run. Admins see the cycle, assessors their reports, employees
// themselves.
import type { Scope } from "../access/index.js";
import { RATER_SOURCES, type RaterSource } from "@kinerja/core";
import type { CycleStatus, PlanStatus } from "@kinerja/db";
import { sql } from "kysely";
import { coveredEmployees } from "./cycle-scope.js";
import { findCycle } from "./cycles.js";
import { daysBetween, expectedSheets, cycleDeadlines, setsOf } from "../assessment/index.js";
import { todayInIndonesia } from "../lib/index.js";
import { visibleEmployees } from "../access/index.js";

export interface CycleProgress {
  cycleId: string;
  status: CycleStatus;
  /** Employees of the cycle the viewer may see, those who left the region during it included. */
  employees: number;
  /** Of them, those who left the region: what was recorded for them stays, and nothing more is owed. */
  left: number;
  /** Plans per status; `none`: employees still working in the region with no plan yet. */
  plans: Record<PlanStatus | "none", number>;
  workEntriesPending: number;
  /** Per source the rules use: sheets expected (rule set sources per indicator set, peers chosen) and submitted. */
  sheets: Partial<Record<RaterSource, { expected: number; submitted: number }>>;
  /** Expected sheets not submitted by the day after their source's deadline (WIB today). */
  lateSheets: number;
  /** Employees with a result without error in the current run. */
  evaluated: number;
}

export async function cycleProgress(scope: Scope, cycleId: string): Promise<CycleProgress> {
  const { db, regionId } = scope;
  const visible = visibleEmployees(scope);
  const cycle = await findCycle(db, regionId, cycleId);
  let covered = await coveredEmployees(db, cycle);
  if (visible.kind === "reports") covered = covered.where("e.atasan_nip", "=", visible.atasanNip);
  if (visible.kind === "self") covered = covered.where("e.nip", "=", visible.nip);
  if (visible.kind === "none") covered = covered.where(sql<boolean>`1 = 0`);
  const employees = await covered.selectAll("e").orderBy("e.id").execute();
  // The counts below filter by this subquery: a list of ids would pass SQLite's 32,766 parameters.
  const ids = covered.select("e.id");
  const left = employees.filter((e) => e.left_at !== null).length;
  const plans: CycleProgress["plans"] = { none: employees.length - left, draft: 0, submitted: 0, approved: 0, revision: 0, rejected: 0 };
  const progress: CycleProgress = { cycleId, status: cycle.status, employees: employees.length, left, plans, workEntriesPending: 0, sheets: {}, lateSheets: 0, evaluated: 0 };
  if (employees.length === 0) return progress;

  const planRows = await db
    .selectFrom("plans")
    .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "in", ids)
    .groupBy("status")
    .execute();
  for (const p of planRows) plans[p.status] = Number(p.n);
  if (plans.none > 0) {
    const planned = await db
      .selectFrom("plans")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "in", covered.where("e.left_at", "is", null).select("e.id"))
      .executeTakeFirst();
    plans.none -= Number(planned?.n ?? 0);
  }
  const pending = await db
    .selectFrom("work_entries")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "in", ids)
    .where("status", "=", "submitted")
    .executeTakeFirst();
  progress.workEntriesPending = Number(pending?.n ?? 0);

  const deadlines = new Map((await cycleDeadlines(db, cycle)).map((d) => [d.source, d.dueDate]));
  const today = todayInIndonesia();
  for (const sheet of await expectedSheets(db, cycle, employees, await setsOf(db, cycle, employees))) {
    const count = (progress.sheets[sheet.source] ??= { expected: 0, submitted: 0 });
    count.expected++;
    if (sheet.state === "submitted") count.submitted++;
    const due = deadlines.get(sheet.source);
    if (due && sheet.state !== "submitted" && daysBetween(due, today) > 0) progress.lateSheets++;
  }
  progress.sheets = Object.fromEntries(RATER_SOURCES.filter((s) => progress.sheets[s]).map((s) => [s, progress.sheets[s]]));

  if (cycle.current_run_id) {
    const evaluated = await db
      .selectFrom("results")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("region_id", "=", regionId)
      .where("run_id", "=", cycle.current_run_id)
      .where("employee_id", "in", ids)
      .where("error", "is", null)
      .executeTakeFirst();
    progress.evaluated = Number(evaluated?.n ?? 0);
  }
  return progress;
}
