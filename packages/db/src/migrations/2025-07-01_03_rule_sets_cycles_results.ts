// Rule set versions, appraisal cycles, the assessments collected in them, evaluation runs with their
// results, and the jobs that run them. A cycle points at its current run; a new run is written beside the
// old one and the pointer moves only when it is complete, so results are never changed in place.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";

  await db.schema
    .createTable("rule_set_versions")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content", json, (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("author_id", "text")
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addPrimaryKeyConstraint("rule_set_versions_pk", ["region_id", "id"])
    .addUniqueConstraint("rule_set_versions_version_unique", ["region_id", "version"])
    .execute();

  await db.schema
    .createTable("cycles")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("period_kind", "text", (c) => c.notNull())
    .addColumn("period_label", "text", (c) => c.notNull())
    .addColumn("rule_set_version_id", "text", (c) => c.notNull())
    .addColumn("rule_set_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("unit_id", "text")
    .addColumn("current_run_id", "text")
    .addColumn("unit_predikat", json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cycles_pk", ["region_id", "id"])
    .addForeignKeyConstraint("cycles_rule_set_fk", ["region_id", "rule_set_version_id"], "rule_set_versions", [
      "region_id",
      "id",
    ])
    .addForeignKeyConstraint("cycles_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("cycles_status_idx").on("cycles").columns(["region_id", "status"]).execute();

  await db.schema
    .createTable("assessments")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("rater", "text", (c) => c.notNull())
    .addColumn("rater_user_id", "text")
    .addColumn("ratings", json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("values", json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("facts", json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("submitted_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assessments_pk", ["region_id", "id"])
    .addUniqueConstraint("assessments_rater_unique", ["region_id", "cycle_id", "employee_id", "source", "rater"])
    .addForeignKeyConstraint("assessments_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("assessments_employee_fk", ["region_id", "employee_id"], "employees", [
      "region_id",
      "id",
    ])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text")
    .addColumn("run_id", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("queued"))
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("jobs_pk", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("jobs_cycle_idx").on("jobs").columns(["region_id", "cycle_id", "status"]).execute();

  await db.schema
    .createTable("result_runs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("rule_set_version_id", "text", (c) => c.notNull())
    .addColumn("rule_set_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("total", "integer", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("started_by", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addPrimaryKeyConstraint("result_runs_pk", ["region_id", "id"])
    .addUniqueConstraint("result_runs_version_unique", ["region_id", "cycle_id", "version"])
    .addForeignKeyConstraint("result_runs_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("result_runs_job_fk", ["region_id", "job_id"], "jobs", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("results")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("nip", "text", (c) => c.notNull())
    .addColumn("nama", "text", (c) => c.notNull())
    .addColumn("unit_id", "text", (c) => c.notNull())
    .addColumn("jabatan", "text", (c) => c.notNull())
    .addColumn("predikat", "text")
    .addColumn("predikat_label", "text")
    .addColumn("score", "double precision")
    .addColumn("scores", json, (c) => c.notNull())
    .addColumn("decisions", json, (c) => c.notNull())
    .addColumn("outcomes", json, (c) => c.notNull())
    .addColumn("explanation", json)
    .addColumn("input", json, (c) => c.notNull())
    .addColumn("rule_set_hash", "text", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("results_pk", ["region_id", "run_id", "employee_id"])
    .addForeignKeyConstraint("results_run_fk", ["region_id", "run_id"], "result_runs", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("results_nip_idx").on("results").columns(["region_id", "run_id", "nip"]).execute();
  await db.schema.createIndex("results_unit_idx").on("results").columns(["region_id", "run_id", "unit_id"]).execute();
  await db.schema
    .createIndex("results_predikat_idx")
    .on("results")
    .columns(["region_id", "run_id", "predikat"])
    .execute();

  await db.schema
    .createTable("result_outcomes")
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("result_outcomes_pk", ["region_id", "run_id", "employee_id", "type"])
    .addForeignKeyConstraint("result_outcomes_result_fk", ["region_id", "run_id", "employee_id"], "results", [
      "region_id",
      "run_id",
      "employee_id",
    ])
    .execute();
  await db.schema
    .createIndex("result_outcomes_type_idx")
    .on("result_outcomes")
    .columns(["region_id", "run_id", "type"])
    .execute();
}
