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
import { assertRole, resolveRegion } from "./services/access/index.js";

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
}

/** A context with no request in it, so tests can call procedures in process. */
export function createContextInner(opts: CreateContextOptions) {
  return { db: opts.db, session: opts.session, jobs: opts.jobs ?? defaultJobRunner(opts.db) };
}

/** The context of an HTTP request: the better-auth session read from its headers. */
export async function createContext(opts: { db: Kysely<Database>; auth: Auth; headers: Headers; jobs?: JobRunner }) {
  const session = await sessionFromHeaders(opts.auth, opts.headers);
  return createContextInner({ db: opts.db, session, ...(opts.jobs ? { jobs: opts.jobs } : {}) });
}

export type Context = ReturnType<typeof createContextInner>;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // A dropped or refused database connection is not the caller's fault nor a bug: 503, try again.
    if (databaseUnavailable(error)) {
      return {
        ...shape,
        code: TRPC_ERROR_CODES_BY_KEY.SERVICE_UNAVAILABLE,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        data: { ...shape.data, code: "SERVICE_UNAVAILABLE" as const, httpStatus: 503, zodError: null },
      };
    }
    return {
      ...shape,
      data: {
        ...shape.data,
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure;

/** Any signed-in user. */
export const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
  return next({ ctx: { session: ctx.session, user: ctx.session.user } });
});

/** Only the given roles. */
export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    assertRole(ctx.user, roles);
    return next();
  });
}

const regionInput = z.object({ regionId: z.string().min(1).optional() }).default({});

/**
 * Only the given roles, inside one region: operators name the region (`regionId`), everyone else is pinned
 * to their own and refused when they name another. `ctx.regionId` is the region every query must filter on.
 */
export function regionProcedure(...roles: Role[]) {
  return roleProcedure(...roles)
    .input(regionInput)
    .use(async ({ ctx, input, next }) => next({ ctx: { regionId: await resolveRegion(ctx.db, ctx.user, input.regionId) } }));
}

/** Who did something, as the audit log records it. */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
}

export function actorOf(user: Session["user"]): Actor {
  return { id: user.id, name: user.name, role: user.role };
}
