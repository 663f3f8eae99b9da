// The region's work calendar and leave, as the BKD admin enters them (or imports them as lines of text),
// and an employee's attendance days of a period, as the employee, their assessor or the admin reads them.
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployeeByNip, requireAdmin, requireEmployee, type Scope } from "../../access/index.js";
import { audit, DomainError } from "../../lib/index.js";
import { daysBetween, periodRange, countAbsence, type AbsenceCount } from "./calendar.js";

export interface Holiday {
  day: string;
  name: string;
}

export async function listHolidays(scope: Scope, input: { year: number }): Promise<Holiday[]> {
  requireAdmin(scope, "melihat hari libur");
  return scope.db
    .selectFrom("work_holidays")
    .select(["day", "name"])
    .where("region_id", "=", scope.regionId)
    .where("day", ">=", `${input.year}-01-01`)
    .where("day", "<=", `${input.year}-12-31`)
    .orderBy("day")
    .execute();
}

/** Replaces the year's holidays with `days`, every day in that year. */
export async function setHolidays(scope: Scope, input: { year: number; days: Holiday[] }): Promise<Holiday[]> {
  requireAdmin(scope, "mengatur hari libur");
  const outside = input.days.find((d) => !d.day.startsWith(`${input.year}-`));
  if (outside) throw new DomainError({ code: "BAD_REQUEST", message: `Hari libur ${outside.day} (${outside.name}) bukan di tahun ${input.year}` });
  const { db, regionId, actor } = scope;
  await db.transaction().execute(async (trx) => {
    const before = await listHolidays({ ...scope, db: trx }, input);
    await trx.deleteFrom("work_holidays").where("region_id", "=", regionId).where("day", ">=", `${input.year}-01-01`).where("day", "<=", `${input.year}-12-31`).execute();
    const unique = [...new Map(input.days.map((d) => [d.day, d])).values()];
    if (unique.length > 0) await trx.insertInto("work_holidays").values(unique.map((d) => ({ region_id: regionId, ...d }))).execute();
    await audit(trx, { regionId, actor, action: "calendar.holidays", entity: "work_calendar", entityId: String(input.year), before, after: unique });
  });
  return listHolidays(scope, input);
}

export interface LeaveEntry {
  nip: string;
  nama: string;
  day: string;
  kind: string;
  note: string | null;
}

export async function listLeave(scope: Scope, input: { period: string }): Promise<LeaveEntry[]> {
  requireAdmin(scope, "melihat cuti");
  const range = rangeOf(input.period);
  return scope.db
    .selectFrom("leave_entries as l")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "l.region_id").onRef("e.id", "=", "l.employee_id"))
    .select(["e.nip", "e.nama", "l.day", "l.kind", "l.note"])
    .where("l.region_id", "=", scope.regionId)
    .where("l.day", ">=", range.from)
    .where("l.day", "<=", range.to)
    .orderBy("l.day")
    .orderBy("e.nama")
    .execute();
}

/** Records an employee's leave from one day to another (inclusive); a day already recorded takes the new kind. */
export async function addLeave(scope: Scope, input: { nip: string; from: string; to: string; kind: string; note: string | null }): Promise<number> {
  requireAdmin(scope, "mencatat cuti");
  if (input.to < input.from) throw new DomainError({ code: "BAD_REQUEST", message: `Cuti berakhir ${input.to} sebelum mulai ${input.from}` });
  const days = daysBetween(input.from, input.to);
  if (days.length > 366) throw new DomainError({ code: "BAD_REQUEST", message: "Satu catatan cuti paling lama 366 hari" });
  const { db, regionId, actor } = scope;
  const employee = await findEmployeeByNip(db, regionId, input.nip);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("leave_entries")
      .values(days.map((day) => ({ region_id: regionId, employee_id: employee.id, day, kind: input.kind, note: input.note })))
      .onConflict((oc) => oc.columns(["region_id", "employee_id", "day"]).doUpdateSet((eb) => ({ kind: eb.ref("excluded.kind"), note: eb.ref("excluded.note") })))
      .execute();
    await audit(trx, { regionId, actor, action: "calendar.leave", entity: "employee", entityId: employee.id, after: input });
  });
  return days.length;
}

function rangeOf(period: string): { from: string; to: string } {
  const range = periodRange(period);
  if (!range) throw new DomainError({ code: "BAD_REQUEST", message: `Periode "${period}" tidak dikenal; gunakan 2025-01, 2025-Q1, 2025-S1 atau 2025` });
  return range;
}

export interface AttendanceDetail {
  employeeId: string;
  nip: string;
  nama: string;
  period: string;
  counts: AbsenceCount;
  days: Array<{ day: string; status: string; firstIn: string | null; lastOut: string | null; punches: number }>;
}

/** An employee's attendance days of the period (the signed-in employee's own when no id is given). */
export async function attendanceDetail(scope: Scope, input: { employeeId?: string; period: string }): Promise<AttendanceDetail> {
  const employeeId = input.employeeId ?? scope.me?.id;
  if (!employeeId) throw new DomainError({ code: "NOT_FOUND", message: "Akun ini tidak terhubung dengan data pegawai" });
  const { employee } = await requireEmployee(scope, employeeId, ["self", "assessor", "atasan", "admin"], "melihat kehadiran");
  const range = rangeOf(input.period);
  const rows = await (scope.db as Kysely<Database>)
    .selectFrom("attendance_days")
    .select(["day", "status", "first_in", "last_out", "punches"])
    .where("region_id", "=", scope.regionId)
    .where("employee_id", "=", employee.id)
    .where("day", ">=", range.from)
    .where("day", "<=", range.to)
    .orderBy("day")
    .execute();
  return {
    employeeId: employee.id,
    nip: employee.nip,
    nama: employee.nama,
    period: input.period,
    counts: countAbsence(rows),
    days: rows.map((r) => ({ day: r.day, status: r.status, firstIn: r.first_in, lastOut: r.last_out, punches: r.punches })),
  };
}
