// A region's webhooks: the URLs its admin registers for events, the events themselves, and the log of
// their deliveries. An event is written as one delivery row per endpoint inside the transaction of the
// change it tells of (`emitEvent`): the rows exist only if that change committed, and the sender
// (webhook-sender.ts) sees them only after the commit, so no event is sent for a change that was rolled back
// and none is lost to a crash between the commit and the send.
import { newId, now, parseJson, toJson, type Database, type WebhookDeliveryRow, type WebhookDeliveryStatus, type WebhookEndpointRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { audit, DomainError } from "../lib/index.js";
import { newWebhookSecret } from "./signature.js";

/** The events a region's endpoints may ask for; `ping` is sent only by the admin's test. */
export const WEBHOOK_EVENTS = ["cycle.opened", "results.finalised", "appeal.decided"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  disabledAt: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  url: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

function endpointView(row: WebhookEndpointRow): WebhookEndpointView {
  return { id: row.id, url: row.url, events: parseJson<WebhookEvent[]>(row.events), createdAt: row.created_at, disabledAt: row.disabled_at };
}

/** An http(s) URL with a host and no credentials in it; refused naming what is wrong. */
function checkedUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError({ code: "BAD_REQUEST", message: `URL tidak sah: ${text}; yang diharapkan alamat lengkap, mis. https://contoh.go.id/kinerja`, pointer: "/url" });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new DomainError({ code: "BAD_REQUEST", message: `URL harus http atau https, bukan ${url.protocol}`, pointer: "/url" });
  }
  if (url.username || url.password) {
    throw new DomainError({ code: "BAD_REQUEST", message: "URL tidak boleh memuat nama pengguna atau sandi; verifikasi memakai tanda tangan", pointer: "/url" });
  }
  return url.toString();
}

export async function listWebhooks(scope: Scope): Promise<WebhookEndpointView[]> {
  requireAdmin(scope, "mengelola webhook");
  const rows = await scope.db.selectFrom("webhook_endpoints").selectAll().where("region_id", "=", scope.regionId).orderBy("id").execute();
  return rows.map(endpointView);
}

/** Registers an endpoint; its signing `secret` is in this answer only. */
export async function registerWebhook(scope: Scope, input: { url: string; events: WebhookEvent[] }): Promise<WebhookEndpointView & { secret: string }> {
  requireAdmin(scope, "mendaftarkan webhook");
  if (input.events.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Pilih paling sedikit satu peristiwa", pointer: "/events" });
  const row: WebhookEndpointRow = {
    region_id: scope.regionId,
    id: newId(),
    url: checkedUrl(input.url),
    events: toJson([...new Set(input.events)]),
    secret: newWebhookSecret(),
    created_by: scope.actor.id,
    created_at: now(),
    disabled_at: null,
  };
  await scope.db.transaction().execute(async (trx) => {
    await trx.insertInto("webhook_endpoints").values(row).execute();
    await audit(trx, { regionId: scope.regionId, actor: scope.actor, action: "webhook.register", entity: "webhook", entityId: row.id, after: { url: row.url, events: input.events } });
  });
  return { ...endpointView(row), secret: row.secret };
}

async function findEndpoint(db: Kysely<Database>, regionId: string, id: string): Promise<WebhookEndpointRow> {
  const row = await db.selectFrom("webhook_endpoints").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Webhook ${id} tidak ditemukan` });
  return row;
}

/** Stops sending to an endpoint; its log stays. Deliveries still queued for it are marked failed. */
export async function disableWebhook(scope: Scope, id: string): Promise<WebhookEndpointView> {
  requireAdmin(scope, "menonaktifkan webhook");
  return scope.db.transaction().execute(async (trx) => {
    const row = await findEndpoint(trx, scope.regionId, id);
    if (row.disabled_at !== null) return endpointView(row);
    const at = now();
    await trx.updateTable("webhook_endpoints").set({ disabled_at: at }).where("region_id", "=", scope.regionId).where("id", "=", id).execute();
    await trx
      .updateTable("webhook_deliveries")
      .set({ status: "failed", last_error: "Webhook dinonaktifkan" })
      .where("region_id", "=", scope.regionId)
      .where("endpoint_id", "=", id)
      .where("status", "=", "queued")
      .execute();
    await audit(trx, { regionId: scope.regionId, actor: scope.actor, action: "webhook.disable", entity: "webhook", entityId: id, after: { disabledAt: at } });
    return endpointView({ ...row, disabled_at: at });
  });
}

/** The body every delivery carries: the event's id (the same for every endpoint), name, region, time and data. */
function eventBody(regionId: string, event: string, data: unknown): string {
  return toJson({ id: newId(), event, regionId, occurredAt: now(), data });
}

function deliveryRow(endpoint: WebhookEndpointRow, event: string, body: string): WebhookDeliveryRow {
  const at = now();
  return {
    region_id: endpoint.region_id,
    id: newId(),
    endpoint_id: endpoint.id,
    event,
    body,
    status: "queued",
    attempts: 0,
    next_attempt_at: at,
    owner: null,
    lease_expires_at: null,
    response_status: null,
    last_error: null,
    created_at: at,
    delivered_at: null,
  };
}

/**
 * Queues an event for every enabled endpoint of the region that asked for it. Call inside the transaction
 * of the change, on its connection: the sender sees the deliveries once that transaction commits.
 */
export async function emitEvent(trx: Kysely<Database>, regionId: string, event: WebhookEvent, data: unknown): Promise<number> {
  const endpoints = await trx.selectFrom("webhook_endpoints").selectAll().where("region_id", "=", regionId).where("disabled_at", "is", null).execute();
  const wanting = endpoints.filter((e) => parseJson<string[]>(e.events).includes(event));
  if (wanting.length === 0) return 0;
  const body = eventBody(regionId, event, data);
  await trx.insertInto("webhook_deliveries").values(wanting.map((e) => deliveryRow(e, event, body))).execute();
  return wanting.length;
}

/** Sends a `ping` to one endpoint, for the admin to see it arrive (and its signature check) before a real event. */
export async function testWebhook(scope: Scope, id: string): Promise<WebhookDeliveryView> {
  requireAdmin(scope, "menguji webhook");
  const endpoint = await findEndpoint(scope.db, scope.regionId, id);
  if (endpoint.disabled_at !== null) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Webhook ini sudah dinonaktifkan" });
  const row = deliveryRow(endpoint, "ping", eventBody(scope.regionId, "ping", { message: "Uji webhook Kinerja" }));
  await scope.db.insertInto("webhook_deliveries").values(row).execute();
  return deliveryView(row, endpoint.url);
}

function deliveryView(row: WebhookDeliveryRow, url: string): WebhookDeliveryView {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    url,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    nextAttemptAt: row.next_attempt_at,
    deliveredAt: row.delivered_at,
  };
}

/** The region's latest deliveries, newest first (at most `limit`), for one endpoint or all. */
export async function listDeliveries(scope: Scope, input: { endpointId?: string; limit?: number }): Promise<WebhookDeliveryView[]> {
  requireAdmin(scope, "melihat pengiriman webhook");
  let query = scope.db
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_endpoints as e", (join) => join.onRef("e.region_id", "=", "d.region_id").onRef("e.id", "=", "d.endpoint_id"))
    .selectAll("d")
    .select("e.url")
    .where("d.region_id", "=", scope.regionId);
  if (input.endpointId) query = query.where("d.endpoint_id", "=", input.endpointId);
  const rows = await query.orderBy("d.id", "desc").limit(input.limit ?? 100).execute();
  return rows.map((row) => deliveryView(row, row.url));
}
