// An account disabled because its employee left the region (the SIASN employee master no longer lists
// them, applied by an admin) is told apart from one an admin disabled by hand: only the first is enabled
// again when SIASN lists the employee once more.
//   user.disabled_by_departure   true while the account is disabled for that reason; false otherwise
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const boolean = dialect === "postgres" ? "boolean" : "integer";
  // FALSE is understood by both SQLite (as 0) and PostgreSQL.
  await db.schema
    .alterTable("user")
    .addColumn("disabled_by_departure", boolean, (c) => c.notNull().defaultTo(sql`FALSE`))
    .execute();
}
