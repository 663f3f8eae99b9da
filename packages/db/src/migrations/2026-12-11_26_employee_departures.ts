// An employee who has left the region (the SIASN employee master no longer lists them, applied by an admin)
// is marked, never deleted: their assessments and finalised results stay as they were.
//   employees.left_at       when the departure was applied; null while they work in the region
//   employees.left_reason   why, as the applying run put it (e.g. "tidak ada lagi di SIASN")
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("employees").addColumn("left_at", "text").execute();
  await db.schema.alterTable("employees").addColumn("left_reason", "text").execute();
}
