// Limits on guessing passwords, counted in the database so every server on it counts the same attempts.
// Each sign-in is counted under its account and under the client's address when it begins, so a burst of
// parallel guesses is counted before any password is checked; success wipes the account's count and takes
// the attempt back from the address's. Too many attempts that did not succeed within a window lock the
// key for a while: while locked, sign-in is refused before the password is looked at, even the right one.
// The account key is the account's id whichever way it signs in (e-mail or NIP); a login that names no
// account is counted and locked just the same, so a refusal never tells whether an account exists.
import { type Database } from "@kinerja/db";
import type { Kysely } from "kysely";

const MINUTE = 60_000;

export interface SignInLimit {
  /** Attempts in a window that did not succeed; the next is refused until the lock ends. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface SignInLimits {
  /** Per account: guessing one person's password. */
  account: SignInLimit;
  /**
   * Per client address: guessing many accounts' passwords from one place. Generous, because a whole
   * office behind one address signs in at eight in the morning; successful sign-ins do not count.
   */
  address: SignInLimit;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  account: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  address: { maxFailures: 30, windowMs: 10 * MINUTE, lockMs: 10 * MINUTE },
};

/** What a sign-in names: an e-mail (better-auth's /sign-in/email) or a NIP (/sign-in/username). */
export interface SignInLogin {
  email?: unknown;
  username?: unknown;
}

/** The keys one sign-in is counted under. */
export interface SignInKeys {
  /** Null when the request names no login at all (better-auth refuses it without a password check). */
  account: string | null;
  address: string;
}

export interface SignInRefusal {
  limit: keyof SignInLimits;
  /** Whole seconds until a sign-in may be tried again (for Retry-After). */
  retryAfterSeconds: number;
  message: string;
}

function refusal(limit: keyof SignInLimits, until: number, at: number): SignInRefusal {
  const retryAfterSeconds = Math.max(1, Math.ceil((until - at) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const message =
    limit === "account"
      ? `Terlalu banyak percobaan masuk. Akun dikunci sementara; coba lagi dalam ${minutes} menit.`
      : `Terlalu banyak percobaan masuk dari alamat jaringan Anda. Coba lagi dalam ${minutes} menit.`;
  return { limit, retryAfterSeconds, message };
}

export interface SignInLimiterOptions {
  db: Kysely<Database>;
  limits?: SignInLimits;
  /** The time; tests move it on instead of waiting. */
  now?: () => Date;
}

export interface SignInLimiter {
  keysFor(login: SignInLogin, address: string | null): Promise<SignInKeys>;
  /** Counts a sign-in that is about to check a password; a refusal when it may not. */
  begin(keys: SignInKeys): Promise<SignInRefusal | null>;
  succeeded(keys: SignInKeys): Promise<void>;
  failed(keys: SignInKeys): Promise<void>;
}

export function signInLimiter(options: SignInLimiterOptions): SignInLimiter {
  const { db } = options;
  const limits = options.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const clock = options.now ?? (() => new Date());
  const longest = Math.max(...Object.values(limits).flatMap((l: SignInLimit) => [l.windowMs, l.lockMs]));
  const iso = (ms: number) => new Date(ms).toISOString();

  const counted = (keys: SignInKeys) =>
    [
      ...(keys.account ? [{ key: keys.account, limit: "account" as const }] : []),
      { key: keys.address, limit: "address" as const },
    ];

  /** One more attempt under the key, in a new window when the last one ended or its lock ran out. */
  async function count(key: string, limit: SignInLimit, at: number) {
    const now = iso(at);
    return db
      .insertInto("sign_in_limits")
      .values({ key, attempts: 1, window_started_at: now, locked_until: null })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => {
          const current = eb.or([
            eb("sign_in_limits.locked_until", ">", now),
            eb.and([eb("sign_in_limits.locked_until", "is", null), eb("sign_in_limits.window_started_at", ">", iso(at - limit.windowMs))]),
          ]);
          return {
            attempts: eb.case().when(current).then(eb("sign_in_limits.attempts", "+", 1)).else(1).end(),
            window_started_at: eb.case().when(current).then(eb.ref("sign_in_limits.window_started_at")).else(now).end(),
            locked_until: eb.case().when("sign_in_limits.locked_until", ">", now).then(eb.ref("sign_in_limits.locked_until")).else(null).end(),
          };
        }),
      )
      .returning(["attempts", "locked_until"])
      .executeTakeFirstOrThrow();
  }

  /** Locks the key when it has had its fill of attempts, unless it is locked already. */
  async function lockIfSpent(key: string, limit: SignInLimit, at: number): Promise<void> {
    await db
      .updateTable("sign_in_limits")
      .set({ locked_until: iso(at + limit.lockMs) })
      .where("key", "=", key)
      .where("attempts", ">=", limit.maxFailures)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", iso(at))]))
      .execute();
  }

  return {
    async keysFor(login, address) {
      const email = typeof login.email === "string" ? login.email.trim().toLowerCase() : null;
      const nip = typeof login.username === "string" ? login.username.replace(/\s+/g, "").toLowerCase() : null;
      let account: string | null = null;
      if (email !== null || nip !== null) {
        const user = await db
          .selectFrom("user")
          .select("id")
          .where(email !== null ? "email" : "username", "=", (email ?? nip) as string)
          .executeTakeFirst();
        account = user ? `account:${user.id}` : `login:${email ?? nip}`;
      }
      return { account, address: `address:${address ?? "unknown"}` };
    },

    async begin(keys) {
      const at = clock().getTime();
      const rows = await db
        .selectFrom("sign_in_limits")
        .select(["key", "locked_until"])
        .where("key", "in", counted(keys).map((c) => c.key))
        .where("locked_until", ">", iso(at))
        .execute();
      for (const { key, limit } of counted(keys)) {
        const locked = rows.find((r) => r.key === key);
        if (locked?.locked_until) return refusal(limit, Date.parse(locked.locked_until), at);
      }
      for (const { key, limit } of counted(keys)) {
        const row = await count(key, limits[limit], at);
        if (row.locked_until) return refusal(limit, Date.parse(row.locked_until), at);
        // More attempts at once than the limit leaves: the rest wait out a lock instead of being checked.
        if (Number(row.attempts) > limits[limit].maxFailures) {
          await lockIfSpent(key, limits[limit], at);
          return refusal(limit, at + limits[limit].lockMs, at);
        }
      }
      return null;
    },

    async succeeded(keys) {
      const at = clock().getTime();
      if (keys.account) await db.deleteFrom("sign_in_limits").where("key", "=", keys.account).execute();
      await db
        .updateTable("sign_in_limits")
        .set((eb) => ({ attempts: eb("attempts", "-", 1) }))
        .where("key", "=", keys.address)
        .where("attempts", ">", 0)
        .execute();
      // Rows whose window and lock are long over say nothing any more.
      await db
        .deleteFrom("sign_in_limits")
        .where("window_started_at", "<", iso(at - longest))
        .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", iso(at))]))
        .execute();
    },

    async failed(keys) {
      const at = clock().getTime();
      for (const { key, limit } of counted(keys)) await lockIfSpent(key, limits[limit], at);
    },
  };
}
