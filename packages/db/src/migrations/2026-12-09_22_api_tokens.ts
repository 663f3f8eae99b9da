// The public API's tokens and the webhooks of a region. `api_tokens` keeps only the SHA-256 of each token
// (the token itself is shown once, when it is made), its first characters to recognise it by, its scopes,
// and when it was made, last used, expires and was revoked. `webhook_endpoints` are the URLs a region's
// admin registered for events, each with its own signing secret; `webhook_deliveries` is one event sent to
// one endpoint: an outbox row taken under a lease, tried again with backoff, and the log the admin reads.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_tokens")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("expires_at", "text")
    .addColumn("revoked_at", "text")
    .addPrimaryKeyConstraint("api_tokens_pk", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("webhook_endpoints")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("events", "text", (c) => c.notNull())
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .addPrimaryKeyConstraint("webhook_endpoints_pk", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("endpoint_id", "text", (c) => c.notNull())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("response_status", "integer")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("delivered_at", "text")
    .addPrimaryKeyConstraint("webhook_deliveries_pk", ["region_id", "id"])
    .addForeignKeyConstraint("webhook_deliveries_endpoint_fk", ["region_id", "endpoint_id"], "webhook_endpoints", ["region_id", "id"])
    .execute();
  // The sender's question, across regions: which deliveries are due.
  await db.schema.createIndex("webhook_deliveries_due").on("webhook_deliveries").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("webhook_deliveries_endpoint").on("webhook_deliveries").columns(["region_id", "endpoint_id", "id"]).execute();
}
