// What happens to an account after it is created. The region's admin disables and enables it, sets a
// temporary password its holder must change at the next sign-in, and ends all its sessions; the holder
// changes their own password (through better-auth, see auth.ts) and sees and ends their own sessions.
// Every change is audited: who, whose account, what; never a password.
import { randomInt } from "node:crypto";
import { now, type Database } from "@kinerja/db";
import { hashPassword } from "better-auth/crypto";
import { sql, type Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { forgetSessions } from "../../session-cache.js";
import { requireAdmin, type Scope } from "../access/index.js";
import { assertPasswordAllowed } from "../credentials/index.js";
import { actorOf, audit, DomainError, type Actor } from "../lib/index.js";

/** What a disabled account is told when it tries to sign in. */
export const ACCOUNT_DISABLED_MESSAGE = "Akun Anda dinonaktifkan. Hubungi admin BKPSDM wilayah Anda untuk mengaktifkannya kembali.";

/** A better-auth date as ISO text: PostgreSQL hands back a Date, SQLite the text it stored. */
function isoOf(value: Date | string): string {
  return typeof value === "string" ? new Date(value).toISOString() : value.toISOString();
}

/** The state of an account that the lifecycle changes, as the admin sees it. */
export interface AccountState {
  id: string;
  /** ISO timestamp, or null while the account may sign in. */
  disabledAt: string | null;
  mustChangePassword: boolean;
}

/** One of the region's accounts. Another region's account, or an operator's, answers as one that does not exist. */
async function regionAccount(db: Kysely<Database>, scope: Scope, id: string) {
  const row = await db
    .selectFrom("user")
    .select(["id", "name", "role", "disabled_at", "must_change_password"])
    .where("id", "=", id)
    .where("region_id", "=", scope.regionId)
    .executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Akun ${id} tidak ditemukan di wilayah ini` });
  return row;
}

export function stateOf(row: { id: string; disabled_at: Date | string | null; must_change_password: boolean | number }): AccountState {
  return { id: row.id, disabledAt: row.disabled_at === null ? null : isoOf(row.disabled_at), mustChangePassword: Boolean(row.must_change_password) };
}

/** Disabling oneself or resetting one's own password from the admin screen would lock the admin out. */
function refuseOwn(scope: Scope, id: string, action: string): void {
  if (id === scope.user.id) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Anda tidak dapat ${action} akun Anda sendiri; gunakan halaman Akun saya` });
  }
}

/**
 * Once `change` (which ends sessions or changes what one carries) is done, whether it went through or not,
 * this process forgets the sessions it read (session-cache.ts), so none is trusted from before it.
 */
async function forgettingSessions<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    forgetSessions();
  }
}

async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom("session").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The account can no longer sign in, and every session it has ends now. Disabling a disabled account changes nothing. */
export async function disableAccount(scope: Scope, input: { id: string }): Promise<AccountState> {
  requireAdmin(scope, "menonaktifkan akun");
  refuseOwn(scope, input.id, "menonaktifkan");
  return forgettingSessions(scope.db.transaction().execute(async (trx) => {
    const account = await regionAccount(trx, scope, input.id);
    if (account.disabled_at !== null) {
      // Disabled by a departure, now by the admin too: the employee's return no longer enables it.
      await trx.updateTable("user").set({ disabled_by_departure: sql<boolean>`FALSE` }).where("id", "=", account.id).execute();
      return stateOf(account);
    }
    const at = now();
    await trx.updateTable("user").set({ disabled_at: at, updated_at: at }).where("id", "=", account.id).execute();
    const sessionsEnded = await endSessionsOf(trx, account.id);
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "account.disable",
      entity: "user",
      entityId: account.id,
      before: { name: account.name, role: account.role, disabledAt: null },
      after: { name: account.name, role: account.role, disabledAt: at, sessionsEnded },
    });
    return stateOf({ ...account, disabled_at: at });
  }));
}

/** The account may sign in again (with the password it had). Enabling an enabled account changes nothing. */
export async function enableAccount(scope: Scope, input: { id: string }): Promise<AccountState> {
  requireAdmin(scope, "mengaktifkan akun");
  return scope.db.transaction().execute(async (trx) => {
    const account = await regionAccount(trx, scope, input.id);
    if (account.disabled_at === null) return stateOf(account);
    await trx.updateTable("user").set({ disabled_at: null, disabled_by_departure: sql<boolean>`FALSE`, updated_at: now() }).where("id", "=", account.id).execute();
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "account.enable",
      entity: "user",
      entityId: account.id,
      before: { name: account.name, role: account.role, disabledAt: isoOf(account.disabled_at) },
      after: { name: account.name, role: account.role, disabledAt: null },
    });
    return stateOf({ ...account, disabled_at: null });
  });
}

