// A cycle's run read and evaluated in the process's reading threads (batch-reader.ts), one or two, writes what the
// run in the server's thread writes, on a real SQLite file and on PostgreSQL; threads stopped in the middle of a
// run leave the rest to the server's thread, and the run still completes with the same results. A run in a process
// with nothing else to do (a script) is not ended early while it waits for the thread.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { systemScope } from "../access/index.js";
import { createTestEnv, runContent, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { readingThreadsReady, startReadingThreads, stopReadingThreads, type ReadCounts } from "./batch-reader.js";
import { JobRunner, type JobRunnerOptions } from "./jobs.js";
import { findCycle } from "./cycles.js";
import { startCycleRun } from "./run.js";

const execute = promisify(execFile);
const SIZE = 60;
const BATCH = 6;
const ACTOR = { id: null, name: "Uji", role: "operator" } as const;

describe.each(inject("dialects"))("a cycle's run read in the reading threads on %s", (dialect) => {
  let env: TestEnv;
  let region: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    region = await seedRegion(env, "samarinda", SIZE);
  }, 120_000);
  afterAll(async () => {
    await stopReadingThreads();
    await env?.dispose();
  });

  /** Runs the cycle with a runner of these options; the run's content (without its ids and times) and where its batches were read. */
  async function run(options: JobRunnerOptions) {
    let counts: ReadCounts | null = null;
    const jobs = new JobRunner({
      runBatchSize: BATCH,
      onError: (_id, error) => {
        throw error;
      },
      onRunRead: (_id, read) => (counts = read),
      ...options,
    });
    const { db } = env.database;
    const started = await startCycleRun(systemScope(db, region.regionId, ACTOR), jobs, { cycleId: region.cycleId });
    await jobs.idle();
    const job = await db.selectFrom("jobs").select(["status", "error"]).where("id", "=", started.jobId).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: "succeeded", error: null });
    expect((await findCycle(db, region.regionId, region.cycleId)).current_run_id).toBe(started.runId);
    return { content: await runContent(env, started.runId as string), counts: counts as ReadCounts | null };
  }

  it.each([1, 2])("writes exactly what the run in the server's thread writes, read in %i thread(s)", async (count) => {
    const here = await run({ runThreadFrom: Number.POSITIVE_INFINITY });
    expect(here.counts).toEqual({ thread: 0, process: SIZE / BATCH, threads: 0 });
    expect(here.content.results).toHaveLength(SIZE);
    expect(here.content.results.filter((result) => result.predikat !== null).length).toBeGreaterThan(SIZE / 2);

    startReadingThreads(count);
    expect(await readingThreadsReady()).toBe(true);
    const threaded = await run({ runThreadFrom: 0 });
    // The threads were ready when the run began: every batch comes from them, and each thread reads some.
    expect(threaded.counts).toEqual({ thread: SIZE / BATCH, process: 0, threads: count });
    expect(threaded.content).toEqual(here.content);
  });

  it("goes on in the server's thread when the reading threads stop in the middle of a run", async () => {
    const here = await run({ runThreadFrom: Number.POSITIVE_INFINITY });
    startReadingThreads(2);
    expect(await readingThreadsReady()).toBe(true);
    const threaded = await run({
      runThreadFrom: 0,
      afterBatch: async (batch) => {
        if (batch === 3) await stopReadingThreads();
      },
    });
    // Batches 0–3 were written, and the fifth taken, before the threads stopped; the batches they had been asked
    // for next, and every one after, were read here.
    expect(threaded.counts?.thread).toBeGreaterThanOrEqual(4);
    expect(threaded.counts?.process).toBeGreaterThanOrEqual(1);
    expect((threaded.counts?.thread ?? 0) + (threaded.counts?.process ?? 0)).toBe(SIZE / BATCH);
    expect(threaded.content).toEqual(here.content);

    // The next large run starts them again.
    startReadingThreads(2);
    expect(await readingThreadsReady()).toBe(true);
    expect((await run({ runThreadFrom: 0 })).counts).toEqual({ thread: SIZE / BATCH, process: 0, threads: 2 });
  });
});

describe("a cycle's run in a process with nothing else to do", () => {
  it("keeps the process up while it waits for the reading thread, and lets it end after", async () => {
    const script = fileURLToPath(new URL("../../testing/run-alone.ts", import.meta.url));
    const { stdout } = await execute(process.execPath, ["--import", "tsx", script], { timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split("\n").at(-1) ?? "")).toEqual({
      job: { status: "succeeded", done: 30, error: null },
      counts: { thread: 6, process: 0, threads: 1 },
    });
  }, 90_000);
});
