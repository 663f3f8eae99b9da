// Running a cycle's evaluation as a job. The job is recorded first (so a client can follow it), then runs
// in this process detached from the request. Results go into a new run in batches, each batch one
// transaction that also advances the job's progress; only when every batch is in does one transaction
// make the new run the cycle's current one, and only if the run holds every employee's result. A failure
// or crash midway leaves the previous run current: readers see the old results or the new ones, never a
// mix. Runs are never changed once complete. Several servers may share the database: a job is written only
// by the process holding its lease (lease.ts), and recovered by any server only once that lease ran out.
import type { Scope } from "../access/index.js";
import type { Actor } from "../lib/index.js";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { DomainError } from "../lib/index.js";
import { now, type CycleRow, type Database, type JobRow, type JobStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import { audit } from "../lib/index.js";
import { cycleEmployeeIds } from "./cycle-scope.js";
import { findCycle, lockCycle } from "./cycles.js";
import type { JobRunner } from "./jobs.js";
import { failLiveJob, holdLease, JobTakenOver, keepLeaseAlive, leaseExpired, leaseFields, QUEUE_OWNER, type FailingAs, type Lease } from "./lease.js";
import { cycleRules } from "../rules/index.js";
import { analyseResults, assertNoRunInFlight, insertResults, insertRun } from "../results/index.js";
import { batchReader, type BatchReader } from "./batch-reader.js";
import type { EvaluatedBatch } from "./evaluate-batch.js";

export interface RunStatus {
  jobId: string;
  cycleId: string | null;
  runId: string | null;
  status: JobStatus;
  done: number;
  total: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function runStatusOf(job: JobRow): RunStatus {
  return {
    jobId: job.id,
    cycleId: job.cycle_id,
    runId: job.run_id,
    status: job.status,
    done: job.done,
    total: job.total,
    error: job.error,
    createdAt: job.created_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  };
}

/**
 * Records a job and a new run for the cycle and starts the evaluation in the background. Open and
 * evaluated cycles may be run; a finalised cycle only with a reason (e.g. an upheld appeal), and its
 * earlier runs stay as they were.
 */
export async function startCycleRun(scope: Scope, jobs: JobRunner, input: { cycleId: string; reason?: string }): Promise<RunStatus> {
  const { db, regionId, actor } = scope;
  // A run of this cycle whose server died no longer stands in the way once its lease has run out.
  await recoverInterruptedJobs(db, { cycle: { regionId, cycleId: input.cycleId }, runner: jobs });
  const { job, cycle } = await db.transaction().execute(async (trx) => {
    const at = now();
    // Locking the cycle first means two runs of one cycle cannot start together.
    await lockCycle(trx, regionId, input.cycleId, at);
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status === "draft") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus masih draf; buka siklus terlebih dahulu" });
    }
    if (cycle.status === "finalised" && !input.reason?.trim()) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: "Siklus sudah final; penilaian ulang memerlukan alasan (misalnya keberatan yang dikabulkan)",
      });
    }
    await assertNoRunInFlight(trx, cycle);
    const total = (await cycleEmployeeIds(trx, cycle)).length;
    const { queue } = jobs;
    const { jobId, runId } = await insertRun(trx, cycle, actor, {
      kind: "cycle.run",
      total,
      reason: input.reason?.trim() || null,
      complete: false,
      at,
      lease: leaseFields(queue ? queue.lease : jobs.lease),
    });
    // On PostgreSQL with the queue: the run's batches are queued in this transaction, for any worker to take.
    const batches = queue ? await queue.enqueue(trx, cycle, { id: jobId, run_id: runId }, actor) : null;
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.run",
      entity: "cycle",
      entityId: cycle.id,
      after: { jobId, runId, total, reason: input.reason ?? null, ...(batches === null ? {} : { queuedBatches: batches }) },
    });
    const job = await trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", jobId).executeTakeFirstOrThrow();
    return { job, cycle };
  });
  if (!jobs.queue) jobs.start(job.id, () => executeCycleRun(db, jobs, actor, cycle, job));
  return runStatusOf(job);
}

