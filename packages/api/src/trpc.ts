// The tRPC setup, created once: the context (request-free for tests, or read from a request's session),
// and the procedure builders every router uses. Role and region are checked here, on the server, for every
// call: a regional procedure runs only inside the caller's own region, whatever ids it is sent.
import { initTRPC, TRPCError } from "@trpc/server";
import { DATABASE_UNAVAILABLE_MESSAGE, databaseUnavailable, type Database, type Role } from "@kinerja/db";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { Kysely } from "kysely";
import { z, ZodError } from "zod";
import { sessionFromHeaders, type Auth, type Session } from "./auth.js";
import { JobRunner } from "./services/cycles/index.js";
import { assertRole, authoriseToken, requireSettledPassword, scopeFor, tokenUser, type ApiTokenPrincipal, type TokenScope } from "./services/access/index.js";
import { DomainError } from "./services/lib/index.js";
import { id, inputRefusal } from "./router/inputs.js";
import type { PublicEndpoint } from "./router/public-api.js";

const defaultRunners = new WeakMap<Kysely<Database>, JobRunner>();

function defaultJobRunner(db: Kysely<Database>): JobRunner {
  let runner = defaultRunners.get(db);
  if (!runner) {
    runner = new JobRunner();
    defaultRunners.set(db, runner);
  }
  return runner;
}

export interface CreateContextOptions {
  db: Kysely<Database>;
  session: Session | null;
  /** Runs background jobs; one per database unless given. */
  jobs?: JobRunner;
  /** The id the server logs the request under; errors name it so a report can be matched to the log. */
  requestId?: string;
  /** The public API's caller (/api/v1), in place of a session: a region's token, already authenticated. */
  token?: ApiTokenPrincipal | null;
}

/** What a procedure declares about itself. */
export interface ProcedureMeta {
  /** The scope an API token needs to call it; a procedure without one is closed to tokens. */
  token?: TokenScope;
  /** Where the public HTTP API (/api/v1) serves it, and the schema of its answer there. */
  http?: PublicEndpoint;
}

/** A context with no request in it, so tests can call procedures in process. */
export function createContextInner(opts: CreateContextOptions) {
  return {
    db: opts.db,
    session: opts.session,
    jobs: opts.jobs ?? defaultJobRunner(opts.db),
    requestId: opts.requestId ?? null,
    token: opts.token ?? null,
  };
}

/** The context of an HTTP request: the better-auth session read from its headers. */
export async function createContext(opts: { db: Kysely<Database>; auth: Auth; headers: Headers; jobs?: JobRunner; requestId?: string }) {
  const session = await sessionFromHeaders(opts.auth, opts.headers);
  return createContextInner({
    db: opts.db,
    session,
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.requestId ? { requestId: opts.requestId } : {}),
  });
}

export type Context = ReturnType<typeof createContextInner>;

/** What the caller of a failed call is told when the fault is the server's: nothing of its insides. */
function internalErrorMessage(requestId: string | null): string {
  return requestId
    ? `Terjadi kesalahan di server. Sebutkan kode permintaan ${requestId} bila melaporkannya.`
    : "Terjadi kesalahan di server.";
}

const t = initTRPC.context<Context>().meta<ProcedureMeta>().create({
  // Never the development shape, whatever NODE_ENV says: it carries the stack, with the server's paths.
  isDev: false,
  // The client gets the message, the code, zod's field errors and the request id; the stack and the
  // cause stay in the server's log, under the same request id.
  errorFormatter({ shape, error, ctx }) {
    const requestId = ctx?.requestId ?? null;
    // A dropped or refused database connection is not the caller's fault nor a bug: 503, try again.
    const unavailable = databaseUnavailable(error) !== null;
    const code = unavailable ? ("SERVICE_UNAVAILABLE" as const) : shape.data.code;
    const refusal = error.cause instanceof ZodError ? inputRefusal(error.cause) : null;
    const message = unavailable
      ? DATABASE_UNAVAILABLE_MESSAGE
      : code === "INTERNAL_SERVER_ERROR"
        ? internalErrorMessage(requestId)
        : (refusal ?? shape.message);
    return {
      code: unavailable ? TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE : shape.code,
      message,
      data: {
        code,
        httpStatus: unavailable ? 503 : shape.data.httpStatus,
        path: shape.data.path,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        requestId,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Services throw DomainError; the caller gets it as the tRPC error of the same code. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * Any signed-in user who is not holding a temporary password, or an API token allowed this procedure
 * (access/api-tokens.ts), which then calls it as its region's reader.
 */
export const protectedProcedure = publicProcedure.use(({ ctx, meta, path, next }) => {
  if (ctx.token) {
    authoriseToken(ctx.token, meta?.token, path);
    const user = tokenUser(ctx.token);
    return next({ ctx: { session: { user, id: null, mustChangePassword: false } satisfies Session, user } });
  }
  if (!ctx.session) throw new DomainError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
  requireSettledPassword(ctx.session);
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

/** Only the given roles. */
export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    assertRole(ctx.user, roles);
    return next();
  });
}

const regionInput = z.object({ regionId: id.min(1).optional() }).default({});

/**
 * Only the given roles, inside one region: operators name the region (`regionId`), everyone else is pinned
 * to their own and refused when they name another. `ctx.scope` is what every service takes: the database,
 * the region every query must filter on, the signed-in person and their linked employee record, the actor.
 */
export function regionProcedure(...roles: Role[]) {
  return roleProcedure(...roles)
    .input(regionInput)
    .use(async ({ ctx, input, next }) => {
      const scope = await scopeFor(ctx.db, ctx.user, input.regionId);
      return next({ ctx: { regionId: scope.regionId, scope } });
    });
}

export { actorOf, type Actor } from "./services/lib/index.js";
