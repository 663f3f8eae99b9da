// Planning and the work of the period (PermenPANRB 6/2022 stages 1 and 2): each employee's plan (SKP) per
// cycle with its RHK rows and their IKI indicators, the reviews of the plan, work entries logged against an
// IKI with their evidence files, feedback threads on entries, and coaching dialogues. An RHK may point at
// an RHK of the superior's plan (menginduk); the link is nullable because a plan may be written before the
// superior's exists. Evidence files are stored in the database (see evidence_files) so API servers stay
// stateless and a file commits together with its audit entry.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";
  const bytes = dialect === "postgres" ? "bytea" : "blob";

  await db.schema
    .createTable("plans")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("assessor_nip", "text")
    .addColumn("review_note", "text")
    .addColumn("submitted_at", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("plans_pk", ["region_id", "id"])
    .addUniqueConstraint("plans_employee_unique", ["region_id", "cycle_id", "employee_id"])
    .addForeignKeyConstraint("plans_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("plans_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("plans_status_idx").on("plans").columns(["region_id", "cycle_id", "status", "assessor_nip"]).execute();

  await db.schema
    .createTable("plan_reviews")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_reviews_pk", ["region_id", "id"])
    .addForeignKeyConstraint("plan_reviews_plan_fk", ["region_id", "plan_id"], "plans", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("plan_reviews_plan_idx").on("plan_reviews").columns(["region_id", "plan_id"]).execute();

  await db.schema
    .createTable("plan_rhk")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("parent_rhk_id", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_rhk_pk", ["region_id", "id"])
    .addForeignKeyConstraint("plan_rhk_plan_fk", ["region_id", "plan_id"], "plans", ["region_id", "id"])
    .addForeignKeyConstraint("plan_rhk_parent_fk", ["region_id", "parent_rhk_id"], "plan_rhk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("plan_rhk_plan_idx").on("plan_rhk").columns(["region_id", "plan_id", "position"]).execute();
  await db.schema.createIndex("plan_rhk_parent_idx").on("plan_rhk").columns(["region_id", "parent_rhk_id"]).execute();

  await db.schema
    .createTable("plan_iki")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("rhk_id", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("target", "double precision", (c) => c.notNull())
    .addColumn("satuan", "text", (c) => c.notNull())
    .addColumn("indicator_id", "text")
    .addColumn("aspect", "text")
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("plan_iki_pk", ["region_id", "id"])
    .addForeignKeyConstraint("plan_iki_plan_fk", ["region_id", "plan_id"], "plans", ["region_id", "id"])
    .addForeignKeyConstraint("plan_iki_rhk_fk", ["region_id", "rhk_id"], "plan_rhk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("plan_iki_plan_idx").on("plan_iki").columns(["region_id", "plan_id", "position"]).execute();

  await db.schema
    .createTable("work_entries")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("plan_id", "text", (c) => c.notNull())
    .addColumn("iki_id", "text", (c) => c.notNull())
    .addColumn("work_date", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("quantity", "double precision", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("review_note", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_entries_pk", ["region_id", "id"])
    .addForeignKeyConstraint("work_entries_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("work_entries_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .addForeignKeyConstraint("work_entries_plan_fk", ["region_id", "plan_id"], "plans", ["region_id", "id"])
    .addForeignKeyConstraint("work_entries_iki_fk", ["region_id", "iki_id"], "plan_iki", ["region_id", "id"])
    .execute();
  await db.schema
    .createIndex("work_entries_employee_idx")
    .on("work_entries")
    .columns(["region_id", "cycle_id", "employee_id", "id"])
    .execute();
  await db.schema.createIndex("work_entries_iki_idx").on("work_entries").columns(["region_id", "iki_id", "status"]).execute();

  // Bytes in the database: one backup, no shared disk between API servers, and a file stands or falls
  // with its row and audit entry in one transaction. Lists never select `content`.
  await db.schema
    .createTable("evidence_files")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("work_entry_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("content", bytes, (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("evidence_files_pk", ["region_id", "id"])
    .addForeignKeyConstraint("evidence_files_entry_fk", ["region_id", "work_entry_id"], "work_entries", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("evidence_files_entry_idx").on("evidence_files").columns(["region_id", "work_entry_id"]).execute();

  await db.schema
    .createTable("feedback")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("work_entry_id", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("asked_nip", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("author_nip", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("feedback_pk", ["region_id", "id"])
    .addForeignKeyConstraint("feedback_entry_fk", ["region_id", "work_entry_id"], "work_entries", ["region_id", "id"])
    .addForeignKeyConstraint("feedback_parent_fk", ["region_id", "parent_id"], "feedback", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("feedback_entry_idx").on("feedback").columns(["region_id", "work_entry_id", "id"]).execute();
  await db.schema.createIndex("feedback_asked_idx").on("feedback").columns(["region_id", "asked_nip", "id"]).execute();

  await db.schema
    .createTable("dialogues")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("assessor_nip", "text")
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull())
    .addColumn("agreed_actions", json, (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("recorded_by", "text")
    .addColumn("recorded_by_name", "text", (c) => c.notNull())
    .addColumn("usefulness", "integer")
    .addColumn("usefulness_comment", "text")
    .addColumn("rated_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("dialogues_pk", ["region_id", "id"])
    .addForeignKeyConstraint("dialogues_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("dialogues_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();
  await db.schema
    .createIndex("dialogues_employee_idx")
    .on("dialogues")
    .columns(["region_id", "cycle_id", "employee_id", "held_on"])
    .execute();
}