/** Who disables and enables accounts when the SIASN employee master says an employee left or came back. */
const DEPARTURE_ACTOR: Actor = { id: null, name: "Data induk SIASN", role: "system" };

/**
 * The accounts of employees who left the region can no longer sign in, and their sessions end now: as an
 * admin's disabling does, in the caller's transaction (the one applying the departures). An account an
 * admin already disabled stays as the admin left it. Answers the accounts disabled.
 */
export async function disableAccountsOfLeavers(trx: Kysely<Database>, regionId: string, employeeIds: readonly string[], reason: string): Promise<string[]> {
  if (employeeIds.length === 0) return [];
  const disabled: string[] = [];
  for (let i = 0; i < employeeIds.length; i += 500) {
    const accounts = await trx
      .selectFrom("user")
      .select(["id", "name", "role", "employee_id"])
      .where("region_id", "=", regionId)
      .where("employee_id", "in", employeeIds.slice(i, i + 500))
      .where("disabled_at", "is", null)
      .execute();
    for (const account of accounts) {
      const at = now();
      await trx.updateTable("user").set({ disabled_at: at, disabled_by_departure: sql<boolean>`TRUE`, updated_at: at }).where("id", "=", account.id).execute();
      const sessionsEnded = await endSessionsOf(trx, account.id);
      await audit(trx, {
        regionId,
        actor: DEPARTURE_ACTOR,
        action: "account.disable",
        entity: "user",
        entityId: account.id,
        before: { name: account.name, role: account.role, disabledAt: null },
        after: { name: account.name, role: account.role, disabledAt: at, sessionsEnded, reason },
      });
      disabled.push(account.id);
    }
  }
  return disabled;
}

/**
 * The accounts of employees SIASN lists again may sign in again (with the password they had), when it was
 * their departure that disabled them; an account an admin disabled stays disabled. Answers the accounts enabled.
 */
export async function enableAccountsOfReturners(trx: Kysely<Database>, regionId: string, employeeIds: readonly string[]): Promise<string[]> {
  if (employeeIds.length === 0) return [];
  const enabled: string[] = [];
  for (let i = 0; i < employeeIds.length; i += 500) {
    const accounts = await trx
      .selectFrom("user")
      .select(["id", "name", "role", "disabled_at"])
      .where("region_id", "=", regionId)
      .where("employee_id", "in", employeeIds.slice(i, i + 500))
      .where("disabled_at", "is not", null)
      .where("disabled_by_departure", "=", sql<boolean>`TRUE`)
      .execute();
    for (const account of accounts) {
      await trx.updateTable("user").set({ disabled_at: null, disabled_by_departure: sql<boolean>`FALSE`, updated_at: now() }).where("id", "=", account.id).execute();
      await audit(trx, {
        regionId,
        actor: DEPARTURE_ACTOR,
        action: "account.enable",
        entity: "user",
        entityId: account.id,
        before: { name: account.name, role: account.role, disabledAt: account.disabled_at === null ? null : isoOf(account.disabled_at) },
        after: { name: account.name, role: account.role, disabledAt: null, reason: "terdaftar lagi di SIASN" },
      });
      enabled.push(account.id);
    }
  }
  return enabled;
}

/** 12 letters and digits in three groups, without look-alikes (0/O, 1/l/I); at least one of each kind. */
export function temporaryPassword(): string {
  const letters = "abcdefghijkmnpqrstuvwxyz";
  const digits = "23456789";
  const alphabet = letters + digits;
  for (;;) {
    const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)] as string);
    if (chars.some((c) => digits.includes(c)) && chars.some((c) => letters.includes(c))) {
      return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((group) => group.join("")).join("-");
    }
  }
}

/**
 * A password the admin passes on (the one given, or a generated one), which its holder must change at the
 * next sign-in: until then the API answers nothing else. The account's sessions end, so whoever held one
 * must sign in with the new password. The password is answered once and never stored in clear or audited.
 */
