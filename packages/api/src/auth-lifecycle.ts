// better-auth's part in an account's lifecycle (services/organisation/account-lifecycle.ts holds the rest):
// a disabled account gets no session, whichever way it signs in; changing one's password always ends the
// person's other sessions, even when the client did not ask, and makes a temporary password an ordinary one.
import type { Database } from "@kinerja/db";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Kysely } from "kysely";
import { forgetSessions } from "./session-cache.js";
import { ACCOUNT_DISABLED_MESSAGE, isAccountDisabled, ownPasswordChanged } from "./services/organisation/index.js";

const CHANGE_PASSWORD = "/change-password";

/** Refuses to create a session for a disabled account: after the password was checked, so it tells nobody else anything. */
export function refuseDisabledSessions(db: Kysely<Database>) {
  return async (session: { userId: string }): Promise<void> => {
    if (await isAccountDisabled(db, session.userId)) {
      throw APIError.from("FORBIDDEN", { message: ACCOUNT_DISABLED_MESSAGE, code: "ACCOUNT_DISABLED" });
    }
  };
}

/** Before a password change: the new one must differ, and the other sessions end whatever the client sent. */
export const beforePasswordChange = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== CHANGE_PASSWORD) return;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof body.newPassword === "string" && body.newPassword === body.currentPassword) {
    throw APIError.from("BAD_REQUEST", { message: "Kata sandi baru harus berbeda dari kata sandi saat ini", code: "PASSWORD_UNCHANGED" });
  }
  return { context: { body: { ...body, revokeOtherSessions: true } } };
});

/**
 * better-auth endpoints after which every session read before still holds: reading one's session or sessions,
 * and signing in (a new session ends none). After any other (signing out, revoking sessions, changing or
 * resetting a password, and whatever a plugin adds) this process forgets the sessions it read (session-cache.ts).
 */
const KEEPS_SESSIONS = new Set(["/get-session", "/list-sessions", "/sign-in/email", "/sign-in/username", "/ok", "/error"]);

/**
 * After a better-auth call: the sessions read before are forgotten unless it was one of KEEPS_SESSIONS; after a
 * password change, the temporary-password flag clears, and the change is audited.
 */
export function afterAuthCall(db: Kysely<Database>) {
  return createAuthMiddleware(async (ctx) => {
    try {
      if (ctx.path !== CHANGE_PASSWORD || ctx.context.returned instanceof APIError) return;
      // With other sessions ended, better-auth signed the caller in afresh: the new session names them.
      const userId = ctx.context.newSession?.user.id;
      if (userId) await ownPasswordChanged(db, userId);
    } finally {
      // Last, so no session read while the flag above was still set is kept.
      if (!KEEPS_SESSIONS.has(ctx.path)) forgetSessions();
    }
  });
}
