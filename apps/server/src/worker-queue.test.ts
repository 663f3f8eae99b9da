// Cycle runs through the PostgreSQL queue, with real processes: a server that only queues runs
// (KINERJA_WORKER_CONCURRENCY=0) and two `pnpm worker` processes (src/worker.ts) on one PostgreSQL schema.
// The two workers share one cycle's run by unit batches; one is killed with SIGKILL while it has a batch in
// hand. The run completes on the other: every employee's result written exactly once, each batch once, and
// the results identical to a run of the same cycle in the server's own process (KINERJA_CYCLE_QUEUE=0).
// Long: KINERJA_LONG_TESTS=1; PostgreSQL only (on SQLite the server runs cycles itself).
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import type { ServerProcess } from "./testing/server-process.js";
import { createSharedDatabase, jobEnded, signedIn, type RunStatus, type SharedDatabase } from "./testing/shared-database.js";
import { waitFor } from "./testing/wait-for.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const PASSWORD = "sandi-uji-antrean";
const SIZE = 3_000;
const BATCH = 250;
/** Workers give up a batch after this long, so the killed worker's batch is taken again soon. */
const QUEUE = { KINERJA_RUN_BATCH_SIZE: String(BATCH), KINERJA_QUEUE_EXPIRE_SECONDS: "10" };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const written = (worker: ServerProcess) => worker.logs().filter((e) => e.msg === "cycle run batch written");

describe.skipIf(!LONG || !inject("dialects").includes("postgres"))("two worker processes share a cycle's run through the queue (KINERJA_LONG_TESTS=1, PostgreSQL)", () => {
  let shared: SharedDatabase;

  beforeAll(async () => {
    shared = await createSharedDatabase("postgres", { size: SIZE, password: PASSWORD });
    console.log(`[postgres] seeded ${shared.employees} employees in ${seconds(shared.seedMs)}`);
  }, 300_000);
  afterAll(() => shared?.dispose());

  /** A run's results and outcome rows without its id and write time, in employee order: what must be identical. */
  async function content(runId: string) {
    const db = shared.database.db;
    const results = await sql<Record<string, unknown>>`
      select employee_id, nip, nama, unit_id, jabatan, predikat, predikat_label, score, scores::text, decisions::text,
             outcomes::text, explanation::text, input::text, rule_set_hash, error, rollup
      from results where run_id = ${runId} order by employee_id`.execute(db);
    const outcomes = await sql<Record<string, unknown>>`
      select employee_id, type from result_outcomes where run_id = ${runId} order by employee_id, type`.execute(db);
    return { results: results.rows, outcomes: outcomes.rows };
  }

  it("one worker killed mid-run: the run completes on the other, every result once, identical to the run in process", async () => {
    onTestFailed(() => console.log(shared.serverOutput()));
    const began = performance.now();

    // The reference: the same cycle run in the server's own process, as on SQLite.
    const inProcess = await shared.startServer({ KINERJA_CYCLE_QUEUE: "0" });
    const onInProcess = await signedIn(inProcess, shared.admin);
    const reference = await onInProcess.ok(onInProcess.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
    expect(await jobEnded(onInProcess, reference.jobId, 240_000)).toMatchObject({ status: "succeeded", done: SIZE });
    await inProcess.stop();
    const referenceMs = performance.now() - began;

    // The server queues the run and works none of it; two workers take its batches.
    const server = await shared.startServer({ ...QUEUE, KINERJA_WORKER_CONCURRENCY: "0" });
    const [a, b] = await Promise.all([shared.startWorker(QUEUE), shared.startWorker(QUEUE)]);
    const onServer = await signedIn(server, shared.admin);
    const queuedAt = performance.now();
    const started = await onServer.ok(onServer.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
    expect(started.status).toBe("queued");

    // A has written a batch and has taken its next, not yet written, when it is killed.
    const held = await waitFor("worker A holding a batch after writing one", 120_000, async () => {
      const seen = a!.logs().filter((e) => e.msg === "cycle run batch taken" || e.msg === "cycle run batch written");
      const last = seen.at(-1);
      return written(a!).length >= 1 && last?.msg === "cycle run batch taken" ? (last.batch as number) : undefined;
    });
    await a!.kill();
    const killed = await shared.job(started.jobId);
    const byA = written(a!).length;
    expect(killed.status).toBe("running");
    expect(killed.done, "killed mid-run").toBeLessThan(SIZE);

    const final = await jobEnded(onServer, started.jobId, 240_000);
    const queuedMs = performance.now() - queuedAt;
    expect(final).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE, error: null });
    expect(await shared.current()).toEqual({ runId: started.runId, status: "complete", total: SIZE, results: SIZE, employees: SIZE });

    // Each batch written once, covering every employee once; both workers wrote some.
    const db = shared.database.db;
    const batches = await db.selectFrom("result_run_batches").selectAll().where("run_id", "=", started.runId).orderBy("batch").execute();
    expect(batches.map((x) => x.batch)).toEqual(Array.from({ length: batches.length }, (_, i) => i));
    expect(batches.reduce((n, x) => n + x.employees, 0)).toBe(SIZE);
    const workers = new Set(batches.map((x) => x.worker));
    expect(workers.size, "both workers wrote batches").toBe(2);
    expect(written(b!).length, "worker B logged the batches it wrote").toBeGreaterThan(0);
    // The batch A held when killed: rolled back with A, taken again once it expired, and written once, by B
    // (or by A itself, when its transaction committed just before the signal).
    const queueSchema = `${shared.database.config.dialect === "postgres" ? shared.database.config.schema : ""}_queue`;
    const retried = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.id(queueSchema, "job")} where data->>'runId' = ${started.runId} and retry_count > 0`.execute(db);
    const aWorker = a!.logs().find((e) => e.msg === "cycle runs go through the queue")?.worker;
    const heldBatch = batches.find((x) => x.batch === held)!;
    if (heldBatch.worker !== aWorker) {
      expect(retried.rows[0]!.n, `batch ${held}, which A held when killed, was taken again`).toBeGreaterThanOrEqual(1);
    }
    const outcomes = await sql<{ n: number; distinct: number }>`
      select count(*)::int as n, count(distinct (employee_id, type))::int as distinct from result_outcomes where run_id = ${started.runId}`.execute(db);
    expect(outcomes.rows[0]!.n).toBe(outcomes.rows[0]!.distinct);

    expect(await content(started.runId)).toEqual(await content(reference.runId));
    console.log(
      `[postgres] ${SIZE} employees, ${batches.length} batches of up to ${BATCH}: worker A killed (SIGKILL) after writing ${byA}, holding batch ${held} ` +
        `(then written by ${heldBatch.worker === aWorker ? "A, just before the signal" : "B"}) ` +
        `(the job at ${killed.done}/${SIZE}); ${retried.rows[0]!.n} batch(es) taken again after expiring; the run completed ${final.done}/${SIZE} ` +
        `in ${seconds(queuedMs)} through the queue (in process: ${seconds(referenceMs)}), identical to the run in process ` +
        `(${seconds(performance.now() - began)} in all)`,
    );
    await Promise.all([server.stop(), b!.stop()]);
  }, 600_000);
});
