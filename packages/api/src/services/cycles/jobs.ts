// Long work (a cycle's evaluation) runs in this process, detached from the request that started it: the
// client may disconnect and follow progress in the jobs table. The runner only keeps track of what is in
// flight, so shutdown and tests can wait for it.
export interface JobRunnerOptions {
  /** Appraisals evaluated and written per transaction. */
  batchSize?: number;
  /** Called after each batch is written (0-based); throwing from it fails the job there (used by tests). */
  afterBatch?: (batch: number) => void | Promise<void>;
  /** Where a job's unexpected failure is reported. */
  onError?: (jobId: string, error: unknown) => void;
}

export class JobRunner {
  readonly batchSize: number;
  readonly afterBatch: JobRunnerOptions["afterBatch"];
  private readonly onError: (jobId: string, error: unknown) => void;
  private readonly running = new Map<string, Promise<void>>();

  constructor(options: JobRunnerOptions = {}) {
    this.batchSize = options.batchSize ?? 250;
    this.afterBatch = options.afterBatch;
    this.onError = options.onError ?? ((jobId, error) => console.error(`job ${jobId} failed`, error));
  }

  /** Starts `work` in the background; its promise is kept until it settles. */
  start(jobId: string, work: () => Promise<void>): void {
    const promise = Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.onError(jobId, error))
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, promise);
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** Resolves once every job started so far, and any they started, has settled. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }
}