async function executeCycleRun(db: Kysely<Database>, jobs: JobRunner, actor: Actor, cycle: CycleRow, job: JobRow): Promise<void> {
  const regionId = cycle.region_id;
  const runId = job.run_id as string;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  let written: Promise<void> = Promise.resolve();
  let reader: BatchReader | null = null;
  try {
    const compiled = await cycleRules(db, cycle);
    const ids = await cycleEmployeeIds(db, cycle);
    // The run must hold exactly this many results to become current: the employees as the run begins.
    const total = ids.length;
    const size = jobs.runBatchSize;
    const batches = Array.from({ length: Math.ceil(ids.length / size) }, (_, batch) => ids.slice(batch * size, (batch + 1) * size));
    // Made now, so reading threads open the run (their connections, the rules) while it is marked running.
    reader = batchReader(db, cycle, compiled, runId, batches, { threadFrom: jobs.runThreadFrom });
    await db.transaction().execute(async (trx) => {
      await holdLease(trx, job, lease, { status: "running", started_at: now(), total });
      await trx.updateTable("result_runs").set({ total }).where("region_id", "=", regionId).where("id", "=", runId).execute();
    });
    let done = 0;
    // The next batch is evaluated while the last one is written: in the reading threads when the run has them, or
    // on PostgreSQL in the database while this process evaluates; on SQLite without threads the one connection
    // takes them in turn. A batch's write is awaited before the next begins, so batches are written in order, each in
    // its own transaction.
    for (let batch = 0; batch < batches.length; batch++) {
      const evaluated = await reader.take(batch);
      await written;
      done += evaluated.employees;
      written = writeBatch(db, job, lease, evaluated, done).then(async () => {
        // The run's rows are new to PostgreSQL's statistics: without them it checks each outcome's key
        // through an index on the run alone, reading every result written so far. Analysed once the first
        // batch is in, it finds each result by the primary key.
        if (batch === 0) await analyseResults(db, regionId, ["results"]);
        await jobs.afterBatch?.(batch);
      });
      // Awaited with the next batch, or below; meanwhile a failure is not left unhandled.
      written.catch(() => undefined);
      await yieldToEventLoop();
    }
    await written;
    // Readers of the new run plan by the statistics too.
    await analyseResults(db, regionId, ["results", "result_outcomes"]);
    await completeRun(db, job, cycle, actor, lease, total);
    jobs.onRunRead?.(job.id, reader.counts);
  } catch (error) {
    // A batch still being written ends first, so failing the run drops its rows too.
    await written.catch(() => undefined);
    // A job taken over is another server's to account for: it already marked it failed and dropped its rows.
    if (!(error instanceof JobTakenOver)) {
      await failRun(db, job, error instanceof Error ? error.message : String(error), { owner: lease.owner });
    }
    throw error;
  } finally {
    stopRenewing();
    await reader?.close();
  }
}

/**
 * In one transaction, if the job is still `lease.owner`'s: makes the run complete and the cycle's current one,
 * the job succeeded, and audits it; only when the run holds exactly `total` results (else CONFLICT). Another
 * writer that already did so (or failed the job) leaves this one JobTakenOver.
 */
export async function completeRun(db: Kysely<Database>, job: JobRow, cycle: CycleRow, actor: Actor, lease: Lease, total: number): Promise<void> {
  const regionId = cycle.region_id;
  const runId = job.run_id as string;
  await db.transaction().execute(async (trx) => {
    const at = now();
    await holdLease(trx, job, lease);
    const held = await resultCount(trx, regionId, runId);
    if (held !== total) {
      throw new DomainError({
        code: "CONFLICT",
        message: `Hasil penilaian tidak lengkap: run ${runId} memuat ${held} dari ${total} pegawai, jadi tidak dijadikan hasil berlaku; hasil sebelumnya tetap berlaku. Jalankan penilaian lagi.`,
      });
    }
    const current = await findCycle(trx, regionId, cycle.id);
    const completed = await trx
      .updateTable("result_runs")
      .set({ status: "complete", completed_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", runId)
      .where("job_id", "=", job.id)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (Number(completed.numUpdatedRows) !== 1) {
      throw new DomainError({
        code: "CONFLICT",
        message: `Run ${runId} tidak lagi ditulis oleh job ini (sudah gagal atau selesai), jadi tidak dijadikan hasil berlaku; hasil sebelumnya tetap berlaku.`,
      });
    }
    await trx
      .updateTable("cycles")
      .set({ current_run_id: runId, status: current.status === "finalised" ? "finalised" : "evaluated", updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", cycle.id)
      .execute();
    await trx
      .updateTable("jobs")
      .set({ status: "succeeded", finished_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", job.id)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.evaluated",
      entity: "cycle",
      entityId: cycle.id,
      before: { currentRunId: current.current_run_id, status: current.status },
      after: { currentRunId: runId, evaluated: held },
    });
  });
}

/** Writes one batch and the job's progress in one transaction, if the job is still this owner's. */
async function writeBatch(db: Kysely<Database>, job: JobRow, lease: Lease, batch: EvaluatedBatch, done: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await holdLease(trx, job, lease, { done });
    await insertResults(trx, batch.results, batch.outcomes);
  });
}

async function resultCount(db: Kysely<Database>, regionId: string, runId: string): Promise<number> {
  const row = await db
    .selectFrom("results")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("region_id", "=", regionId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Who may fail a job: its owner, or (recovering it) anyone once its lease ran out before `expiredBefore`. */


/**
 * Marks the job and its run failed and drops the run's partial results, if the job is still running and
 * `as` may fail it; the cycle's current run is untouched. The job's row is updated first, which locks it:
 * a batch of the same job waits, then finds the job failed and writes nothing. False when it was not
 * failed here (finished meanwhile, or its owner renewed the lease).
 */
export async function failRun(db: Kysely<Database>, job: Pick<JobRow, "region_id" | "id" | "run_id">, message: string, as: FailingAs): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await failLiveJob(trx, job, message, as))) return false;
    const at = now();
    if (job.run_id) {
      await trx.deleteFrom("result_run_batches").where("region_id", "=", job.region_id).where("run_id", "=", job.run_id).execute();
      await trx.deleteFrom("result_outcomes").where("region_id", "=", job.region_id).where("run_id", "=", job.run_id).execute();
      await trx.deleteFrom("results").where("region_id", "=", job.region_id).where("run_id", "=", job.run_id).execute();
      await trx
        .updateTable("result_runs")
        .set({ status: "failed", completed_at: at })
        .where("region_id", "=", job.region_id)
        .where("id", "=", job.run_id)
        .where("status", "=", "running")
        .execute();
    }
    return true;
  });
}

