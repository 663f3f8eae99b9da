// What a query's plan reads of some tables, on either database, for tests that hold a hot read to its indexes;
// and rows written straight into PostgreSQL tables so its planner has statistics to plan by.
import { CompiledQuery, sql, type Compilable, type Kysely } from "kysely";
import type { Database } from "@kinerja/db";
import type { TestDatabase } from "@kinerja/db/testing";

export interface TableRead {
  table: string;
  /** The index, or "(table)" for a scan of the whole table. */
  index: string;
  /** What the index is searched by, as the plan says it. */
  searchedBy: string;
}

/** The reads of `tables` in the query's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL), partitions as their tables. */
export async function tableReads(database: TestDatabase, dialect: "sqlite" | "postgres", query: Compilable, tables: readonly string[]): Promise<TableRead[]> {
  const { sql: text, parameters } = query.compile();
  if (dialect === "sqlite") {
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return plan.rows.flatMap(({ detail }): TableRead[] => {
      const read = /^(SEARCH|SCAN) (\w+)(?: USING (?:COVERING )?INDEX (\w+)(?: \((.*)\))?)?/.exec(detail);
      if (!read || !tables.includes(read[2]!)) return [];
      return [{ table: read[2]!, index: read[3] ?? "(table)", searchedBy: read[1] === "SCAN" ? "" : (read[4] ?? "") }];
    });
  }
  const { rows: inherits } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where c.relnamespace = current_schema()::regnamespace`.execute(database.db);
  const parents = new Map(inherits.map((r) => [r.child, r.parent]));
  const plan = await database.db.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
  const found: TableRead[] = [];
  const walk = (node: Record<string, unknown>) => {
    const relation = String(node["Relation Name"] ?? "");
    const table = parents.get(relation) ?? relation;
    const children = (node.Plans as Array<Record<string, unknown>> | undefined) ?? [];
    if (tables.includes(table)) {
      const type = String(node["Node Type"]);
      // A bitmap heap scan's index is named by the bitmap index scans under it.
      const bitmaps = type === "Bitmap Heap Scan" ? children.map((child) => String(child["Index Name"] ?? "")).filter(Boolean) : [];
      const index = type === "Seq Scan" ? "(table)" : bitmaps.length > 0 ? bitmaps.map((i) => parents.get(i) ?? i).join("+") : String(node["Index Name"] ?? type);
      found.push({ table, index: parents.get(index) ?? index, searchedBy: String(node["Index Cond"] ?? node["Recheck Cond"] ?? "") });
    }
    for (const child of children) walk(child);
  };
  const raw = plan.rows[0]!["QUERY PLAN"];
  const [root] = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: Record<string, unknown> }>;
  walk(root!.Plan);
  return found;
}

/**
 * PostgreSQL: writes `count` rows into `table` from generate_series (g = 1…count), each column given as an SQL
 * expression of g, required columns not given filled with 'x' or 1, on one connection with the foreign keys'
 * checks off (the test's own schema), then analyses the table.
 */
export async function fillForPlanner(db: Kysely<Database>, table: string, count: number, given: Record<string, string>): Promise<void> {
  const { rows: columns } = await sql<{ name: string; type: string; required: boolean }>`
    select column_name as name, data_type as type, (is_nullable = 'NO' and column_default is null) as required
    from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db);
  const list = columns.filter((c) => c.name in given || c.required);
  const values = list.map((c) => given[c.name] ?? (/(int|double|numeric|real)/.test(c.type) ? "1" : "'x'"));
  await db.connection().execute(async (one) => {
    await sql`set session_replication_role = replica`.execute(one);
    try {
      await sql.raw(`insert into ${table} (${list.map((c) => `"${c.name}"`).join(", ")}) select ${values.join(", ")} from generate_series(1, ${count}) g`).execute(one);
    } finally {
      await sql`set session_replication_role = origin`.execute(one);
    }
  });
  await sql.raw(`analyze ${table}`).execute(db);
}
