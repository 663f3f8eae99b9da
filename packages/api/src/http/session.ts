// What every plain-HTTP route checks before it does anything, as the tRPC API does for each call: a
// signed-in session not held with a temporary password, one of the four roles, and the region the request
// acts in (`?regionId=` for operators). The answer is the same scope a regional tRPC procedure hands its service.
import type { IncomingMessage } from "node:http";
import { ROLES, type Database } from "@kinerja/db";
import { fromNodeHeaders } from "better-auth/node";
import type { Kysely } from "kysely";
import { sessionFromHeaders, type Auth } from "../auth.js";
import { assertRole, requireSettledPassword, scopeFor, type Scope } from "../services/access/index.js";
import { DomainError } from "../services/lib/index.js";

export interface HttpDeps {
  db: Kysely<Database>;
  auth: Auth;
}

export async function signedIn(req: IncomingMessage, url: URL, deps: HttpDeps): Promise<Scope> {
  const session = await sessionFromHeaders(deps.auth, fromNodeHeaders(req.headers));
  if (!session) throw new DomainError({ code: "UNAUTHORIZED", message: "Silakan masuk terlebih dahulu" });
  requireSettledPassword(session);
  assertRole(session.user, ROLES);
  return scopeFor(deps.db, session.user, url.searchParams.get("regionId") ?? undefined);
}
