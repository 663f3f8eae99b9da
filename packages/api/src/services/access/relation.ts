// How the signed-in person stands to an employee, and the one refusal policy. The relations: the employee
// themself; their assessor (pejabat penilai: an assessor whose own record is the employee's atasan); the
// assessor's superior (atasan pejabat penilai, two levels up: appeals, documents); the region's admin (a
// national operator counts as one inside a region). All are read from the employee record the account is
// linked to (`scope.me`). Someone with no relation is told the employee does not exist (NOT_FOUND), as
// for an id in another region; someone related but not allowed the action is told who may (FORBIDDEN).
// Who decides an appeal (the superior, or the rule set's fallback: the admin or the appeals panel) is
// decided here too (appealDecider, decidesAppeal).
import type { AppealFallback } from "@kinerja/core";
import { ROLES, type Database, type EmployeeRow, type EmployeeTable } from "@kinerja/db";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { DomainError } from "../lib/index.js";
import type { Scope } from "./scope.js";

export type Relation = "self" | "assessor" | "atasan" | "admin";

export const ALL_RELATIONS: readonly Relation[] = ["self", "assessor", "atasan", "admin"];

const WHO: Record<Relation, string> = {
  self: "pegawai yang bersangkutan",
  assessor: "atasan langsungnya (pejabat penilai)",
  atasan: "atasan pejabat penilai",
  admin: "admin BKPSDM wilayah",
};

/** Admins of the region and national operators: they see and manage everyone in a region. */
export function isAdmin(user: Pick<SessionUser, "role">): boolean {
  return user.role === "admin" || user.role === "operator";
}

/** The signed-in person rates others only when the region made them an assessor. */
function rates(scope: Scope): scope is Scope & { me: EmployeeRow } {
  return scope.me !== null && scope.user.role === "assessor";
}

export async function findEmployee(db: Kysely<Database>, regionId: string, id: string): Promise<EmployeeRow> {
  const row = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai ${id} tidak ditemukan` });
  return row;
}

export async function findEmployeeByNip(db: Kysely<Database>, regionId: string, nip: string): Promise<EmployeeRow> {
  const row = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("nip", "=", nip).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai dengan NIP ${nip} tidak ditemukan` });
  return row;
}

/** The relation without the two-levels-up one, which needs a read: enough for most of the period's work. */
export function directRelationTo(scope: Scope, employee: Pick<EmployeeRow, "id" | "atasan_nip">): Relation | null {
  if (isAdmin(scope.user)) return "admin";
  if (!scope.me) return null;
  if (employee.id === scope.me.id) return "self";
  if (rates(scope) && employee.atasan_nip === scope.me.nip) return "assessor";
  return null;
}

export async function relationTo(scope: Scope, employee: Pick<EmployeeRow, "id" | "atasan_nip" | "region_id">): Promise<Relation | null> {
  const direct = directRelationTo(scope, employee);
  if (direct || !rates(scope) || !employee.atasan_nip) return direct;
  const assessor = await scope.db
    .selectFrom("employees")
    .select("atasan_nip")
    .where("region_id", "=", employee.region_id)
    .where("nip", "=", employee.atasan_nip)
    .executeTakeFirst();
  return assessor?.atasan_nip === scope.me.nip ? "atasan" : null;
}

/**
 * The NIP the signed-in person rates and decides under: their linked record's, when the region made them an
 * assessor; null otherwise. An appeal names its deciding superior by NIP, and only an assessor holding that
 * record decides it: someone the region made an employee decides nothing, whatever the records place under them.
 */
export function raterNip(scope: Scope): string | null {
  return rates(scope) ? scope.me.nip : null;
}

/** The capacity an appeal is decided in: the assessor's superior, the region's admin, or the appeals panel. */
export type AppealDeciderKind = "atasan" | "admin" | "panel";
/** Why: the superior decides; they have no account; the assessor has no superior in the data; they did not decide in time. */
export type AppealDeciderReason = "superior" | "no_account" | "no_superior" | "overdue";

