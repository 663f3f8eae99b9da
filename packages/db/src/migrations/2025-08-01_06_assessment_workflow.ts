// The assessment workflow around a cycle (issue 5, part 2): which units a cycle covers (phased roll-out),
// deadlines per rater source, the peers chosen for each employee, reopenings of submitted sheets with
// their reasons, predikat adjustments by the evaluation forum or an upheld appeal, appeals (keberatan),
// and the forum sessions held. Sheets gain a written comment (feedback) and cycles the time they were
// finalised (the appeal window counts from it).
//
// Results and adjustments are never changed in place: the database refuses UPDATE on both (and DELETE
// on adjustments), so a change is always a new result version.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";

  await db.schema.alterTable("cycles").addColumn("finalised_at", "text").execute();
  await db.schema.alterTable("assessments").addColumn("comment", "text").execute();

  await db.schema
    .createTable("cycle_units")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("unit_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cycle_units_pk", ["region_id", "cycle_id", "unit_id"])
    .addForeignKeyConstraint("cycle_units_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("cycle_units_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("assessment_deadlines")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("set_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_deadlines_pk", ["region_id", "cycle_id", "source"])
    .addForeignKeyConstraint("assessment_deadlines_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("peer_assignments")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("peer_employee_id", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("peer_assignments_pk", ["region_id", "cycle_id", "employee_id", "peer_employee_id"])
    .addForeignKeyConstraint("peer_assignments_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("peer_assignments_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .addForeignKeyConstraint("peer_assignments_peer_fk", ["region_id", "peer_employee_id"], "employees", ["region_id", "id"])
    .execute();
  await db.schema
    .createIndex("peer_assignments_peer_idx")
    .on("peer_assignments")
    .columns(["region_id", "cycle_id", "peer_employee_id"])
    .execute();

  await db.schema
    .createTable("assessment_reopenings")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("assessment_id", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessment_reopenings_pk", ["region_id", "id"])
    .addForeignKeyConstraint("assessment_reopenings_assessment_fk", ["region_id", "assessment_id"], "assessments", [
      "region_id",
      "id",
    ])
    .execute();
  await db.schema
    .createIndex("assessment_reopenings_assessment_idx")
    .on("assessment_reopenings")
    .columns(["region_id", "assessment_id"])
    .execute();

  await db.schema
    .createTable("appeals")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("predikat", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assessor_nip", "text")
    .addColumn("decider_nip", "text")
    .addColumn("submitted_by", "text")
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text")
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "text")
    .addColumn("decision_reason", "text")
    .addColumn("new_predikat", "text")
    .addColumn("result_run_id", "text")
    .addPrimaryKeyConstraint("appeals_pk", ["region_id", "id"])
    .addUniqueConstraint("appeals_employee_unique", ["region_id", "cycle_id", "employee_id"])
    .addForeignKeyConstraint("appeals_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("appeals_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .addForeignKeyConstraint("appeals_run_fk", ["region_id", "run_id"], "result_runs", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("appeals_decider_idx").on("appeals").columns(["region_id", "decider_nip", "status"]).execute();
  await db.schema.createIndex("appeals_status_idx").on("appeals").columns(["region_id", "status"]).execute();

  await db.schema
    .createTable("predikat_adjustments")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("fact", "text", (c) => c.notNull())
    .addColumn("from_value", "text")
    .addColumn("to_value", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("by_label", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("appeal_id", "text")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("predikat_adjustments_pk", ["region_id", "id"])
    .addForeignKeyConstraint("predikat_adjustments_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("predikat_adjustments_employee_fk", ["region_id", "employee_id"], "employees", [
      "region_id",
      "id",
    ])
    .addForeignKeyConstraint("predikat_adjustments_run_fk", ["region_id", "run_id"], "result_runs", ["region_id", "id"])
    .addForeignKeyConstraint("predikat_adjustments_appeal_fk", ["region_id", "appeal_id"], "appeals", ["region_id", "id"])
    .execute();
  await db.schema
    .createIndex("predikat_adjustments_employee_idx")
    .on("predikat_adjustments")
    .columns(["region_id", "cycle_id", "employee_id"])
    .execute();

  await db.schema
    .createTable("forum_sessions")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("unit_id", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("members", json, (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("forum_sessions_pk", ["region_id", "id"])
    .addForeignKeyConstraint("forum_sessions_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("forum_sessions_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("forum_sessions_unit_idx").on("forum_sessions").columns(["region_id", "cycle_id", "unit_id"]).execute();

  if (dialect === "postgres") {
    await sql`
      CREATE FUNCTION refuse_change_in_place() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is never changed in place: % refused; write a new version', TG_TABLE_NAME, TG_OP;
      END;
      $$`.execute(db);
    await sql`
      CREATE TRIGGER results_no_update BEFORE UPDATE ON results
      FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
    await sql`
      CREATE TRIGGER predikat_adjustments_append_only BEFORE UPDATE OR DELETE ON predikat_adjustments
      FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER results_no_update BEFORE UPDATE ON results
      BEGIN SELECT RAISE(ABORT, 'results is never changed in place: UPDATE refused; write a new version'); END`.execute(db);
    await sql`
      CREATE TRIGGER predikat_adjustments_no_update BEFORE UPDATE ON predikat_adjustments
      BEGIN SELECT RAISE(ABORT, 'predikat_adjustments is never changed in place: UPDATE refused; write a new version'); END`.execute(db);
    await sql`
      CREATE TRIGGER predikat_adjustments_no_delete BEFORE DELETE ON predikat_adjustments
      BEGIN SELECT RAISE(ABORT, 'predikat_adjustments is never changed in place: DELETE refused; write a new version'); END`.execute(db);
  }
}
