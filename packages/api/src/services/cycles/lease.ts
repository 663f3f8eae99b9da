// A job's lease. Several servers share one database, so a job belongs to the process running it (jobs.owner)
// for as long as that process keeps renewing the lease (jobs.lease_expires_at): with every batch it writes,
// and on a timer while a batch is being evaluated. Another server may recover the job only once the lease
// has run out. Every write of the job's results first renews the lease with an update that names the owner
// and a live status: that update locks the job's row (on PostgreSQL until the transaction ends; on SQLite
// it takes the one write lock), so a recovery and a batch of the same job go one after the other, and a
// batch that finds the job no longer its own writes nothing.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database, JobRow, JobUpdate } from "@kinerja/db";
import type { ExpressionBuilder, Kysely } from "kysely";

/** Another server marked the job failed (its lease had run out) or it is no longer this process's. */
export class JobTakenOver extends Error {
  constructor(readonly jobId: string, readonly owner: string) {
    super(`job ${jobId} is no longer run by ${owner}: its lease ran out and another server took it over; this process stopped writing its results`);
    this.name = "JobTakenOver";
  }
}

/** The owner written on a queued cycle run's job (queue.ts): no one process holds it, so no server's recovery fails it. */
export const QUEUE_OWNER = "queue";

let thisProcess: string | null = null;

/** This process's name as a job owner: host, pid and a random part, so a reused pid is not mistaken. */
export function processOwner(): string {
  thisProcess ??= `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return thisProcess;
}

export interface Lease {
  owner: string;
  /** How long a renewal keeps the job this owner's, in milliseconds. */
  ms: number;
}

/** The columns that give `lease.owner` the job from `at` until the lease runs out. */
export function leaseFields(lease: Lease, at = new Date()): Pick<JobUpdate, "owner" | "heartbeat_at" | "lease_expires_at"> {
  return { owner: lease.owner, heartbeat_at: at.toISOString(), lease_expires_at: new Date(at.getTime() + lease.ms).toISOString() };
}

type JobKey = Pick<JobRow, "region_id" | "id">;

/**
 * Renews the lease, with `set` in the same update, if the job is still the owner's and queued or running;
 * false when it is not (taken over, or finished). Inside a transaction it holds the job's row to the end.
 */
export async function renewLease(db: Kysely<Database>, job: JobKey, lease: Lease, set: JobUpdate = {}): Promise<boolean> {
  const at = new Date();
  const result = await db
    .updateTable("jobs")
    .set({ ...set, ...leaseFields(lease, at), updated_at: at.toISOString() })
    .where("region_id", "=", job.region_id)
    .where("id", "=", job.id)
    .where("owner", "=", lease.owner)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** renewLease for a writer: the job stays this owner's for the rest of the transaction, or JobTakenOver. */
export async function holdLease(trx: Kysely<Database>, job: JobKey, lease: Lease, set: JobUpdate = {}): Promise<void> {
  if (!(await renewLease(trx, job, lease, set))) throw new JobTakenOver(job.id, lease.owner);
}

/**
 * Renews the lease every third of its length until stopped, so a slow batch does not let it run out. A
 * renewal that fails (the database away for a moment) is tried again on the next tick; once the job is
 * no longer the owner's the timer stops, and the job's next batch, finding the same, writes nothing.
 */
export function keepLeaseAlive(db: Kysely<Database>, job: JobKey, lease: Lease): () => void {
  const stop = () => clearInterval(timer);
  // One renewal at a time: while a batch holds the job's row, a renewal waits for it, and renewals piling
  // up behind a slow batch would take every connection of the pool.
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    renewLease(db, job, lease)
      .then((held) => held || stop(), () => undefined)
      .finally(() => (renewing = false));
  }, Math.max(1, Math.floor(lease.ms / 3)));
  timer.unref();
  return stop;
}

/** Who may fail a live job: its owner, or anyone once its lease ran out before the given time. */
export type FailingAs = { owner: string } | { expiredBefore: string };

/** Jobs whose lease ran out before `at` (or that never had one). */
export function leaseExpired(at: string) {
  return (eb: ExpressionBuilder<Database, "jobs">) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", at)]);
}

/**
 * Marks the job failed with `message` if it is still queued or running and `as` may fail it; true when it did.
 * Pass a transaction to do more in the same one (the update locks the job's row).
 */
export async function failLiveJob(db: Kysely<Database>, job: JobKey, message: string, as: FailingAs): Promise<boolean> {
  const at = new Date().toISOString();
  const failed = await db
    .updateTable("jobs")
    .set({ status: "failed", error: message, finished_at: at, updated_at: at })
    .where("region_id", "=", job.region_id)
    .where("id", "=", job.id)
    .where("status", "in", ["queued", "running"])
    .where("owner" in as ? (eb) => eb("owner", "=", as.owner) : leaseExpired(as.expiredBefore))
    .executeTakeFirst();
  return Number(failed.numUpdatedRows) > 0;
}

/** Marks failed the region's live jobs of `kind` whose lease ran out and that `running` (this process) is not running. */
export async function failStaleJobs(db: Kysely<Database>, regionId: string, kind: string, running: { has(id: string): boolean }, message: string): Promise<void> {
  const at = new Date().toISOString();
  const stale = await db
    .selectFrom("jobs")
    .select(["region_id", "id"])
    .where("region_id", "=", regionId)
    .where("kind", "=", kind)
    .where("status", "in", ["queued", "running"])
    .where(leaseExpired(at))
    .execute();
  for (const job of stale) if (!running.has(job.id)) await failLiveJob(db, job, message, { expiredBefore: at });
}

/**
 * In the caller's transaction: holds the region's row, so that two starts of one region's job go one after the
 * other, and says whether a job of `kind` is already queued or running there.
 */
export async function regionJobRunning(trx: Kysely<Database>, regionId: string, kind: string): Promise<boolean> {
  await trx.updateTable("regions").set((eb) => ({ name: eb.ref("name") })).where("id", "=", regionId).execute();
  const running = await trx
    .selectFrom("jobs")
    .select("id")
    .where("region_id", "=", regionId)
    .where("kind", "=", kind)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  return running !== undefined;
}
