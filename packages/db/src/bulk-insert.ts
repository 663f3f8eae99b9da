// Many new rows into one table, the fastest way the database offers: on PostgreSQL `COPY … FROM STDIN` on the
// caller's own transaction's connection, so the rows commit or roll back with the rest of its work; elsewhere
// (SQLite, or a connection COPY cannot be sent on) multi-row inserts kept within the parameter limit.
//
// kysely lends a transaction one pooled connection and does not say which. The pool made here keeps each of
// its connections by its server process id, and the transaction asks the server for its own
// (`pg_backend_pid()`), so the COPY goes to the connection the transaction holds, and to no other.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PostgresDialect, sql, type DialectAdapter, type Insertable, type Kysely } from "kysely";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { flatValues, insertRows } from "./multi-row.js";
import type { Database } from "./schema.js";

/** By dialect adapter (shared by a Kysely and its transactions): the pool's connections by server process id. */
const connectionsOf = new WeakMap<DialectAdapter, Map<number, pg.PoolClient>>();

type WithProcessId = { processID?: number };

/** kysely's PostgreSQL dialect over `pool`, whose connections bulkInsert can COPY on. */
export class CopyingPostgresDialect extends PostgresDialect {
  readonly #connections = new Map<number, pg.PoolClient>();

  constructor(pool: pg.Pool) {
    super({ pool });
    pool.on("connect", (client) => {
      const pid = (client as WithProcessId).processID;
      if (pid !== undefined) this.#connections.set(pid, client as pg.PoolClient);
    });
    pool.on("remove", (client) => {
      const pid = (client as WithProcessId).processID;
      if (pid !== undefined && this.#connections.get(pid) === client) this.#connections.delete(pid);
    });
  }

  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    connectionsOf.set(adapter, this.#connections);
    return adapter;
  }
}

/** SQLite binds at most 32,766 parameters to one statement (PostgreSQL 65,535); each insert stays within. */
const MAX_PARAMETERS = 32_766;

/** Rows per chunk of COPY text handed to the connection. */
const COPY_CHUNK_ROWS = 256;

type Row = Record<string, unknown>;

/**
 * Inserts `rows` into `table`: by COPY on PostgreSQL when `db` is a transaction on a connection this package's
 * pool made and every row is of the first row's columns with texts, numbers or nulls; otherwise by multi-row
 * inserts (insertRows), in as few statements as the parameter limit allows. Nothing is written unless all is:
 * the rows go in within the caller's transaction, or one of their own.
 */
export async function bulkInsert<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const plain = rows as readonly Row[];
  const columns = Object.keys(plain[0]!);
  const connections = connectionsOf.get(db.getExecutor().adapter);
  if (connections && db.isTransaction) {
    const values = flatValues(plain, columns);
    const connection = values && (await transactionConnection(db, connections));
    if (values && connection) return copy(connection, table, columns, values);
  }
  if (!db.isTransaction && rows.length * columns.length > MAX_PARAMETERS) {
    return db.transaction().execute((trx) => bulkInsert(trx, table, rows));
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let from = 0; from < plain.length; from += perStatement) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the table is generic; the rows are its own
    await insertRows(db, table, plain.slice(from, from + perStatement), (chunk) => db.insertInto(table).values(chunk as any));
  }
}

/** The pooled connection the transaction `trx` holds, or undefined when the pool does not know it (a proxy between). */
async function transactionConnection(trx: Kysely<Database>, connections: Map<number, pg.PoolClient>): Promise<pg.PoolClient | undefined> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const pid = rows[0]?.pid;
  return pid === undefined ? undefined : connections.get(Number(pid));
}

async function copy(connection: pg.PoolClient, table: string, columns: string[], values: unknown[]): Promise<void> {
  const width = columns.length;
  const rowCount = values.length / width;
  function* chunks(): Generator<string> {
    for (let from = 0; from < rowCount; from += COPY_CHUNK_ROWS) {
      let text = "";
      const to = Math.min(rowCount, from + COPY_CHUNK_ROWS) * width;
      for (let at = from * width; at < to; at++) text += copyField(values[at]) + ((at + 1) % width === 0 ? "\n" : "\t");
      yield text;
    }
  }
  const target = `${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")})`;
  await pipeline(Readable.from(chunks()), connection.query(copyFrom(`copy ${target} from stdin`)));
}

/** A value as a field of COPY's text format: \N for null, and backslash, tab, newline and return escaped. */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = String(value);
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, (c) => ESCAPES[c]!) : text;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
