// Forgotten passwords, through better-auth's reset flow: "Lupa kata sandi?" on the sign-in page asks
// /request-password-reset with an e-mail or a NIP; the link goes out through the notification outbox (sent
// within a round of the sender), and /reset-password sets a new password that must pass the policy. The
// answer is the same whether or not the account exists or has an address to write to, so the page tells
// nobody who has an account. A NIP is turned into its account's address before better-auth reads it.
import { parseNip } from "@kinerja/core";
import type { Database } from "@kinerja/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Kysely } from "kysely";
import { passwordProblem } from "./services/credentials/index.js";
import { ownPasswordChanged } from "./services/organisation/index.js";
import { enqueueMail, fill, hasMailbox, templateFor } from "./services/notifications/index.js";

const REQUEST = "/request-password-reset";
const RESET = "/reset-password";

/** better-auth's sendResetPassword: the link in a mail in the outbox, when the account has an address and is not disabled. */
export function sendResetPassword(db: Kysely<Database>) {
  return async ({ user, url }: { user: { id: string; name: string; email: string }; url: string }): Promise<void> => {
    const row = await db.selectFrom("user").select(["region_id", "disabled_at"]).where("id", "=", user.id).executeTakeFirst();
    if (!row || row.disabled_at || !hasMailbox(user.email)) return;
    const template = await templateFor(db, row.region_id, "password_reset");
    const values = { nama_penerima: user.name, tautan: url };
    await enqueueMail(db, { regionId: row.region_id, userId: user.id, kind: "password_reset", to: user.email, subject: fill(template.subject, values), body: fill(template.body, values) });
  };
}

export function passwordReset(options: { db: Kysely<Database> }) {
  const { db } = options;
  return {
    id: "kinerja-password-reset",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === REQUEST,
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            const login = typeof body.email === "string" ? body.email.trim() : "";
            if (!parseNip(login).ok) return;
            const account = await db.selectFrom("user").select("email").where("username", "=", login).executeTakeFirst();
            // A NIP with no account becomes an address no account has: better-auth then answers as it does for one.
            return { context: { body: { ...body, email: account?.email ?? `${login}@nip.kinerja.invalid` } } };
          }),
        },
        {
          matcher: (ctx) => ctx.path === RESET,
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            if (typeof body.newPassword !== "string") return;
            const token = typeof body.token === "string" ? body.token : "";
            const verification = token
              ? await db.selectFrom("verification").select("value").where("identifier", "=", `reset-password:${token}`).executeTakeFirst()
              : undefined;
            const owner = verification ? await db.selectFrom("user").select(["username", "email"]).where("id", "=", verification.value).executeTakeFirst() : undefined;
            const problem = passwordProblem(body.newPassword, owner ? { nip: owner.username, email: owner.email } : {});
            if (problem) throw new APIError("BAD_REQUEST", { code: problem.code, message: problem.message });
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}

/** After a reset the password is the person's own: a temporary one set by an admin no longer holds; audited. */
export function onPasswordReset(db: Kysely<Database>) {
  return async ({ user }: { user: { id: string } }): Promise<void> => ownPasswordChanged(db, user.id);
}
