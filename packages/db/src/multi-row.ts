// Multi-row inserts without the query builder's cost per value. kysely makes a node of every value of a
// `values(rows)` and compiles them all each time a statement runs: for a cycle run's batch of 1,000 results
// (18,000 values) or an import's 2,000 employees, a tenth of the writing. Here the statement's text is
// kysely's own, compiled once per statement kind, columns and row count, and each later statement of that
// shape binds the rows' values laid out flat in the text's order.
import { CompiledQuery, type Compilable, type DialectAdapter, type Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Texts kept per database adapter: a statement kind's usual row counts, and a few others that come and go. */
const KEPT_TEXTS = 32;

/** By adapter, then by kind, columns and row count: the statement's text, or null when it binds more than the values. */
const texts = new WeakMap<DialectAdapter, Map<string, string | null>>();

type Row = Record<string, unknown>;

/** The rows' values in the columns' order, row after row; null when a row is not of the first row's shape or holds other than text, number or null. */
function flatValues(rows: readonly Row[], columns: readonly string[]): unknown[] | null {
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

/**
 * Runs the insert `build` makes of `rows` (`kind` names what it builds, e.g. "employees upsert"). Rows of one
 * shape whose values are texts, numbers or nulls bind to the text kept for their kind, columns and count. The
 * first statement of a shape is compiled by kysely and its parameters checked to be exactly the values, in
 * order; a builder that binds anything else (a value in its conflict clause) is compiled each time, as are
 * rows of mixed shapes.
 */
export async function insertRows<R extends Row>(db: Kysely<Database>, kind: string, rows: readonly R[], build: (rows: R[]) => Compilable): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values = flatValues(rows, columns);
  if (values === null) return void (await db.executeQuery(build([...rows]).compile()));
  const { adapter } = db.getExecutor();
  let kept = texts.get(adapter);
  if (!kept) texts.set(adapter, (kept = new Map()));
  const key = `${kind}\u0000${columns.join(",")}\u0000${rows.length}`;
  const text = kept.get(key);
  if (typeof text === "string") return void (await db.executeQuery(CompiledQuery.raw(text, values)));
  const compiled = build([...rows]).compile();
  if (text === undefined) {
    const bindsValues = compiled.parameters.length === values.length && compiled.parameters.every((p, i) => p === values[i]);
    if (kept.size >= KEPT_TEXTS) kept.delete(kept.keys().next().value!);
    kept.set(key, bindsValues ? compiled.sql : null);
  }
  await db.executeQuery(compiled);
}
