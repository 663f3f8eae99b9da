// Running a cycle's evaluation as a job. The job is recorded first (so a client can follow it), then runs
// in this process detached from the request. Results go into a new run in batches, each batch one
// transaction that also advances the job's progress; only when every batch is in does one transaction
// make the new run the cycle's current one. A failure or crash midway leaves the previous run current:
// readers see the old results or the new ones, never a mix. Runs are never changed once complete.
import type { Scope } from "../access/index.js";
import type { Actor } from "../lib/index.js";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { DomainError } from "../lib/index.js";
import { now, type CycleRow, type Database, type JobRow, type JobStatus, type NewResult, type NewResultOutcome } from "@kinerja/db";
import type { Kysely } from "kysely";
import { appraisalInputs } from "../assessment/index.js";
import { audit } from "../lib/index.js";
import { cycleEmployeeIds } from "./cycle-scope.js";
import { findCycle, lockCycle } from "./cycles.js";
import type { JobRunner } from "./jobs.js";
import { cycleRules } from "../rules/index.js";
import { assertNoRunInFlight, insertRun, outcomeRows, resultRow } from "../results/index.js";

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
    const { jobId, runId } = await insertRun(trx, cycle, actor, { kind: "cycle.run", total, reason: input.reason?.trim() || null, complete: false, at });
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.run",
      entity: "cycle",
      entityId: cycle.id,
      after: { jobId, runId, total, reason: input.reason ?? null },
    });
    const job = await trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", jobId).executeTakeFirstOrThrow();
    return { job, cycle };
  });
  jobs.start(job.id, () => executeCycleRun(db, jobs, actor, cycle, job));
  return runStatusOf(job);
}

async function executeCycleRun(db: Kysely<Database>, jobs: JobRunner, actor: Actor, cycle: CycleRow, job: JobRow): Promise<void> {
  const regionId = cycle.region_id;
  const runId = job.run_id as string;
  try {
    await db
      .updateTable("jobs")
      .set({ status: "running", started_at: now(), updated_at: now() })
      .where("region_id", "=", regionId)
      .where("id", "=", job.id)
      .execute();
    const compiled = await cycleRules(db, cycle);
    const ids = await cycleEmployeeIds(db, cycle);
    let done = 0;
    for (let batch = 0; batch * jobs.batchSize < ids.length; batch++) {
      const batchIds = ids.slice(batch * jobs.batchSize, (batch + 1) * jobs.batchSize);
      const employees = await db
        .selectFrom("employees")
        .selectAll()
        .where("region_id", "=", regionId)
        .where("id", "in", batchIds)
        .orderBy("id")
        .execute();
      const inputs = await appraisalInputs(db, cycle, employees);
      const rows: NewResult[] = [];
      const outcomes: NewResultOutcome[] = [];
      employees.forEach((employee, i) => {
        const input = inputs[i];
        if (!input) return;
        const explanation = compiled.explain(input);
        rows.push(resultRow(regionId, runId, cycle.rule_set_hash, employee.id, input, explanation));
        outcomes.push(...outcomeRows(regionId, runId, employee.id, explanation));
      });
      done += employees.length;
      await db.transaction().execute(async (trx) => {
        if (rows.length > 0) await trx.insertInto("results").values(rows).execute();
        if (outcomes.length > 0) await trx.insertInto("result_outcomes").values(outcomes).execute();
        await trx
          .updateTable("jobs")
          .set({ done, updated_at: now() })
          .where("region_id", "=", regionId)
          .where("id", "=", job.id)
          .execute();
      });
      await jobs.afterBatch?.(batch);
      await yieldToEventLoop();
    }
    await db.transaction().execute(async (trx) => {
      const at = now();
      const current = await findCycle(trx, regionId, cycle.id);
      await trx
        .updateTable("result_runs")
        .set({ status: "complete", completed_at: at })
        .where("region_id", "=", regionId)
        .where("id", "=", runId)
        .execute();
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
        after: { currentRunId: runId, evaluated: done },
      });
    });
  } catch (error) {
    await failRun(db, regionId, job.id, runId, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Marks the job and its run failed and drops the run's partial results; the cycle's current run is untouched. */
async function failRun(db: Kysely<Database>, regionId: string, jobId: string, runId: string | null, message: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const at = now();
    if (runId) {
      await trx.deleteFrom("result_outcomes").where("region_id", "=", regionId).where("run_id", "=", runId).execute();
      await trx.deleteFrom("results").where("region_id", "=", regionId).where("run_id", "=", runId).execute();
      await trx
        .updateTable("result_runs")
        .set({ status: "failed", completed_at: at })
        .where("region_id", "=", regionId)
        .where("id", "=", runId)
        .where("status", "=", "running")
        .execute();
    }
    await trx
      .updateTable("jobs")
      .set({ status: "failed", error: message, finished_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", jobId)
      .execute();
  });
}

/** On start: jobs a previous process left running can no longer finish; say so and keep the old results current. */
export async function recoverInterruptedJobs(db: Kysely<Database>): Promise<number> {
  const stale = await db.selectFrom("jobs").selectAll().where("status", "in", ["queued", "running"]).execute();
  for (const job of stale) {
    await failRun(db, job.region_id, job.id, job.run_id, "terhenti karena server dimulai ulang; jalankan penilaian lagi");
  }
  return stale.length;
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