export interface AppealDecider {
  kind: AppealDeciderKind;
  reason: AppealDeciderReason;
  /** The deciding superior's NIP (kind "atasan"). */
  nip: string | null;
  /** The panel, when it decides. */
  panel: { name: string; members: string[]; roles: string[] } | null;
  /** The days the superior has (workflow.appeals.fallbackAfterDays) and the moment they run out. */
  afterDays: number;
  deadline: string;
  overdue: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who decides a pending appeal: the assessor's superior (atasan pejabat penilai) while they hold an account
 * that decides (an assessor's, not disabled) and fallbackAfterDays have not passed since the appeal was
 * made; otherwise the rule set's fallback, the region's admin or its appeals panel. Once the superior's
 * time is up the appeal is the fallback's alone, so two people never decide it.
 */
export function appealDecider(input: {
  superiorNip: string | null;
  superiorHasAccount: boolean;
  submittedAt: string;
  fallback: AppealFallback;
  now?: Date;
}): AppealDecider {
  const { fallback } = input;
  const deadline = new Date(Date.parse(input.submittedAt) + fallback.afterDays * DAY_MS);
  const overdue = (input.now ?? new Date()).getTime() > deadline.getTime();
  const base = { afterDays: fallback.afterDays, deadline: deadline.toISOString(), overdue };
  const reason: AppealDeciderReason = !input.superiorNip ? "no_superior" : !input.superiorHasAccount ? "no_account" : overdue ? "overdue" : "superior";
  if (reason === "superior") return { ...base, kind: "atasan", reason, nip: input.superiorNip, panel: null };
  return { ...base, kind: fallback.kind, reason, nip: null, panel: fallback.panel };
}

/** The NIPs among `nips` whose holders have an account that decides appeals: an assessor's, not disabled. */
export async function nipsWithDecidingAccount(db: Kysely<Database>, regionId: string, nips: readonly string[]): Promise<Set<string>> {
  if (nips.length === 0) return new Set();
  const rows = await db
    .selectFrom("employees")
    .innerJoin("user", "user.employee_id", "employees.id")
    .select("employees.nip")
    .where("employees.region_id", "=", regionId)
    .where("employees.nip", "in", [...nips])
    .where("user.region_id", "=", regionId)
    .where("user.role", "=", "assessor")
    .where("user.disabled_at", "is", null)
    .execute();
  return new Set(rows.map((r) => r.nip));
}

/** Whether the signed-in person is the appeal's decider: the superior by their own record, an admin, or on the panel. */
export function decidesAppeal(scope: Scope, decider: AppealDecider): boolean {
  switch (decider.kind) {
    case "atasan":
      return raterNip(scope) === decider.nip;
    case "admin":
      return isAdmin(scope.user);
    case "panel":
      return (
        (decider.panel?.roles ?? []).includes(scope.user.role) || (scope.me !== null && (decider.panel?.members ?? []).includes(scope.me.nip))
      );
  }
}

/**
 * The people to tell that an appeal waits for them, as decidesAppeal decides: the superior by their NIP, the
 * region's admins, or the panel's members by NIP and the accounts of its roles.
 */
export async function appealDeciderAddressees(
  db: Kysely<Database>,
  regionId: string,
  decider: AppealDecider,
): Promise<{ employeeNips: string[]; userIds: string[] }> {
  const accountsOf = async (names: readonly string[]) => {
    const roles = ROLES.filter((role) => names.includes(role));
    if (roles.length === 0) return [];
    const rows = await db.selectFrom("user").select("id").where("region_id", "=", regionId).where("role", "in", roles).where("disabled_at", "is", null).execute();
    return rows.map((r) => r.id);
  };
  switch (decider.kind) {
    case "atasan":
      return { employeeNips: decider.nip ? [decider.nip] : [], userIds: [] };
    case "admin":
      return { employeeNips: [], userIds: await accountsOf(["admin"]) };
    case "panel":
      return { employeeNips: [...(decider.panel?.members ?? [])], userIds: await accountsOf(decider.panel?.roles ?? []) };
  }
}

/** The decider as the refusal and the audit log name them, in Indonesian. */
export function appealDeciderText(decider: AppealDecider, superiorName?: string): string {
  const who =
    decider.kind === "atasan"
      ? `atasan pejabat penilai${superiorName ? ` (${superiorName}, NIP ${decider.nip})` : decider.nip ? ` (NIP ${decider.nip})` : ""}`
      : decider.kind === "admin"
        ? "admin BKD"
        : (decider.panel?.name ?? "panel keberatan");
  switch (decider.reason) {
    case "superior":
      return who;
    case "no_account":
      return `${who} (atasan tidak memiliki akun)`;
    case "no_superior":
      return `${who} (pejabat penilai tidak memiliki atasan dalam data)`;
    case "overdue":
      return `${who} (tidak diputus dalam ${decider.afterDays} hari)`;
  }
}

/**
 * Whether the employee is the signed-in person's own direct superior (atasan langsung), whom they rate as a
 * subordinate where the rules weigh subordinates. It gives no sight of the superior's records.
 */
export function isOwnSuperior(scope: Scope, employee: Pick<EmployeeRow, "id" | "nip">): boolean {
  return scope.me !== null && employee.id !== scope.me.id && scope.me.atasan_nip === employee.nip;
}

/**
 * Refuses a relation that is not allowed: NOT_FOUND for no relation, FORBIDDEN naming who may otherwise.
 * The NOT_FOUND message is the one the caller gives for a record that does not exist (a plan, an entry),
 * so that an unrelated person cannot tell the two apart, nor learn whose the record is.
 */
export function checkRelation(
  relation: Relation | null,
  employee: Pick<EmployeeRow, "id" | "nip" | "nama">,
  allowed: readonly Relation[],
  action: string,
  notFound = "Data yang diminta tidak ditemukan",
): Relation {
  if (!relation) throw new DomainError({ code: "NOT_FOUND", message: notFound });
  if (allowed.includes(relation)) return relation;
  throw new DomainError({
    code: "FORBIDDEN",
    message: `Anda tidak berwenang ${action} untuk ${employee.nama} (NIP ${employee.nip}); yang berwenang: ${allowed.map((r) => WHO[r]).join(", ")}`,
  });
}

/** The employee (by id) and the person's relation to them, when it is one of `allowed`. */
export async function requireEmployee(
  scope: Scope,
  id: string,
  allowed: readonly Relation[] = ALL_RELATIONS,
  action = "melihat data ini",
): Promise<{ employee: EmployeeRow; relation: Relation }> {
  const employee = await findEmployee(scope.db, scope.regionId, id);
  const relation = checkRelation(await relationTo(scope, employee), employee, allowed, action, `Pegawai ${id} tidak ditemukan`);
  return { employee, relation };
}

/** The same for an employee already read. */
export async function requireRelation(
  scope: Scope,
  employee: EmployeeRow,
  allowed: readonly Relation[],
  action: string,
): Promise<Relation> {
  return checkRelation(await relationTo(scope, employee), employee, allowed, action);
}

/** The assessor (or an admin) reviewing an employee's own work, which the employee never reviews: `own` says so. */
export async function requireReviewer(scope: Scope, employee: EmployeeRow, action: string, own: string): Promise<Relation> {
  const relation = await relationTo(scope, employee);
  if (relation === "self") throw new DomainError({ code: "FORBIDDEN", message: own });
  return checkRelation(relation, employee, ["assessor", "admin"], action);
}

/** Only the region's admin (or an operator) may do this. */
export function requireAdmin(scope: Pick<Scope, "user">, action: string): void {
  if (!isAdmin(scope.user)) {
    throw new DomainError({ code: "FORBIDDEN", message: `Hanya ${WHO.admin} yang boleh ${action}` });
  }
}

/** What a viewer may see of a region's employees: everyone, themselves and their direct reports, themselves, or nobody. */
export type EmployeeScope =
  | { kind: "all" }
  | { kind: "reports"; atasanNip: string }
  | { kind: "self"; nip: string }
  | { kind: "none" };

export function visibleEmployees(scope: Scope): EmployeeScope {
  if (isAdmin(scope.user)) return { kind: "all" };
  if (!scope.me) return { kind: "none" };
  return rates(scope) ? { kind: "reports", atasanNip: scope.me.nip } : { kind: "self", nip: scope.me.nip };
}

/** In a list of employees' records (the employee joined as `e`), those the viewer may see. */
export function visibleFilter(eb: ExpressionBuilder<{ e: EmployeeTable }, "e">, visible: EmployeeScope) {
  switch (visible.kind) {
    case "all":
      return sql<boolean>`1 = 1`;
    case "reports":
      return eb.or([eb("e.nip", "=", visible.atasanNip), eb("e.atasan_nip", "=", visible.atasanNip)]);
    case "self":
      return eb("e.nip", "=", visible.nip);
    case "none":
      return sql<boolean>`1 = 0`;
  }
}
