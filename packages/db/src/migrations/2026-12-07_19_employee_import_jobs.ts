// An employee import is a job (its row in `jobs` holds progress and lease); `employee_import_jobs` holds what
// it was given and what came of it: the sheet's format, its data rows, the employees added and updated, and
// every problem found in the sheet (JSON: row, column, value, message, expected) when it was refused.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("employee_import_jobs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("bytes", "integer", (c) => c.notNull())
    .addColumn("rows", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("errors", "text", (c) => c.notNull().defaultTo("[]"))
    .addPrimaryKeyConstraint("employee_import_jobs_pk", ["region_id", "job_id"])
    .addForeignKeyConstraint("employee_import_jobs_job_fk", ["region_id", "job_id"], "jobs", ["region_id", "id"])
    .execute();
}
