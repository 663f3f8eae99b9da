// Assigning peers automatically as a job: for a cycle, or one unit of it, by the rule file's peer rule
// (workflow.peers.assign) and a seed, so the same seed on the same data gives the same pairs. The plan is
// made at once in memory (peer-assignment.ts); its pairs are written in batches of rated employees, each
// batch one transaction that also advances the job's progress under its lease (as the evaluation job:
// cycles/jobs.ts, cycles/lease.ts). Nothing already assigned is removed: each batch reads its employees'
// peers again and only tops them up to the rule's count, so a choice made by hand meanwhile stands.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { newId, now, type CycleRow, type Database, type JobRow, type JobStatus } from "@kinerja/db";
import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Scope } from "../access/index.js";
import { findCycle, holdLease, JobTakenOver, keepLeaseAlive, leaseFields, lockCycle, type JobRunner } from "../cycles/index.js";
import { audit, DomainError, groupBy, type Actor } from "../lib/index.js";
import { planPeers } from "./peer-assignment.js";
import { heldAssignments, peerWorld } from "./peer-needs.js";

export const PEER_JOB_KIND = "peers.assign";

export interface PeerJobStatus {
  jobId: string;
  cycleId: string;
  unitId: string | null;
  seed: string;
  status: JobStatus;
  /** Employees given their peers so far, of those to be given peers. */
  done: number;
  total: number;
  /** Assignments made, and people left with fewer than the rule's count; known once the plan is made. */
  added: number;
  short: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

function statusOf(job: JobRow, peerJob: { unit_id: string | null; seed: string; added: number; short: number; cycle_id: string }): PeerJobStatus {
  return {
    jobId: job.id,
    cycleId: peerJob.cycle_id,
    unitId: peerJob.unit_id,
    seed: peerJob.seed,
    status: job.status,
    done: job.done,
    total: job.total,
    added: peerJob.added,
    short: peerJob.short,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

/** Records the job and starts it in the background; refused unless the cycle is a draft or open. */
export async function startPeerAssignment(scope: Scope, jobs: JobRunner, input: { cycleId: string; unitId?: string; seed?: string }): Promise<PeerJobStatus> {
  const { db, regionId, actor } = scope;
  const { job, cycle } = await db.transaction().execute(async (trx) => {
    const at = now();
    await lockCycle(trx, regionId, input.cycleId, at);
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft" && cycle.status !== "open") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; rekan penilai hanya ditetapkan saat siklus draf atau dibuka` });
    }
    if (input.unitId) {
      const unit = await trx.selectFrom("units").select("id").where("region_id", "=", regionId).where("id", "=", input.unitId).executeTakeFirst();
      if (!unit) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${input.unitId} tidak ditemukan di wilayah ini`, pointer: "/unitId" });
    }
    const active = await trx
      .selectFrom("jobs")
      .select(["id", "kind"])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("status", "in", ["queued", "running"])
      .executeTakeFirst();
    if (active) {
      const what = active.kind === PEER_JOB_KIND ? "Penetapan rekan penilai" : "Penilaian";
      throw new DomainError({ code: "CONFLICT", message: `${what} siklus ini sedang berjalan (job ${active.id}); tunggu sampai selesai` });
    }
    const jobId = newId();
    const seed = input.seed?.trim() || cycle.id;
    await trx
      .insertInto("jobs")
      .values({
        region_id: regionId,
        id: jobId,
        kind: PEER_JOB_KIND,
        cycle_id: cycle.id,
        run_id: null,
        total: 0,
        error: null,
        created_by: actor.id,
        created_at: at,
        started_at: null,
        finished_at: null,
        updated_at: at,
        ...leaseFields(jobs.lease),
      })
      .execute();
    await trx.insertInto("peer_jobs").values({ region_id: regionId, job_id: jobId, cycle_id: cycle.id, unit_id: input.unitId ?? null, seed }).execute();
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.assignPeers",
      entity: "cycle",
      entityId: cycle.id,
      after: { jobId, unitId: input.unitId ?? null, seed },
    });
    const job = await trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", jobId).executeTakeFirstOrThrow();
    return { job, cycle };
  });
  jobs.start(job.id, () => executePeerAssignment(db, jobs, actor, cycle, job));
  return readStatus(db, regionId, job.id);
}

async function executePeerAssignment(db: Kysely<Database>, jobs: JobRunner, actor: Actor, cycle: CycleRow, job: JobRow): Promise<void> {
  const regionId = cycle.region_id;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  try {
    const peerJob = await db.selectFrom("peer_jobs").selectAll().where("region_id", "=", regionId).where("job_id", "=", job.id).executeTakeFirstOrThrow();
    const world = await peerWorld(db, cycle, peerJob.unit_id);
    const { count } = world.rule;
    const plan = count > 0 ? planPeers({ people: world.candidates, existing: world.existing, count, seed: peerJob.seed }) : { added: [], short: [] };
    const planned = groupBy(plan.added, (a) => a.employeeId, (a) => a.peerId);
    const ratees = world.candidates.filter((c) => c.needsPeers).map((c) => c.id);
    const total = ratees.length;
    await db.transaction().execute(async (trx) => {
      await holdLease(trx, job, lease, { status: "running", started_at: now(), total });
      await trx.updateTable("peer_jobs").set({ short: plan.short.length }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
    });
    let done = 0;
    let added = 0;
    for (let batch = 0; batch * jobs.batchSize < total; batch++) {
      const batchIds = ratees.slice(batch * jobs.batchSize, (batch + 1) * jobs.batchSize);
      done += batchIds.length;
      await db.transaction().execute(async (trx) => {
        await holdLease(trx, job, lease, { done });
        const withPlans = batchIds.filter((id) => planned.has(id));
        if (withPlans.length === 0) return;
        // What is there now: a choice made by hand since the plan was made stands, and counts toward the rule's
        // count, as every assignment still giving a rating does (heldAssignments: not one to a peer who left).
        const has = new Map<string, Set<string>>();
        for (const a of await heldAssignments(trx, cycle, withPlans)) has.set(a.employeeId, (has.get(a.employeeId) ?? new Set()).add(a.peerId));
        const at = now();
        const rows = withPlans.flatMap((employeeId) => {
          const mine = has.get(employeeId) ?? new Set<string>();
          const room = Math.max(0, count - mine.size);
          return (planned.get(employeeId) ?? [])
            .filter((peer) => !mine.has(peer))
            .slice(0, room)
            .map((peer) => ({
              region_id: regionId,
              cycle_id: cycle.id,
              employee_id: employeeId,
              peer_employee_id: peer,
              assigned_by: actor.id,
              created_at: at,
              method: "auto" as const,
            }));
        });
        if (rows.length > 0) await trx.insertInto("peer_assignments").values(rows).execute();
        added += rows.length;
        await trx.updateTable("peer_jobs").set({ added }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
      });
      // PostgreSQL plans the re-read above by the table's statistics, and the pairs this job writes have none
      // until autovacuum comes round: without them it reads every pair of the cycle per batch. Analysed once the
      // first batch is in, it looks the batch's employees up by the primary key. SQLite needs no such help.
      if (batch === 0 && db.getExecutor().adapter instanceof PostgresAdapter) await sql`analyze peer_assignments`.execute(db);
      await jobs.afterBatch?.(batch);
      await yieldToEventLoop();
    }
    await db.transaction().execute(async (trx) => {
      const at = now();
      await holdLease(trx, job, lease, { status: "succeeded", done: total, finished_at: at });
      await audit(trx, {
        regionId,
        actor,
        action: "assessment.peersAssigned",
        entity: "cycle",
        entityId: cycle.id,
        after: { jobId: job.id, unitId: peerJob.unit_id, seed: peerJob.seed, count, employees: total, added, short: plan.short.length },
      });
    });
  } catch (error) {
    // A job taken over is another server's to account for; the batches written stand, each was whole.
    if (!(error instanceof JobTakenOver)) {
      const at = now();
      await db
        .updateTable("jobs")
        .set({ status: "failed", error: error instanceof Error ? error.message : String(error), finished_at: at, updated_at: at })
        .where("region_id", "=", regionId)
        .where("id", "=", job.id)
        .where("owner", "=", lease.owner)
        .where("status", "in", ["queued", "running"])
        .execute();
    }
    throw error;
  } finally {
    stopRenewing();
  }
}

async function readStatus(db: Kysely<Database>, regionId: string, jobId: string): Promise<PeerJobStatus> {
  const row = await db
    .selectFrom("jobs")
    .innerJoin("peer_jobs", (join) => join.onRef("peer_jobs.region_id", "=", "jobs.region_id").onRef("peer_jobs.job_id", "=", "jobs.id"))
    .selectAll("jobs")
    .select(["peer_jobs.unit_id", "peer_jobs.seed", "peer_jobs.added", "peer_jobs.short", "peer_jobs.cycle_id as peer_cycle_id"])
    .where("jobs.region_id", "=", regionId)
    .where("jobs.id", "=", jobId)
    .executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Job penetapan rekan penilai ${jobId} tidak ditemukan` });
  return statusOf(row, { unit_id: row.unit_id, seed: row.seed, added: row.added, short: row.short, cycle_id: row.peer_cycle_id });
}

/** A peer-assignment job's progress; with only a cycle id, that cycle's latest one (null if none). */
export async function peerJobStatus(scope: Scope, input: { jobId?: string; cycleId?: string }): Promise<PeerJobStatus | null> {
  const { db, regionId } = scope;
  if (input.jobId) return readStatus(db, regionId, input.jobId);
  if (!input.cycleId) throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan jobId atau cycleId" });
  await findCycle(db, regionId, input.cycleId);
  const latest = await db
    .selectFrom("peer_jobs")
    .select("job_id")
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", input.cycleId)
    .orderBy("job_id", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest ? readStatus(db, regionId, latest.job_id) : null;
}
