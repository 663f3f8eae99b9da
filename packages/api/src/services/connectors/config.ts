// A connector's configuration in a region: enabled or not, its secrets (written from the portal, never read
// back: the portal learns only whether each is set), and its mapping file (the region's, or the default
// shipped with the connector). Every change is audited, naming the secrets changed but never their values.
import { now, parseJson, toJson, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";
import type { ExportFile, ExportFormat } from "../documents/index.js";
import { runsUnattended, type Connector, type Texts } from "./connector.js";
import { connectorNamed, connectors } from "./registry.js";

export interface ConnectorView {
  name: string;
  kind: "source" | "sink";
  label: Texts;
  description: Texts;
  formats: readonly string[];
  enabled: boolean;
  /** Each secret the connector takes, and whether the region has set it. */
  secrets: Array<{ name: string; set: boolean }>;
  /** Settings a browser may read (e.g. SIASN's base URL). */
  settings: Record<string, unknown>;
  mapping: unknown;
  defaultMapping: unknown;
  mappingIsDefault: boolean;
  updatedAt: string | null;
  /** Whether it fetches its own input and so can run on a schedule (a file source cannot). */
  unattended: boolean;
  /** Whether it hands out a template file to fill. */
  template: boolean;
}

type Stored = { enabled: number; settings: string; secrets: string; mapping: string | null; updated_at: string };

function view(connector: Connector, row: Stored | undefined): ConnectorView {
  const secrets = parseJson<Record<string, string>>(row?.secrets ?? "{}");
  const mapping = row?.mapping ? parseJson<unknown>(row.mapping) : null;
  return {
    name: connector.name,
    kind: connector.kind,
    label: connector.label,
    description: connector.description,
    formats: connector.formats,
    enabled: row?.enabled === 1,
    secrets: connector.secrets.map((name) => ({ name, set: typeof secrets[name] === "string" && secrets[name] !== "" })),
    settings: parseJson<Record<string, unknown>>(row?.settings ?? "{}"),
    mapping: mapping ?? connector.defaultMapping,
    defaultMapping: connector.defaultMapping,
    mappingIsDefault: mapping === null,
    updatedAt: row?.updated_at ?? null,
    unattended: runsUnattended(connector),
    template: connector.kind === "source" && connector.template !== undefined,
  };
}

async function stored(db: Kysely<Database>, regionId: string, name?: string) {
  let query = db.selectFrom("connectors").select(["name", "enabled", "settings", "secrets", "mapping", "updated_at"]).where("region_id", "=", regionId);
  if (name) query = query.where("name", "=", name);
  return query.execute();
}

export async function listConnectors(scope: Scope): Promise<ConnectorView[]> {
  requireAdmin(scope, "melihat konektor");
  const rows = new Map((await stored(scope.db, scope.regionId)).map((r) => [r.name, r]));
  return connectors().map((c) => view(c, rows.get(c.name)));
}

/** The mapping a run uses: the region's, or the default; whether the connector is enabled; its secrets, for the server only. */
export async function connectorSetup(db: Kysely<Database>, regionId: string, connector: Connector): Promise<{ enabled: boolean; mapping: unknown; secrets: Record<string, string> }> {
  const [row] = await stored(db, regionId, connector.name);
  return {
    enabled: row?.enabled === 1,
    mapping: row?.mapping ? connector.mapping.parse(parseJson<unknown>(row.mapping)) : connector.defaultMapping,
    secrets: parseJson<Record<string, string>>(row?.secrets ?? "{}"),
  };
}

/** A file source's template for the region, laid out by its mapping; NOT_FOUND for a connector without one. */
export async function connectorTemplate(scope: Scope, input: { name: string; format: ExportFormat }): Promise<ExportFile> {
  requireAdmin(scope, "mengunduh templat konektor");
  const connector = connectorNamed(input.name);
  if (connector.kind !== "source" || !connector.template) throw new DomainError({ code: "NOT_FOUND", message: `Konektor ${connector.label.id} tidak punya templat berkas` });
  const { mapping } = await connectorSetup(scope.db, scope.regionId, connector);
  return connector.template(mapping, input.format);
}

/** The settings and secrets a run that fetches from a service uses; server-side only, never sent to a browser. */
export async function connectorRemote(db: Kysely<Database>, regionId: string, connector: Connector): Promise<{ settings: Record<string, unknown>; secrets: Record<string, string> }> {
  const [row] = await stored(db, regionId, connector.name);
  return { settings: parseJson<Record<string, unknown>>(row?.settings ?? "{}"), secrets: parseJson<Record<string, string>>(row?.secrets ?? "{}") };
}

/** JSON pointer of a zod issue's path. */
function pointer(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("") || "/";
}

/** Checks a region's mapping file against the connector's shape; every problem named by JSON pointer. */
export function checkMapping(connector: Connector, mapping: unknown): unknown {
  const parsed = connector.mapping.safeParse(mapping);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((i) => `${pointer(i.path)}: ${i.message}`);
  throw new DomainError({ code: "BAD_REQUEST", message: `Berkas pemetaan ${connector.name} tidak sah: ${issues.join("; ")}`, pointer: pointer(parsed.error.issues[0]?.path ?? []) });
}

export interface ConnectorChange {
  name: string;
  enabled?: boolean;
  /** A secret's new value; null or "" clears it; a name not given keeps its value. */
  secrets?: Record<string, string | null>;
  /** The region's mapping file; null goes back to the default. */
  mapping?: unknown;
  /** The connector's settings (as its `settings` shape), replacing the saved ones. */
  settings?: Record<string, unknown>;
}

export async function configureConnector(scope: Scope, change: ConnectorChange): Promise<ConnectorView> {
  requireAdmin(scope, "mengatur konektor");
  const connector = connectorNamed(change.name);
  const unknownSecrets = Object.keys(change.secrets ?? {}).filter((s) => !connector.secrets.includes(s));
  if (unknownSecrets.length > 0) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} tidak memakai rahasia ${unknownSecrets.join(", ")}; yang dipakai: ${connector.secrets.join(", ") || "(tidak ada)"}` });
  }
  const mapping = change.mapping === undefined || change.mapping === null ? change.mapping : checkMapping(connector, change.mapping);
  let settings: Record<string, unknown> | undefined;
  if (change.settings !== undefined) {
    if (!connector.settings) throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} tidak memiliki pengaturan` });
    const parsed = connector.settings.safeParse(change.settings);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new DomainError({ code: "BAD_REQUEST", message: `Pengaturan ${connector.name} tidak sah: ${pointer(issue.path)}: ${issue.message}`, pointer: pointer(issue.path) });
    }
    settings = parsed.data;
  }
  const { db, regionId, actor } = scope;
  return db.transaction().execute(async (trx) => {
    const [before] = await stored(trx, regionId, connector.name);
    const secrets = parseJson<Record<string, string>>(before?.secrets ?? "{}");
    for (const [name, value] of Object.entries(change.secrets ?? {})) {
      if (value === null || value === "") delete secrets[name];
      else secrets[name] = value;
    }
    const row = {
      enabled: change.enabled === undefined ? (before?.enabled ?? 0) : change.enabled ? 1 : 0,
      settings: settings === undefined ? (before?.settings ?? "{}") : toJson(settings),
      secrets: toJson(secrets),
      mapping: mapping === undefined ? (before?.mapping ?? null) : mapping === null ? null : toJson(mapping),
      updated_by: actor.id,
      updated_at: now(),
    };
    await trx
      .insertInto("connectors")
      .values({ region_id: regionId, name: connector.name, ...row })
      .onConflict((oc) => oc.columns(["region_id", "name"]).doUpdateSet(row))
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "connector.configure",
      entity: "connector",
      entityId: connector.name,
      before: before ? { enabled: before.enabled === 1, settings: parseJson<unknown>(before.settings), mapping: before.mapping ? parseJson<unknown>(before.mapping) : null } : null,
      after: { enabled: row.enabled === 1, settings: parseJson<unknown>(row.settings), mapping: mapping === undefined ? "(tetap)" : mapping, secretsChanged: Object.keys(change.secrets ?? {}) },
    });
    return view(connector, { ...row, updated_at: row.updated_at });
  });
}
