// Jobs belong to the server process running them, for as long as it keeps renewing a lease: `owner` names
// the process (host, pid and a random part), `heartbeat_at` is its last sign of life, `lease_expires_at`
// the moment another server may take the job as abandoned. Several servers share one database, so a
// server starting up may recover only jobs whose lease has run out, never one another server is running.
// Jobs written before this migration have no lease and count as expired. Times are ISO-8601 UTC text.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("owner", "text").execute();
  await db.schema.alterTable("jobs").addColumn("heartbeat_at", "text").execute();
  await db.schema.alterTable("jobs").addColumn("lease_expires_at", "text").execute();
  await db.schema.createIndex("jobs_lease_idx").on("jobs").columns(["status", "lease_expires_at"]).execute();
}
