// Regions, and better-auth's tables (user, session, account, verification) created here rather than by
// better-auth's own migrator so one migration set serves both dialects. Column names are snake_case; the
// auth configuration maps better-auth's field names onto them. The user carries role and region_id, and
// username holds the NIP of employees and assessors.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  // The types better-auth's own migrator would choose, so its schema check finds nothing to add.
  const date = dialect === "postgres" ? "timestamptz" : "date";
  const boolean = dialect === "postgres" ? "boolean" : "integer";

  await db.schema
    .createTable("regions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("email_verified", boolean, (c) => c.notNull())
    .addColumn("image", "text")
    .addColumn("created_at", date, (c) => c.notNull())
    .addColumn("updated_at", date, (c) => c.notNull())
    .addColumn("username", "text", (c) => c.unique())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("region_id", "text", (c) => c.references("regions.id"))
    .execute();
  await db.schema.createIndex("user_region_id_idx").on("user").columns(["region_id", "role"]).execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("expires_at", date, (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("created_at", date, (c) => c.notNull())
    .addColumn("updated_at", date, (c) => c.notNull())
    .addColumn("ip_address", "text")
    .addColumn("user_agent", "text")
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .execute();
  await db.schema.createIndex("session_user_id_idx").on("session").column("user_id").execute();

  await db.schema
    .createTable("account")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("access_token", "text")
    .addColumn("refresh_token", "text")
    .addColumn("id_token", "text")
    .addColumn("access_token_expires_at", date)
    .addColumn("refresh_token_expires_at", date)
    .addColumn("scope", "text")
    .addColumn("password", "text")
    .addColumn("created_at", date, (c) => c.notNull())
    .addColumn("updated_at", date, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("account_user_id_idx").on("account").column("user_id").execute();

  await db.schema
    .createTable("verification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("identifier", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("expires_at", date, (c) => c.notNull())
    .addColumn("created_at", date, (c) => c.notNull())
    .addColumn("updated_at", date, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("verification_identifier_idx").on("verification").column("identifier").execute();
}
