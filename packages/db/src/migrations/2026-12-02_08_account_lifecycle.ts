// An account's life after it is created: an admin can disable it (`disabled_at`; it then cannot sign in
// and keeps no session) and can set a temporary password that must be changed at the next sign-in
// (`must_change_password`). Both are better-auth additional fields that no request may set.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  // The types better-auth's own migrator would choose, as in the first migration.
  const date = dialect === "postgres" ? "timestamptz" : "date";
  const boolean = dialect === "postgres" ? "boolean" : "integer";
  await db.schema.alterTable("user").addColumn("disabled_at", date).execute();
  // FALSE is understood by both SQLite (as 0) and PostgreSQL.
  await db.schema
    .alterTable("user")
    .addColumn("must_change_password", boolean, (c) => c.notNull().defaultTo(sql`FALSE`))
    .execute();
}
