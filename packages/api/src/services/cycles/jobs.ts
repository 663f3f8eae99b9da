// Long work (a cycle's evaluation) runs in this process, detached from the request that started it: the
// client may disconnect and follow progress in the jobs table. The runner keeps track of what is in
// flight, so shutdown and tests can wait for it, and holds the lease its jobs run under (see lease.ts).
import { JobTakenOver, processOwner, type Lease } from "./lease.js";
import type { ReadCounts } from "./batch-reader.js";
import type { CycleQueue } from "./queue.js";

export interface JobRunnerOptions {
  /** Rows a job works on per transaction. */
  batchSize?: number;
  /** Appraisals a cycle's run evaluates and writes per transaction: batchSize when that is given, else 1,000. */
  runBatchSize?: number;
  /** Called after each batch is written (0-based); throwing from it fails the job there (used by tests). */
  afterBatch?: (batch: number) => void | Promise<void>;
  /**
   * From how many employees a cycle's run reads and evaluates its batches in a thread of its own while this one
   * writes (batch-reader.ts); 5,000 unless given. A smaller run is over in a second or two, and gains little.
   */
  runThreadFrom?: number;
  /** Told, when a cycle's run completes, how many of its batches were evaluated in the thread and here (tests, benches). */
  onRunRead?: (jobId: string, counts: ReadCounts) => void;
  /** Where a job's unexpected failure is reported. */
  onError?: (jobId: string, error: unknown) => void;
  /** Where a job another server took over (its lease had run out) is reported; this process stopped writing it. */
  onTakenOver?: (jobId: string, error: JobTakenOver) => void;
  /** How long a job stays this process's without a renewal; 30 seconds unless given. */
  leaseMs?: number;
  /** The owner written on this runner's jobs; this process's name unless given. */
  owner?: string;
  /** PostgreSQL only: cycle runs are queued here for any worker to take, instead of run in this process. */
  queue?: CycleQueue | null;
}

export const DEFAULT_LEASE_MS = 30_000;

export class JobRunner {
  readonly batchSize: number;
  readonly runBatchSize: number;
  readonly afterBatch: JobRunnerOptions["afterBatch"];
  readonly runThreadFrom: number;
  readonly onRunRead: JobRunnerOptions["onRunRead"];
  readonly lease: Lease;
  readonly queue: CycleQueue | null;
  private readonly onError: (jobId: string, error: unknown) => void;
  private readonly onTakenOver: (jobId: string, error: JobTakenOver) => void;
  private readonly running = new Map<string, Promise<void>>();

  constructor(options: JobRunnerOptions = {}) {
    this.batchSize = options.batchSize ?? 250;
    // A run writes many rows: fewer, larger transactions spend less per row.
    this.runBatchSize = options.runBatchSize ?? options.batchSize ?? 1_000;
    this.afterBatch = options.afterBatch;
    this.runThreadFrom = options.runThreadFrom ?? 5_000;
    this.onRunRead = options.onRunRead;
    this.queue = options.queue ?? null;
    this.lease = { owner: options.owner ?? processOwner(), ms: options.leaseMs ?? DEFAULT_LEASE_MS };
    this.onError = options.onError ?? ((jobId, error) => console.error(`job ${jobId} failed`, error));
    this.onTakenOver = options.onTakenOver ?? ((_jobId, error) => console.warn(error.message));
  }

  /** Starts `work` in the background; its promise is kept until it settles. */
  start(jobId: string, work: () => Promise<void>): void {
    const promise = Promise.resolve()
      .then(work)
      .catch((error: unknown) => (error instanceof JobTakenOver ? this.onTakenOver(jobId, error) : this.onError(jobId, error)))
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, promise);
  }

  /** Whether the job is running in this process now. */
  has(jobId: string): boolean {
    return this.running.has(jobId);
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Resolves once every job started so far, and any they started, has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }
}
