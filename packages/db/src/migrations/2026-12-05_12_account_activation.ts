// Accounts made in bulk from the employee register, each waiting for its holder to activate it with a
// one-time code. `account_activations` holds one row per such account: the SHA-256 of its code (never the
// code), when the code expires, when it was used, and the e-mail an invitation is due to (the employee's
// e-mail on file), if any. `account_jobs` is what a bulk job was asked (a unit and the units below it, or the
// whole region) and what it did, beside its row in `jobs` (progress and lease). `activation_handouts` keeps
// the codes in clear only for the letters and the CSV the admin downloads after the job, and is emptied once
// the admin discards them or their short window ends. Times are ISO-8601 UTC text.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("account_jobs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("job_id", "text", (c) => c.notNull())
    // Null: the whole region.
    .addColumn("unit_id", "text")
    .addColumn("valid_days", "integer", (c) => c.notNull())
    .addColumn("created", "integer", (c) => c.notNull().defaultTo(0))
    // Employees whose NIP another account already signs in with (e.g. in another region).
    .addColumn("skipped", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("handout_until", "text")
    .addColumn("handout_cleared_at", "text")
    .addPrimaryKeyConstraint("account_jobs_pk", ["region_id", "job_id"])
    .addForeignKeyConstraint("account_jobs_job_fk", ["region_id", "job_id"], "jobs", ["region_id", "id"])
    .addForeignKeyConstraint("account_jobs_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();

  await db.schema
    .createTable("account_activations")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("activated_at", "text")
    .addColumn("job_id", "text")
    .addColumn("invitation_email", "text")
    .addColumn("invited_at", "text")
    .addPrimaryKeyConstraint("account_activations_pk", ["region_id", "user_id"])
    .addForeignKeyConstraint("account_activations_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("account_activations_job_idx").on("account_activations").columns(["region_id", "job_id"]).execute();

  await db.schema
    .createTable("activation_handouts")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("code", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("activation_handouts_pk", ["region_id", "job_id", "user_id"])
    .addForeignKeyConstraint("activation_handouts_job_fk", ["region_id", "job_id"], "account_jobs", ["region_id", "job_id"])
    .execute();
  await db.schema.createIndex("activation_handouts_user_idx").on("activation_handouts").columns(["region_id", "user_id"]).execute();
}
