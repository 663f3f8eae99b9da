// Connectors (plug-ins that bring data in or send results out), configured per region, and what the
// attendance connector keeps: the region's work calendar (holidays), leave entries and each employee's
// attendance per working day, the evidence the absence counts come from.
//   connectors        one row per region and connector: enabled, settings, secrets (never sent to a browser),
//                     the region's mapping file (null: the default shipped with the connector)
//   connector_runs    one row per run (its progress and lease on `jobs`): what it was given, its counts and
//                     its per-row report (JSON: line, field, value, message, expected)
//   work_holidays     the region's days off besides weekends
//   leave_entries     an employee's excused days (cuti, dinas luar, sakit…)
//   attendance_days   an employee's working day: present, on leave, or absent without leave; punches kept
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connectors")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("enabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("settings", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("secrets", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("mapping", "text")
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("connectors_pk", ["region_id", "name"])
    .execute();

  await db.schema
    .createTable("connector_runs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("connector", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("written", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("summary", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("report", "text", (c) => c.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("connector_runs_pk", ["region_id", "job_id"])
    .addForeignKeyConstraint("connector_runs_job_fk", ["region_id", "job_id"], "jobs", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("connector_runs_by_connector").on("connector_runs").columns(["region_id", "connector", "job_id"]).execute();

  await db.schema
    .createTable("work_holidays")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_holidays_pk", ["region_id", "day"])
    .execute();

  await db.schema
    .createTable("leave_entries")
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addPrimaryKeyConstraint("leave_entries_pk", ["region_id", "employee_id", "day"])
    .addForeignKeyConstraint("leave_entries_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("attendance_days")
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("first_in", "text")
    .addColumn("last_out", "text")
    .addColumn("punches", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("run_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("attendance_days_pk", ["region_id", "employee_id", "day"])
    .addForeignKeyConstraint("attendance_days_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();
}
