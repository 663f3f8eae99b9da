// A connector's schedule in a region: a source that fetches its own input (from a URL, with its secrets) runs
// unattended every `every_minutes`, counted from `anchor` (HH:MM, Western Indonesian Time). The background loop
// of every server takes a due schedule under a lease (owner and expiry written by one conditional update, as
// the mail outbox is taken), so two servers sharing the database never run one twice; `status` is `queued`
// while the schedule is on and `paused` while it is off.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connector_schedules")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("every_minutes", "integer", (c) => c.notNull())
    .addColumn("anchor", "text", (c) => c.notNull())
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("owner", "text")
    .addColumn("lease_expires_at", "text")
    .addColumn("last_run_at", "text")
    .addColumn("last_job_id", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("connector_schedules_pk", ["region_id", "id"])
    .addUniqueConstraint("connector_schedules_name_uq", ["region_id", "name"])
    .execute();
  // The loop looks across regions for what is due.
  await db.schema.createIndex("connector_schedules_due_idx").on("connector_schedules").columns(["status", "next_attempt_at"]).execute();
}
