// Delivers queued webhook deliveries from the server process, as the mail outbox's sender does its mail
// (notifications/sender.ts): a delivery is taken under a lease (owner and expiry written by one
// conditional update), so two servers on one database never send the same one; it is delivered when the
// receiver answers 2xx within the timeout; otherwise it is tried again, each wait twice the last, and after
// `maxAttempts` tries it is marked failed. Every try leaves the receiver's status and error on the row: the
// admin's delivery log.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Database, WebhookDeliveryRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { takeDueRows } from "../lib/leased-queue.js";
import { DELIVERY_HEADER, EVENT_HEADER, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature.js";
import { Rounds } from "../lib/rounds.js";

export interface WebhookSenderOptions {
  db: Kysely<Database>;
  /** How long a taken delivery stays this sender's (default 60 s); longer than one try may take. */
  leaseMs?: number;
  /** How long a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** How often the queue is looked at (default 1 s). */
  pollMs?: number;
  /** Tries before a delivery is marked failed (default 8). */
  maxAttempts?: number;
  /** The wait after the first failure (default 30 s), doubled after each further one. */
  backoffMs?: number;
  /** Deliveries taken per round (default 100). */
  batchSize?: number;
  /** Sends at once (default 5). */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

type Taken = WebhookDeliveryRow & { url: string; secret: string };

export class WebhookSender {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly options: Required<Omit<WebhookSenderOptions, "onError">> & Pick<WebhookSenderOptions, "onError">;
  private readonly rounds: Rounds;

  constructor(options: WebhookSenderOptions) {
    this.options = { leaseMs: 60_000, timeoutMs: 10_000, pollMs: 1_000, maxAttempts: 8, backoffMs: 30_000, batchSize: 100, concurrency: 5, ...options };
    this.rounds = new Rounds(() => this.drain(), this.options.pollMs, this.options.onError);
  }

  /** Starts the rounds; each round begins when the last has ended. */
  start(): void {
    this.rounds.start();
  }

  /** Stops after the round in flight, its deliveries tried and marked. */
  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  /** Tries what is due until nothing is left that this sender may take; how many were delivered. */
  async drain(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const taken = await this.take();
      if (taken.length === 0) return delivered;
      delivered += await this.sendTaken(taken);
      if (this.rounds.stopped) return delivered;
    }
  }

  private async take(): Promise<Taken[]> {
    const { db, leaseMs, batchSize } = this.options;
    const rows = await takeDueRows(db, "webhook_deliveries", { owner: this.owner, leaseMs, batchSize });
    if (rows.length === 0) return [];
    const endpoints = await db
      .selectFrom("webhook_endpoints")
      .select(["region_id", "id", "url", "secret"])
      .where("id", "in", [...new Set(rows.map((r) => r.endpoint_id))])
      .execute();
    const byKey = new Map(endpoints.map((e) => [`${e.region_id}/${e.id}`, e]));
    return rows.flatMap((row) => {
      const endpoint = byKey.get(`${row.region_id}/${row.endpoint_id}`);
      return endpoint ? [{ ...row, url: endpoint.url, secret: endpoint.secret }] : [];
    });
  }

  private async sendTaken(taken: Taken[]): Promise<number> {
    let next = 0;
    let delivered = 0;
    const worker = async () => {
      while (next < taken.length) {
        const delivery = taken[next++] as Taken;
        const outcome = await this.send(delivery);
        if (outcome.ok) delivered++;
        await this.mark(delivery, outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, taken.length) }, worker));
    return delivered;
  }

  private async send(delivery: Taken): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Kinerja-Webhook/1",
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(delivery.secret, timestamp, delivery.body),
        },
        body: delivery.body,
        // A redirect is not followed: the admin registered this URL, not wherever it points.
        redirect: "manual",
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return { ok, status: response.status, error: ok ? null : `Penerima menjawab HTTP ${response.status}` };
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      return { ok: false, status: null, error: `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, 1000) };
    }
  }

  private async mark(delivery: Taken, outcome: { ok: boolean; status: number | null; error: string | null }): Promise<void> {
    const { db, maxAttempts, backoffMs } = this.options;
    const attempts = delivery.attempts + 1;
    const at = new Date();
    await db
      .updateTable("webhook_deliveries")
      .set({
        status: outcome.ok ? "delivered" : attempts >= maxAttempts ? "failed" : "queued",
        attempts,
        response_status: outcome.status,
        last_error: outcome.error,
        delivered_at: outcome.ok ? at.toISOString() : null,
        next_attempt_at: outcome.ok ? delivery.next_attempt_at : new Date(at.getTime() + backoffMs * 2 ** (attempts - 1)).toISOString(),
        owner: null,
        lease_expires_at: null,
      })
      .where("region_id", "=", delivery.region_id)
      .where("id", "=", delivery.id)
      .where("owner", "=", this.owner)
      .execute();
  }
}
