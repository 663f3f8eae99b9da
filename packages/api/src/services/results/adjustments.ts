// Predikat changed by people (the evaluation forum, an upheld appeal). An adjustment is stored once
// (append-only) and passed as `AppraisalInput.adjustments` whenever the employee is evaluated, so the
// predikat, the outcomes that follow it and the explanation all show it. revisions.ts writes them.
import type { Adjustment } from "@kinerja/core";
import type { AdjustmentKind, Database, PredikatAdjustmentRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { byId, pushTo } from "../lib/index.js";

/**
 * The stored adjustments of a cycle, or of these employees in it, by the adjustments' cycle and employee index.
 * Callers put them in order by id in code: ordered by the database, SQLite (which the server never gives
 * statistics) would read every adjustment of the region by the key to give that order.
 */
export function adjustmentsOf(db: Kysely<Database>, regionId: string, cycleId: string, employeeIds?: readonly string[]) {
  const query = db.selectFrom("predikat_adjustments").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", cycleId);
  return employeeIds ? query.where("employee_id", "in", employeeIds) : query;
}

/** The stored adjustments of the employees in a cycle, oldest first, as the evaluator takes them. */
export async function storedAdjustments(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  employeeIds: readonly string[],
): Promise<Map<string, Adjustment[]>> {
  const found = new Map<string, Adjustment[]>();
  if (employeeIds.length === 0) return found;
  const rows = (await adjustmentsOf(db, regionId, cycleId, employeeIds).execute()).sort(byId);
  for (const row of rows) pushTo(found, row.employee_id, adjustmentOf(row));
  return found;
}

function adjustmentOf(row: PredikatAdjustmentRow): Adjustment {
  return { fact: row.fact, value: row.to_value, reason: row.reason, by: row.by_label, at: row.created_at };
}

export interface AdjustmentView {
  id: string;
  employeeId: string;
  kind: AdjustmentKind;
  from: string | null;
  to: string;
  reason: string;
  by: string;
  actorName: string;
  appealId: string | null;
  runId: string;
  at: string;
}

export function adjustmentView(row: PredikatAdjustmentRow): AdjustmentView {
  return {
    id: row.id,
    employeeId: row.employee_id,
    kind: row.kind,
    from: row.from_value,
    to: row.to_value,
    reason: row.reason,
    by: row.by_label,
    actorName: row.actor_name,
    appealId: row.appeal_id,
    runId: row.run_id,
    at: row.created_at,
  };
}

export async function listAdjustments(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  employeeIds?: readonly string[],
): Promise<AdjustmentView[]> {
  if (employeeIds && employeeIds.length === 0) return [];
  return (await adjustmentsOf(db, regionId, cycleId, employeeIds).execute()).sort(byId).map(adjustmentView);
}

/** The predikat the rules gave an employee, before anyone moved it. */
export async function rulePredikat(db: Kysely<Database>, regionId: string, cycleId: string, employeeId: string, current: string): Promise<string> {
  const [first] = (await adjustmentsOf(db, regionId, cycleId, [employeeId]).execute()).sort(byId);
  return first?.from_value ?? current;
}
