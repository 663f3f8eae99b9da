// Several servers behind a load balancer share one database: two real server processes on one PostgreSQL
// schema, and on one SQLite file in WAL mode. A server starting while another runs a cycle leaves that job
// alone (its lease is live); a server killed mid-run has its job recovered by the other once the lease ran
// out, and the previous results stay current until a run completes whole. Long: KINERJA_LONG_TESTS=1.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import type { ServerProcess } from "./testing/server-process.js";
import { createSharedDatabase, jobEnded, signedIn, type RunStatus, type SharedDatabase } from "./testing/shared-database.js";
import { waitFor } from "./testing/wait-for.js";

/** These servers run a cycle in process under a lease (as on SQLite), not through PostgreSQL's queue (worker-queue.test.ts). */
const IN_PROCESS = { KINERJA_CYCLE_QUEUE: "0" };
const LONG = process.env.KINERJA_LONG_TESTS === "1";
const PASSWORD = "sandi-uji-dua-server";
const SIZE = 3_000;
/** The server's batch size for a cycle's run: employees written per transaction (JobRunner.runBatchSize). */
const BATCH = 1_000;

/** What a server said about jobs above info: a job failed, taken over, or marked failed as abandoned. */
const jobWarnings = (server: ServerProcess) => server.logs().filter((e) => e.level !== "info" && /job/i.test(e.msg));

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe.skipIf(!LONG)("two server processes on one database (KINERJA_LONG_TESTS=1)", () => {
  describe.each(inject("dialects"))("on %s", (dialect) => {
    let shared: SharedDatabase;

    beforeAll(async () => {
      shared = await createSharedDatabase(dialect, { size: SIZE, password: PASSWORD });
      console.log(`[${dialect}] seeded ${shared.employees} employees in ${seconds(shared.seedMs)}`);
    }, 300_000);
    afterAll(() => shared?.dispose());

    it("a server starting while another runs a cycle leaves the job alone, and the run completes whole", async () => {
      onTestFailed(() => console.log(shared.serverOutput()));
      const began = performance.now();
      // A's lease outlasts B's start-up even on a busy machine; B looks for abandoned jobs every second.
      const a = await shared.startServer({ KINERJA_JOB_LEASE_MS: "90000", ...IN_PROCESS });
      const onA = await signedIn(a, shared.admin);
      const started = await onA.ok(onA.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
      await waitFor("the first batch", 60_000, async () => (await shared.job(started.jobId)).done > 0);
      // A stands still mid-run while B starts, so B's start-up surely meets A's job half written.
      a.pause();
      const paused = await shared.job(started.jobId);
      let b: ServerProcess;
      try {
        b = await shared.startServer({ KINERJA_JOB_LEASE_MS: "1000", ...IN_PROCESS });
        await sleep(2_500);
        const meanwhile = await shared.job(started.jobId);
        expect(meanwhile).toMatchObject({ status: "running", done: paused.done, owner: paused.owner, error: null });
        expect(Date.parse(meanwhile.lease_expires_at ?? ""), "A's lease is still live").toBeGreaterThan(Date.now());
        expect(await shared.resultsOf(started.runId)).toBe(paused.done);
      } finally {
        a.resume();
      }

      const onB = await signedIn(b, shared.admin);
      const final = await jobEnded(onB, started.jobId, 240_000);
      expect(final).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE, error: null });
      expect(await shared.current()).toEqual({ runId: started.runId, status: "complete", total: SIZE, results: SIZE, employees: SIZE });
      expect(jobWarnings(a)).toEqual([]);
      expect(jobWarnings(b)).toEqual([]);
      console.log(
        `[${dialect}] ${SIZE} employees: B started while A's job stood at ${paused.done}/${SIZE}; A finished ${final.done}/${SIZE}, ` +
          `the current run holds ${SIZE} results (${seconds(performance.now() - began)})`,
      );
      await Promise.all([a.stop(), b.stop()]);
    }, 300_000);

    it("a server killed mid-run: the other recovers its job once the lease ran out, the previous results stay current, and the cycle runs again", async () => {
      onTestFailed(() => console.log(shared.serverOutput()));
      const began = performance.now();
      const previous = await shared.current();
      expect(previous).toMatchObject({ status: "complete", results: SIZE, employees: SIZE });
      const a = await shared.startServer({ KINERJA_JOB_LEASE_MS: "3000", ...IN_PROCESS });
      const onA = await signedIn(a, shared.admin);
      const started = await onA.ok(onA.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
      // One batch written of three: A is killed with most of its run still to write.
      await waitFor("the first batch", 60_000, async () => (await shared.job(started.jobId)).done >= BATCH);
      await a.kill();
      const killed = await shared.job(started.jobId);
      expect(killed.status).toBe("running");
      const killedAt = performance.now();

      const b = await shared.startServer({ KINERJA_JOB_LEASE_MS: "1000", ...IN_PROCESS });
      const recovered = await waitFor("B to recover the job", 60_000, async () => {
        const job = await shared.job(started.jobId);
        return job.status === "running" ? undefined : job;
      });
      const recoveredAfter = performance.now() - killedAt;
      expect(recovered).toMatchObject({ status: "failed", done: killed.done });
      expect(Date.parse(recovered.finished_at ?? ""), "recovered only once the lease had run out").toBeGreaterThanOrEqual(
        Date.parse(killed.lease_expires_at ?? ""),
      );
      expect(await shared.current()).toEqual(previous);
      expect(await shared.resultsOf(started.runId)).toBe(0);
      // B writes its warning after the transaction that marks the job failed, and its output reaches the test
      // through a pipe: the job can read failed a moment before the line arrives.
      const warning = "jobs whose server stopped renewing their lease were marked failed";
      await waitFor(`B to say "${warning}"`, 10_000, async () => b.logs().some((e) => e.msg === warning));

      const onB = await signedIn(b, shared.admin);
      const again = await onB.ok(onB.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
      const final = await jobEnded(onB, again.jobId, 240_000);
      expect(final).toMatchObject({ status: "succeeded", done: SIZE, total: SIZE, error: null });
      expect(await shared.current()).toEqual({ runId: again.runId, status: "complete", total: SIZE, results: SIZE, employees: SIZE });
      console.log(
        `[${dialect}] ${SIZE} employees: A killed (SIGKILL) at ${killed.done}/${SIZE}; B marked the job failed ${seconds(recoveredAfter)} later ` +
          `(lease until ${killed.lease_expires_at}, failed at ${recovered.finished_at}); the previous ${SIZE} results stayed current; ` +
          `B's new run completed ${SIZE}/${SIZE} (${seconds(performance.now() - began)})`,
      );
      await b.stop();
    }, 300_000);
  });
});
