// Where a cycle's run reads and evaluates its batches. In the server's thread, a batch is read and evaluated,
// then written, then the next is read: on SQLite the one thread does all three in turn. A large run on a
// machine with a core to spare reads and evaluates in the process's reading threads instead
// (batch-reader-thread.ts), as many batches ahead as there are threads, while the server's thread writes; each
// thread has a connection of its own to the same database and the cycle's rules compiled there.
//
// The threads only ever speed a run up, never change what it writes: the batches are evaluated by the same
// function (evaluate-batch.ts) from the same rows and written in order, whichever thread read them, and anything
// a thread does not answer is evaluated here. Until a thread is ready for the run (started, it loads its modules
// for a second or two; then it opens the run's connection and compiles its rules) the run's batches are evaluated
// here; a batch a thread fails on is evaluated again here, where the failure (if it is one) fails the run as it
// would have without the threads; a thread that dies leaves its part of the run to the others and to this one.
//
// The threads serve every run of the process, kept from run to run: the server starts them when it starts
// (startReadingThreads; KINERJA_RUN_THREADS, by default one fewer than the cores, at most 4), and a large run
// starts them if they are not running. They keep the process running only while a run is waiting for them.
import { availableParallelism } from "node:os";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { databaseConfigOf, type CycleRow, type Database, type DatabaseConfig } from "@kinerja/db";
import type { CompiledRuleSet } from "@kinerja/core";
import type { Kysely } from "kysely";
import { evaluateBatch, type EvaluatedBatch } from "./evaluate-batch.js";

/** How many of a run's batches were evaluated where. */
export interface ReadCounts {
  /** Batches read in a reading thread. */
  thread: number;
  /** Batches read in the server's thread. */
  process: number;
  /** How many reading threads read at least one batch. */
  threads: number;
}

export interface BatchReader {
  /** Batch `index` of the run, evaluated. Batches are taken in order, each once. */
  take(index: number): Promise<EvaluatedBatch>;
  readonly counts: ReadCounts;
  /** Ends the run in the thread, if it has one there: its connection is closed. */
  close(): Promise<void>;
}

/** What the server's thread sends the reading thread; `run` is the run's id. */
export type ThreadRequest =
  | { kind: "open"; run: string; config: DatabaseConfig; cycle: CycleRow }
  | { kind: "batch"; run: string; index: number; ids: string[] }
  | { kind: "close"; run: string };

/** What the reading thread answers. */
export type ThreadAnswer =
  | { kind: "ready" }
  | { kind: "opened"; run: string }
  | { kind: "refused"; run: string; message: string }
  | { kind: "batch"; run: string; index: number; ok: true; batch: EvaluatedBatch }
  | { kind: "batch"; run: string; index: number; ok: false; message: string }
  | { kind: "closed"; run: string };

const ENTRY = fileURLToPath(new URL("./batch-reader-entry.mjs", import.meta.url));
/** How long a run's close waits for the thread to close the run's connection. */
const CLOSE_MS = 2_000;

type Report = (message: string) => void;
const warn: Report = (message) => console.warn(`cycle run: reading thread: ${message}`);

/** The process's reading thread: one worker, and the runs it serves, each told what the thread answers about it. */
class ReadingThread {
  private readonly worker: Worker;
  private ready = false;
  private readonly runs = new Map<string, (answer: ThreadAnswer | null) => void>();
  private gone = false;

  constructor(private readonly onGone: (everReady: boolean) => void) {
    this.worker = new Worker(ENTRY);
    this.worker.on("message", (answer: ThreadAnswer) => {
      if (answer.kind === "ready") {
        this.ready = true;
        for (const tell of this.runs.values()) tell(answer);
        return;
      }
      this.runs.get(answer.run)?.(answer);
    });
    this.worker.on("error", (error) => this.end(error.message));
    this.worker.on("exit", (code) => this.end(`the thread ended (exit code ${code})`));
    // The thread keeps the process running only while a run follows it (a run waiting for the thread's answer
    // has nothing else to keep the process up, in a script say); idle, it does not.
    this.worker.unref();
  }

  get isReady(): boolean {
    return this.ready && !this.gone;
  }

  /** Follows a run: `tell` hears the thread's answers about it, "ready" when the thread becomes ready, null when it is gone. */
  follow(run: string, tell: (answer: ThreadAnswer | null) => void): void {
    this.runs.set(run, tell);
    if (!this.gone) this.worker.ref();
  }

  unfollow(run: string): void {
    this.runs.delete(run);
    if (this.runs.size === 0) this.worker.unref();
  }

