// The scope of one call: the database, the region it acts in, the signed-in person, who the audit log
// names, and the employee record the account is linked to (by id, never by a name its holder could
// change). Every service takes a scope first; access decisions read `me`, not the account's sign-in name.
import type { Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { actorOf, type Actor } from "../lib/index.js";
import { resolveRegion } from "./region.js";

export interface Scope {
  db: Kysely<Database>;
  regionId: string;
  user: SessionUser;
  actor: Actor;
  /** The signed-in person's own employee record in this region, or null (admins, operators). */
  me: EmployeeRow | null;
}

/** The employee record an account is linked to, when it is in this region. */
export async function linkedEmployee(db: Kysely<Database>, regionId: string, user: SessionUser): Promise<EmployeeRow | null> {
  if (!user.employeeId) return null;
  const row = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "=", user.employeeId).executeTakeFirst();
  return row ?? null;
}

/** The scope of a call in a region already resolved for this user. */
export async function scopeIn(db: Kysely<Database>, user: SessionUser, regionId: string): Promise<Scope> {
  return { db, regionId, user, actor: actorOf(user), me: await linkedEmployee(db, regionId, user) };
}

/** The scope of a call: the region the user may act in (operators name it), then the linked record. */
export async function scopeFor(db: Kysely<Database>, user: SessionUser, requestedRegion: string | undefined): Promise<Scope> {
  return scopeIn(db, user, await resolveRegion(db, user, requestedRegion));
}

/** The same scope on another connection (a transaction), so a service can pass it on inside one. */
export function withDb(scope: Scope, db: Kysely<Database>): Scope {
  return { ...scope, db };
}

/**
 * The scope of work the system does by itself, with no one signed in (seeding a new database): it acts
 * with an operator's rights and the audit log names `actor`.
 */
export function systemScope(db: Kysely<Database>, regionId: string, actor: Actor): Scope {
  const user: SessionUser = { id: actor.id ?? "system", name: actor.name, email: "", username: null, role: "operator", regionId: null, employeeId: null };
  return { db, regionId, user, actor, me: null };
}
