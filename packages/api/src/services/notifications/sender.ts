// The background sender: runs in the server process, apart from any request. Each round it gathers the
// daily digests that are due, sends the reminders the region's schedule asks for today (and what else the
// server asks to be looked for on that cadence), and delivers the outbox. A mail is taken under a lease
// (owner and expiry written by one conditional update), so two servers on one database never take the
// same mail; a failed send is tried again later, each wait twice the last,
// and after `maxAttempts` tries it is marked failed with its error for the region's admin to see and send
// again. Without a mail transport, nothing leaves the outbox and the admin is told why.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database, MailOutboxRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import nodemailer from "nodemailer";
import { takeDueRows } from "../lib/leased-queue.js";
import { sendDigests } from "./digest.js";
import { PORTAL_ORIGIN } from "./notify.js";
import { sendReminders } from "./reminders.js";
import { Rounds } from "../lib/rounds.js";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

/** How a mail leaves: SMTP in the server, the same SMTP in tests (to a server on loopback). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP by URL, e.g. smtp://user:pass@mail.example.go.id:587 or smtps://…:465; a pool of a few connections. */
export function smtpTransport(url: string, options: { maxConnections?: number } = {}): MailTransport {
  const parsed = new URL(url);
  const transporter = nodemailer.createTransport({
    host: parsed.hostname,
    port: Number(parsed.port) || (parsed.protocol === "smtps:" ? 465 : 587),
    secure: parsed.protocol === "smtps:",
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    // A server on a private network may present a certificate of its own; ?tls=insecure accepts it.
    tls: { rejectUnauthorized: parsed.searchParams.get("tls") !== "insecure" },
    ignoreTLS: parsed.searchParams.get("starttls") === "off",
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (mail) => {
      await transporter.sendMail(mail);
    },
    close: () => transporter.close(),
  };
}

let transportConfigured = false;

/** Whether this server has a mail transport: the admin's list says so when it does not. */
export function mailConfigured(): boolean {
  return transportConfigured;
}

export interface MailSenderOptions {
  db: Kysely<Database>;
  /** Null: mail stays in the outbox, unsent. */
  transport: MailTransport | null;
  /** The From address, e.g. "Kinerja BKD <kinerja@example.go.id>". */
  from: string;
  /** The portal's origin for links in mail, e.g. https://kinerja.example.go.id. */
  origin: string;
  /** How long a taken mail stays this sender's (default 60 s); longer than one send may take. */
  leaseMs?: number;
  /** How often the outbox is looked at (default 1 s). */
  pollMs?: number;
  /** Tries before a mail is marked failed (default 5). */
  maxAttempts?: number;
  /** The wait after the first failure (default 30 s), doubled after each further one. */
  backoffMs?: number;
  /** Mails taken per round (default 200). */
  batchSize?: number;
  /** Sends at once (default 5). */
  concurrency?: number;
  /** The hour in WIB at which the day's digest is sent (default 16). */
  digestHour?: number;
  /** How often reminders are looked for (default every 15 minutes). */
  reminderEveryMs?: number;
  /**
   * More that is looked for on the reminders' cadence, after the sheets' reminders: the server adds the
   * appeals whose superior's days ran out (results/appeals.ts), which this folder does not know of.
   */
  alsoRemind?: ReadonlyArray<(db: Kysely<Database>, at: Date) => Promise<unknown>>;
  onError?: (error: unknown) => void;
  /** The time reminders and digests go by; tests move it. */
  now?: () => Date;
}

export class MailSender {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly options: Required<Omit<MailSenderOptions, "transport" | "onError">> & Pick<MailSenderOptions, "transport" | "onError">;
  private lastReminders = 0;
  private readonly rounds: Rounds;

  constructor(options: MailSenderOptions) {
    this.options = {
      leaseMs: 60_000,
      pollMs: 1_000,
      maxAttempts: 5,
      backoffMs: 30_000,
      batchSize: 200,
      concurrency: 5,
      digestHour: 16,
      reminderEveryMs: 15 * 60_000,
      alsoRemind: [],
      now: () => new Date(),
      ...options,
    };
    this.rounds = new Rounds(() => this.runRound(), this.options.pollMs, this.options.onError);
    if (options.transport) transportConfigured = true;
  }

  /** Starts the rounds; each round begins when the last has ended. */
  start(): void {
    this.rounds.start();
  }

  /** Stops after the round in flight (its mail sent and marked), then closes the transport. */
  async stop(): Promise<void> {
    await this.rounds.stop();
    this.options.transport?.close();
  }

  private async runRound(): Promise<void> {
    try {
      const at = this.options.now();
      if (at.getTime() - this.lastReminders >= this.options.reminderEveryMs) {
        this.lastReminders = at.getTime();
        await sendReminders(this.options.db, at);
        for (const remind of this.options.alsoRemind) await remind(this.options.db, at);
      }
      await sendDigests(this.options.db, at, this.options.digestHour);
      await this.drain();
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** Sends what is due until nothing is left that this sender may take; how many were sent. */
  async drain(): Promise<number> {
    if (!this.options.transport) return 0;
    let sent = 0;
    for (;;) {
      const taken = await this.take();
      if (taken.length === 0) return sent;
      sent += await this.sendTaken(taken);
      if (this.rounds.stopped) return sent;
    }
  }

  /** Takes up to a batch of due mail under this sender's lease, by one conditional update. */
  private take(): Promise<MailOutboxRow[]> {
    const { db, leaseMs, batchSize } = this.options;
    return takeDueRows(db, "mail_outbox", { owner: this.owner, leaseMs, batchSize });
  }

  private async sendTaken(taken: MailOutboxRow[]): Promise<number> {
    const { transport, from, origin, concurrency } = this.options;
    const sentIds: string[] = [];
    const failures: Array<{ mail: MailOutboxRow; error: string }> = [];
    let next = 0;
    const worker = async () => {
      while (next < taken.length) {
        const mail = taken[next++] as MailOutboxRow;
        try {
          await transport?.send({ from, to: mail.to_address, subject: mail.subject, text: mail.body.split(PORTAL_ORIGIN).join(origin) });
          sentIds.push(mail.id);
        } catch (error) {
          failures.push({ mail, error: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, taken.length) }, worker));
    await this.markSent(sentIds);
    for (const failure of failures) await this.markFailed(failure.mail, failure.error);
    return sentIds.length;
  }

  private async markSent(ids: string[]): Promise<void> {
    const at = new Date().toISOString();
    for (let i = 0; i < ids.length; i += 500) {
      await this.options.db
        .updateTable("mail_outbox")
        .set((eb) => ({ status: "sent", sent_at: at, attempts: eb("attempts", "+", 1), owner: null, lease_expires_at: null, last_error: null }))
        .where("id", "in", ids.slice(i, i + 500))
        .where("owner", "=", this.owner)
        .execute();
    }
  }

  private async markFailed(mail: MailOutboxRow, error: string): Promise<void> {
    const { maxAttempts, backoffMs } = this.options;
    const attempts = mail.attempts + 1;
    const giveUp = attempts >= maxAttempts;
    await this.options.db
      .updateTable("mail_outbox")
      .set({
        status: giveUp ? "failed" : "queued",
        attempts,
        last_error: error.slice(0, 1000),
        next_attempt_at: new Date(Date.now() + backoffMs * 2 ** (attempts - 1)).toISOString(),
        owner: null,
        lease_expires_at: null,
      })
      .where("id", "=", mail.id)
      .where("owner", "=", this.owner)
      .execute();
  }
}