  /** False when the thread is gone and the message was not sent. */
  send(request: ThreadRequest): boolean {
    if (this.gone) return false;
    try {
      this.worker.postMessage(request);
      return true;
    } catch (error) {
      this.end(error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  /** Stops the thread (tests). */
  async stop(): Promise<void> {
    this.end(null);
    await this.worker.terminate();
  }

  private end(why: string | null): void {
    if (this.gone) return;
    this.gone = true;
    this.onGone(this.ready);
    if (why && this.runs.size > 0) warn(`${why}; the runs it served go on in the server's thread`);
    else if (why && !this.ready) warn(`${why} before it was ready; runs in this process are evaluated in the server's thread`);
    for (const tell of this.runs.values()) tell(null);
    this.runs.clear();
    this.worker.unref();
  }
}

let threads: ReadingThread[] = [];
/** How many reading threads this process keeps. */
let wanted = defaultReadingThreads();
/** A thread that ended before it was ever ready (it cannot load, say): this process starts no more. */
let cannotStart = false;

/** One fewer than the cores (the server's thread keeps one), at most 4: none on a machine of one core. */
export function defaultReadingThreads(): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 4));
}

/** Starts the process's reading threads up to `count` (defaultReadingThreads() unless given; 0: runs read in the server's thread). */
export function startReadingThreads(count = wanted): void {
  wanted = count;
  for (const extra of threads.splice(count)) void extra.stop();
  while (!cannotStart && threads.length < wanted) {
    const started: ReadingThread = new ReadingThread((everReady) => {
      threads = threads.filter((thread) => thread !== started);
      if (!everReady) cannotStart = true;
    });
    threads.push(started);
  }
}

/** Resolves once every reading thread of the process is ready: false if there is none, or one ended first. */
export async function readingThreadsReady(timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (threads.some((thread) => !thread.isReady) && Date.now() < deadline) await delay(20);
  return threads.length === wanted && wanted > 0 && threads.every((thread) => thread.isReady);
}

/** Stops the process's reading threads (tests); the next large run or startReadingThreads starts them again. */
export async function stopReadingThreads(): Promise<void> {
  const stopping = threads;
  threads = [];
  await Promise.all(stopping.map((thread) => thread.stop()));
  cannotStart = false;
}

export interface ReaderOptions {
  /** From how many employees a run reads in the reading threads. */
  threadFrom: number;
  /** Where a batch a thread failed on, or a thread's end, is reported; the run goes on without it. */
  onThreadFailure?: Report;
}

/** The reader for a run of these batches: the reading threads when the run is large enough and the database can be opened again. */
export function batchReader(
  db: Kysely<Database>,
  cycle: CycleRow,
  compiled: CompiledRuleSet,
  runId: string,
  batches: string[][],
  options: ReaderOptions,
): BatchReader {
  const here = (index: number) => evaluateBatch(db, cycle, compiled, runId, batches[index] ?? []);
  const config = databaseConfigOf(db);
  const employees = batches.reduce((sum, batch) => sum + batch.length, 0);
  // An in-memory SQLite database is the connection's own: another connection would open an empty one.
  const reopenable = config && !(config.dialect === "sqlite" && (config.file === ":memory:" || config.file === ""));
  if (reopenable && employees >= options.threadFrom && batches.length > 1 && wanted > 0) {
    startReadingThreads();
    if (threads.length > 0) return new ThreadReader([...threads], here, batches, { config, cycle, runId }, options.onThreadFailure ?? warn);
  }
  const counts = { thread: 0, process: 0, threads: 0 };
  return {
    counts,
    take: (index) => {
      counts.process++;
      return here(index);
    },
    close: async () => undefined,
  };
}

/** One reading thread as a run sees it. */
interface Lane {
  thread: ReadingThread;
  /** Whether the run was sent to the thread to open. */
  asked: boolean;
  /** Whether the thread opened the run (its connection, its rules), and the run may ask it for batches. */
  opened: boolean;
  /** Settles once the thread has opened the run, refused it or gone. */
  settled: Promise<void>;
  settle: () => void;
  /** Batches asked of it and not answered yet. */
  waiting: number;
  /** Batches it answered for the run. */
  served: number;
}

/** A run read in the reading threads, as far as they answer. */
class ThreadReader implements BatchReader {
  readonly counts: ReadCounts = { thread: 0, process: 0, threads: 0 };
  private readonly lanes: Lane[];
  /** Batches asked of a thread and not yet taken: each resolves to the batch, or null to evaluate it here. */
  private readonly pending = new Map<number, Promise<EvaluatedBatch | null>>();
  /** How to settle each asked batch no thread has answered yet, and which thread was asked. */
  private readonly unanswered = new Map<number, { lane: Lane; settle: (batch: EvaluatedBatch | null) => void }>();
  private readonly run: string;

