// better-auth's part in guarding credentials (services/credentials holds the rules), as a plugin of its
// own hooks so they run in every mode, not only when NODE_ENV is production as better-auth's own limiter:
// - sign-in by e-mail or NIP is counted per account and per client address in the database; too many
//   attempts that did not succeed answer 429 with Retry-After and an Indonesian message, before any
//   password is checked;
// - a new password set through better-auth (/change-password) must pass the password policy, checked
//   before better-auth hashes it.
import type { Database } from "@kinerja/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware, getIP, getSessionFromCtx, isAPIError } from "better-auth/api";
import type { Kysely } from "kysely";
import { passwordProblem, signInLimiter, type SignInKeys, type SignInLimits } from "./services/credentials/index.js";

/** Where better-auth reads the client's address; the server sets it on every request, over any sent. */
export const CLIENT_ADDRESS_HEADER = "x-kinerja-client-address";

export const SIGN_IN_PATHS = ["/sign-in/email", "/sign-in/username"] as const;
/** Endpoints that set the signed-in person's password from `newPassword`. */
const PASSWORD_PATHS = new Set(["/change-password", "/set-password"]);

export interface CredentialsOptions {
  db: Kysely<Database>;
  limits?: SignInLimits;
  now?: () => Date;
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

export function credentials(options: CredentialsOptions) {
  const limiter = signInLimiter(options);
  const isSignIn = (ctx: { path?: string }) => (SIGN_IN_PATHS as readonly string[]).includes(ctx.path ?? "");

  function keysOf(ctx: HookContext): Promise<SignInKeys> {
    const source = ctx.request ?? ctx.headers;
    const address = source ? getIP(source, ctx.context.options) : null;
    return limiter.keysFor((ctx.body ?? {}) as Record<string, unknown>, address);
  }

  return {
    id: "kinerja-credentials",
    hooks: {
      before: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const refused = await limiter.begin(await keysOf(ctx));
            if (refused) {
              throw new APIError(
                "TOO_MANY_REQUESTS",
                { code: refused.limit === "account" ? "SIGN_IN_LOCKED" : "SIGN_IN_ADDRESS_LIMITED", message: refused.message },
                { "Retry-After": String(refused.retryAfterSeconds) },
              );
            }
          }),
        },
        {
          matcher: (ctx) => PASSWORD_PATHS.has(ctx.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const body = (ctx.body ?? {}) as Record<string, unknown>;
            if (typeof body.newPassword !== "string") return;
            // Length first: an overlong password is refused before a session is even looked up.
            const problem =
              passwordProblem(body.newPassword) ??
              (await getSessionFromCtx(ctx).then((session) =>
                session ? passwordProblem(body.newPassword as string, { nip: session.user.username as string | null | undefined, email: session.user.email }) : null,
              ));
            if (problem) throw new APIError("BAD_REQUEST", { code: problem.code, message: problem.message });
          }),
        },
      ],
      after: [
        {
          matcher: isSignIn,
          handler: createAuthMiddleware(async (ctx) => {
            const keys = await keysOf(ctx);
            if (isAPIError(ctx.context.returned)) await limiter.failed(keys);
            else await limiter.succeeded(keys);
          }),
        },
      ],
    },
  } satisfies BetterAuthPlugin;
}