export interface Recovery {
  /** Only this cycle's jobs. */
  cycle?: { regionId: string; cycleId: string };
  /** The runner of the process recovering: the jobs it has in flight are alive, whatever their lease says. */
  runner?: JobRunner;
}

/**
 * Marks failed the jobs whose lease ran out (the server running them stopped, crashed or lost the
 * database for longer than the lease) and drops their runs' partial results, keeping each cycle's current
 * run. A job with a live lease is another server's work in progress and is left alone. The server calls
 * this on start and on a timer; starting a cycle's run calls it for that cycle.
 */
export async function recoverInterruptedJobs(db: Kysely<Database>, recovery: Recovery = {}): Promise<number> {
  const { cycle, runner } = recovery;
  const at = now();
  // A queued run's job belongs to the queue, not to a process: the queue gives a dead worker's batch to another.
  let query = db
    .selectFrom("jobs")
    .select(["region_id", "id", "run_id", "kind"])
    .where("status", "in", ["queued", "running"])
    .where(leaseExpired(at))
    .where((eb) => eb.or([eb("owner", "is", null), eb("owner", "!=", QUEUE_OWNER)]));
  if (cycle) query = query.where("region_id", "=", cycle.regionId).where("cycle_id", "=", cycle.cycleId);
  let recovered = 0;
  for (const job of await query.execute()) {
    if (runner?.has(job.id)) continue;
    // Other kinds of job (imports, bulk accounts, peer assignment) keep what they committed; they are started again.
    const message =
      job.kind === "cycle.run"
        ? "terhenti: server yang menjalankannya berhenti sebelum selesai; hasil sebelumnya tetap berlaku. Jalankan penilaian lagi."
        : "Terhenti: server yang menjalankannya berhenti sebelum selesai. Mulai lagi.";
    if (await failRun(db, job, message, { expiredBefore: at })) recovered++;
  }
  return recovered;
}

/** A job's progress; with only a cycle id, that cycle's latest job. */
export async function runStatus(scope: Scope, input: { jobId?: string; cycleId?: string }): Promise<RunStatus | null> {
  const { db, regionId } = scope;
  let query = db.selectFrom("jobs").selectAll().where("region_id", "=", regionId);
  if (input.jobId) query = query.where("id", "=", input.jobId);
  else if (input.cycleId) {
    await findCycle(db, regionId, input.cycleId);
    query = query.where("cycle_id", "=", input.cycleId);
  } else throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan jobId atau cycleId" });
  const job = await query.orderBy("id", "desc").limit(1).executeTakeFirst();
  if (!job && input.jobId) throw new DomainError({ code: "NOT_FOUND", message: `Job ${input.jobId} tidak ditemukan` });
  return job ? runStatusOf(job) : null;
}

export interface RunView {
  id: string;
  version: number;
  status: string;
  total: number;
  ruleSetHash: string;
  reason: string | null;
  startedAt: string;
  completedAt: string | null;
  current: boolean;
}

export async function listRuns(scope: Scope, cycleId: string): Promise<RunView[]> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, cycleId);
  const runs = await db
    .selectFrom("result_runs")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycleId)
    .orderBy("version", "desc")
    .execute();
  return runs.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    total: r.total,
    ruleSetHash: r.rule_set_hash,
    reason: r.reason,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    current: r.id === cycle.current_run_id,
  }));
}
