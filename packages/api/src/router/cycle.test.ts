import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { newId, now } from "@kinerja/db";
import { recoverInterruptedJobs } from "../services/cycles/index.js";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 30;
const BATCH = 8;

describe.each(inject("dialects"))("cycle router and evaluation job on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  /** Set by a test to make the job fail after that batch. */
  let failAfter: number | null = null;

  beforeAll(async () => {
    env = await createTestEnv(dialect, {
      batchSize: BATCH,
      afterBatch: (batch) => {
        if (batch === failAfter) throw new Error(`kegagalan buatan setelah batch ${batch}`);
      },
    });
    binjai = await seedRegion(env, "binjai", SIZE);
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  function resultsOfRun(runId: string) {
    return env.database.db
      .selectFrom("results")
      .select(["run_id", "nip", "predikat", "score"])
      .where("region_id", "=", "binjai")
      .where("run_id", "=", runId)
      .orderBy("nip")
      .execute();
  }

  async function currentResults() {
    const cycle = await admin().cycle.get({ id: binjai.cycleId });
    return { runId: cycle.currentRunId, rows: await resultsOfRun(cycle.currentRunId ?? "") };
  }

  it("creates cycles pinned to the newest published rule set, by id and hash", async () => {
    const created = await admin().cycle.create({ name: "Semester I", periodKind: "semester", periodLabel: "2025-S1" });
    const version = await admin().ruleSet.get({ id: binjai.ruleSetVersionId });
    expect(created).toMatchObject({ status: "draft", ruleSetVersionId: version.id, ruleSetHash: version.contentHash });
    await expect(admin().cycle.run({ id: created.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await admin().cycle.open({ id: created.id })).status).toBe("open");
    await expect(admin().cycle.open({ id: created.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("refuses a cycle for an empty or unknown unit, saying which, and stores no cycle", async () => {
    const before = await admin().cycle.list();
    await expect(admin().cycle.create({ name: "Unit kosong", periodKind: "monthly", periodLabel: "2025-07", unitId: "" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("unitId"),
    });
    await expect(admin().cycle.create({ name: "Unit hantu", periodKind: "monthly", periodLabel: "2025-07", unitId: "unit-hantu" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("unit-hantu"),
    });
    expect(await admin().cycle.list()).toEqual(before);
  });

  it("refuses to pin a draft rule set", async () => {
    const version = await admin().ruleSet.get({ id: binjai.ruleSetVersionId });
    const draft = await admin().ruleSet.saveDraft({ content: version.content });
    await expect(
      admin().cycle.create({ name: "x", periodKind: "annual", periodLabel: "2026", ruleSetVersionId: draft.version.id }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("runs the evaluation as a job whose progress can be followed to the end", async () => {
    const started = await admin().cycle.run({ id: binjai.cycleId });
    expect(started).toMatchObject({ status: "queued", done: 0, total: SIZE });
    const seen: Array<{ status: string; done: number }> = [];
    for await (const progress of await admin().cycle.onRunProgress({ jobId: started.jobId })) {
      seen.push({ status: progress.status, done: progress.done });
    }
    expect(seen.at(-1)).toEqual({ status: "succeeded", done: SIZE });
    const status = await admin().cycle.runStatus({ cycleId: binjai.cycleId });
    expect(status).toMatchObject({ jobId: started.jobId, status: "succeeded", done: SIZE, total: SIZE, error: null });
    const cycle = await admin().cycle.get({ id: binjai.cycleId });
    expect(cycle).toMatchObject({ status: "evaluated", currentRunId: started.runId });
    const { rows } = await currentResults();
    expect(rows).toHaveLength(SIZE);
    expect(rows.every((r) => r.predikat !== null)).toBe(true);
  });

  it("refuses a second run of the same cycle while one is in flight", async () => {
    const first = await admin().cycle.run({ id: binjai.cycleId });
    await expect(admin().cycle.run({ id: binjai.cycleId })).rejects.toMatchObject({ code: "CONFLICT" });
    await env.jobs.idle();
    expect((await admin().cycle.runStatus({ jobId: first.jobId }))?.status).toBe("succeeded");
  });

  it("keeps the previous results current when a run fails midway, and drops the partial run", async () => {
    const before = await currentResults();
    failAfter = 1;
    try {
      const started = await admin().cycle.run({ id: binjai.cycleId });
      await env.jobs.idle();
      const status = await admin().cycle.runStatus({ jobId: started.jobId });
      expect(status).toMatchObject({ status: "failed", done: 2 * BATCH });
      expect(status?.error).toMatch(/kegagalan buatan/);
      expect(await currentResults()).toEqual(before);
      const partial = await env.database.db
        .selectFrom("results")
        .select("nip")
        .where("region_id", "=", "binjai")
        .where("run_id", "=", started.runId ?? "")
        .execute();
      expect(partial).toEqual([]);
      const runs = await admin().cycle.runs({ id: binjai.cycleId });
      expect(runs.find((r) => r.id === started.runId)).toMatchObject({ status: "failed", current: false });
      expect(runs.filter((r) => r.current)).toHaveLength(1);
    } finally {
      failAfter = null;
    }
  });

  it("marks jobs a stopped server left running as failed, leaving the current run", async () => {
    const before = await currentResults();
    const { db } = env.database;
    const jobId = newId();
    const runId = newId();
    const at = now();
    await db
      .insertInto("jobs")
      .values({ region_id: "binjai", id: jobId, kind: "cycle.run", cycle_id: binjai.cycleId, run_id: runId, status: "running", done: 8, total: SIZE, error: null, created_by: null, created_at: at, started_at: at, finished_at: null, updated_at: at })
      .execute();
    const cycle = await admin().cycle.get({ id: binjai.cycleId });
    await db
      .insertInto("result_runs")
      .values({ region_id: "binjai", id: runId, cycle_id: binjai.cycleId, version: 99, job_id: jobId, rule_set_version_id: cycle.ruleSetVersionId, rule_set_hash: cycle.ruleSetHash, status: "running", total: SIZE, reason: null, started_by: null, started_at: at, completed_at: null })
      .execute();
    expect(await recoverInterruptedJobs(db)).toBe(1);
    expect(await admin().cycle.runStatus({ jobId })).toMatchObject({ status: "failed" });
    expect(await currentResults()).toEqual(before);
  });

  it("finalises, then never changes the results in place: a re-run needs a reason and makes a new version", async () => {
    const finalRun = await currentResults();
    expect((await admin().cycle.close({ id: binjai.cycleId })).status).toBe("finalised");
    await expect(admin().cycle.close({ id: binjai.cycleId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(admin().cycle.run({ id: binjai.cycleId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const rerun = await admin().cycle.run({ id: binjai.cycleId, reason: "keberatan dikabulkan" });
    await env.jobs.idle();
    const after = await currentResults();
    expect(after.runId).toBe(rerun.runId);
    expect(after.runId).not.toBe(finalRun.runId);
    const old = await resultsOfRun(finalRun.runId ?? "");
    expect(old).toEqual(finalRun.rows);
    expect((await admin().cycle.get({ id: binjai.cycleId })).status).toBe("finalised");
    const runs = await admin().cycle.runs({ id: binjai.cycleId });
    expect(runs[0]).toMatchObject({ id: rerun.runId, reason: "keberatan dikabulkan", current: true });
  });

  it("lets only admins and operators manage cycles", async () => {
    for (const user of [binjai.assessor, binjai.employee]) {
      await expect(env.as(user).cycle.run({ id: binjai.cycleId })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        env.as(user).cycle.create({ name: "x", periodKind: "annual", periodLabel: "2027" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await env.as(user).cycle.list()).length).toBeGreaterThan(0);
    }
  });

  it("audits every step of a cycle", async () => {
    const log = await admin().audit.list({ entity: "cycle", entityId: binjai.cycleId, limit: 100 });
    const actions = log.items.map((e) => e.action);
    for (const action of ["cycle.create", "cycle.open", "cycle.run", "cycle.evaluated", "cycle.finalise"]) expect(actions).toContain(action);
  });
});
