// What every plain-HTTP route checks before it does anything, as the tRPC API does for each call: a
// signed-in session, one of the four roles, and the region the request acts in (`?regionId=` for operators).
import type { IncomingMessage } from "node:http";
import { TRPCError } from "@trpc/server";
import { ROLES, type Database } from "@kinerja/db";
import { fromNodeHeaders } from "better-auth/node";
import type { Kysely } from "kysely";
import { sessionFromHeaders, type Auth, type Session } from "../auth.js";
import { assertRole, resolveRegion } from "../services/access/index.js";

export interface HttpDeps {
  db: Kysely<Database>;
  auth: Auth;
}

export async function signedIn(req: IncomingMessage, url: URL, deps: HttpDeps): Promise<{ session: Session; regionId: string }> {
  const session = await sessionFromHeaders(deps.auth, fromNodeHeaders(req.headers));
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
  assertRole(session.user, ROLES);
  return { session, regionId: await resolveRegion(deps.db, session.user, url.searchParams.get("regionId") ?? undefined) };
}
