// Who a cycle covers. A cycle names the units it covers (cycle_units, each with the units below it) so a
// region can roll out unit by unit (pilot units first, as Binjai did); without them, its one unit_id
// subtree, or the whole region. An employee is never in two cycles of the same period once they leave
// draft, so a later cycle for other units never disturbs the first.
//
// Employees who left the region (employees.left_at, set when the SIASN employee master no longer lists
// them) are in a cycle only with what was already recorded for them in it: a plan, a work entry, an
// assessment sheet or a result. A cycle opened after they left, or one in which nothing was recorded before
// they left, does not include them; one that does keeps them (never deleted, their records as they were)
// and shows them as left. Whatever they still owed (their plan, sheets by or on them) is no longer owed:
// `working` asks for only those who still work in the region, as reminders and the missing counts do.
import { DomainError } from "../lib/index.js";
import type { CycleRow, Database, EmployeeRow, EmployeeTable } from "@kinerja/db";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { unitSubtrees } from "../organisation/index.js";

/** The units the cycle covers, subtrees included; null for the whole region. */
export async function cycleUnitIds(db: Kysely<Database>, cycle: CycleRow): Promise<string[] | null> {
  const chosen = (
    await db
      .selectFrom("cycle_units")
      .select("unit_id")
      .where("region_id", "=", cycle.region_id)
      .where("cycle_id", "=", cycle.id)
      .orderBy("unit_id")
      .execute()
  ).map((u) => u.unit_id);
  const roots = chosen.length > 0 ? chosen : cycle.unit_id ? [cycle.unit_id] : null;
  if (!roots) return null;
  return [...new Set((await unitSubtrees(db, cycle.region_id, roots)).flat())].sort();
}

export interface CoverOptions {
  /** Only those still working in the region: left employees, even with records in the cycle, are left out. */
  working?: boolean;
}

/** Whether the employee `e` takes part in the cycle: still working in the region, or left with something recorded in it. */
function participates(cycle: CycleRow) {
  return (eb: ExpressionBuilder<Database & { e: EmployeeTable }, "e">) =>
    eb.or([
      eb("e.left_at", "is", null),
      eb.exists(eb.selectFrom("plans as p").select("p.id").where("p.region_id", "=", cycle.region_id).where("p.cycle_id", "=", cycle.id).whereRef("p.employee_id", "=", "e.id")),
      eb.exists(
        eb.selectFrom("work_entries as w").select("w.id").where("w.region_id", "=", cycle.region_id).where("w.cycle_id", "=", cycle.id).whereRef("w.employee_id", "=", "e.id"),
      ),
      eb.exists(
        eb.selectFrom("assessments as a").select("a.id").where("a.region_id", "=", cycle.region_id).where("a.cycle_id", "=", cycle.id).whereRef("a.employee_id", "=", "e.id"),
      ),
      eb.exists(
        eb
          .selectFrom("results as r")
          .innerJoin("result_runs as rr", (join) => join.onRef("rr.region_id", "=", "r.region_id").onRef("rr.id", "=", "r.run_id"))
          .select("r.run_id")
          .where("rr.region_id", "=", cycle.region_id)
          .where("rr.cycle_id", "=", cycle.id)
          .whereRef("r.employee_id", "=", "e.id"),
      ),
    ]);
}

/** The ids of the employees the cycle covers, in id order. */
export async function cycleEmployeeIds(db: Kysely<Database>, cycle: CycleRow, options: CoverOptions = {}): Promise<string[]> {
  return (await (await coveredEmployees(db, cycle, options)).select("e.id").orderBy("e.id").execute()).map((e) => e.id);
}

/**
 * The employees a cycle covers, as `e`, to select from or to filter by in a subquery: it binds the cycle's
 * units, never the employees' ids, so a region of any size stays within SQLite's 32,766 parameters.
 */
export async function coveredEmployees(db: Kysely<Database>, cycle: CycleRow, options: CoverOptions = {}) {
  const units = await cycleUnitIds(db, cycle);
  const base = db.selectFrom("employees as e").where("e.region_id", "=", cycle.region_id);
  const query = options.working ? base.where("e.left_at", "is", null) : base.where(participates(cycle));
  if (units === null) return query;
  return units.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where("e.unit_id", "in", units);
}

/** The employees a cycle covers, whole rows, read by the cycle's units rather than by a list of ids. */
export async function cycleEmployees(db: Kysely<Database>, cycle: CycleRow, options: CoverOptions = {}): Promise<EmployeeRow[]> {
  return (await coveredEmployees(db, cycle, options)).selectAll("e").orderBy("e.id").execute();
}

/** Refuses (NOT_FOUND, as for any id outside the caller's reach) an employee the cycle does not cover. */
export async function assertInCycle(db: Kysely<Database>, cycle: CycleRow, employee: { id: string; nama: string; unit_id: string }): Promise<void> {
  const units = await cycleUnitIds(db, cycle);
  if (units && !units.includes(employee.unit_id)) {
    throw new DomainError({
      code: "NOT_FOUND",
      message: `Pegawai ${employee.nama} (unit ${employee.unit_id}) tidak termasuk siklus ${cycle.name}; yang diharapkan: pegawai di unit ${units.join(", ")}`,
    });
  }
}

/** Replaces the units a draft cycle covers; each must exist in the region. */
export async function writeCycleUnits(db: Kysely<Database>, regionId: string, cycleId: string, unitIds: readonly string[]): Promise<void> {
  const unique = [...new Set(unitIds)];
  if (unique.length > 0) {
    const known = new Set(
      (await db.selectFrom("units").select("id").where("region_id", "=", regionId).where("id", "in", unique).execute()).map((u) => u.id),
    );
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${missing.join(", ")} tidak ditemukan di wilayah ini` });
  }
  await db.deleteFrom("cycle_units").where("region_id", "=", regionId).where("cycle_id", "=", cycleId).execute();
  if (unique.length > 0) {
    await db
      .insertInto("cycle_units")
      .values(unique.map((unit_id) => ({ region_id: regionId, cycle_id: cycleId, unit_id })))
      .execute();
  }
}

/**
 * Refuses to open a cycle that would put an employee in two cycles of the same period: any other cycle of
 * the region with the same period kind and label that has left draft (open, evaluated or finalised).
 */
export async function assertNoOverlap(db: Kysely<Database>, cycle: CycleRow): Promise<void> {
  const others = await db
    .selectFrom("cycles")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("id", "!=", cycle.id)
    .where("period_kind", "=", cycle.period_kind)
    .where("period_label", "=", cycle.period_label)
    .where("status", "!=", "draft")
    .execute();
  if (others.length === 0) return;
  const mine = new Set(await cycleEmployeeIds(db, cycle));
  for (const other of others) {
    const shared = (await cycleEmployeeIds(db, other)).filter((id) => mine.has(id));
    if (shared.length === 0) continue;
    const names = await db
      .selectFrom("employees")
      .select(["nama", "nip"])
      .where("region_id", "=", cycle.region_id)
      .where("id", "in", shared.slice(0, 3))
      .execute();
    throw new DomainError({
      code: "CONFLICT",
      message:
        `${shared.length} pegawai sudah ada di siklus "${other.name}" (${other.status}) untuk periode ${cycle.period_label}, ` +
        `mis. ${names.map((n) => `${n.nama} (${n.nip})`).join(", ")}; yang diharapkan: unit yang belum tercakup siklus lain pada periode yang sama`,
    });
  }
}
