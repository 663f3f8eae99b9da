// Peers chosen automatically. `peer_assignments.method` says how a pair was made: "manual" (an admin or an
// assessor chose it; every row written before this migration), "auto" (the assignment job) or "swap" (an
// admin replaced a rater in bulk). `peer_jobs` is what an assignment job was asked (a cycle, optionally one
// unit and the units below it, the seed) and what it did, beside its row in `jobs` (progress and lease).
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>, _dialect: "sqlite" | "postgres"): Promise<void> {
  await db.schema
    .alterTable("peer_assignments")
    .addColumn("method", "text", (c) => c.notNull().defaultTo("manual"))
    .execute();
  await db.schema
    .createTable("peer_jobs")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    // Null: every unit of the cycle.
    .addColumn("unit_id", "text")
    .addColumn("seed", "text", (c) => c.notNull())
    .addColumn("added", "integer", (c) => c.notNull().defaultTo(0))
    // People left with fewer peers than the rule's count.
    .addColumn("short", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("peer_jobs_pk", ["region_id", "job_id"])
    .addForeignKeyConstraint("peer_jobs_job_fk", ["region_id", "job_id"], "jobs", ["region_id", "id"])
    .addForeignKeyConstraint("peer_jobs_cycle_fk", ["region_id", "cycle_id"], "cycles", ["region_id", "id"])
    .addForeignKeyConstraint("peer_jobs_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();
}
