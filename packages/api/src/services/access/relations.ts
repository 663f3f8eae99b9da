// Who a signed-in user is to an employee, for the work of the period: the employee themselves, their
// assessor (pejabat penilai: an assessor account whose NIP is the employee's atasan), or an admin of the
// region (operators count as admins once inside a region). Each service names the relations an action
// allows; anyone else is refused with a message saying who may.
import { TRPCError } from "@trpc/server";
import type { Database, EmployeeRow, EmployeeTable } from "@kinerja/db";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";

export type Relation = "self" | "assessor" | "admin";

const WHO: Record<Relation, string> = {
  self: "pegawai yang bersangkutan",
  assessor: "atasan langsungnya (pejabat penilai)",
  admin: "admin BKPSDM wilayah",
};

export async function findEmployee(db: Kysely<Database>, regionId: string, id: string): Promise<EmployeeRow> {
  const row = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `Pegawai ${id} tidak ditemukan` });
  return row;
}

/** The names of the region's employees with these NIPs, by NIP; NIPs of no employee are left out. */
export async function namesByNip(db: Kysely<Database>, regionId: string, nips: readonly string[]): Promise<Map<string, string>> {
  if (nips.length === 0) return new Map();
  const rows = await db.selectFrom("employees").select(["nip", "nama"]).where("region_id", "=", regionId).where("nip", "in", nips).execute();
  return new Map(rows.map((e) => [e.nip, e.nama]));
}

/** The employee record of the signed-in user (by NIP), or null for admins and operators. */
export async function ownEmployee(db: Kysely<Database>, regionId: string, user: SessionUser): Promise<EmployeeRow | null> {
  if (!user.username) return null;
  const row = await db
    .selectFrom("employees")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("nip", "=", user.username)
    .executeTakeFirst();
  return row ?? null;
}

export function relationTo(user: SessionUser, employee: Pick<EmployeeRow, "nip" | "atasan_nip">): Relation | null {
  if (user.role === "admin" || user.role === "operator") return "admin";
  if (user.username && user.username === employee.nip) return "self";
  if (user.role === "assessor" && user.username && employee.atasan_nip === user.username) return "assessor";
  return null;
}

/** The user's relation to the employee when it is one of `allowed`; FORBIDDEN naming who may otherwise. */
export function requireRelation(
  user: SessionUser,
  employee: Pick<EmployeeRow, "nip" | "atasan_nip" | "nama">,
  allowed: readonly Relation[],
  action: string,
): Relation {
  const relation = relationTo(user, employee);
  if (relation && allowed.includes(relation)) return relation;
  throw new TRPCError({
    code: "FORBIDDEN",
    message: `Anda tidak berwenang ${action} untuk ${employee.nama} (NIP ${employee.nip}); yang berwenang: ${allowed.map((r) => WHO[r]).join(", ")}`,
  });
}

/** The assessor (or an admin) reviewing an employee's own work, which the employee never reviews: `own` says so. */
export function requireReviewer(user: SessionUser, employee: Pick<EmployeeRow, "nip" | "atasan_nip" | "nama">, action: string, own: string): Relation {
  if (relationTo(user, employee) === "self") throw new TRPCError({ code: "FORBIDDEN", message: own });
  return requireRelation(user, employee, ["assessor", "admin"], action);
}

/** In a list of employees' records (the employee joined as `e`), those a non-admin may see: an assessor's own and their direct reports', anyone else's own. */
export function ownOrReports(eb: ExpressionBuilder<{ e: EmployeeTable }, "e">, user: SessionUser) {
  const nip = user.username ?? "";
  return user.role === "assessor" ? eb.or([eb("e.nip", "=", nip), eb("e.atasan_nip", "=", nip)]) : eb("e.nip", "=", nip);
}
