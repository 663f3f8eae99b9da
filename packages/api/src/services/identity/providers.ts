// A region's OpenID Connect identity providers, kept by its admin (or an operator): create, edit, disable,
// and "Uji koneksi", which reads the provider's discovery document. The client secret is write-only: it is
// stored, handed to the provider at the token exchange, and never selected by a read of the API; an edit
// that leaves it blank keeps the stored one.
import { newId, now, type Database } from "@kinerja/db";
import type { Kysely, Selectable } from "kysely";
import type { IdentityProviderTable } from "@kinerja/db";
import type { Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";

export type IdentityProviderRow = Selectable<IdentityProviderTable>;

/** A provider as its admin reads it: everything but the secret, of which only whether one is stored. */
export interface IdentityProvider {
  id: string;
  regionId: string;
  name: string;
  discoveryUrl: string;
  clientId: string;
  hasClientSecret: boolean;
  scopes: string[];
  nipClaim: string;
  createAccounts: boolean;
  enabled: boolean;
  updatedAt: string;
}

/** A provider as the sign-in page offers it: a button, nothing more. */
export interface SignInProvider {
  id: string;
  name: string;
  regionName: string;
}

export interface IdentityProviderInput {
  name: string;
  discoveryUrl: string;
  clientId: string;
  /** Required when creating; blank on an edit keeps the stored one. */
  clientSecret?: string;
  scopes: string[];
  nipClaim: string;
  createAccounts: boolean;
  enabled: boolean;
}

export const DEFAULT_NIP_CLAIM = "nip";
const DISCOVERY_TIMEOUT_MS = 10_000;

const readable = [
  "id",
  "region_id",
  "name",
  "discovery_url",
  "client_id",
  "scopes",
  "nip_claim",
  "create_accounts",
  "disabled_at",
  "updated_at",
] as const;

function toProvider(row: Omit<IdentityProviderRow, "client_secret" | "created_at" | "updated_by">, hasClientSecret: boolean): IdentityProvider {
  return {
    id: row.id,
    regionId: row.region_id,
    name: row.name,
    discoveryUrl: row.discovery_url,
    clientId: row.client_id,
    hasClientSecret,
    scopes: splitScopes(row.scopes),
    nipClaim: row.nip_claim,
    createAccounts: row.create_accounts === 1,
    enabled: row.disabled_at === null,
    updatedAt: row.updated_at,
  };
}

export function splitScopes(scopes: string): string[] {
  return scopes.split(/\s+/).filter((scope) => scope !== "" && scope !== "openid");
}

/** http is accepted only for a provider on this machine (a test or a local gateway); anything else must be https. */
export function discoveryUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `URL discovery "${value}" tidak dapat dibaca; contoh yang benar: https://sso.example.go.id/.well-known/openid-configuration`;
  }
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    return `URL discovery harus memakai https (http hanya untuk alamat lokal), bukan ${url.protocol}//${url.host}`;
  }
  if (url.username || url.password) return "URL discovery tidak boleh memuat nama pengguna atau kata sandi";
  return null;
}

