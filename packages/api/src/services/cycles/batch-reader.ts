// Where a cycle's run reads and evaluates its batches. In the server's thread, a batch is read and evaluated,
// then written, then the next is read: on SQLite the one thread does all three in turn. A large run on a
// machine with a core to spare reads and evaluates in the process's reading thread instead
// (batch-reader-thread.ts), one batch ahead of the batch the server's thread is writing, through a connection of
// the thread's own to the same database and the cycle's rules compiled there.
//
// The thread only ever speeds a run up, never changes what it writes: the batches are evaluated by the same
// function (evaluate-batch.ts) from the same rows, and anything the thread does not answer is evaluated here.
// Until the thread is ready for the run (started, it loads its modules for a second or two; then it opens the
// run's connection and compiles its rules) the run's first batches are evaluated here; a batch the thread fails
// on is evaluated again here, where the failure (if it is one) fails the run as it would have without the
// thread; a thread that dies leaves the rest of the run to this one.
//
// One thread serves every run of the process, kept from run to run: the server starts it when it starts
// (startReadingThread), and a large run starts it if it is not running (the run's first batches are then
// evaluated here while the thread loads). It keeps the process running only while a run is waiting for it.
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
  thread: number;
  process: number;
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

let thread: ReadingThread | null = null;
/** A thread that ended before it was ever ready (it cannot load, say) is not started again by this process. */
let cannotStart = false;

/** Whether a reading thread can pay here: a core to spare beside the server's thread. */
function coresToSpare(): boolean {
  return availableParallelism() > 1;
}

/** Starts the process's reading thread, if the machine has a core to spare and it is not running. */
export function startReadingThread(): void {
  if (thread || cannotStart || !coresToSpare()) return;
  const started: ReadingThread = new ReadingThread((everReady) => {
    if (thread === started) thread = null;
    if (!everReady) cannotStart = true;
  });
  thread = started;
}

/** Resolves once the process's reading thread is ready (false if there is none, or it ended first). */
export async function readingThreadReady(timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (thread && !thread.isReady && Date.now() < deadline) await delay(20);
  return thread?.isReady ?? false;
}

/** Stops the process's reading thread (tests); the next run or startReadingThread starts another. */
export async function stopReadingThread(): Promise<void> {
  const stopping = thread;
  thread = null;
  await stopping?.stop();
  cannotStart = false;
}

export interface ReaderOptions {
  /** From how many employees a run reads in the reading thread (when the machine has a core to spare). */
  threadFrom: number;
  /** Where a batch the thread failed on, or the thread's end, is reported; the run goes on in the server's thread. */
  onThreadFailure?: Report;
}

/** The reader for a run of these batches: the reading thread when the run is large enough and the database can be opened again. */
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
  if (reopenable && employees >= options.threadFrom && batches.length > 1 && coresToSpare()) {
    startReadingThread();
    if (thread) return new ThreadReader(thread, here, batches, { config, cycle, runId }, options.onThreadFailure ?? warn);
  }
  const counts = { thread: 0, process: 0 };
  return {
    counts,
    take: (index) => {
      counts.process++;
      return here(index);
    },
    close: async () => undefined,
  };
}

/** A run read in the reading thread, as far as the thread answers. */
class ThreadReader implements BatchReader {
  readonly counts: ReadCounts = { thread: 0, process: 0 };
  /** Whether the thread opened the run (its connection, its rules), and the run may ask it for batches. */
  private opened = false;
  private asked = false;
  /** Settles once the thread has opened the run, refused it or gone. */
  private readonly settled: Promise<void>;
  private settle: () => void = () => undefined;
  private closed: (() => void) | null = null;
  /** Batches asked of the thread and not yet taken: each resolves to the batch, or null to evaluate it here. */
  private readonly pending = new Map<number, Promise<EvaluatedBatch | null>>();
  /** How to settle each asked batch the thread has not answered yet. */
  private readonly unanswered = new Map<number, (batch: EvaluatedBatch | null) => void>();
  private readonly run: string;

  constructor(
    private readonly thread: ReadingThread,
    private readonly here: (index: number) => Promise<EvaluatedBatch>,
    private readonly batches: string[][],
    private readonly data: { config: DatabaseConfig; cycle: CycleRow; runId: string },
    private readonly report: Report,
  ) {
    this.run = data.runId;
    this.settled = new Promise((resolve) => (this.settle = resolve));
    thread.follow(this.run, (answer) => this.heard(answer));
    if (thread.isReady) this.open();
  }

  async take(index: number): Promise<EvaluatedBatch> {
    // A thread that was ready when the run began opens it at once (a connection, the rules compiled once per
    // thread): the run waits for that rather than read a first batch here. One still loading is not waited for.
    if (this.asked) await this.settled;
    this.ask(index);
    this.ask(index + 1);
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
    const wasAsked = this.asked;
    this.leave();
    if (!wasAsked) return;
    const closed = new Promise<void>((resolve) => (this.closed = resolve));
    this.thread.follow(this.run, (answer) => (answer === null || answer.kind === "closed") && this.closed?.());
    if (this.thread.send({ kind: "close", run: this.run })) await Promise.race([closed, delay(CLOSE_MS)]);
    this.thread.unfollow(this.run);
  }

  private open(): void {
    if (this.asked) return;
    this.asked = true;
    this.thread.send({ kind: "open", run: this.run, config: this.data.config, cycle: this.data.cycle });
  }

  /** Asks the thread for a batch, if the run is open there and the batch was not asked already. */
  private ask(index: number): void {
    if (!this.opened || index >= this.batches.length || this.pending.has(index)) return;
    this.pending.set(index, new Promise((resolve) => this.unanswered.set(index, resolve)));
    if (!this.thread.send({ kind: "batch", run: this.run, index, ids: this.batches[index] ?? [] })) this.leave();
  }

  private heard(answer: ThreadAnswer | null): void {
    if (answer === null) return this.leave();
    switch (answer.kind) {
      case "ready":
        return this.open();
      case "opened":
        this.opened = true;
        return this.settle();
      case "refused":
        this.report(`run ${this.run} could not be opened (${answer.message}); it is evaluated in the server's thread`);
        return this.leave();
      case "batch": {
        const settle = this.unanswered.get(answer.index);
        this.unanswered.delete(answer.index);
        if (answer.ok) return settle?.(answer.batch);
        this.report(`batch ${answer.index + 1} of run ${this.run}: ${answer.message}; evaluated again in the server's thread`);
        return settle?.(null);
      }
      case "closed":
        return;
    }
  }

  /** The run asks the thread nothing more: what it was asked and has not answered is evaluated here. */
  private leave(): void {
    this.opened = false;
    this.settle();
    this.thread.unfollow(this.run);
    for (const settle of this.unanswered.values()) settle(null);
    this.unanswered.clear();
  }
}
