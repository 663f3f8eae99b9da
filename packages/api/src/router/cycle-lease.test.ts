// The evaluation job when several servers share one database, in process: "another server" is
// recoverInterruptedJobs called while a batch boundary of this process's job is reached, as a server
// starting up (or its timer) would. A live lease keeps the job; an expired one lets it be taken over,
// and then this process writes nothing more; the switch makes current only a run that holds every result.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId } from "@kinerja/db";
import { JobTakenOver, recoverInterruptedJobs } from "../services/cycles/index.js";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 30;
const BATCH = 8;
const LAST_BATCH = Math.ceil(SIZE / BATCH) - 1;
const OWNER = "server-a:4242:0badcafe";

describe.each(inject("dialects"))("evaluation job leases on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  /** What the test does at a batch boundary of the job, as another server would meanwhile. */
  let atBatch: ((batch: number) => Promise<void>) | null = null;
  const takenOver: JobTakenOver[] = [];

  beforeAll(async () => {
    env = await createTestEnv(dialect, {
      batchSize: BATCH,
      owner: OWNER,
      afterBatch: (batch) => atBatch?.(batch),
      onTakenOver: (_jobId, error) => takenOver.push(error),
    });
    binjai = await seedRegion(env, "binjai", SIZE);
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);
  const db = () => env.database.db;

  async function resultCount(runId: string | null): Promise<number> {
    const row = await db()
      .selectFrom("results")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("region_id", "=", "binjai")
      .where("run_id", "=", runId ?? "")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function current(): Promise<{ runId: string | null; results: number }> {
    const cycle = await admin().cycle.get({ id: binjai.cycleId });
    return { runId: cycle.currentRunId, results: await resultCount(cycle.currentRunId) };
  }

  /** Runs the cycle with `during` called at each batch boundary; the job's final status. */
  async function runWith(during: (batch: number, job: { jobId: string; runId: string }) => Promise<void>) {
    let started: { jobId: string; runId: string } | null = null;
    atBatch = async (batch) => {
      if (started) await during(batch, started);
    };
    try {
      const status = await admin().cycle.run({ id: binjai.cycleId });
      started = { jobId: status.jobId, runId: status.runId ?? "" };
      await env.jobs.idle();
    } finally {
      atBatch = null;
    }
    const final = await admin().cycle.runStatus({ jobId: started.jobId });
    if (!final) throw new Error(`job ${started.jobId} vanished`);
    return final;
  }

  /** As a server whose clock is past the job's lease: the owner stopped renewing it. */
  async function expireLease(jobId: string): Promise<void> {
    await db().updateTable("jobs").set({ lease_expires_at: new Date(Date.now() - 1_000).toISOString() }).where("id", "=", jobId).execute();
  }

  it("records the job under its owner's lease, and a server starting meanwhile leaves it alone", async () => {
    const recoveredMidRun: number[] = [];
    const leases: Array<{ owner: string | null; leaseExpiresAt: string | null }> = [];
    const final = await runWith(async (batch, { jobId }) => {
      const job = await db().selectFrom("jobs").select(["owner", "lease_expires_at"]).where("id", "=", jobId).executeTakeFirstOrThrow();
      leases.push({ owner: job.owner, leaseExpiresAt: job.lease_expires_at });
      if (batch === 1) recoveredMidRun.push(await recoverInterruptedJobs(db()));
    });
    expect(recoveredMidRun).toEqual([0]);
    expect(leases.every((l) => l.owner === OWNER && Date.parse(l.leaseExpiresAt ?? "") > Date.now())).toBe(true);
    expect(final).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE, error: null });
    expect(await current()).toEqual({ runId: final.runId, results: SIZE });
  });

  it("stops writing once another server took over the job whose lease ran out; the previous run stays current", async () => {
    const before = await current();
    takenOver.length = 0;
    const final = await runWith(async (batch, { jobId }) => {
      if (batch !== 1) return;
      await expireLease(jobId);
      expect(await recoverInterruptedJobs(db())).toBe(1);
    });
    expect(final.status).toBe("failed");
    expect(final.error).toMatch(/server yang menjalankannya berhenti/);
    expect(takenOver.map((e) => ({ jobId: e.jobId, owner: e.owner }))).toEqual([{ jobId: final.jobId, owner: OWNER }]);
    expect(await resultCount(final.runId)).toBe(0);
    expect(await current()).toEqual(before);
    const runs = await admin().cycle.runs({ id: binjai.cycleId });
    expect(runs.find((r) => r.id === final.runId)).toMatchObject({ status: "failed", current: false });
  });

  it("is left alone by its own server, which knows it is alive, even when the lease ran out", async () => {
    const final = await runWith(async (batch, { jobId }) => {
      if (batch !== 1) return;
      await expireLease(jobId);
      expect(await recoverInterruptedJobs(db(), { runner: env.jobs })).toBe(0);
    });
    expect(final).toMatchObject({ status: "succeeded", done: SIZE, error: null });
    expect(await current()).toEqual({ runId: final.runId, results: SIZE });
  });

  it("does not switch to a run taken over after its last batch", async () => {
    const before = await current();
    takenOver.length = 0;
    const final = await runWith(async (batch, { jobId }) => {
      if (batch !== LAST_BATCH) return;
      await expireLease(jobId);
      expect(await recoverInterruptedJobs(db())).toBe(1);
    });
    expect(final).toMatchObject({ status: "failed", done: SIZE });
    expect(takenOver).toHaveLength(1);
    expect(await current()).toEqual(before);
  });

  it("does not switch to a run that holds fewer results than employees, and says so", async () => {
    const before = await current();
    const final = await runWith(async (batch, { runId }) => {
      if (batch !== LAST_BATCH) return;
      const one = await db().selectFrom("results").select("employee_id").where("run_id", "=", runId).limit(1).executeTakeFirstOrThrow();
      await db().deleteFrom("result_outcomes").where("run_id", "=", runId).where("employee_id", "=", one.employee_id).execute();
      await db().deleteFrom("results").where("run_id", "=", runId).where("employee_id", "=", one.employee_id).execute();
    });
    expect(final.status).toBe("failed");
    expect(final.error).toContain(`memuat ${SIZE - 1} dari ${SIZE} pegawai`);
    expect(await current()).toEqual(before);
  });

  it("does not switch to a run that is no longer running", async () => {
    const before = await current();
    const final = await runWith(async (batch, { runId }) => {
      if (batch === LAST_BATCH) await db().updateTable("result_runs").set({ status: "failed" }).where("id", "=", runId).execute();
    });
    expect(final.status).toBe("failed");
    expect(final.error).toContain("tidak lagi ditulis oleh job ini");
    expect(await current()).toEqual(before);
  });

  it("refuses a new run while another server's job holds a live lease, and recovers that job once it ran out", async () => {
    const at = new Date().toISOString();
    const jobId = newId();
    const runId = newId();
    const cycle = await admin().cycle.get({ id: binjai.cycleId });
    await db()
      .insertInto("jobs")
      .values({ region_id: "binjai", id: jobId, kind: "cycle.run", cycle_id: binjai.cycleId, run_id: runId, status: "running", done: BATCH, total: SIZE, error: null, created_by: null, created_at: at, started_at: at, finished_at: null, updated_at: at, owner: "server-b:77:00000000", heartbeat_at: at, lease_expires_at: new Date(Date.now() + 60_000).toISOString() })
      .execute();
    await db()
      .insertInto("result_runs")
      .values({ region_id: "binjai", id: runId, cycle_id: binjai.cycleId, version: 99, job_id: jobId, rule_set_version_id: cycle.ruleSetVersionId, rule_set_hash: cycle.ruleSetHash, status: "running", total: SIZE, reason: null, started_by: null, started_at: at, completed_at: null })
      .execute();
    await expect(admin().cycle.run({ id: binjai.cycleId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await recoverInterruptedJobs(db())).toBe(0);

    await expireLease(jobId);
    const final = await runWith(async () => undefined);
    expect(final).toMatchObject({ status: "succeeded", done: SIZE });
    expect(await admin().cycle.runStatus({ jobId })).toMatchObject({ status: "failed" });
    expect(await current()).toEqual({ runId: final.runId, results: SIZE });
  });
});
