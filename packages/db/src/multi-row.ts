// Multi-row inserts without the query builder's cost per value. kysely makes a node of every value of a
// `values(rows)` and compiles them all each time a statement runs: for a cycle run's batch of 1,000 results
// (18,000 values) or an import's 2,000 employees, a tenth of the writing. Here the statement's text is
// kysely's own, compiled once per statement kind, columns and row count, and each later statement of that
// shape binds the rows' values laid out flat in the text's order.
//
// Rows go in as parts of a power of two each (1,000 rows: 512, 256, 128, 64, 32 and 8), so rows of any count
// reuse the texts of at most fifteen sizes per kind: a batch's outcome rows, whose count differs from batch to
// batch, were compiled by kysely and prepared by SQLite afresh for every batch.
import { CompiledQuery, type Compilable, type DialectAdapter, type Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Statement kinds kept per database adapter, each with its texts of up to fifteen sizes. */
const KEPT_KINDS = 32;

/**
 * By adapter, then by kind and columns: null when the kind's builder binds more than the rows' values,
 * otherwise its texts by row count.
 */
const texts = new WeakMap<DialectAdapter, Map<string, Map<number, string> | null>>();

type Row = Record<string, unknown>;

/** The rows' values in the columns' order, row after row; null when a row is not of the first row's shape or holds other than text, number or null. */
export function flatValues(rows: readonly Row[], columns: readonly string[]): unknown[] | null {
  const values: unknown[] = new Array(rows.length * columns.length);
  let at = 0;
  for (const row of rows) {
    if (Object.keys(row).length !== columns.length) return null;
    for (const column of columns) {
      const value = row[column];
      if (value !== null && typeof value !== "string" && typeof value !== "number") return null;
      values[at++] = value;
    }
  }
  return values;
}

/** The largest power of two not over `count` (count ≥ 1). */
function partOf(count: number): number {
  return 2 ** Math.floor(Math.log2(count));
}

/**
 * Runs the insert `build` makes of `rows` (`kind` names what it builds, e.g. "employees upsert"). Rows of one
 * shape whose values are texts, numbers or nulls go in as parts of a power of two each, every part binding
 * its values to the text kept for its kind, columns and size. The first statement of a size is compiled by
 * kysely and its parameters checked to be exactly the values, in order; a builder that binds anything else (a
 * value in its conflict clause) is compiled each time for all the rows at once, as are rows of mixed shapes.
 * The parts are one transaction: the caller's, or one of their own.
 */
export async function insertRows<R extends Row>(db: Kysely<Database>, kind: string, rows: readonly R[], build: (rows: R[]) => Compilable): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values = flatValues(rows, columns);
  const { adapter } = db.getExecutor();
  let kept = texts.get(adapter);
  if (!kept) texts.set(adapter, (kept = new Map()));
  const key = `${kind}\u0000${columns.join(",")}`;
  let sizes = kept.get(key);
  if (values === null || sizes === null) return void (await db.executeQuery(build([...rows]).compile()));
  if (partOf(rows.length) !== rows.length && !db.isTransaction) {
    return db.transaction().execute((trx) => insertRows(trx, kind, rows, build));
  }
  if (!sizes) {
    if (kept.size >= KEPT_KINDS) kept.delete(kept.keys().next().value!);
    kept.set(key, (sizes = new Map()));
  }
  const width = columns.length;
  for (let from = 0; from < rows.length; ) {
    const count = partOf(rows.length - from);
    const bound = values.slice(from * width, (from + count) * width);
    const text = sizes.get(count);
    if (text !== undefined) {
      await db.executeQuery(CompiledQuery.raw(text, bound));
    } else {
      const compiled = build(rows.slice(from, from + count)).compile();
      const bindsValues = compiled.parameters.length === bound.length && compiled.parameters.every((p, i) => p === bound[i]);
      await db.executeQuery(compiled);
      if (!bindsValues) {
        kept.set(key, null);
        // The rest goes in as the builder makes it, all at once.
        const rest = rows.slice(from + count);
        if (rest.length > 0) await db.executeQuery(build(rest).compile());
        return;
      }
      sizes.set(count, compiled.sql);
    }
    from += count;
  }
}
