// A cycle's run through the PostgreSQL queue (services/cycles/queue.ts), against COPY of the same rows: a region
// of 20,000 of Samarinda's demo people (as cycle-run.bench.ts prepares it) run by queued batches of 1,000 that
// `KINERJA_BENCH_QUEUE_WORKERS` queue workers (default 2, each its own pg-boss connection, all in this process)
// take, from the start of cycle.run to the run made current; then the very rows written, COPY'd into a fresh
// database holding the same region and run in one transaction (timeBare in cycle-rows.ts). PostgreSQL only.
// Prints:
//   cycle_run_queue.<size>.postgres.seconds        the queued run, from start to its current run
//   cycle_run_queue.<size>.postgres.bare_seconds   COPY of the same rows
//   cycle_run_queue.<size>.postgres.ratio          their ratio
//   cycle_run_queue.<size>.ratio                   the same (one dialect)
// KINERJA_BENCH_QUEUE_SIZE sets the size (comma-separated; 0 skips).
import { sql } from "kysely";
import { createTestDatabase, TEST_POSTGRES_URL } from "@kinerja/db/testing";
import { systemScope } from "../src/services/access/index.js";
import { CycleQueue, findCycle, JobRunner, startCycleRun } from "../src/services/cycles/index.js";
import { compareWithBare } from "./large-region.js";
import { ACTOR, label, prepare, REGION, runRows, sizes, timeBare, type RunRows } from "./cycle-rows.js";

const WORKERS = Number(process.env.KINERJA_BENCH_QUEUE_WORKERS ?? 2);

async function timeQueuedRun(size: number): Promise<{ seconds: number; result: RunRows }> {
  const database = await createTestDatabase("postgres");
  const schema = `${database.config.dialect === "postgres" ? database.config.schema : ""}_queue`;
  const queues = Array.from({ length: WORKERS }, () => new CycleQueue({ connectionString: TEST_POSTGRES_URL, schema, batchSize: 1_000, expireSeconds: 600, pollingSeconds: 0.5 }));
  try {
    const cycle = await prepare(database, "postgres", size);
    for (const queue of queues) await queue.start();
    const jobs = new JobRunner({ queue: queues[0]!, onError: (_id, error) => console.error(error) });
    const started = performance.now();
    const job = await startCycleRun(systemScope(database.db, REGION, ACTOR), jobs, { cycleId: cycle.id });
    await Promise.all(queues.map((queue, i) => queue.work(database.db, 1, `bench-worker-${i}`)));
    for (;;) {
      const row = await database.db.selectFrom("jobs").select(["status", "error"]).where("id", "=", job.jobId).executeTakeFirstOrThrow();
      if (row.status === "succeeded") break;
      if (row.status === "failed") throw new Error(`the queued run failed: ${row.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    const current = await findCycle(database.db, REGION, cycle.id);
    const rows = await runRows(database, job.runId as string);
    if (current.current_run_id !== job.runId || rows.results.length !== size) {
      throw new Error(`the queued run holds ${rows.results.length} of ${size} results; current run ${current.current_run_id}, expected ${job.runId}`);
    }
    return { seconds, result: rows };
  } finally {
    for (const queue of queues) await queue.stop(1_000).catch(() => undefined);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(database.db).catch(() => undefined);
    await database.dispose();
  }
}

for (const size of sizes("KINERJA_BENCH_QUEUE_SIZE", [20_000])) {
  const base = `cycle_run_queue.${label(size)}`;
  await compareWithBare(
    { measured: `${base}.seconds`, bare: `${base}.bare_seconds`, ratio: `${base}.ratio` },
    async () => timeQueuedRun(size),
    async (dialect, rows) => (await timeBare(dialect, size, rows)).seconds,
    { dialects: ["postgres"], nameOf: (name, dialect) => name.replace(base, `${base}.${dialect}`) },
  );
}
