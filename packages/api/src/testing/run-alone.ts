// A cycle's run in a process that has nothing else to do (a script, no server listening), with every batch read
// in the reading thread: prints the run's job and where its batches were read, once the run is over. Started by
// batch-reader.test.ts as a process of its own; a run that leaves nothing holding the process up while it waits
// for the thread ends the process early, with exit code 13 and nothing printed.
import { systemScope } from "../services/access/index.js";
import { JobRunner, readingThreadsReady, startCycleRun, startReadingThreads, type ReadCounts } from "../services/cycles/index.js";
import { createTestEnv, seedRegion } from "./env.js";

const env = await createTestEnv("sqlite");
try {
  const region = await seedRegion(env, "samarinda", 30);
  startReadingThreads(1);
  await readingThreadsReady();
  let counts: ReadCounts | null = null;
  const jobs = new JobRunner({ runBatchSize: 5, runThreadFrom: 0, onRunRead: (_id, read) => (counts = read) });
  const { db } = env.database;
  const started = await startCycleRun(systemScope(db, region.regionId, { id: null, name: "Uji", role: "operator" }), jobs, { cycleId: region.cycleId });
  await jobs.idle();
  const job = await db.selectFrom("jobs").select(["status", "done", "error"]).where("id", "=", started.jobId).executeTakeFirstOrThrow();
  console.log(JSON.stringify({ job, counts }));
} finally {
  await env.dispose();
}
