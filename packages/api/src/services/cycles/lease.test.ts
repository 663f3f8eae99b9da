// Keeping a job's lease alive while a batch holds the job's row: renewals wait for the row, so they must
// not pile up and take the pool's connections from everything else the server does (PostgreSQL, where
// the pool has several connections; SQLite has one, used in turn).
import { setTimeout as sleep } from "node:timers/promises";
import { newId, now } from "@kinerja/db";
import { createTestDatabase, insertRegionCycle, type TestDatabase } from "@kinerja/db/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { keepLeaseAlive, leaseFields, type Lease } from "./lease.js";
import { recoverInterruptedJobs } from "./run.js";

describe.runIf(inject("dialects").includes("postgres"))("a job's lease kept alive on PostgreSQL", () => {
  let database: TestDatabase;
  const lease: Lease = { owner: "server-a:1:00000000", ms: 30 };
  const job = { region_id: "binjai", id: newId() };

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    const { cycle } = await insertRegionCycle(database.db, "binjai", "open");
    const at = now();
    await database.db
      .insertInto("jobs")
      .values({ ...job, kind: "cycle.run", cycle_id: cycle, run_id: null, status: "running", total: 1, error: null, created_by: null, created_at: at, started_at: at, finished_at: null, updated_at: at, ...leaseFields(lease) })
      .execute();
  });
  afterAll(() => database?.dispose());

  it("renews once at a time while a batch holds the job's row, leaving the pool's other connections free", async () => {
    const { db } = database;
    const order: string[] = [];
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));
    // A slow batch: the job's row is held for two seconds, while the lease would be renewed every 10 ms.
    const batch = db.transaction().execute(async (trx) => {
      await trx.updateTable("jobs").set({ updated_at: now() }).where("id", "=", job.id).execute();
      locked();
      await sleep(2_000);
      order.push("batch committed");
    });
    await rowLocked;
    const stop = keepLeaseAlive(db, job, lease);
    try {
      await sleep(300);
      await db.selectFrom("regions").select("id").execute();
      order.push("another query answered");
      await batch;
    } finally {
      stop();
    }
    expect(order).toEqual(["another query answered", "batch committed"]);
  });
});

describe.each(inject("dialects"))("jobs whose server stopped, on %s", (dialect) => {
  let database: TestDatabase;
  const expired = { owner: "server-gone:1:00000000", heartbeat_at: "2026-01-01T00:00:00.000Z", lease_expires_at: "2026-01-01T00:00:30.000Z" };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    await insertRegionCycle(database.db, "binjai", "open");
  });
  afterAll(() => database?.dispose());

  it("are failed with what their kind can do next: a cycle's run is run again, an import or bulk job started again", async () => {
    const { db } = database;
    const at = now();
    const job = (kind: string) => ({ region_id: "binjai", id: newId(), kind, cycle_id: null, run_id: null, status: "running" as const, total: 1, error: null, created_by: null, created_at: at, started_at: at, finished_at: null, updated_at: at, ...expired });
    const jobs = [job("employees.import"), job("accounts.bulk")];
    await db.insertInto("jobs").values(jobs).execute();
    expect(await recoverInterruptedJobs(db)).toBeGreaterThanOrEqual(2);
    const failed = await db.selectFrom("jobs").select(["kind", "status", "error"]).where("id", "in", jobs.map((j) => j.id)).orderBy("kind").execute();
    expect(failed).toEqual([
      { kind: "accounts.bulk", status: "failed", error: "Terhenti: server yang menjalankannya berhenti sebelum selesai. Mulai lagi." },
      { kind: "employees.import", status: "failed", error: "Terhenti: server yang menjalankannya berhenti sebelum selesai. Mulai lagi." },
    ]);
  });
});
