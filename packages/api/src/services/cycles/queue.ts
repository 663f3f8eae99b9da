// Cycle runs through a PostgreSQL-backed queue (pg-boss, in its own schema of the same database). Starting a
// run records the job and the run as the in-process run does, and in the same transaction queues one queue
// job per batch of employees, made of whole units where they fit. Any process working the queue (the server,
// or `pnpm worker` on any machine) takes batches: it evaluates one, then writes it in one transaction that
// first records the batch in result_run_batches, keyed by run and batch. A batch taken again (its worker was
// killed, or passed the queue's expiry) finds its key there and writes nothing, so each employee's result is
// written exactly once. A killed worker's transaction is rolled back by PostgreSQL, and the queue gives its
// batch to another worker once it expires. After each batch the worker tries to complete the run: once every
// batch is in, the run becomes the cycle's current one as in run.ts (completeRun), exactly once, under the
// job's row lock. Progress is the job's `done`, as for a run in process.
import { CompiledQuery, sql, type Kysely } from "kysely";
import PgBoss from "pg-boss";
import { now, type CycleRow, type Database, type JobRow } from "@kinerja/db";
import type { Actor } from "../lib/index.js";
import { analyseResults, insertResults } from "../results/index.js";
import { cycleRules } from "../rules/index.js";
import { coveredEmployees } from "./cycle-scope.js";
import { findCycle } from "./cycles.js";
import { holdLease, JobTakenOver, QUEUE_OWNER, type Lease } from "./lease.js";
export { QUEUE_OWNER } from "./lease.js";
import { evaluateBatch } from "./evaluate-batch.js";
import { completeRun, failRun } from "./run.js";

/** The queue's name inside its schema. */
export const CYCLE_RUN_QUEUE = "cycle-run-batch";

/** Where a batch goes once it failed every try (an error each time, or its workers killed or too slow): its run is failed there. */
export const CYCLE_RUN_FAILED_QUEUE = "cycle-run-batch-failed";

/** One queue job: a batch of a cycle's run. */
export interface CycleRunBatch {
  regionId: string;
  cycleId: string;
  jobId: string;
  runId: string;
  /** 0-based within the run. */
  batch: number;
  /** How many batches the run has. */
  batches: number;
  employeeIds: string[];
  actor: Actor;
}

export interface CycleQueueOptions {
  /** The PostgreSQL the queue lives in (the application's own database). */
  connectionString: string;
  /** The schema pg-boss keeps its tables in (KINERJA_QUEUE_SCHEMA). */
  schema: string;
  /** Employees per batch (KINERJA_RUN_BATCH_SIZE). */
  batchSize: number;
  /** Seconds a batch may be worked before the queue gives it to another worker (KINERJA_QUEUE_EXPIRE_SECONDS). */
  expireSeconds: number;
  /** Tries a batch gets before the run is failed. */
  retryLimit?: number;
  /** How often an idle worker looks for a batch, in seconds. */
  pollingSeconds?: number;
  /** Where the queue's own errors are reported. */
  onError?: (error: Error) => void;
}

export const DEFAULT_QUEUE_SCHEMA = "kinerja_queue";
export const DEFAULT_QUEUE_EXPIRE_SECONDS = 600;
const DEFAULT_RETRY_LIMIT = 5;

/** The batches of a run: each unit's employees together, units packed in order up to `size`; a larger unit is cut. */
export function planBatches(employees: { id: string; unit_id: string }[], size: number): string[][] {
  const byUnit = new Map<string, string[]>();
  for (const e of employees) {
    const ids = byUnit.get(e.unit_id) ?? [];
    ids.push(e.id);
    byUnit.set(e.unit_id, ids);
  }
  const batches: string[][] = [];
  let current: string[] = [];
  for (const unit of [...byUnit.keys()].sort()) {
    const ids = (byUnit.get(unit) ?? []).sort();
    if (current.length > 0 && current.length + ids.length > size) {
      batches.push(current);
      current = [];
    }
    for (const id of ids) {
      current.push(id);
      if (current.length === size) {
        batches.push(current);
        current = [];
      }
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** pg-boss's way into a kysely transaction, so batches are queued in the transaction that records the run. */
function inTransaction(trx: Kysely<Database>) {
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: [...(await trx.executeQuery(CompiledQuery.raw(text, values))).rows] }),
  };
}

