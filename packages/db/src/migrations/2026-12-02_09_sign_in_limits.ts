// Sign-in limits kept in the database, so every server behind one database counts the same attempts:
// one row per account (or per login that names no account) and one per client address. `attempts`
// counts sign-ins begun in the window that started at `window_started_at` and did not succeed;
// `locked_until` is set once there were too many. Times are ISO-8601 UTC text, like our other tables.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();
  await db.schema.createIndex("sign_in_limits_window_idx").on("sign_in_limits").column("window_started_at").execute();
}
