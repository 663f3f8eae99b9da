// A cycle's run through the PostgreSQL-backed queue, in process: batches planned by unit, two queue workers
// sharing a run, results identical to the run in process, and a batch taken twice written once.
// The same with real worker processes, one killed mid-run: apps/server/src/worker-queue.test.ts.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_POSTGRES_URL } from "@kinerja/db/testing";
import { appRouter } from "../../root.js";
import { createCallerFactory, createContextInner } from "../../trpc.js";
import { createTestEnv, runContent, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { JobRunner } from "./jobs.js";
import { CycleQueue, planBatches, workBatch, type CycleRunBatch } from "./queue.js";

describe("planBatches", () => {
  it("keeps each unit's employees together where they fit, and cuts a unit larger than a batch", () => {
    const employees = [
      ...["a1", "a2", "a3"].map((id) => ({ id, unit_id: "a" })),
      ...["b1", "b2"].map((id) => ({ id, unit_id: "b" })),
      ...["c1", "c2", "c3", "c4", "c5", "c6"].map((id) => ({ id, unit_id: "c" })),
      { id: "d1", unit_id: "d" },
    ];
    expect(planBatches(employees, 4)).toEqual([["a1", "a2", "a3"], ["b1", "b2"], ["c1", "c2", "c3", "c4"], ["c5", "c6", "d1"]]);
    expect(planBatches(employees, 100)).toEqual([employees.map((e) => e.id).sort()]);
    expect(planBatches([], 10)).toEqual([]);
  });
});

const SIZE = 60;
const BATCH = 8;
const createCaller = createCallerFactory(appRouter);

describe.skipIf(!inject("dialects").includes("postgres"))("cycle runs through the queue on postgres", () => {
  let env: TestEnv;
  let binjai: SeededRegion;
  const queues: CycleQueue[] = [];
  let queueSchema = "";

  beforeAll(async () => {
    env = await createTestEnv("postgres", { batchSize: BATCH });
    binjai = await seedRegion(env, "binjai", SIZE);
    queueSchema = `${env.database.config.dialect === "postgres" ? env.database.config.schema : "x"}_queue`;
  }, 120_000);
  afterAll(async () => {
    for (const queue of queues) await queue.stop(2_000).catch(() => undefined);
    if (queueSchema) await sql`drop schema if exists ${sql.id(queueSchema)} cascade`.execute(env.database.db).catch(() => undefined);
    await env?.dispose();
  });

  const newQueue = () => {
    const queue = new CycleQueue({ connectionString: TEST_POSTGRES_URL, schema: queueSchema, batchSize: BATCH, expireSeconds: 30, pollingSeconds: 0.5 });
    queues.push(queue);
    return queue;
  };

  it("two workers share a run by unit batches; its results are those of the run in process, each written once", async () => {
    const admin = env.as(binjai.admin);
    const inProcess = await admin.cycle.run({ id: binjai.cycleId });
    await env.jobs.idle();
    expect(await admin.cycle.runStatus({ jobId: inProcess.jobId })).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE });

    const queue = newQueue();
    await queue.start();
    const jobs = new JobRunner({ queue, onError: () => undefined });
    const queued = createCaller(createContextInner({ db: env.database.db, session: { user: binjai.admin, id: null, mustChangePassword: false }, jobs }));
    const started = await queued.cycle.run({ id: binjai.cycleId });
    expect(started.status).toBe("queued");
    const batches: { worker: string; batch: CycleRunBatch }[] = [];
    await queue.work(env.database.db, 1, "worker-a", (batch, state) => state === "written" && batches.push({ worker: "a", batch }));
    const other = newQueue();
    await other.work(env.database.db, 1, "worker-b", (batch, state) => state === "written" && batches.push({ worker: "b", batch }));

    const deadline = Date.now() + 60_000;
    let status = await queued.cycle.runStatus({ jobId: started.jobId });
    while (status?.status !== "succeeded" && status?.status !== "failed" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      status = await queued.cycle.runStatus({ jobId: started.jobId });
    }
    expect(status).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE, error: null });
    const cycle = await admin.cycle.get({ id: binjai.cycleId });
    expect(cycle.currentRunId).toBe(started.runId);
    const queuedContent = await runContent(env, started.runId ?? "");
    expect(queuedContent).toEqual(await runContent(env, inProcess.runId ?? ""));
    // The queue's workers store the input, not the explanation, as the run in process does.
    expect(queuedContent.results.every((r) => r.explanation === null)).toBe(true);
    const written = await env.database.db.selectFrom("result_run_batches").selectAll().where("run_id", "=", started.runId ?? "").orderBy("batch").execute();
    expect(written.map((b) => b.batch)).toEqual(Array.from({ length: batches[0]!.batch.batches }, (_, i) => i));
    expect(written.reduce((n, b) => n + b.employees, 0)).toBe(SIZE);
    expect(new Set(batches.map((b) => b.worker)).size, "both workers took batches").toBe(2);

    // A batch taken again (its worker thought dead) writes nothing and leaves the run as it was.
    const again = await workBatch(env.database.db, batches[0]!.batch, queue.lease, "worker-c");
    expect(again).toBe(false);
    expect((await runContent(env, started.runId ?? "")).results).toHaveLength(SIZE);
  }, 120_000);
});
