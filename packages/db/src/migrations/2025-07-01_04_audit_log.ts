// The audit log: who changed what, when, with the values before and after. Append-only, and the database
// itself refuses updates and deletes so no code path can rewrite history.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";

  await db.schema
    .createTable("audit_log")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("before", json)
    .addColumn("after", json)
    .addPrimaryKeyConstraint("audit_log_pk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("audit_log_entity_idx").on("audit_log").columns(["region_id", "entity", "entity_id"]).execute();
  await db.schema.createIndex("audit_log_action_idx").on("audit_log").columns(["region_id", "action"]).execute();

  if (dialect === "postgres") {
    await sql`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
      END;
      $$`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE refused'); END`.execute(db);
    await sql`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: DELETE refused'); END`.execute(db);
  }
}
