// How a signed-in user stands to one employee, for the assessment workflow's role checks: the employee
// themself, their assessor (pejabat penilai: the direct superior), the assessor's own superior (atasan
// pejabat penilai, two levels up: appeals, documents), or the region's admin / a national operator.
// relations.ts knows the first three for the work of the period; this adds the superior two levels up.
// Anyone else gets NOT_FOUND, as for an id outside their reach.
import { TRPCError } from "@trpc/server";
import type { Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { findEmployee } from "./relations.js";

export type Standing = "admin" | "self" | "assessor" | "atasan";

export async function standingTo(db: Kysely<Database>, user: SessionUser, employee: EmployeeRow): Promise<Standing | null> {
  if (user.role === "admin" || user.role === "operator") return "admin";
  const own = user.username;
  if (!own) return null;
  if (employee.nip === own) return "self";
  if (employee.atasan_nip === own) return "assessor";
  if (!employee.atasan_nip) return null;
  const assessor = await db
    .selectFrom("employees")
    .select("atasan_nip")
    .where("region_id", "=", employee.region_id)
    .where("nip", "=", employee.atasan_nip)
    .executeTakeFirst();
  return assessor?.atasan_nip === own ? "atasan" : null;
}

export async function findEmployeeByNip(db: Kysely<Database>, regionId: string, nip: string): Promise<EmployeeRow> {
  const row = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("nip", "=", nip).executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `Pegawai dengan NIP ${nip} tidak ditemukan` });
  return row;
}

/** The employee, when the user stands in one of the relations; NOT_FOUND otherwise. */
export async function employeeFor(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  id: string,
  allowed: readonly Standing[] = ["admin", "self", "assessor", "atasan"],
): Promise<{ employee: EmployeeRow; standing: Standing }> {
  const employee = await findEmployee(db, regionId, id);
  const standing = await standingTo(db, user, employee);
  if (!standing || !allowed.includes(standing)) throw new TRPCError({ code: "NOT_FOUND", message: `Pegawai ${id} tidak ditemukan` });
  return { employee, standing };
}
