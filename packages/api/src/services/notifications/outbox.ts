// The region's outbox as its admin sees it: mail that failed after its last try, with the error, to send
// again; and how much waits, with the reason when this server has no mail transport configured.
import type { Scope } from "../access/index.js";
import { isAdmin } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import { mailConfigured } from "./sender.js";

export interface FailedMail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  attempts: number;
  error: string | null;
  createdAt: string;
  lastTriedAt: string;
}

export interface OutboxView {
  /** False when the server has no SMTP settings: mail waits, unsent, until they are given. */
  mailConfigured: boolean;
  waiting: number;
  failed: FailedMail[];
}

function assertAdmin(scope: Scope): void {
  if (!isAdmin(scope.user)) throw new DomainError({ code: "FORBIDDEN", message: "Hanya admin wilayah yang melihat notifikasi gagal" });
}

export async function outbox(scope: Scope): Promise<OutboxView> {
  assertAdmin(scope);
  const { db, regionId } = scope;
  const waiting = await db
    .selectFrom("mail_outbox")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("region_id", "=", regionId)
    .where("status", "=", "queued")
    .executeTakeFirstOrThrow();
  const failed = await db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("status", "=", "failed")
    .orderBy("id", "desc")
    .limit(500)
    .execute();
  return {
    mailConfigured: mailConfigured(),
    waiting: Number(waiting.n),
    failed: failed.map((m) => ({
      id: m.id,
      kind: m.kind,
      to: m.to_address,
      subject: m.subject,
      attempts: m.attempts,
      error: m.last_error,
      createdAt: m.created_at,
      lastTriedAt: m.next_attempt_at,
    })),
  };
}

/** Puts failed mail of the region back in the queue for a fresh round of tries; how many. */
export async function resend(scope: Scope, input: { ids: string[] }): Promise<number> {
  assertAdmin(scope);
  const result = await scope.db
    .updateTable("mail_outbox")
    .set({ status: "queued", attempts: 0, next_attempt_at: new Date().toISOString(), owner: null, lease_expires_at: null })
    .where("region_id", "=", scope.regionId)
    .where("status", "=", "failed")
    .where("id", "in", input.ids)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
