// Writing to and reading the append-only audit log: who did what to which record, with before and after.
import { newId, now, parseJson, toJson, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Scope } from "../access/index.js";
import { decodeCursor, pageOf, type Page } from "./pagination.js";

/** Who did something, as the audit log records it. */
export interface Actor {
  id: string | null;
  name: string;
  role: string;
}

export function actorOf(user: Pick<SessionUser, "id" | "name" | "role">): Actor {
  return { id: user.id, name: user.name, role: user.role };
}

export interface AuditEntry {
  regionId: string;
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** An entry's columns, the same in the region's log and the national one. */
function entryRow(entry: Omit<AuditEntry, "regionId">) {
  return {
    id: newId(),
    at: now(),
    actor_id: entry.actor.id,
    actor_name: entry.actor.name,
    actor_role: entry.actor.role,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    before: entry.before === undefined ? null : toJson(entry.before),
    after: entry.after === undefined ? null : toJson(entry.after),
  };
}

/** Call inside the transaction that makes the change, so the entry and the change stand or fall together. */
export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({ region_id: entry.regionId, ...entryRow(entry) })
    .execute();
}

/** What the national operator changes outside any region (national_audit_log); in the transaction of the change. */
export async function auditNational(db: Kysely<Database>, entry: Omit<AuditEntry, "regionId">): Promise<void> {
  await db.insertInto("national_audit_log").values(entryRow(entry)).execute();
}

/** The national log's entries about one entity (a baseline), newest first. */
export async function listNationalAudit(db: Kysely<Database>, filter: { entity: string; entityId?: string; limit: number }): Promise<AuditLogEntry[]> {
  let query = db.selectFrom("national_audit_log").selectAll().where("entity", "=", filter.entity);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  const rows = await query.orderBy("id", "desc").limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parseJson(row.before),
    after: parseJson(row.after),
  }));
}

export interface AuditFilter {
  action?: string;
  entity?: string;
  entityId?: string;
  actorId?: string;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

export interface AuditLogEntry {
  id: string;
  at: string;
  actor: { id: string | null; name: string; role: string };
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Newest first. */
export async function listAudit(scope: Scope, filter: AuditFilter): Promise<Page<AuditLogEntry>> {
  const { db, regionId } = scope;
  let query = db.selectFrom("audit_log").selectAll().where("region_id", "=", regionId);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.entity) query = query.where("entity", "=", filter.entity);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.actorId) query = query.where("actor_id", "=", filter.actorId);
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<=", filter.to);
  if (filter.cursor) {
    const [id] = decodeCursor(filter.cursor, 1);
    query = query.where("id", "<", String(id));
  }
  const rows = await query.orderBy("id", "desc").limit(filter.limit + 1).execute();
  return pageOf(rows, filter.limit, (row) => [row.id], (row) => ({
    id: row.id,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role },
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: parseJson(row.before),
    after: parseJson(row.after),
  }));
}