function checkInput(input: IdentityProviderInput, creating: boolean): void {
  const problem = discoveryUrlProblem(input.discoveryUrl);
  if (problem) throw new DomainError({ code: "BAD_REQUEST", message: problem, pointer: "/discoveryUrl" });
  if (creating && !input.clientSecret) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Client secret wajib diisi untuk penyedia baru", pointer: "/clientSecret" });
  }
  if (!/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(input.nipClaim)) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: `Nama klaim NIP "${input.nipClaim}" tidak sah: huruf, angka, _ . : - (contoh: nip)`,
      pointer: "/nipClaim",
    });
  }
  const badScope = input.scopes.find((scope) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope));
  if (badScope !== undefined) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Scope "${badScope}" tidak sah: satu kata tanpa spasi atau tanda kutip`, pointer: "/scopes" });
  }
}

export async function listIdentityProviders(scope: Scope): Promise<IdentityProvider[]> {
  const rows = await scope.db
    .selectFrom("identity_providers")
    .select(readable)
    .select((eb) => eb("client_secret", "!=", "").as("has_secret"))
    .where("region_id", "=", scope.regionId)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(({ has_secret, ...row }) => toProvider(row, Boolean(has_secret)));
}

async function readProvider(scope: Scope, id: string): Promise<IdentityProvider> {
  const all = await listIdentityProviders(scope);
  const found = all.find((provider) => provider.id === id);
  if (!found) throw new DomainError({ code: "NOT_FOUND", message: "Penyedia identitas tidak ditemukan di wilayah ini" });
  return found;
}

export async function createIdentityProvider(scope: Scope, input: IdentityProviderInput): Promise<IdentityProvider> {
  checkInput(input, true);
  const id = newId();
  const at = now();
  await scope.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("identity_providers")
      .values({
        region_id: scope.regionId,
        id,
        name: input.name,
        discovery_url: input.discoveryUrl,
        client_id: input.clientId,
        client_secret: input.clientSecret ?? "",
        scopes: input.scopes.join(" "),
        nip_claim: input.nipClaim,
        create_accounts: input.createAccounts ? 1 : 0,
        disabled_at: input.enabled ? null : at,
        updated_by: scope.actor.id,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "identity_provider.create",
      entity: "identity_provider",
      entityId: id,
      after: describe(input),
    });
  });
  return readProvider(scope, id);
}

export async function updateIdentityProvider(scope: Scope, id: string, input: IdentityProviderInput): Promise<IdentityProvider> {
  checkInput(input, false);
  const before = await readProvider(scope, id);
  const at = now();
  await scope.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("identity_providers")
      .set({
        name: input.name,
        discovery_url: input.discoveryUrl,
        client_id: input.clientId,
        ...(input.clientSecret ? { client_secret: input.clientSecret } : {}),
        scopes: input.scopes.join(" "),
        nip_claim: input.nipClaim,
        create_accounts: input.createAccounts ? 1 : 0,
        disabled_at: input.enabled ? null : before.enabled ? at : undefined,
        updated_by: scope.actor.id,
        updated_at: at,
      })
      .where("region_id", "=", scope.regionId)
      .where("id", "=", id)
      .execute();
    await audit(trx, {
      regionId: scope.regionId,
      actor: scope.actor,
      action: "identity_provider.update",
      entity: "identity_provider",
      entityId: id,
      before: { ...before, hasClientSecret: undefined },
      after: describe(input),
    });
  });
  return readProvider(scope, id);
}

/** What the audit log keeps of an input: never the secret, only whether one was given. */
function describe(input: IdentityProviderInput) {
  const { clientSecret, ...rest } = input;
  return { ...rest, clientSecretChanged: Boolean(clientSecret) };
}

/** The discovery document's parts a sign-in needs, as "Uji koneksi" reports them. */
export interface DiscoveryCheck {
  ok: boolean;
  /** In Indonesian: what was found, or what is wrong. */
  message: string;
  issuer: string | null;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  jwksUri: string | null;
}

/** Fetches a discovery document and says whether it can sign people in (issuer, endpoints, keys). */
export async function checkDiscovery(discoveryUrl: string): Promise<DiscoveryCheck> {
  const none = { issuer: null, authorizationEndpoint: null, tokenEndpoint: null, jwksUri: null };
  const problem = discoveryUrlProblem(discoveryUrl);
  if (problem) return { ok: false, message: problem, ...none };
  let response: Response;
  try {
    response = await fetch(discoveryUrl, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), redirect: "error" });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "tidak menjawab dalam 10 detik" : "tidak dapat dihubungi";
    return { ok: false, message: `Penyedia di ${new URL(discoveryUrl).host} ${reason}`, ...none };
  }
  if (!response.ok) return { ok: false, message: `Penyedia menjawab HTTP ${response.status} untuk ${discoveryUrl}`, ...none };
  let document: Record<string, unknown>;
  try {
    document = (await response.json()) as Record<string, unknown>;
  } catch {
    return { ok: false, message: `Jawaban ${discoveryUrl} bukan JSON discovery OpenID Connect`, ...none };
  }
  const text = (key: string) => (typeof document[key] === "string" ? (document[key] as string) : null);
  const found = {
    issuer: text("issuer"),
    authorizationEndpoint: text("authorization_endpoint"),
    tokenEndpoint: text("token_endpoint"),
    jwksUri: text("jwks_uri"),
  };
  const missing = Object.entries({
    issuer: found.issuer,
    authorization_endpoint: found.authorizationEndpoint,
    token_endpoint: found.tokenEndpoint,
    jwks_uri: found.jwksUri,
  })
    .filter(([, value]) => value === null)
    .map(([key]) => key);
  if (missing.length > 0) return { ok: false, message: `Dokumen discovery tidak memuat ${missing.join(", ")}`, ...found };
  return { ok: true, message: `Terhubung ke ${found.issuer}`, ...found };
}

export async function testIdentityProvider(scope: Scope, input: { id?: string; discoveryUrl?: string }): Promise<DiscoveryCheck> {
  const url = input.discoveryUrl ?? (input.id ? (await readProvider(scope, input.id)).discoveryUrl : undefined);
  if (!url) throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan penyedia atau URL discovery yang diuji" });
  return checkDiscovery(url);
}

/** The enabled providers, for the sign-in page's buttons. */
export async function signInProviders(db: Kysely<Database>): Promise<SignInProvider[]> {
  const rows = await db
    .selectFrom("identity_providers as p")
    .innerJoin("regions as r", "r.id", "p.region_id")
    .select(["p.id", "p.name", "r.name as region_name"])
    .where("p.disabled_at", "is", null)
    .orderBy("r.name")
    .orderBy("p.name")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, regionName: row.region_name }));
}

/** An enabled provider with its secret, for the sign-in flow only; null when unknown or disabled. */
export async function providerForSignIn(db: Kysely<Database>, id: string): Promise<IdentityProviderRow | null> {
  const row = await db.selectFrom("identity_providers").selectAll().where("id", "=", id).where("disabled_at", "is", null).executeTakeFirst();
  return row ?? null;
}
