// Whose plan or work a call is about: the employee it names, or the signed-in person's own record when it
// names none; either way only when the person may do the action for them.
import type { EmployeeRow } from "@kinerja/db";
import { requireEmployee, requireRelation, type Relation, type Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";

export async function namedOrOwn(scope: Scope, employeeId: string | undefined, allowed: readonly Relation[], action: string): Promise<EmployeeRow> {
  if (employeeId) return (await requireEmployee(scope, employeeId, allowed, action)).employee;
  if (!scope.me) throw new DomainError({ code: "BAD_REQUEST", message: "Akun ini tidak terhubung ke data pegawai; sebutkan employeeId" });
  await requireRelation(scope, scope.me, allowed, action);
  return scope.me;
}
