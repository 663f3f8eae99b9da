// better-auth on our own database: e-mail + password for operators and admins, NIP + password (the
// username plugin, the NIP as username) for assessors and employees. Its tables come from our migrations
// with snake_case columns, so every field is mapped here. Sign-up is closed: admins create accounts.
// Nobody changes their own account through better-auth: the endpoints that would change a user's name,
// NIP, e-mail or links are switched off (DISABLED_PATHS), and role, region and the employee link are
// fields no request may set. An account is linked to its employee record by id (`employeeId`).
// An admin may disable an account (`disabledAt`: no session for it) or give it a temporary password
// (`mustChangePassword`); changing one's password ends one's other sessions (auth-lifecycle.ts).
// Sign-in is limited per account and per address, and every new password passes one policy (auth-credentials.ts).
// A forgotten password is reset by a link sent by mail (auth-password-reset.ts).
// Employees may also sign in through their region's OpenID Connect provider (auth-sso.ts).
// An account made in bulk gets its first password, and a session, by its one-time code (auth-activation.ts).
import { betterAuth, type BetterAuthOptions } from "better-auth";
import { username } from "better-auth/plugins/username";
import { parseNip } from "@kinerja/core";
import { newId, type Database, type DialectName, type Role } from "@kinerja/db";
import { CLIENT_ADDRESS_HEADER, credentials, SIGN_IN_PATHS } from "./auth-credentials.js";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type SignInLimits } from "./services/credentials/index.js";
import { afterAuthCall, beforePasswordChange, refuseDisabledSessions } from "./auth-lifecycle.js";
import { onPasswordReset, passwordReset, sendResetPassword } from "./auth-password-reset.js";
import { regionSso } from "./auth-sso.js";
import { activation } from "./auth-activation.js";
import { cachedSession, cookieValue } from "./session-cache.js";
import type { Kysely } from "kysely";

export interface AuthOptions {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Signs session cookies; at least 32 characters. */
  secret: string;
  /** The public origin of the server, e.g. http://localhost:3000; inferred from each request when absent. */
  baseURL?: string;
  trustedOrigins?: string[];
  /** Where better-auth's own messages go (default: its console logger). */
  log?: (level: "debug" | "info" | "warn" | "error", message: string) => void;
  /** How many sign-ins may fail per account and per client address, and how long they lock (DEFAULT_SIGN_IN_LIMITS). */
  signInLimits?: SignInLimits;
  /** The time the sign-in limits go by; tests move it on instead of waiting. */
  now?: () => Date;
}

/**
 * better-auth endpoints that change who a user is, or that this product does not offer: answered 404.
 * What remains: signing in and out, reading one's session, changing one's password, resetting a forgotten
 * one by a link sent by mail, listing and ending one's sessions.
 */
export const DISABLED_PATHS = [
  "/update-user",
  "/change-email",
  "/delete-user",
  "/delete-user/callback",
  "/sign-up/email",
  "/link-social",
  "/unlink-account",
  "/update-session",
  "/verify-email",
  "/send-verification-email",
  "/is-username-available",
  "/sign-in/social",
  "/callback/:id",
  "/get-access-token",
  "/refresh-token",
  "/account-info",
] as const;

const timestamps = { createdAt: "created_at", updatedAt: "updated_at" } as const;