  constructor(
    threads: ReadingThread[],
    private readonly here: (index: number) => Promise<EvaluatedBatch>,
    private readonly batches: string[][],
    private readonly data: { config: DatabaseConfig; cycle: CycleRow; runId: string },
    private readonly report: Report,
  ) {
    this.run = data.runId;
    this.lanes = threads.map((thread) => {
      let settle: () => void = () => undefined;
      const settled = new Promise<void>((resolve) => (settle = resolve));
      return { thread, asked: false, opened: false, settled, settle, waiting: 0, served: 0 };
    });
    for (const lane of this.lanes) {
      lane.thread.follow(this.run, (answer) => this.heard(lane, answer));
      if (lane.thread.isReady) this.open(lane);
    }
  }

  async take(index: number): Promise<EvaluatedBatch> {
    // Threads that were ready when the run began open it at once (a connection, the rules compiled once per
    // thread): the run waits for that rather than read a first batch here. One still loading is not waited for.
    await Promise.all(this.lanes.filter((lane) => lane.asked).map((lane) => lane.settled));
    const open = this.lanes.filter((lane) => lane.opened).length;
    // This batch and one ahead for each thread, so every thread has a batch to read while this one is written.
    for (let ahead = 0; ahead <= open; ahead++) this.ask(index + ahead);
    const pending = this.pending.get(index);
    this.pending.delete(index);
    const batch = pending ? await pending : null;
    if (batch) {
      this.counts.thread++;
      return batch;
    }
    this.counts.process++;
    return this.here(index);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.lanes.map(async (lane) => {
        const wasAsked = lane.asked;
        this.leave(lane);
        if (!wasAsked) return;
        let closed: () => void = () => undefined;
        const answered = new Promise<void>((resolve) => (closed = resolve));
        lane.thread.follow(this.run, (answer) => (answer === null || answer.kind === "closed") && closed());
        if (lane.thread.send({ kind: "close", run: this.run })) await Promise.race([answered, delay(CLOSE_MS)]);
        lane.thread.unfollow(this.run);
      }),
    );
  }

  private open(lane: Lane): void {
    if (lane.asked) return;
    lane.asked = true;
    lane.thread.send({ kind: "open", run: this.run, config: this.data.config, cycle: this.data.cycle });
  }

  /** Asks the least busy thread that has the run open for a batch, if it was not asked already. */
  private ask(index: number): void {
    if (index >= this.batches.length || this.pending.has(index)) return;
    let lane: Lane | null = null;
    for (const candidate of this.lanes) if (candidate.opened && (!lane || candidate.waiting < lane.waiting)) lane = candidate;
    if (!lane) return;
    const asked = lane;
    asked.waiting++;
    this.pending.set(index, new Promise((resolve) => this.unanswered.set(index, { lane: asked, settle: resolve })));
    if (!asked.thread.send({ kind: "batch", run: this.run, index, ids: this.batches[index] ?? [] })) this.leave(asked);
  }

  private heard(lane: Lane, answer: ThreadAnswer | null): void {
    if (answer === null) return this.leave(lane);
    switch (answer.kind) {
      case "ready":
        return this.open(lane);
      case "opened":
        lane.opened = true;
        return lane.settle();
      case "refused":
        this.report(`run ${this.run} could not be opened (${answer.message}); it is evaluated without this thread`);
        return this.leave(lane);
      case "batch": {
        const asked = this.unanswered.get(answer.index);
        if (!asked) return;
        this.unanswered.delete(answer.index);
        asked.lane.waiting--;
        if (answer.ok) {
          if (asked.lane.served++ === 0) this.counts.threads++;
          return asked.settle(answer.batch);
        }
        this.report(`batch ${answer.index + 1} of run ${this.run}: ${answer.message}; evaluated again in the server's thread`);
        return asked.settle(null);
      }
      case "closed":
        return;
    }
  }

  /** The run asks this thread nothing more: what it was asked and has not answered is evaluated here. */
  private leave(lane: Lane): void {
    lane.opened = false;
    lane.settle();
    lane.thread.unfollow(this.run);
    for (const [index, asked] of this.unanswered) {
      if (asked.lane !== lane) continue;
      this.unanswered.delete(index);
      asked.settle(null);
    }
    lane.waiting = 0;
  }
}
