// Predikat changed by people (the evaluation forum, an upheld appeal). An adjustment is stored once
// (append-only) and passed as `AppraisalInput.adjustments` whenever the employee is evaluated, so the
// predikat, the outcomes that follow it and the explanation all show it. revisions.ts writes them.
import type { Adjustment } from "@kinerja/core";
import type { AdjustmentKind, Database, PredikatAdjustmentRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { byId, pushTo } from "../lib/index.js";

/** The stored adjustments of these employees in a cycle, by the adjustments' cycle and employee index. */
export function adjustmentsOf(db: Kysely<Database>, regionId: string, cycleId: string, employeeIds: readonly string[]) {
  return db.selectFrom("predikat_adjustments").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", cycleId).where("employee_id", "in", employeeIds);
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
  // Oldest first by id, put in order here: ordered by the database, SQLite would read every adjustment of the
  // region by the key to give that order.
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
  let query = db.selectFrom("predikat_adjustments").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", cycleId);
  if (employeeIds) query = query.where("employee_id", "in", employeeIds);
  return (await query.orderBy("id").execute()).map(adjustmentView);
}

/** The predikat the rules gave an employee, before anyone moved it. */
export async function rulePredikat(db: Kysely<Database>, regionId: string, cycleId: string, employeeId: string, current: string): Promise<string> {
  const first = await db
    .selectFrom("predikat_adjustments")
    .select("from_value")
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycleId)
    .where("employee_id", "=", employeeId)
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  return first?.from_value ?? current;
}
