// What the results-to-SIASN sink sent and what SIASN answered, per employee: one row per attempt, appended
// and never overwritten, so a re-send keeps the earlier attempt beside the new one. `job_id` is the
// connector run (jobs/connector_runs) the attempt belongs to; `run_id` the cycle's result run whose final
// results were sent. `status`: accepted (SIASN took it; `remote_id` is its id), refused (SIASN answered no,
// `message` says why), failed (no usable answer: 5xx after the retries, a dropped connection) or invalid
// (the payload could not be built from the result, e.g. the rule set gives no rating; nothing was sent).
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("siasn_submissions")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("job_id", "text", (c) => c.notNull())
    .addColumn("cycle_id", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("nip", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("http_status", "integer")
    .addColumn("answer", "text")
    .addColumn("remote_id", "text")
    .addColumn("message", "text")
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("siasn_submissions_pk", ["region_id", "id"])
    .execute();
  // An employee's attempts for a cycle, latest last; a run's attempts.
  await db.schema.createIndex("siasn_submissions_cycle_idx").on("siasn_submissions").columns(["region_id", "cycle_id", "employee_id", "id"]).execute();
  await db.schema.createIndex("siasn_submissions_job_idx").on("siasn_submissions").columns(["region_id", "job_id"]).execute();
}
