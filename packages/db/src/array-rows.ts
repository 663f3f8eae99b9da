// Rows read as arrays of their columns' values, for the hottest reads: each part of a cycle run's batch reads
// some 1,400 assessment sheets. better-sqlite3 builds an object for each row it gives, a property at a time,
// and for those sheets that was two fifths of the read. On SQLite the statement's text is marked (ARRAY_ROWS,
// a comment before it) and the connection prepares it to give each row as an array (keepingStatements,
// dialect.ts); PostgreSQL's driver gives objects, laid out here in the columns' order.
import { CompiledQuery, SqliteAdapter, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database } from "./schema.js";

/** Begins the text of a SQLite statement whose rows are arrays. */
export const ARRAY_ROWS = "/* rows as arrays */ ";

/** Each row of a query that selects `columns`, as the tuple of its values in the columns' order. */
export type ArrayRow<O, C extends readonly (keyof O)[]> = { -readonly [I in keyof C]: O[C[I]] };

/**
 * The rows of `query`, each as an array of its values in the order of `columns`. The query must select
 * exactly `columns`, in that order (build it with `.select(columns)`): SQLite gives each row's values in the
 * order the statement selects them.
 */
export async function selectArrays<O, const C extends readonly (keyof O & string)[]>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, never, O> | SelectQueryBuilder<Database, keyof Database, O>,
  columns: C,
): Promise<Array<ArrayRow<O, C>>> {
  const compiled = query.compile();
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const { rows } = await db.executeQuery<ArrayRow<O, C>>(CompiledQuery.raw(ARRAY_ROWS + compiled.sql, [...compiled.parameters]));
    return rows;
  }
  const { rows } = await db.executeQuery(compiled);
  return rows.map((row) => columns.map((column) => row[column]) as ArrayRow<O, C>);
}
