// Notifications: what a person is told in the portal (`notifications`, one row per recipient and event) and
// the mail sent to them (`mail_outbox`). Both are written in the transaction of the event that causes them,
// so a rolled-back event tells nobody; a background sender in the server process delivers the outbox under a
// lease (`owner`, `lease_expires_at`), so two servers on one database never send the same mail twice.
// `mail_outbox` is global: a password-reset mail may go to a national operator, who has no region; the
// region's mail carries its `region_id` so its admin sees what failed. Preferences are per account; templates
// and the reminder schedule are per region. Times are ISO-8601 UTC text.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("mail_outbox_due_idx").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("mail_outbox_region_idx").on("mail_outbox").columns(["region_id", "status"]).execute();

  await db.schema
    .createTable("notifications")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    // Set for events that must be told once only (a reminder for one deadline and day).
    .addColumn("dedupe_key", "text")
    // 1 while the item waits for its recipient's daily digest.
    .addColumn("digest_pending", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("mail_id", "text", (c) => c.references("mail_outbox.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addPrimaryKeyConstraint("notifications_pk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("notifications_user_idx").on("notifications").columns(["user_id", "read_at", "id"]).execute();
  await db.schema.createIndex("notifications_digest_idx").on("notifications").columns(["digest_pending", "user_id"]).execute();
  await db.schema
    .createIndex("notifications_dedupe_idx")
    .on("notifications")
    .columns(["region_id", "user_id", "dedupe_key"])
    .unique()
    .execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("email", "integer", (c) => c.notNull())
    .addColumn("digest", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("notification_templates")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_templates_pk", ["region_id", "kind"])
    .execute();

  // Days before and after each assessment deadline on which the raters still owing a sheet are reminded.
  await db.schema
    .createTable("notification_settings")
    .addColumn("region_id", "text", (c) => c.primaryKey().references("regions.id"))
    .addColumn("reminder_days_before", "text", (c) => c.notNull())
    .addColumn("reminder_days_after", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}
