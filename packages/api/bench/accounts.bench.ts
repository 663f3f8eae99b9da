// Accounts for a whole large region in one bulk job, on SQLite and on PostgreSQL: 50,000 employees (a
// hundred units, heads with reports) are seeded with multi-row inserts, then the job makes an account with
// an activation code for every one of them, in the server's batches. The baseline does the same rows (user,
// credential account, activation, hand-out; codes made and hashed alike) with plain batched inserts in a fresh
// database, without the service's reads, lease, progress and audit. Prints:
//   accounts.bulk_50k_seconds.<dialect>            the job, from start to its last batch
//   accounts.bare_50k_seconds.<dialect>            the bare inserts
//   accounts.bulk_50k_vs_bare_inserts.<dialect>    their ratio; without a dialect, the larger of the two
// KINERJA_BENCH_ACCOUNTS sets another number of employees (the names stay "50k").
import { newId, now, type DialectName } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { sql } from "kysely";
import { systemScope } from "../src/services/access/index.js";
import { JobRunner } from "../src/services/cycles/index.js";
import { activationCodeHash, newActivationCode, placeholderEmail, startBulkAccounts } from "../src/services/organisation/index.js";
import { BENCH_REGION, compareWithBare, inChunks, seedLargeRegion } from "./large-region.js";

const SIZE = Number(process.env.KINERJA_BENCH_ACCOUNTS ?? 50_000);
const BATCH = new JobRunner().batchSize;
const REGION = BENCH_REGION;

async function count(database: TestDatabase, table: "user" | "account_activations"): Promise<number> {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function timeJob(dialect: DialectName): Promise<number> {
  const database = await createTestDatabase(dialect);
  try {
    await seedLargeRegion(database, dialect, SIZE);
    const jobs = new JobRunner({ onError: (_id, error) => console.error(error) });
    const scope = systemScope(database.db, REGION, { id: null, name: "Uji beban", role: "operator" });
    const started = performance.now();
    const job = await startBulkAccounts(scope, jobs, {});
    await jobs.idle();
    const seconds = (performance.now() - started) / 1000;
    if (dialect === "postgres") await sql`analyze`.execute(database.db);
    const made = await count(database, "account_activations");
    const status = await database.db.selectFrom("jobs").select("status").where("id", "=", job.jobId).executeTakeFirstOrThrow();
    if (status.status !== "succeeded" || made !== SIZE) throw new Error(`the job ${status.status} with ${made} of ${SIZE} accounts`);
    return seconds;
  } finally {
    await database.dispose();
  }
}

async function timeBare(dialect: DialectName): Promise<number> {
  const database = await createTestDatabase(dialect);
  try {
    await seedLargeRegion(database, dialect, SIZE);
    const { db } = database;
    const employees = await db.selectFrom("employees").select(["id", "nip", "nama"]).where("region_id", "=", REGION).orderBy("id").execute();
    const jobId = newId();
    const at = now();
    await db.insertInto("jobs").values({ region_id: REGION, id: jobId, kind: "bench", cycle_id: null, run_id: null, total: SIZE, error: null, created_by: null, created_at: at, started_at: at, finished_at: null, updated_at: at, owner: null, heartbeat_at: null, lease_expires_at: null }).execute();
    await db.insertInto("account_jobs").values({ region_id: REGION, job_id: jobId, unit_id: null, valid_days: 14, handout_until: null, handout_cleared_at: null }).execute();
    const started = performance.now();
    const expiresAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    await inChunks(employees, BATCH, async (chunk) => {
      const rows = chunk.map((e) => ({ e, userId: newId(), code: newActivationCode() }));
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("user")
          .values(rows.map(({ e, userId }) => ({ id: userId, name: e.nama, email: placeholderEmail(e.nip), email_verified: sql<boolean>`TRUE`, image: null, created_at: at, updated_at: at, username: e.nip, role: "employee" as const, region_id: REGION, employee_id: e.id })))
          .execute();
        await trx
          .insertInto("account")
          .values(rows.map(({ userId }) => ({ id: newId(), account_id: userId, provider_id: "credential", user_id: userId, access_token: null, refresh_token: null, id_token: null, access_token_expires_at: null, refresh_token_expires_at: null, scope: null, password: null, created_at: at, updated_at: at })))
          .execute();
        await trx
          .insertInto("account_activations")
          .values(rows.map(({ e, userId, code }) => ({ region_id: REGION, user_id: userId, employee_id: e.id, code_hash: activationCodeHash(code), expires_at: expiresAt, created_at: at, activated_at: null, job_id: jobId, invitation_email: null, invited_at: null })))
          .execute();
        await trx.insertInto("activation_handouts").values(rows.map(({ userId, code }) => ({ region_id: REGION, job_id: jobId, user_id: userId, code }))).execute();
      });
    });
    const seconds = (performance.now() - started) / 1000;
    if (dialect === "postgres") await sql`analyze`.execute(db);
    if ((await count(database, "user")) !== SIZE) throw new Error("the bare inserts did not write every account");
    return seconds;
  } finally {
    await database.dispose();
  }
}

await compareWithBare(
  { measured: "accounts.bulk_50k_seconds", bare: "accounts.bare_50k_seconds", ratio: "accounts.bulk_50k_vs_bare_inserts" },
  async (dialect) => ({ seconds: await timeJob(dialect), result: null }),
  (dialect) => timeBare(dialect),
);
