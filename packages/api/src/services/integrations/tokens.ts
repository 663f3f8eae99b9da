// A region's API tokens, managed by its admin: made (the token shown once), listed by name and prefix, and
// revoked. Only the hash is stored (access/api-tokens.ts says why a plain SHA-256 suffices).
import { newId, now, parseJson, toJson, type ApiTokenRow } from "@kinerja/db";
import { newTokenSecret, requireAdmin, type Scope, type TokenScope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

function tokenView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseJson<TokenScope[]>(row.scopes),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function listApiTokens(scope: Scope): Promise<ApiTokenView[]> {
  requireAdmin(scope, "mengelola token API");
  const rows = await scope.db.selectFrom("api_tokens").selectAll().where("region_id", "=", scope.regionId).orderBy("id", "desc").execute();
  return rows.map(tokenView);
}

/** A new token; `token` is in this answer only and never again. */
export async function createApiToken(
  scope: Scope,
  input: { name: string; scopes: TokenScope[]; expiresAt?: string | null },
): Promise<ApiTokenView & { token: string }> {
  requireAdmin(scope, "membuat token API");
  if (input.scopes.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Pilih paling sedikit satu cakupan", pointer: "/scopes" });
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Tanggal kedaluwarsa harus di masa depan", pointer: "/expiresAt" });
  }
  const secret = newTokenSecret();
  const row: ApiTokenRow = {
    region_id: scope.regionId,
    id: newId(),
    name: input.name,
    prefix: secret.prefix,
    token_hash: secret.hash,
    scopes: toJson([...new Set(input.scopes)]),
    created_by: scope.actor.id,
    created_at: now(),
    last_used_at: null,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
  };
  await scope.db.transaction().execute(async (trx) => {
    await trx.insertInto("api_tokens").values(row).execute();
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "apiToken.create",
      entity: "api_token",
      entityId: row.id,
      after: { name: row.name, prefix: row.prefix, scopes: input.scopes, expiresAt: row.expires_at },
    });
  });
  return { ...tokenView(row), token: secret.token };
}

export async function revokeApiToken(scope: Scope, id: string): Promise<ApiTokenView> {
  requireAdmin(scope, "mencabut token API");
  return scope.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("api_tokens").selectAll().where("region_id", "=", scope.regionId).where("id", "=", id).executeTakeFirst();
    if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Token API ${id} tidak ditemukan` });
    if (row.revoked_at !== null) return tokenView(row);
    const at = now();
    await trx.updateTable("api_tokens").set({ revoked_at: at }).where("region_id", "=", scope.regionId).where("id", "=", id).execute();
    await audit(trx, { regionId: scope.regionId, actor: scope.actor, action: "apiToken.revoke", entity: "api_token", entityId: id, after: { revokedAt: at } });
    return tokenView({ ...row, revoked_at: at });
  });
}
