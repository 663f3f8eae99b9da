// What the national operator changes outside any region (publishing a national baseline version), in an
// append-only log of its own: the regional audit_log is keyed by region, and a baseline belongs to none.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";
  await db.schema
    .createTable("national_audit_log")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", json)
    .addColumn("after", json)
    .execute();
  await db.schema.createIndex("national_audit_log_entity_idx").on("national_audit_log").columns(["entity", "entity_id"]).execute();

  if (dialect === "postgres") {
    await sql`
      CREATE FUNCTION national_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'national_audit_log is append-only: % refused', TG_OP;
      END;
      $$`.execute(db);
    await sql`
      CREATE TRIGGER national_audit_log_append_only BEFORE UPDATE OR DELETE ON national_audit_log
      FOR EACH ROW EXECUTE FUNCTION national_audit_log_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER national_audit_log_no_update BEFORE UPDATE ON national_audit_log
      BEGIN SELECT RAISE(ABORT, 'national_audit_log is append-only: UPDATE refused'); END`.execute(db);
    await sql`
      CREATE TRIGGER national_audit_log_no_delete BEFORE DELETE ON national_audit_log
      BEGIN SELECT RAISE(ABORT, 'national_audit_log is append-only: DELETE refused'); END`.execute(db);
  }
}
