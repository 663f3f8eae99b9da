// Which database to use and how to open it: a SQLite file by default (one machine, no setup), PostgreSQL
// when DATABASE_URL says postgres://. Everything above this file sees one `Kysely<Database>`.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, type Dialect, type SqliteDatabase as KyselySqliteDatabase } from "kysely";
import pg from "pg";
import type { Database } from "./schema.js";
import { ARRAY_ROWS } from "./array-rows.js";
import { CopyingPostgresDialect, quoteIdentifier } from "./bulk-insert.js";

export type DialectName = "sqlite" | "postgres";

export type DatabaseConfig =
  | { dialect: "sqlite"; file: string }
  | {
      dialect: "postgres";
      url: string;
      /** A schema to work in (put first on the search path); the tests use one per run. */
      schema?: string;
      poolSize?: number;
      /** How the server's connections show in pg_stat_activity (default "kinerja"); the URL's own wins. */
      applicationName?: string;
    };

export interface OpenOptions {
  /**
   * Told when PostgreSQL drops a connection the pool holds (a terminated backend, a restart). The pool
   * discards the connection and opens a new one on the next query; without a listener the pool's error
   * event would end the process.
   */
  onConnectionLost?: (error: Error) => void;
}

/** How long a query waits for a connection before it fails (and the server answers 503). */
const CONNECT_TIMEOUT_MS = 5_000;

/** <repo>/data/kinerja.db, whatever the working directory. */
export const DEFAULT_SQLITE_FILE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../data/kinerja.db");

/** Reads DATABASE_URL: postgres:// or postgresql:// for PostgreSQL, file:<path> or a path for SQLite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { dialect: "sqlite", file: DEFAULT_SQLITE_FILE };
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: "postgres", url };
  if (url.startsWith("file:")) return { dialect: "sqlite", file: resolve(url.slice("file:".length)) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL "${url}": expected postgres://… for PostgreSQL, or file:<path> for SQLite`);
  }
  return { dialect: "sqlite", file: resolve(url) };
}

const PG_JSON = 114;
const PG_JSONB = 3802;
const PG_INT8 = 20;

// JSON stays text (as on SQLite) so rows have one shape on both dialects; counts (int8) become numbers.
function pgTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
  if (oid === PG_JSON || oid === PG_JSONB) return (value: string) => value;
  if (oid === PG_INT8) return (value: string) => Number(value);
  return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
}

/** How many prepared statements a SQLite connection keeps, least recently used first out. */
export const SQLITE_STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as kysely sees it, with its statements kept prepared: kysely prepares every query afresh,
 * and preparing costs as much as running a page's query or a batch's insert. A statement still being
 * iterated (a streamed query) is never handed out twice; that caller gets a fresh one.
 */
export function keepingStatements(database: SqliteDatabase.Database, size = SQLITE_STATEMENT_CACHE_SIZE): KyselySqliteDatabase {
  const kept = new Map<string, SqliteDatabase.Statement>();
  // A statement marked ARRAY_ROWS (array-rows.ts) gives each row as an array of its values.
  const prepareFresh = (sql: string) => {
    const statement = database.prepare(sql);
    return sql.startsWith(ARRAY_ROWS) ? statement.raw(true) : statement;
  };
  return {
    prepare(sql) {
      const statement = kept.get(sql);
      if (statement) {
        if (statement.busy) return prepareFresh(sql);
        kept.delete(sql);
        kept.set(sql, statement);
        return statement;
      }
      const prepared = prepareFresh(sql);
      kept.set(sql, prepared);
      if (kept.size > size) kept.delete(kept.keys().next().value!);
      return prepared;
    },
    close() {
      kept.clear();
      database.close();
    },
  };
}

export function createDialect(config: DatabaseConfig, options: OpenOptions = {}): Dialect {
  if (config.dialect === "sqlite") {
    const { file } = config;
    return new SqliteDialect({
      database: async () => {
        mkdirSync(dirname(file), { recursive: true });
        const database = new SqliteDatabase(file);
        database.pragma("journal_mode = WAL");
        database.pragma("foreign_keys = ON");
        database.pragma("busy_timeout = 5000");
        database.pragma("synchronous = NORMAL");
        return keepingStatements(database);
      },
    });
  }
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize ?? 10,
    application_name: config.applicationName ?? "kinerja",
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
    ...(config.schema ? { options: `-c search_path=${quoteIdentifier(config.schema)}` } : {}),
  });
  // Every connection reports its own loss, idle or lent to a query (or held by a transaction between
  // statements, whose next statement then fails and is answered with 503). The pool repeats an idle
  // connection's error as its own event, which must have a listener too but need not be told twice.
  pool.on("connect", (client) => client.on("error", (error) => options.onConnectionLost?.(error)));
  pool.on("error", () => undefined);
  return new CopyingPostgresDialect(pool);
}

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where it is, for logs: the SQLite file or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

export function describeLocation(config: DatabaseConfig): string {
  if (config.dialect === "sqlite") return config.file;
  const url = new URL(config.url);
  if (url.password) url.password = "***";
  return config.schema ? `${url.toString()} (schema ${config.schema})` : url.toString();
}

const configs = new WeakMap<Kysely<Database>, DatabaseConfig>();

/**
 * The config a database was opened with by openDatabase, for work that opens a connection of its own to the
 * same database (another thread, say); undefined for a Kysely made otherwise.
 */
export function databaseConfigOf(db: Kysely<Database>): DatabaseConfig | undefined {
  return configs.get(db);
}

export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): OpenDatabase {
  const db = new Kysely<Database>({ dialect: createDialect(config, options) });
  configs.set(db, config);
  return { db, dialect: config.dialect, location: describeLocation(config), close: () => db.destroy() };
}
