// Peers chosen automatically for a whole large region, on SQLite and on PostgreSQL: 50,000 employees (a
// hundred units, heads with reports) under Samarinda's rule file (every employee outside a puskesmas is rated
// by peers; two peers each from their own unit), in an open cycle. The job plans every pair and writes them in
// the server's batches. The baseline does the same work bare in a fresh database: reads the employees, makes
// the same plan (planPeers) and writes the pairs with plain batched inserts, without the rule set's indicator
// sets, the lease, progress, re-reading each batch's peers and the audit. Prints:
//   peers.assign_50k_seconds.<dialect>        the job, from start to its last batch
//   peers.bare_50k_seconds.<dialect>          the bare plan and inserts
//   peers.assign_50k_vs_bare.<dialect>        their ratio; without a dialect, the larger of the two
// KINERJA_BENCH_PEERS sets another number of employees (the names stay "50k").
import { type DialectName } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import { systemScope } from "../src/services/access/index.js";
import { startPeerAssignment } from "../src/services/assessment/index.js";
import { planPeers } from "../src/services/assessment/peer-assignment.js";
import { createCycle, JobRunner, openCycle } from "../src/services/cycles/index.js";
import { loadRuleFile, publishRuleSet, saveDraft } from "../src/services/rules/index.js";
import { BENCH_REGION, compareWithBare, inChunks, seedLargeRegion } from "./large-region.js";

const SIZE = Number(process.env.KINERJA_BENCH_PEERS ?? 50_000);
const BATCH = new JobRunner().batchSize;
const REGION = BENCH_REGION;
const RULES = fileURLToPath(new URL("../../../rules/samarinda.json", import.meta.url));
const ACTOR = { id: null, name: "Uji beban", role: "operator" } as const;

/** The large region with Samarinda's rules published and an open cycle over it. */
async function prepare(database: TestDatabase, dialect: DialectName): Promise<string> {
  await seedLargeRegion(database, dialect, SIZE);
  const scope = systemScope(database.db, REGION, ACTOR);
  const { version } = await saveDraft(scope, { content: loadRuleFile(RULES).content });
  await publishRuleSet(scope, version);
  const cycle = await createCycle(scope, { name: "Penilaian Uji Beban", periodKind: "annual", periodLabel: "2025" });
  await openCycle(scope, cycle.id);
  return cycle.id;
}

async function pairs(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom("peer_assignments").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function timeJob(dialect: DialectName): Promise<{ seconds: number; added: number }> {
  const database = await createTestDatabase(dialect);
  try {
    const cycleId = await prepare(database, dialect);
    const jobs = new JobRunner({ onError: (_id, error) => console.error(error) });
    const scope = systemScope(database.db, REGION, ACTOR);
    const started = performance.now();
    const job = await startPeerAssignment(scope, jobs, { cycleId });
    await jobs.idle();
    const seconds = (performance.now() - started) / 1000;
    const result = await database.db.selectFrom("jobs").innerJoin("peer_jobs", "peer_jobs.job_id", "jobs.id").select(["jobs.status", "peer_jobs.added"]).where("jobs.id", "=", job.jobId).executeTakeFirstOrThrow();
    const stored = await pairs(database);
    // Two peers each, but for the hundred heads: everyone else in a head's unit reports to them.
    if (result.status !== "succeeded" || stored !== result.added || stored !== 2 * (SIZE - 100)) {
      throw new Error(`the job ${result.status} with ${stored} pairs stored (${result.added} reported) for ${SIZE} employees`);
    }
    return { seconds, added: stored };
  } finally {
    await database.dispose();
  }
}

async function timeBare(dialect: DialectName, expected: number): Promise<number> {
  const database = await createTestDatabase(dialect);
  try {
    const cycleId = await prepare(database, dialect);
    const { db } = database;
    const started = performance.now();
    const employees = await db.selectFrom("employees").select(["id", "nip", "atasan_nip", "unit_id"]).where("region_id", "=", REGION).orderBy("id").execute();
    const existing = await db.selectFrom("peer_assignments").select(["employee_id", "peer_employee_id"]).where("region_id", "=", REGION).where("cycle_id", "=", cycleId).execute();
    const plan = planPeers({
      people: employees.map((e) => ({ id: e.id, nip: e.nip, atasanNip: e.atasan_nip, group: `${e.unit_id}\u0000`, needsPeers: true })),
      existing: existing.map((r) => ({ employeeId: r.employee_id, peerId: r.peer_employee_id })),
      count: 2,
      seed: cycleId,
    });
    const at = new Date().toISOString();
    // The job writes the pairs of BATCH rated employees per transaction; two pairs each.
    await inChunks(plan.added, BATCH * 2, (chunk) =>
      db.transaction().execute((trx) =>
        trx
          .insertInto("peer_assignments")
          .values(chunk.map((a) => ({ region_id: REGION, cycle_id: cycleId, employee_id: a.employeeId, peer_employee_id: a.peerId, assigned_by: null, created_at: at, method: "auto" as const })))
          .execute(),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    if (dialect === "postgres") await sql`analyze`.execute(db);
    const stored = await pairs(database);
    if (stored !== expected) throw new Error(`the bare inserts wrote ${stored} pairs; the job wrote ${expected}`);
    return seconds;
  } finally {
    await database.dispose();
  }
}

await compareWithBare(
  { measured: "peers.assign_50k_seconds", bare: "peers.bare_50k_seconds", ratio: "peers.assign_50k_vs_bare" },
  async (dialect) => {
    const job = await timeJob(dialect);
    return { seconds: job.seconds, result: job.added };
  },
  (dialect, added) => timeBare(dialect, added),
);
