// A cycle's evaluation for a whole large region, on SQLite and on PostgreSQL: 100,000 employees on SQLite
// and 50,000 on PostgreSQL, Samarinda's demo people (as a first start seeds them) under Samarinda's rule
// file, in an open cycle holding their submitted assessments. The job evaluates every employee and writes
// one result each (and its outcome rows) in the server's batches, then makes the run current. The baseline
// writes the very rows the job wrote, read back from it, into a fresh database holding the same region and
// run, in one transaction: on SQLite plain multi-row inserts; on PostgreSQL COPY (from files the server
// reads, as it runs on this machine for the benchmarks; KINERJA_BENCH_COPY=0 makes it multi-row inserts),
// the results analysed before their outcomes are loaded, as a bulk load is done. A result stores the input
// evaluated and what it gave, not its explanation (rebuilt on read). Prints, per size:
//   cycle_run.<size>.<dialect>.seconds        the job, from start to its current run
//   cycle_run.<size>.<dialect>.bare_seconds   the bare writes of the same rows
//   cycle_run.<size>.<dialect>.ratio          their ratio
//   cycle_run.<size>.<dialect>.bytes_per_result  what the results table takes in the database per result row
//   cycle_run.<size>.<dialect>.peak_rss_mb    the process's largest resident size while the job ran
//   cycle_run.<size>.<dialect>.bare_peak_rss_mb  the same while the bare writes ran (the rows in memory)
//   cycle_run.peak_rss_ratio.<dialect>        the job's peak over the bare writes' peak, with the size
//   cycle_run.<size>.ratio                    the larger of the dialects' ratios
// KINERJA_BENCH_CYCLE_SQLITE and KINERJA_BENCH_CYCLE_POSTGRES set the sizes (comma-separated; 0 skips).
import type { DialectName } from "@kinerja/db";
import { createTestDatabase } from "@kinerja/db/testing";
import { systemScope } from "../src/services/access/index.js";
import { findCycle, JobRunner, readingThreadsReady, startCycleRun, startReadingThreads } from "../src/services/cycles/index.js";
import { compareWithBare } from "./large-region.js";
import { ACTOR, bytesPerResult, label, prepare, REGION, runRows, sizes, timeBare, withPeakRss, type RunRows } from "./cycle-rows.js";

const SIZES: Record<DialectName, number[]> = {
  sqlite: sizes("KINERJA_BENCH_CYCLE_SQLITE", [100_000]),
  postgres: sizes("KINERJA_BENCH_CYCLE_POSTGRES", [50_000]),
};

async function timeJob(dialect: DialectName, size: number): Promise<{ seconds: number; peakRssMb: number; bytesPerResult: number; rows: RunRows }> {
  const database = await createTestDatabase(dialect);
  try {
    const cycle = await prepare(database, dialect, size);
    const jobs = new JobRunner({
      onError: (_id, error) => console.error(error),
      // KINERJA_BENCH_RUN_THREAD_FROM=Infinity keeps every batch in the server's thread.
      runThreadFrom: process.env.KINERJA_BENCH_RUN_THREAD_FROM ? Number(process.env.KINERJA_BENCH_RUN_THREAD_FROM) : undefined,
      onRunRead: (_id, counts) => console.log(`cycle_run.${label(size)}.${dialect}.batches_in_thread: ${counts.thread} (of ${counts.thread + counts.process}; ${counts.threads} thread(s))`),
    });
    const scope = systemScope(database.db, REGION, ACTOR);
    // The seeding's garbage collected first, so the peak is the job's own as far as the process allows.
    const { value: [job, seconds], peakRssMb } = await withPeakRss(async () => {
      const started = performance.now();
      const running = await startCycleRun(scope, jobs, { cycleId: cycle.id });
      await jobs.idle();
      return [running, (performance.now() - started) / 1000] as const;
    });
    const status = await database.db.selectFrom("jobs").select("status").where("id", "=", job.jobId).executeTakeFirstOrThrow();
    const current = await findCycle(database.db, REGION, cycle.id);
    const rows = await runRows(database, job.runId as string);
    if (status.status !== "succeeded" || current.current_run_id !== job.runId || rows.results.length !== size) {
      throw new Error(`the job ${status.status} with ${rows.results.length} of ${size} results; current run ${current.current_run_id}, expected ${job.runId}`);
    }
    return { seconds, peakRssMb, bytesPerResult: await bytesPerResult(database, dialect, job.runId as string), rows };
  } finally {
    await database.dispose();
  }
}

// The server starts its reading threads when it starts (batch-reader.ts); started here first, so each timed run
// finds them ready, as a run on a server does. KINERJA_BENCH_RUN_THREADS sets how many (the server's default unless given).
{
  const started = performance.now();
  startReadingThreads(process.env.KINERJA_BENCH_RUN_THREADS ? Number(process.env.KINERJA_BENCH_RUN_THREADS) : undefined);
  if (await readingThreadsReady()) console.log(`cycle_run.reading_thread_start_seconds: ${((performance.now() - started) / 1000).toFixed(2)}`);
}

for (const size of [...new Set([...SIZES.sqlite, ...SIZES.postgres])].sort((a, b) => a - b)) {
  const dialects = (["sqlite", "postgres"] as const).filter((dialect) => SIZES[dialect].includes(size));
  const base = `cycle_run.${label(size)}`;
  const jobPeak = new Map<DialectName, number>();
  await compareWithBare(
    { measured: `${base}.seconds`, bare: `${base}.bare_seconds`, ratio: `${base}.ratio` },
    async (dialect) => {
      const job = await timeJob(dialect, size);
      console.log(`${base}.${dialect}.bytes_per_result: ${job.bytesPerResult.toFixed(0)}`);
      console.log(`${base}.${dialect}.peak_rss_mb: ${job.peakRssMb.toFixed(0)}`);
      jobPeak.set(dialect, job.peakRssMb);
      return { seconds: job.seconds, result: job.rows };
    },
    async (dialect, rows) => {
      const bare = await timeBare(dialect, size, rows);
      const job = jobPeak.get(dialect) ?? Number.NaN;
      console.log(`${base}.${dialect}.bare_peak_rss_mb: ${bare.peakRssMb.toFixed(0)}`);
      console.log(`cycle_run.peak_rss_ratio.${dialect}: ${(job / bare.peakRssMb).toFixed(2)} (${label(size)}: ${job.toFixed(0)} MB vs ${bare.peakRssMb.toFixed(0)} MB)`);
      return bare.seconds;
    },
    { dialects: [...dialects], nameOf: (name, dialect) => name.replace(base, `${base}.${dialect}`) },
  );
}
