// Dropped connections and an unreachable database: PostgreSQL ending the pool's connections (idle, or held
// by a transaction) must not end the process, the next query must succeed on a new connection, and the
// errors on the way are the ones `databaseUnavailable` recognises. Real servers throughout: PostgreSQL
// for terminated backends, a closed port for a refused connection, two SQLite connections for a busy file.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type OpenDatabase } from "./dialect.js";
import { createTestDatabase, terminateConnections, TEST_POSTGRES_URL, type TestDatabase } from "./testing/index.js";
import { databaseUnavailable } from "./unavailable.js";

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(inject("dialects").includes("postgres"))("PostgreSQL connections ended by the server", () => {
  let scratch: TestDatabase;
  let database: OpenDatabase;
  const lost: Error[] = [];

  beforeAll(async () => {
    scratch = await createTestDatabase("postgres", { migrated: false });
    // Opened again with a listener, as the server opens it.
    database = openDatabase(scratch.config, { onConnectionLost: (error) => lost.push(error) });
  });
  afterAll(async () => {
    await database?.close();
    await scratch?.dispose();
  });

  const applicationName = () => (scratch.config.dialect === "postgres" ? (scratch.config.applicationName as string) : "");

  it("survives its idle connections being terminated and answers the next query on a new one", async () => {
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)));
    expect(await terminateConnections(applicationName())).toBeGreaterThan(0);
    await settle();
    expect(lost.map((e) => databaseUnavailable(e))).toContainEqual(expect.stringMatching(/57P01|terminat/));
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
    expect(rows).toEqual([{ one: 1 }]);
  });

  it("fails a transaction whose connection was terminated with an error read as unavailable, then recovers", async () => {
    const failed = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await terminateConnections(applicationName());
        await settle();
        await sql`select 2`.execute(trx);
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failed).not.toBeNull();
    expect(databaseUnavailable(failed)).not.toBeNull();
    const { rows } = await sql<{ two: number }>`select 2 as two`.execute(database.db);
    expect(rows).toEqual([{ two: 2 }]);
  });
});

describe("errors that mean the database cannot be reached", () => {
  it("recognises a refused PostgreSQL connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const url = new URL(TEST_POSTGRES_URL);
    url.host = `127.0.0.1:${port}`;
    const refused = openDatabase({ dialect: "postgres", url: url.toString() });
    try {
      const error = await sql`select 1`.execute(refused.db).then(() => null, (e: unknown) => e);
      expect(databaseUnavailable(error)).toMatch(/ECONNREFUSED/);
    } finally {
      await refused.close();
    }
  });

  it("recognises a SQLite file locked by another writer past the busy timeout", () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-busy-"));
    const holder = new SqliteDatabase(join(dir, "busy.db"));
    const waiter = new SqliteDatabase(join(dir, "busy.db"), { timeout: 0 });
    try {
      holder.exec("create table t (x integer); begin immediate; insert into t values (1)");
      let error: unknown = null;
      try {
        waiter.exec("insert into t values (2)");
      } catch (caught) {
        error = caught;
      }
      expect(databaseUnavailable(error)).toMatch(/SQLITE_BUSY/);
      expect(databaseUnavailable(new Error("wrapped", { cause: error }))).toMatch(/SQLITE_BUSY/);
    } finally {
      holder.close();
      waiter.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves errors of the statement itself alone", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-busy-"));
    const sqlite = openDatabase({ dialect: "sqlite", file: join(dir, "x.db") });
    try {
      const error = await sql`select * from no_such_table`.execute(sqlite.db).then(() => null, (e: unknown) => e);
      expect(error).not.toBeNull();
      expect(databaseUnavailable(error)).toBeNull();
      expect(databaseUnavailable("ECONNREFUSED")).toBeNull();
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
