// Whether the database answers: `select 1`, given a short time, so a load balancer's probe learns of an
// unreachable or saturated database instead of waiting on it.
import type { Database } from "@kinerja/db";
import { sql, type Kysely } from "kysely";

export const HEALTH_TIMEOUT_MS = 2_000;

export type DatabaseHealth = { ok: true } | { ok: false; reason: string };

export async function databaseHealth(db: Kysely<Database>, timeoutMs = HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `no answer to select 1 within ${timeoutMs} ms` }), timeoutMs);
  });
  const answered = sql`select 1`.execute(db).then(
    (): DatabaseHealth => ({ ok: true }),
    (error: unknown): DatabaseHealth => ({ ok: false, reason: error instanceof Error && error.message ? error.message : String(error) }),
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