export async function setTemporaryPassword(scope: Scope, input: { id: string; password?: string }): Promise<AccountState & { password: string }> {
  requireAdmin(scope, "menyetel kata sandi sementara");
  refuseOwn(scope, input.id, "menyetel kata sandi sementara untuk");
  if (input.password !== undefined) {
    const owner = await scope.db.selectFrom("user").select(["username", "email"]).where("id", "=", input.id).where("region_id", "=", scope.regionId).executeTakeFirst();
    assertPasswordAllowed(input.password, { nip: owner?.username ?? null, email: owner?.email ?? null });
  }
  const password = input.password ?? temporaryPassword();
  const hash = await hashPassword(password);
  return forgettingSessions(scope.db.transaction().execute(async (trx) => {
    const account = await regionAccount(trx, scope, input.id);
    const at = now();
    const updated = await trx
      .updateTable("account")
      .set({ password: hash, updated_at: at })
      .where("user_id", "=", account.id)
      .where("provider_id", "=", "credential")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Akun ${account.name} tidak masuk dengan kata sandi` });
    }
    await trx.updateTable("user").set({ must_change_password: sql<boolean>`TRUE`, updated_at: at }).where("id", "=", account.id).execute();
    const sessionsEnded = await endSessionsOf(trx, account.id);
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "account.setTemporaryPassword",
      entity: "user",
      entityId: account.id,
      before: { name: account.name, role: account.role, mustChangePassword: Boolean(account.must_change_password) },
      after: { name: account.name, role: account.role, mustChangePassword: true, sessionsEnded },
    });
    return { ...stateOf({ ...account, must_change_password: true }), password };
  }));
}

/** Signs the account out everywhere now; it may sign in again with its password. */
export async function endAccountSessions(scope: Scope, input: { id: string }): Promise<{ sessionsEnded: number }> {
  requireAdmin(scope, "mengakhiri sesi akun");
  return forgettingSessions(scope.db.transaction().execute(async (trx) => {
    const account = await regionAccount(trx, scope, input.id);
    const sessionsEnded = await endSessionsOf(trx, account.id);
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "account.endSessions",
      entity: "user",
      entityId: account.id,
      after: { name: account.name, role: account.role, sessionsEnded },
    });
    return { sessionsEnded };
  }));
}

/**
 * The scope of a call about one's own account: the signed-in person and the session they call from. It
 * needs no region, so a national operator has one too.
 */
export interface OwnScope {
  db: Kysely<Database>;
  user: SessionUser;
  /** The better-auth session the call came with; null for callers made in process. */
  sessionId: string | null;
}

/** Own changes go to the audit log of the person's region; a national operator has none. */
async function auditOwn(db: Kysely<Database>, user: Pick<SessionUser, "id" | "name" | "role" | "regionId">, action: string, after: unknown): Promise<void> {
  if (!user.regionId) return;
  await audit(db, { regionId: user.regionId, actor: actorOf(user), action, entity: "user", entityId: user.id, after });
}

export interface OwnSession {
  id: string;
  /** The browser or device, as it named itself. */
  userAgent: string | null;
  /** The address it signed in from. */
  ipAddress: string | null;
  /** ISO timestamps. */
  signedInAt: string;
  lastActiveAt: string;
  expiresAt: string;
  /** The session this call came with. */
  current: boolean;
}

/** The signed-in person's sessions that have not expired, the newest first. */
export async function listOwnSessions(own: OwnScope): Promise<OwnSession[]> {
  const rows = await own.db
    .selectFrom("session")
    .select(["id", "user_agent", "ip_address", "created_at", "updated_at", "expires_at"])
    .where("user_id", "=", own.user.id)
    .where("expires_at", ">", now())
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      userAgent: r.user_agent,
      ipAddress: r.ip_address,
      signedInAt: isoOf(r.created_at),
      lastActiveAt: isoOf(r.updated_at),
      expiresAt: isoOf(r.expires_at),
      current: r.id === own.sessionId,
    }))
    .sort((a, b) => b.signedInAt.localeCompare(a.signedInAt));
}

/** Ends one of the person's own sessions (another device, or this one, which signs them out). */
export async function endOwnSession(own: OwnScope, input: { id: string }): Promise<void> {
  await forgettingSessions(own.db.transaction().execute(async (trx) => {
    const ended = await trx.deleteFrom("session").where("id", "=", input.id).where("user_id", "=", own.user.id).executeTakeFirst();
    if (Number(ended.numDeletedRows) === 0) throw new DomainError({ code: "NOT_FOUND", message: "Sesi tidak ditemukan; mungkin sudah berakhir" });
    await auditOwn(trx, own.user, "account.endOwnSession", { current: input.id === own.sessionId });
  }));
}

/** Whether the account is disabled: better-auth asks before it creates any session. */
export async function isAccountDisabled(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom("user").select("disabled_at").where("id", "=", userId).executeTakeFirst();
  return row?.disabled_at != null;
}

/**
 * After better-auth changed a person's own password (and ended their other sessions): a temporary
 * password is then no longer one, and the change is audited.
 */
export async function ownPasswordChanged(db: Kysely<Database>, userId: string): Promise<void> {
  await forgettingSessions(db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("user").select(["id", "name", "role", "region_id", "must_change_password"]).where("id", "=", userId).executeTakeFirst();
    if (!user) return;
    await trx.updateTable("user").set({ must_change_password: sql<boolean>`FALSE`, updated_at: now() }).where("id", "=", userId).execute();
    await auditOwn(trx, { id: user.id, name: user.name, role: user.role, regionId: user.region_id }, "account.changePassword", {
      wasTemporary: Boolean(user.must_change_password),
      otherSessionsEnded: true,
    });
  }));
}
