// An annual result rolled up from the year's period results (monthly, quarterly, semester) keeps how it was
// formed: the region's roll-up method, the predikat the periods gave, and each period result it used (the
// period's cycle, label and predikat), so the result page can show which periods made the year. Null for
// a result evaluated from its own cycle's assessments.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("results").addColumn("rollup", "text").execute();
}