export class CycleQueue {
  readonly options: Required<Omit<CycleQueueOptions, "onError">> & Pick<CycleQueueOptions, "onError">;
  private readonly boss: PgBoss;
  private started = false;

  constructor(options: CycleQueueOptions) {
    this.options = { retryLimit: DEFAULT_RETRY_LIMIT, pollingSeconds: 1, ...options };
    const { expireSeconds } = this.options;
    this.boss = new PgBoss({
      connectionString: options.connectionString,
      schema: options.schema,
      application_name: "kinerja-queue",
      max: 4,
      // Expired batches are found by the queue's maintenance: as often as a batch may take, at most every minute.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, expireSeconds)),
      monitorStateIntervalSeconds: 60,
      schedule: false,
    });
    this.boss.on("error", (error: Error) => (options.onError ?? ((e: Error) => console.error("queue error", e)))(error));
  }

  /** The lease a queued run's job is written under: the queue's, renewed by every batch. */
  get lease(): Lease {
    return { owner: QUEUE_OWNER, ms: this.options.expireSeconds * 1000 };
  }

  /** Connects, makes the queue's schema and the queue if they are not there. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    const { retryLimit, expireSeconds } = this.options;
    await this.boss.createQueue(CYCLE_RUN_FAILED_QUEUE, { name: CYCLE_RUN_FAILED_QUEUE, retryLimit, retryDelay: 1, retentionDays: 7 });
    await this.boss.createQueue(CYCLE_RUN_QUEUE, {
      name: CYCLE_RUN_QUEUE,
      retryLimit,
      retryDelay: 1,
      expireInSeconds: expireSeconds,
      retentionDays: 7,
      deadLetter: CYCLE_RUN_FAILED_QUEUE,
    });
    this.started = true;
  }

  /** Plans the run's batches by unit and queues them in `trx`; the number of batches. */
  async enqueue(trx: Kysely<Database>, cycle: CycleRow, job: Pick<JobRow, "id" | "run_id">, actor: Actor): Promise<number> {
    const employees = await (await coveredEmployees(trx, cycle)).select(["e.id", "e.unit_id"]).execute();
    const planned = planBatches(employees, this.options.batchSize);
    const { retryLimit, expireSeconds } = this.options;
    const data = (employeeIds: string[], batch: number): CycleRunBatch => ({
      regionId: cycle.region_id,
      cycleId: cycle.id,
      jobId: job.id,
      runId: job.run_id as string,
      batch,
      batches: planned.length,
      employeeIds,
      actor,
    });
    const options = { name: CYCLE_RUN_QUEUE, retryLimit, retryDelay: 1, expireInSeconds: expireSeconds, deadLetter: CYCLE_RUN_FAILED_QUEUE };
    const inserts = planned.map((ids, batch) => ({ ...options, data: data(ids, batch) }));
    // A cycle without employees still gets one (empty) batch, whose worker completes the run.
    if (inserts.length === 0) inserts.push({ ...options, data: { ...data([], 0), batches: 1 } });
    for (let i = 0; i < inserts.length; i += 500) await this.boss.insert(inserts.slice(i, i + 500), { db: inTransaction(trx) });
    return inserts.length;
  }

  /** Works batches, `concurrency` at a time, against `db`, until stopped. */
  async work(db: Kysely<Database>, concurrency: number, worker: string, onBatch?: (batch: CycleRunBatch, state: "taken" | "written" | "skipped") => void): Promise<void> {
    await this.start();
    const lease = this.lease;
    for (let i = 0; i < concurrency; i++) {
      await this.boss.work<CycleRunBatch>(
        CYCLE_RUN_QUEUE,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: this.options.pollingSeconds },
        async ([job]) => {
          if (!job) return;
          onBatch?.(job.data, "taken");
          try {
            const written = await workBatch(db, job.data, lease, worker);
            onBatch?.(job.data, written ? "written" : "skipped");
          } catch (error) {
            // The last try: the run cannot complete, so it is failed (its partial rows dropped) as a run in process would be.
            if (job.retryCount >= job.retryLimit) {
              const message = error instanceof Error ? error.message : String(error);
              await failRun(db, { region_id: job.data.regionId, id: job.data.jobId, run_id: job.data.runId }, `Penilaian gagal pada batch ${job.data.batch + 1}: ${message}`, {
                owner: QUEUE_OWNER,
              });
            }
            throw error;
          }
        },
      );
    }
    // A batch out of tries (its last worker killed or past the expiry, or an error each time): the run cannot complete.
    await this.boss.work<CycleRunBatch>(CYCLE_RUN_FAILED_QUEUE, { batchSize: 1, pollingIntervalSeconds: this.options.pollingSeconds }, async ([job]) => {
      if (!job) return;
      const { regionId, jobId, runId, batch } = job.data;
      await failRun(
        db,
        { region_id: regionId, id: jobId, run_id: runId },
        `Penilaian gagal: batch ${batch + 1} tidak dapat ditulis setelah ${this.options.retryLimit + 1} percobaan; hasil sebelumnya tetap berlaku. Jalankan penilaian lagi.`,
        { owner: QUEUE_OWNER },
      );
    });
  }

  /** Stops taking batches, waits for those being worked (up to `graceMs`), and disconnects. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: Math.max(1000, graceMs) });
    this.started = false;
  }
}

/**
 * Evaluates and writes one batch, unless it was written already; then completes the run if every batch is in.
 * True when this call wrote the batch.
 */
