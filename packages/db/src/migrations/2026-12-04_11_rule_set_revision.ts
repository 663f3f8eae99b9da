// A draft rule set counts its saves: `revision` starts at 1 and each save over the draft adds one. A save
// names the revision it was edited from and is written only while the draft is still at it, so of two
// people saving the same draft the second is told, instead of silently replacing the first one's work.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("rule_set_versions").addColumn("revision", "integer", (c) => c.notNull().defaultTo(1)).execute();
}
