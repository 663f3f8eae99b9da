// Activating an account made in bulk: its holder gives their NIP, the one-time code from their letter and a
// new password; the password is set (hashed by better-auth, see auth-activation.ts, which then signs them in)
// and the code works no more. Until then the account has no password and cannot sign in. Attempts are
// limited per NIP and per client address as sign-in is (credentials/sign-in-limits.ts), and a refusal says
// no more than sign-in does: a NIP without an account and a wrong code are told alike. Only someone holding
// the right code hears that it expired or was used. An admin may make a new code for an account not yet
// activated, which ends the old one.
import { parseNip } from "@kinerja/core";
import { now, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { assertPasswordAllowed, type SignInKeys, type SignInLimiter } from "../credentials/index.js";
import { actorOf, audit, DomainError, formatDate } from "../lib/index.js";
import { ACCOUNT_DISABLED_MESSAGE } from "./account-lifecycle.js";
import { activationCodeHash, activationCodeMatches, newActivationCode, normaliseActivationCode } from "./activation-codes.js";
import { DEFAULT_CODE_VALID_DAYS, MAX_CODE_VALID_DAYS } from "./bulk-accounts.js";
import { hasMailbox } from "../notifications/index.js";

export const ACTIVATION_MISMATCH_MESSAGE = "NIP atau kode aktivasi tidak cocok. Periksa kembali NIP dan kode pada surat aktivasi Anda.";

export interface ActivationDeps {
  db: Kysely<Database>;
  /** Counts attempts as sign-in does, under keys of activation's own. */
  limiter: SignInLimiter;
  /** better-auth's own password hash. */
  hash(password: string): Promise<string>;
  now?: () => Date;
}

export interface ActivationInput {
  nip: string;
  code: string;
  password: string;
  /** The client's address as the server read it. */
  address: string | null;
}

function activationKeys(nip: string, address: string | null): SignInKeys {
  return { account: `activation:${nip}`, address: `activation-address:${address ?? "unknown"}` };
}

/** Sets the account's first password from a valid code; the code is used up. Answers the account's id. */
export async function activateAccount(deps: ActivationDeps, input: ActivationInput): Promise<{ userId: string }> {
  const { db, limiter } = deps;
  const nip = parseNip(input.nip);
  if (!nip.ok) throw new DomainError({ code: "BAD_REQUEST", message: nip.error, pointer: "/nip" });
  const code = normaliseActivationCode(input.code);
  if (!code) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: "Kode aktivasi terdiri atas 12 huruf dan angka seperti tertulis pada surat aktivasi (contoh: K7QM-3TXA-9HCR).",
      pointer: "/code",
    });
  }
  const keys = activationKeys(nip.value.nip, input.address);
  const refused = await limiter.begin(keys);
  if (refused) {
    const minutes = Math.ceil(refused.retryAfterSeconds / 60);
    throw new DomainError({ code: "TOO_MANY_REQUESTS", message: `Terlalu banyak percobaan aktivasi. Coba lagi dalam ${minutes} menit.` });
  }
  const found = await db
    .selectFrom("user")
    .innerJoin("account_activations as a", (join) => join.onRef("a.user_id", "=", "user.id").onRef("a.region_id", "=", "user.region_id"))
    .select(["user.id", "user.name", "user.role", "user.region_id", "user.email", "user.disabled_at", "a.code_hash", "a.expires_at", "a.activated_at", "a.invitation_email"])
    .where("user.username", "=", nip.value.nip)
    .executeTakeFirst();
  if (!found || !activationCodeMatches(code, found.code_hash)) {
    await limiter.failed(keys);
    throw new DomainError({ code: "BAD_REQUEST", message: ACTIVATION_MISMATCH_MESSAGE });
  }
  const usedMessage = "Kode aktivasi ini sudah dipakai. Masuk dengan NIP dan kata sandi Anda; bila lupa kata sandi, hubungi admin BKPSDM wilayah Anda.";
  if (found.activated_at !== null) throw new DomainError({ code: "CONFLICT", message: usedMessage });
  const at = (deps.now?.() ?? new Date()).toISOString();
  if (found.expires_at <= at) {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Kode aktivasi ini sudah kedaluwarsa sejak ${formatDate(found.expires_at)}. Minta kode baru kepada admin BKPSDM wilayah Anda.`,
    });
  }
  if (found.disabled_at != null) throw new DomainError({ code: "FORBIDDEN", message: ACCOUNT_DISABLED_MESSAGE });
  assertPasswordAllowed(input.password, { nip: nip.value.nip, email: found.email });
  const hash = await deps.hash(input.password);
  await db.transaction().execute(async (trx) => {
    const written = now();
    // Only a code not yet used, on an account with no password yet: two activations at once set one password.
    const used = await trx
      .updateTable("account_activations")
      .set({ activated_at: written })
      .where("region_id", "=", found.region_id as string)
      .where("user_id", "=", found.id)
      .where("activated_at", "is", null)
      .executeTakeFirst();
    const set = await trx
      .updateTable("account")
      .set({ password: hash, updated_at: written })
      .where("user_id", "=", found.id)
      .where("provider_id", "=", "credential")
      .where("password", "is", null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1 || Number(set.numUpdatedRows) !== 1) throw new DomainError({ code: "CONFLICT", message: usedMessage });
    await trx.deleteFrom("activation_handouts").where("region_id", "=", found.region_id as string).where("user_id", "=", found.id).execute();
    // The code came by mail to the register's address, so that address is the holder's: mail reaches them from now on.
    const invited = found.invitation_email;
    if (invited && !hasMailbox(found.email) && !(await trx.selectFrom("user").select("id").where("email", "=", invited).executeTakeFirst())) {
      await trx.updateTable("user").set({ email: invited, updated_at: written }).where("id", "=", found.id).execute();
    }
    await audit(trx, {
      regionId: found.region_id as string,
      actor: actorOf({ id: found.id, name: found.name, role: found.role }),
      action: "account.activate",
      entity: "user",
      entityId: found.id,
      after: { activatedAt: written },
    });
  });
  await limiter.succeeded(keys);
  return { userId: found.id };
}

/**
 * A new activation code for one of the region's accounts that has not been activated (no password yet);
 * the old code works no more, and its copy in clear is dropped from any hand-out. Answered once.
 */
export async function regenerateActivationCode(scope: Scope, input: { id: string; validDays?: number }): Promise<{ code: string; expiresAt: string }> {
  requireAdmin(scope, "membuat kode aktivasi baru");
  const validDays = input.validDays ?? DEFAULT_CODE_VALID_DAYS;
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_CODE_VALID_DAYS) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Masa berlaku kode aktivasi harus 1 sampai ${MAX_CODE_VALID_DAYS} hari, bukan ${validDays}`, pointer: "/validDays" });
  }
  const { regionId } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom("user")
      .leftJoin("account", (join) => join.onRef("account.user_id", "=", "user.id").on("account.provider_id", "=", "credential"))
      .select(["user.id", "user.name", "user.employee_id", "account.id as credential", "account.password"])
      .where("user.id", "=", input.id)
      .where("user.region_id", "=", regionId)
      .executeTakeFirst();
    if (!account) throw new DomainError({ code: "NOT_FOUND", message: `Akun ${input.id} tidak ditemukan di wilayah ini` });
    if (!account.employee_id || !account.credential) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Akun ${account.name} tidak diaktifkan dengan kode (bukan akun pegawai yang masuk dengan NIP)` });
    }
    if (account.password !== null) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Akun ${account.name} sudah aktif dan punya kata sandi; bila pemiliknya lupa, setel kata sandi sementara`,
      });
    }
    const code = newActivationCode();
    const at = now();
    const expiresAt = new Date(Date.parse(at) + validDays * 24 * 60 * 60 * 1000).toISOString();
    const fresh = { code_hash: activationCodeHash(code), expires_at: expiresAt, created_at: at, activated_at: null, job_id: null };
    await trx
      .insertInto("account_activations")
      .values({ region_id: regionId, user_id: account.id, employee_id: account.employee_id, invitation_email: null, invited_at: null, ...fresh })
      .onConflict((oc) => oc.columns(["region_id", "user_id"]).doUpdateSet(fresh))
      .execute();
    await trx.deleteFrom("activation_handouts").where("region_id", "=", regionId).where("user_id", "=", account.id).execute();
    await audit(trx, { regionId, actor: scope.actor, action: "account.regenerateActivationCode", entity: "user", entityId: account.id, after: { expiresAt } });
    return { code, expiresAt };
  });
}

