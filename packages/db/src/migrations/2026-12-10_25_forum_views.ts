// The views the members of a forum session give on its cases (forum evaluasi as Pariaman holds it: the
// direct superior with the peers). A member who is not the case's superior records a view (text, and
// optionally the predikat they suggest); the superior alone decides (forum.adjust). The views belong to the
// session's record; a changed view is a new row (the session shows each member's latest). Append-only.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  await db.schema
    .createTable("forum_session_views")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("member_nip", "text", (c) => c.notNull())
    .addColumn("view", "text", (c) => c.notNull())
    // A predikat id of the cycle's rule set, or null when the member suggests none.
    .addColumn("suggested_predikat", "text")
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("forum_session_views_pk", ["region_id", "id"])
    .addForeignKeyConstraint("forum_session_views_session_fk", ["region_id", "session_id"], "forum_sessions", ["region_id", "id"])
    .addForeignKeyConstraint("forum_session_views_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("forum_session_views_session_idx").on("forum_session_views").columns(["region_id", "session_id"]).execute();

  if (dialect === "postgres") {
    await sql`
      CREATE TRIGGER forum_session_views_append_only BEFORE UPDATE OR DELETE ON forum_session_views
      FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER forum_session_views_no_update BEFORE UPDATE ON forum_session_views
      BEGIN SELECT RAISE(ABORT, 'forum_session_views is never changed in place: UPDATE refused; write a new version'); END`.execute(db);
    await sql`
      CREATE TRIGGER forum_session_views_no_delete BEFORE DELETE ON forum_session_views
      BEGIN SELECT RAISE(ABORT, 'forum_session_views is never changed in place: DELETE refused; write a new version'); END`.execute(db);
  }
}