/** better-auth's configuration on our database (also what its schema check compares our tables with). */
export function authOptions(options: AuthOptions) {
  return {
    appName: "Kinerja",
    basePath: "/api/auth",
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    secret: options.secret,
    trustedOrigins: options.trustedOrigins ?? [],
    disabledPaths: [...DISABLED_PATHS],
    database: { db: options.db, type: options.dialect },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
      // "Lupa kata sandi?": the link goes out through the notification outbox (auth-password-reset.ts).
      sendResetPassword: sendResetPassword(options.db),
      onPasswordReset: onPasswordReset(options.db),
      revokeSessionsOnPasswordReset: true,
    },
    // Sign-in is limited by our own counts in the database, in every mode; better-auth's limiter (on only in
    // production, counted per process) would otherwise refuse it first, in English.
    rateLimit: { customRules: Object.fromEntries(SIGN_IN_PATHS.map((path) => [path, false as const])) },
    user: {
      fields: { emailVerified: "email_verified", ...timestamps },
      additionalFields: {
        role: { type: "string", required: true, input: false, fieldName: "role" },
        regionId: { type: "string", required: false, input: false, fieldName: "region_id" },
        employeeId: { type: "string", required: false, input: false, fieldName: "employee_id" },
        disabledAt: { type: "date", required: false, input: false, fieldName: "disabled_at" },
        mustChangePassword: { type: "boolean", required: false, defaultValue: false, input: false, fieldName: "must_change_password" },
      },
    },
    session: {
      fields: {
        expiresAt: "expires_at",
        ipAddress: "ip_address",
        userAgent: "user_agent",
        userId: "user_id",
        ...timestamps,
      },
    },
    account: {
      fields: {
        accountId: "account_id",
        providerId: "provider_id",
        userId: "user_id",
        accessToken: "access_token",
        refreshToken: "refresh_token",
        idToken: "id_token",
        accessTokenExpiresAt: "access_token_expires_at",
        refreshTokenExpiresAt: "refresh_token_expires_at",
        ...timestamps,
      },
    },
    verification: { fields: { expiresAt: "expires_at", ...timestamps } },
    databaseHooks: { session: { create: { before: refuseDisabledSessions(options.db) } } },
    hooks: { before: beforePasswordChange, after: afterAuthCall(options.db) },
    plugins: [
      username({
        displayUsername: false,
        minUsernameLength: 18,
        maxUsernameLength: 18,
        usernameValidator: (value) => parseNip(value).ok,
      }),
      credentials({ db: options.db, ...(options.signInLimits ? { limits: options.signInLimits } : {}), ...(options.now ? { now: options.now } : {}) }),
      passwordReset({ db: options.db }),
      regionSso({ db: options.db }),
      activation({ db: options.db, ...(options.signInLimits ? { limits: options.signInLimits } : {}), ...(options.now ? { now: options.now } : {}) }),
    ],
    advanced: {
      // Secure cookies exactly when the public URL is https, rather than better-auth's guess from NODE_ENV
      // (which would make a plain-http install in production unable to keep a session).
      useSecureCookies: options.baseURL?.startsWith("https://") ?? false,
      // The client's address as the server read it from the connection (or a trusted proxy), never a header
      // the client chose: sign-in limits and sessions go by it.
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      database: { generateId: () => newId() },
    },
    ...(options.log ? { logger: { log: (level: "debug" | "info" | "warn" | "error", message: string) => options.log?.(level, message) } } : {}),
  } satisfies BetterAuthOptions;
}

export function createAuth(options: AuthOptions) {
  return betterAuth(authOptions(options));
}

export type Auth = ReturnType<typeof createAuth>;

/** The signed-in user as the API sees it. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  /** The NIP an employee or assessor signs in with; access is never decided from it (see employeeId). */
  username: string | null;
  role: Role;
  regionId: string | null;
  /** The employee record the account belongs to (assessors and employees), set only by admins. */
  employeeId: string | null;
}

export interface Session {
  user: SessionUser;
  /** The better-auth session's id (never its token); null for callers made in process. */
  id: string | null;
  /** An admin set a temporary password: until its holder changes it, the API answers nothing else. */
  mustChangePassword: boolean;
}

/** The name of the cookie holding an auth instance's session token (with its __Secure- prefix when secure). */
const sessionCookieNames = new WeakMap<Auth, Promise<string>>();

function sessionCookieName(auth: Auth): Promise<string> {
  let name = sessionCookieNames.get(auth);
  if (!name) {
    name = auth.$context.then((context) => context.authCookies.sessionToken.name);
    sessionCookieNames.set(auth, name);
  }
  return name;
}

/**
 * Reads the session of a request's cookies, null when signed out or disabled. A session read in the last
 * SESSION_CACHE_MS is not read again (session-cache.ts); signing out, disabling the account and the rest
 * forget it at once on this process.
 */
export async function sessionFromHeaders(auth: Auth, headers: Headers): Promise<Session | null> {
  const key = cookieValue(headers.get("cookie"), await sessionCookieName(auth));
  return cachedSession(auth, key, () => readSession(auth, headers));
}

async function readSession(auth: Auth, headers: Headers): Promise<{ session: Session; expiresAt: Date } | null> {
  const found = await auth.api.getSession({ headers });
  // Disabling ends an account's sessions; one created in the same instant still reads as signed out.
  if (!found || found.user.disabledAt) return null;
  const { user } = found;
  const session: Session = {
    id: found.session.id,
    mustChangePassword: Boolean(user.mustChangePassword),
    user: Object.freeze({
      id: user.id,
      name: user.name,
      email: user.email,
      username: user.username ?? null,
      role: user.role as Role,
      regionId: user.regionId ?? null,
      employeeId: user.employeeId ?? null,
    }),
  };
  // Shared by the requests that find it in the cache: nobody may change it.
  return { session: Object.freeze(session), expiresAt: new Date(found.session.expiresAt) };
}
