// Sign-ins are created by admins, never by sign-up: a user row and a credential account written straight
// into better-auth's tables (inside the caller's transaction), with better-auth's own password hash.
// An assessor's or employee's account is linked to their employee record by id (`employee_id`): access is
// decided from that link, so the NIP an account signs in with decides nothing.
import { DomainError } from "../lib/index.js";
import { parseNip } from "@kinerja/core";
import { newId, now, type Database, type Role } from "@kinerja/db";
import { hashPassword } from "better-auth/crypto";
import { sql, type Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Scope } from "../access/index.js";
import { assertPasswordAllowed } from "../credentials/index.js";
import { audit, signInAccountRow } from "../lib/index.js";
import { stateOf, type AccountState } from "./account-lifecycle.js";

export interface NewAccount {
  name: string;
  role: Role;
  regionId: string | null;
  password: string;
  /** Operators and admins sign in with e-mail. */
  email?: string;
  /** Assessors and employees sign in with their NIP. */
  nip?: string;
}

/** A sign-in, as the API sees it once signed in. */
export type Account = SessionUser;

/** The address better-auth requires of every user, for those who sign in with a NIP only. */
export function placeholderEmail(nip: string): string {
  return `${nip}@nip.kinerja.invalid`;
}

export async function createAccount(db: Kysely<Database>, input: NewAccount): Promise<Account> {
  if (input.role === "operator" ? input.regionId !== null : input.regionId === null) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: input.role === "operator" ? "Operator nasional tidak terikat wilayah" : `Peran ${input.role} harus terikat pada wilayah`,
    });
  }
  assertPasswordAllowed(input.password, { nip: input.nip ?? null, email: input.email ?? null });
  let username: string | null = null;
  let employeeId: string | null = null;
  if (input.nip !== undefined) {
    const nip = parseNip(input.nip);
    if (!nip.ok) throw new DomainError({ code: "BAD_REQUEST", message: nip.error });
    username = nip.value.nip;
    const employee = input.regionId
      ? await db.selectFrom("employees").select("id").where("region_id", "=", input.regionId).where("nip", "=", username).executeTakeFirst()
      : undefined;
    if (!employee) throw new DomainError({ code: "NOT_FOUND", message: `Tidak ada pegawai dengan NIP ${username} di wilayah ini` });
    employeeId = employee.id;
  }
  if (!input.email && !username) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Akun perlu e-mail (operator, admin) atau NIP (penilai, pegawai)" });
  }
  const email = (input.email ?? placeholderEmail(username as string)).toLowerCase();
  const taken = await db
    .selectFrom("user")
    .select(["email", "username"])
    .where((eb) => eb.or([eb("email", "=", email), ...(username ? [eb("username", "=", username)] : [])]))
    .executeTakeFirst();
  if (taken) {
    const what = taken.email === email ? `e-mail ${email}` : `NIP ${username}`;
    throw new DomainError({ code: "CONFLICT", message: `Sudah ada akun dengan ${what}` });
  }
  const id = newId();
  const at = now();
  await db
    .insertInto("user")
    .values({
      id,
      name: input.name,
      email,
      // TRUE/FALSE literals are understood by both SQLite and PostgreSQL, whose column types differ.
      email_verified: sql<boolean>`TRUE`,
      image: null,
      created_at: at,
      updated_at: at,
      username,
      role: input.role,
      region_id: input.regionId,
      employee_id: employeeId,
    })
    .execute();
  await db
    .insertInto("account")
    .values(signInAccountRow(id, { providerId: "credential", password: await hashPassword(input.password) }, at))
    .execute();
  return { id, name: input.name, email, username, role: input.role, regionId: input.regionId, employeeId };
}

/** An account in the region's list: who signs in, whether they may, and how many sessions they hold. */
export interface AccountSummary extends Account, AccountState {
  /** Sessions that have not expired. */
  activeSessions: number;
}

export async function listAccounts(scope: Scope): Promise<AccountSummary[]> {
  const { db, regionId } = scope;
  const rows = await db
    .selectFrom("user")
    .leftJoin(
      (eb) =>
        eb
          .selectFrom("session")
          .select(["user_id", (s) => s.fn.countAll<number | string>().as("n")])
          .where("expires_at", ">", now())
          .groupBy("user_id")
          .as("s"),
      (join) => join.onRef("s.user_id", "=", "user.id"),
    )
    .select(["id", "name", "email", "username", "role", "region_id", "employee_id", "disabled_at", "must_change_password", "s.n"])
    .where("region_id", "=", regionId)
    .orderBy("role")
    .orderBy("name")
    .execute();
  return rows.map((r) => ({
    ...stateOf(r),
    name: r.name,
    email: r.email,
    username: r.username,
    role: r.role,
    regionId: r.region_id,
    employeeId: r.employee_id,
    activeSessions: Number(r.n ?? 0),
  }));
}

/**
 * A sign-in for someone of the region: an admin by e-mail, or an assessor or employee by the NIP of one
 * of the region's employees (their name is taken from the employee record). Audited.
 */
export async function createRegionAccount(scope: Scope, input: { role: "admin" | "assessor" | "employee"; password: string; email?: string; nip?: string; name?: string }): Promise<Account> {
  const { db, regionId, actor } = scope;
  return db.transaction().execute(async (trx) => {
    let account: Account;
    if (input.role === "admin") {
      if (!input.email || !input.name) throw new DomainError({ code: "BAD_REQUEST", message: "Akun admin perlu nama dan e-mail" });
      account = await createAccount(trx, { name: input.name, email: input.email, password: input.password, role: "admin", regionId });
    } else {
      if (!input.nip) throw new DomainError({ code: "BAD_REQUEST", message: `Akun ${input.role} perlu NIP pegawai` });
      const employee = await trx
        .selectFrom("employees")
        .select(["nip", "nama"])
        .where("region_id", "=", regionId)
        .where("nip", "=", input.nip.replace(/\s+/g, ""))
        .executeTakeFirst();
      if (!employee) throw new DomainError({ code: "NOT_FOUND", message: `Tidak ada pegawai dengan NIP ${input.nip} di wilayah ini` });
      account = await createAccount(trx, {
        name: input.name ?? employee.nama,
        nip: employee.nip,
        password: input.password,
        role: input.role,
        regionId,
        ...(input.email ? { email: input.email } : {}),
      });
    }
    await audit(trx, {
      regionId,
      actor,
      action: "account.create",
      entity: "user",
      entityId: account.id,
      after: { role: account.role, email: account.email, username: account.username },
    });
    return account;
  });
}