export async function workBatch(db: Kysely<Database>, data: CycleRunBatch, lease: Lease, worker: string): Promise<boolean> {
  const { regionId, runId } = data;
  const job = await db.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", data.jobId).executeTakeFirst();
  // A run failed meanwhile (or finished) needs nothing more.
  if (!job || (job.status !== "queued" && job.status !== "running")) return false;
  const cycle = await findCycle(db, regionId, data.cycleId);
  const done = await db
    .selectFrom("result_run_batches")
    .select("batch")
    .where("region_id", "=", regionId)
    .where("run_id", "=", runId)
    .where("batch", "=", data.batch)
    .executeTakeFirst();
  let written = false;
  if (!done) {
    const compiled = await cycleRules(db, cycle);
    const evaluated = await evaluateBatch(db, cycle, compiled, runId, data.employeeIds);
    try {
      written = await db.transaction().execute(async (trx) => {
        const at = now();
        // The batch's key first: a second writer of the same batch waits here for the first, then writes nothing.
        const claimed = await trx
          .insertInto("result_run_batches")
          .values({ region_id: regionId, run_id: runId, batch: data.batch, employees: evaluated.employees, worker, written_at: at })
          .onConflict((oc) => oc.columns(["region_id", "run_id", "batch"]).doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
        await holdLease(trx, job, lease);
        await trx
          .updateTable("jobs")
          .set((eb) => ({ status: "running", done: eb("done", "+", evaluated.employees), started_at: eb.fn.coalesce("started_at", sql.lit(at)) }))
          .where("region_id", "=", regionId)
          .where("id", "=", job.id)
          .execute();
        await insertResults(trx, evaluated.results, evaluated.outcomes);
        return true;
      });
    } catch (error) {
      // The run was failed meanwhile: nothing of it is wanted any more.
      if (error instanceof JobTakenOver) return false;
      throw error;
    }
    if (written && data.batch === 0) await analyseResults(db, regionId, ["results"]);
  }
  await completeIfWritten(db, data, lease);
  return written;
}

/** Makes the run current once all its batches are in; whichever worker sees that first does it, once. */
async function completeIfWritten(db: Kysely<Database>, data: CycleRunBatch, lease: Lease): Promise<void> {
  const batchesIn = async (trx: Kysely<Database>) =>
    Number(
      (
        await trx
          .selectFrom("result_run_batches")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("region_id", "=", data.regionId)
          .where("run_id", "=", data.runId)
          .executeTakeFirst()
      )?.n ?? 0,
    );
  if ((await batchesIn(db)) < data.batches) return;
  await analyseResults(db, data.regionId, ["results", "result_outcomes"]);
  const job = await db.selectFrom("jobs").selectAll().where("region_id", "=", data.regionId).where("id", "=", data.jobId).executeTakeFirst();
  if (!job || (job.status !== "queued" && job.status !== "running")) return;
  const cycle = await findCycle(db, data.regionId, data.cycleId);
  try {
    await completeRun(db, job, cycle, data.actor, lease, job.total);
  } catch (error) {
    // Another worker completed it first (the job is no longer live), or the run failed meanwhile.
    if (error instanceof JobTakenOver) return;
    throw error;
  }
}
