// Activating an account made in bulk, as a better-auth endpoint (POST /api/auth/activate-account), so the
// new password is hashed by better-auth's own hasher and the person is signed in by better-auth's own
// session and cookie, as after a sign-in. The rules (the code, its expiry and single use, the limits on
// attempts, the password policy) are in services/organisation/activation.ts.
import type { Database } from "@kinerja/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, getIP } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import type { Kysely } from "kysely";
import { z } from "zod";
import { signInLimiter, type SignInLimits } from "./services/credentials/index.js";
import { DomainError } from "./services/lib/index.js";
import { activateAccount } from "./services/organisation/index.js";

export const ACTIVATE_PATH = "/activate-account";

export interface ActivationOptions {
  db: Kysely<Database>;
  limits?: SignInLimits;
  now?: () => Date;
}

export function activation(options: ActivationOptions) {
  const limiter = signInLimiter(options);
  return {
    id: "kinerja-activation",
    endpoints: {
      activateAccount: createAuthEndpoint(
        ACTIVATE_PATH,
        { method: "POST", body: z.object({ nip: z.string().max(64), code: z.string().max(64), password: z.string().max(1024) }) },
        async (ctx) => {
          const source = ctx.request ?? ctx.headers;
          const address = source ? getIP(source, ctx.context.options) : null;
          let userId: string;
          try {
            ({ userId } = await activateAccount(
              { db: options.db, limiter, hash: (password) => ctx.context.password.hash(password), ...(options.now ? { now: options.now } : {}) },
              { ...ctx.body, address },
            ));
          } catch (error) {
            if (error instanceof DomainError) {
              const status = error.code === "UNPROCESSABLE_CONTENT" || error.code === "PAYLOAD_TOO_LARGE" || error.code === "SERVICE_UNAVAILABLE" ? "BAD_REQUEST" : error.code;
              throw new APIError(status, { code: `ACTIVATION_${error.code}`, message: error.message });
            }
            throw error;
          }
          const user = await ctx.context.internalAdapter.findUserById(userId);
          if (!user) throw new APIError("NOT_FOUND", { message: "Akun tidak ditemukan" });
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ activated: true, user: { id: user.id, name: user.name } });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
