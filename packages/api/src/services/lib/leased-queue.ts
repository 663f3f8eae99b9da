// Queue tables that senders in several server processes work through together (the mail outbox, webhook
// deliveries): a sender takes a batch of due rows under its own lease by one conditional update, so two
// senders never take the same row, and a row whose lease ran out (its sender died) is taken again.
import type { ConnectorScheduleRow, Database, MailOutboxRow, WebhookDeliveryRow } from "@kinerja/db";
import { PostgresAdapter, type Kysely } from "kysely";

/** The tables taken this way, and their rows. */
interface LeasedQueues {
  mail_outbox: MailOutboxRow;
  webhook_deliveries: WebhookDeliveryRow;
  connector_schedules: ConnectorScheduleRow;
}

/** The columns the lease works on, which every such table has. */
interface LeasedRow {
  id: string;
  status: string;
  next_attempt_at: string;
  owner: string | null;
  lease_expires_at: string | null;
}

export interface Lease {
  owner: string;
  leaseMs: number;
  batchSize: number;
}

/** Takes up to a batch of queued rows that are due at `at` and not leased by a live sender, under `lease.owner`. */
export async function takeDueRows<T extends keyof LeasedQueues>(db: Kysely<Database>, table: T, lease: Lease, at = new Date()): Promise<Array<LeasedQueues[T]>> {
  // Both tables seen as one table of the lease's columns: kysely cannot type a query over a table name that a
  // type parameter chooses.
  const queue = db as unknown as Kysely<Record<"queue", LeasedRow>>;
  const name = table as unknown as "queue";
  const now = at.toISOString();
  const choosing = queue
    .selectFrom(name)
    .select("id")
    .where("status", "=", "queued")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .orderBy("next_attempt_at")
    .limit(lease.batchSize);
  // On PostgreSQL two senders choosing at once would lock overlapping rows in different orders and deadlock:
  // each locks what it chose and passes over rows another sender holds. SQLite writes one at a time.
  const due = db.getExecutor().adapter instanceof PostgresAdapter ? choosing.forUpdate().skipLocked() : choosing;
  // The conditions are repeated on the update itself: PostgreSQL checks them again on a row another
  // sender changed meanwhile, so a row it has just taken is not taken twice.
  const rows = await queue
    .updateTable(name)
    .set({ owner: lease.owner, lease_expires_at: new Date(at.getTime() + lease.leaseMs).toISOString() })
    .where("id", "in", due)
    .where("status", "=", "queued")
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
    .returningAll()
    .execute();
  return rows as unknown as Array<LeasedQueues[T]>;
}
