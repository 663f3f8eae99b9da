// Who an API token is and what it may call. A token belongs to one region and carries scopes; a procedure
// is open to tokens only when it names the scope it needs (`meta.token` on the procedure), and a token calls
// it only when it carries that scope. The token then acts in its own region alone, as a reader with an
// admin's sight of that region: `tokenUser` is the caller every service sees, so the region is resolved
// and every query filtered exactly as for a signed-in admin, and naming another region is refused.
import { createHash, randomBytes } from "node:crypto";
import { parseJson, type ApiTokenRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import { DomainError } from "../lib/index.js";

/** What a token may be given. Each public endpoint needs one of them. */
export const TOKEN_SCOPES = ["cycles:read", "employees:read", "results:read", "attendance:write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Every token starts with this, so a leaked one is recognisable by secret scanners and in logs. */
export const TOKEN_PREFIX = "kin_";

/** The token as presented, authenticated: its row, read on every call. */
export interface ApiTokenPrincipal {
  id: string;
  regionId: string;
  name: string;
  scopes: TokenScope[];
}

/**
 * The stored form of a token. A token is 32 random bytes (256 bits), so a plain SHA-256 is enough: a slow
 * password hash (scrypt, bcrypt) guards low-entropy secrets against guessing, which cannot succeed against
 * 2^256 possibilities, and a fast hash lets every API call look its token up by an indexed equality.
 */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new token: shown to the admin once, never stored. */
export function newTokenSecret(): { token: string; prefix: string; hash: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6), hash: tokenHash(token) };
}

const UNAUTHORIZED_MESSAGE =
  "Token API tidak sah, sudah dicabut atau kedaluwarsa. Kirim header Authorization: Bearer <token> dengan token yang masih berlaku.";

/** The principal of `Authorization: Bearer <token>`; UNAUTHORIZED for a missing, unknown, revoked or expired token. */
export async function authenticateToken(db: Kysely<Database>, authorization: string | undefined, at: Date = new Date()): Promise<ApiTokenPrincipal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new DomainError({ code: "UNAUTHORIZED", message: "Token API tidak ada. Kirim header Authorization: Bearer <token>.", pointer: "/headers/authorization" });
  }
  const row = await db.selectFrom("api_tokens").selectAll().where("token_hash", "=", tokenHash(match[1])).executeTakeFirst();
  if (!row || row.revoked_at !== null || (row.expires_at !== null && Date.parse(row.expires_at) <= at.getTime())) {
    throw new DomainError({ code: "UNAUTHORIZED", message: UNAUTHORIZED_MESSAGE, pointer: "/headers/authorization" });
  }
  await markUsed(db, row, at);
  return { id: row.id, regionId: row.region_id, name: row.name, scopes: parseJson<TokenScope[]>(row.scopes) };
}

/** When it was last used, written at most once a minute so a busy integration does not write on every read. */
async function markUsed(db: Kysely<Database>, row: ApiTokenRow, at: Date): Promise<void> {
  if (row.last_used_at !== null && at.getTime() - Date.parse(row.last_used_at) < 60_000) return;
  await db.updateTable("api_tokens").set({ last_used_at: at.toISOString() }).where("region_id", "=", row.region_id).where("id", "=", row.id).execute();
}

/** Refuses a call the token may not make: the procedure is not public, or the token lacks its scope. */
export function authoriseToken(token: ApiTokenPrincipal, needed: TokenScope | undefined, procedure: string): void {
  if (!needed) throw new DomainError({ code: "FORBIDDEN", message: `${procedure} tidak terbuka untuk token API` });
  if (!token.scopes.includes(needed)) {
    throw new DomainError({
      code: "FORBIDDEN",
      message: `Token "${token.name}" tidak memiliki cakupan ${needed} yang diperlukan untuk ${procedure}; cakupannya: ${token.scopes.join(", ") || "(tidak ada)"}`,
    });
  }
}

/** The caller a token is to the services: an admin's sight of its own region only, never an operator. */
export function tokenUser(token: ApiTokenPrincipal): SessionUser {
  return { id: `api-token:${token.id}`, name: `Token API ${token.name}`, email: "", username: null, role: "admin", regionId: token.regionId, employeeId: null };
}
