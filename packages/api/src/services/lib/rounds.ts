// A background loop of one server (the mail sender, the webhook sender, the connector scheduler): a round of
// work every so often, each round beginning `pollMs` after the last has ended, so rounds never overlap.

export class Rounds {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<unknown> | null = null;
  private halted = false;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly pollMs: number,
    private readonly onError?: (error: unknown) => void,
  ) {}

  /** Whether stop was called: a round's own loop checks it to end early. */
  get stopped(): boolean {
    return this.halted;
  }

  /** Starts the rounds. */
  start(): void {
    this.halted = false;
    const next = () => {
      if (this.halted) return;
      this.timer = setTimeout(() => {
        this.round = this.work()
          .catch((error: unknown) => this.onError?.(error))
          .finally(() => {
            this.round = null;
            next();
          });
      }, this.pollMs);
      this.timer.unref();
    };
    next();
  }

  /** Stops after the round in flight. */
  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }
}
