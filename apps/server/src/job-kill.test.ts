// A server killed outright (SIGKILL) while it evaluates a large cycle, at a random point, and another
// started on the same database: the cycle's current results are the previous complete set or the new
// complete set, never a mix, and the cycle can be run again. The kill point comes from a seeded random
// number, printed with the figures; KINERJA_KILL_SEED=<seed> repeats a run. Long: KINERJA_LONG_TESTS=1.
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from "vitest";
import type { HttpClient } from "./testing/http-client.js";
import { createSharedDatabase, jobEnded, signedIn, type RunStatus, type SharedDatabase } from "./testing/shared-database.js";
import { waitFor } from "./testing/wait-for.js";

/** These servers run a cycle in process under a lease (as on SQLite), not through PostgreSQL's queue (worker-queue.test.ts). */
const IN_PROCESS = { KINERJA_CYCLE_QUEUE: "0" };
const LONG = process.env.KINERJA_LONG_TESTS === "1";
const PASSWORD = "sandi-uji-kill";
const SIZE = 20_000;
const SEED = Number(process.env.KINERJA_KILL_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: a small seeded generator, so a kill point can be repeated from its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

async function runToEnd(client: HttpClient, shared: SharedDatabase): Promise<RunStatus> {
  const started = await client.ok(client.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
  return jobEnded(client, started.jobId, 600_000, 200);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe.skipIf(!LONG)(`a server killed at a random point of a ${SIZE}-employee run (KINERJA_LONG_TESTS=1, KINERJA_KILL_SEED=${SEED})`, () => {
  describe.each(inject("dialects"))("on %s", (dialect) => {
    let shared: SharedDatabase;

    beforeAll(async () => {
      shared = await createSharedDatabase(dialect, { size: SIZE, password: PASSWORD });
    }, 600_000);
    afterAll(() => shared?.dispose());

    it("leaves the previous complete results or the new complete results current, never a mix, and the cycle runs again", async () => {
      onTestFailed(() => console.log(shared.serverOutput()));
      const random = seeded(SEED + (dialect === "postgres" ? 1 : 0));
      const killAt = Math.floor(random() * (SIZE + 1));
      const figures: string[] = [`${shared.employees} employees seeded in ${seconds(shared.seedMs)}`];

      const a = await shared.startServer({ KINERJA_JOB_LEASE_MS: "3000", ...IN_PROCESS });
      const onA = await signedIn(a, shared.admin);
      let began = performance.now();
      const first = await runToEnd(onA, shared);
      expect(first).toMatchObject({ status: "succeeded", done: SIZE, error: null });
      const previous = await shared.current();
      expect(previous).toEqual({ runId: first.runId, status: "complete", total: SIZE, results: SIZE, employees: SIZE });
      figures.push(`first run complete in ${seconds(performance.now() - began)}`);

      const second = await onA.ok(onA.mutate<RunStatus>("cycle.run", { id: shared.cycleId }));
      const killedAfter = await waitFor("the kill point", 600_000, async () => {
        const job = await shared.job(second.jobId);
        return job.done >= killAt || job.status === "succeeded" || job.status === "failed" ? job : undefined;
      }, 5);
      await a.kill();
      const killed = await shared.job(second.jobId);
      figures.push(
        `seed ${SEED}: SIGKILL once ${killAt} of ${SIZE} were written; the job then stood at ${killed.status} ${killed.done}/${SIZE} ` +
          `(${killedAfter.done} seen before the signal)`,
      );

      began = performance.now();
      const b = await shared.startServer({ KINERJA_JOB_LEASE_MS: "1000", ...IN_PROCESS });
      const settled = await waitFor("the killed job to be settled", 120_000, async () => {
        const job = await shared.job(second.jobId);
        return job.status === "queued" || job.status === "running" ? undefined : job;
      });
      figures.push(`restarted; the job was ${settled.status} ${seconds(performance.now() - began)} after B began starting`);

      const current = await shared.current();
      expect(current).toMatchObject({ status: "complete", total: SIZE, results: SIZE, employees: SIZE });
      if (current.runId === previous.runId) {
        expect(settled.status).toBe("failed");
        expect(await shared.resultsOf(second.runId)).toBe(0);
        figures.push(`current: the previous run, ${current.results} results; the killed run's partial rows were removed`);
      } else {
        expect(current.runId).toBe(second.runId);
        expect(settled).toMatchObject({ status: "succeeded", done: SIZE });
        figures.push(`current: the new run, ${current.results} results (the kill came after the switch)`);
      }

      const onB = await signedIn(b, shared.admin);
      began = performance.now();
      const again = await runToEnd(onB, shared);
      expect(again).toMatchObject({ status: "succeeded", done: SIZE, error: null });
      expect(await shared.current()).toEqual({ runId: again.runId, status: "complete", total: SIZE, results: SIZE, employees: SIZE });
      figures.push(`run again on B: complete, ${SIZE} results in ${seconds(performance.now() - began)}`);
      console.log(`[${dialect}] ${figures.join("; ")}`);
      await b.stop();
    }, 900_000);
  });
});
