// Throwaway databases for tests, one per suite: a SQLite file in a temporary folder, or a fresh
// PostgreSQL schema dropped afterwards. Which dialects run is decided once per test run (global-setup.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type DatabaseConfig, type DialectName, type OpenDatabase } from "../dialect.js";
import { migrateToLatest } from "../migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The dialects this test run covers (see global-setup.ts). */
    dialects: DialectName[];
  }
}

/** The environment variable naming the PostgreSQL the tests use (README and .ci/run set it). */
export const TEST_POSTGRES_URL_VARIABLE = "KINERJA_TEST_POSTGRES_URL";

export function testPostgresUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env[TEST_POSTGRES_URL_VARIABLE] ?? "postgres://postgres@127.0.0.1:5432/test";
}

export const TEST_POSTGRES_URL = testPostgresUrl();

export interface TestDatabase extends OpenDatabase {
  /** How to open it again (e.g. from a server under test). */
  config: DatabaseConfig;
  /** Closes the connection and removes the file or schema. */
  dispose(): Promise<void>;
}

/** Whether PostgreSQL answers at the test URL; the reason when it does not. */
export async function probePostgres(url = TEST_POSTGRES_URL): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on the test server, outside any test's schema. */
async function onServer(statement: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return await client.query(statement, values);
  } finally {
    await client.end();
  }
}

/** Ends every connection PostgreSQL holds for `applicationName`, as an administrator or a crash would. */
export async function terminateConnections(applicationName: string): Promise<number> {
  const { rows } = await onServer(
    "select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()",
    [applicationName],
  );
  return rows.length;
}

/**
 * Tests share one PostgreSQL database, each in its own schema. Migrating reads the whole catalogue (kysely's
 * introspection), which fails with "relation … does not exist" when another suite drops its schema meanwhile:
 * migrations hold this advisory lock shared and a schema is dropped holding it alone.
 */
const SCHEMA_DDL_LOCK = 7_203_114;

async function holdingSchemaLock<T>(mode: "shared" | "alone", work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(mode === "shared" ? "select pg_advisory_lock_shared($1)" : "select pg_advisory_lock($1)", [SCHEMA_DDL_LOCK]);
    return await work();
  } finally {
    await client.end();
  }
}

/** Where a throwaway database lives: a SQLite file in a temporary folder, or a fresh PostgreSQL schema. */
async function scratchLocation(dialect: DialectName): Promise<{ config: DatabaseConfig; remove: () => Promise<void> }> {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-test-"));
    return { config: { dialect: "sqlite", file: join(dir, "kinerja.db") }, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `kinerja_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await onServer(`CREATE SCHEMA "${schema}"`);
  return {
    // Named after the schema, so a test can find (and terminate) this database's connections alone.
    config: { dialect: "postgres", url: TEST_POSTGRES_URL, schema, poolSize: 4, applicationName: schema },
    remove: async () => {
      await holdingSchemaLock("alone", async () => {
        await onServer(`DROP SCHEMA "${schema}" CASCADE`);
        // The cycle-run queue a server or worker on this database kept beside it (KINERJA_QUEUE_SCHEMA's default).
        await onServer(`DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
      });
    },
  };
}

/** Opens an empty database of the dialect; `migrated` (default true) runs the migrations first. */
export async function createTestDatabase(dialect: DialectName, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const { config, remove } = await scratchLocation(dialect);
  const open = openDatabase(config);
  const database: TestDatabase = {
    ...open,
    config,
    dispose: async () => {
      await open.close();
      await remove();
    },
  };
  if (options.migrated ?? true) {
    if (dialect === "postgres") await holdingSchemaLock("shared", () => migrateToLatest(database.db, dialect));
    else await migrateToLatest(database.db, dialect);
  }
  return database;
}
