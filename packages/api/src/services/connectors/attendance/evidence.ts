// What is read back from the attendance days: the counts an appraisal and the payroll sheet take, and the
// per-day detail an employee (or their assessor, or the admin) sees as the evidence behind them.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { countAbsence, type AbsenceCount } from "./calendar.js";

/** The counts of each employee that has attendance days in the range; absent from the map otherwise. */
export async function absenceCounts(db: Kysely<Database>, regionId: string, range: { from: string; to: string }, employeeIds: readonly string[]): Promise<Map<string, AbsenceCount>> {
  const byEmployee = new Map<string, Array<{ status: string }>>();
  for (let i = 0; i < employeeIds.length; i += 500) {
    const rows = await db
      .selectFrom("attendance_days")
      .select(["employee_id", "status"])
      .where("region_id", "=", regionId)
      .where("employee_id", "in", employeeIds.slice(i, i + 500))
      .where("day", ">=", range.from)
      .where("day", "<=", range.to)
      .orderBy("employee_id")
      .orderBy("day")
      .execute();
    for (const row of rows) {
      const days = byEmployee.get(row.employee_id);
      if (days) days.push(row);
      else byEmployee.set(row.employee_id, [row]);
    }
  }
  return new Map([...byEmployee].map(([id, days]) => [id, countAbsence(days)]));
}
