// The reads that give a run's parts their realisasi (realisasiReads) use indexes bounded by the cycle and the
// part's employees, on both databases: on SQLite as the server has it, without statistics; on PostgreSQL after
// ANALYZE over a region of 100,000 plans in two cycles, 300,000 IKIs and 500,000 work entries. A read of every
// plan, IKI or work entry of the region (a sequential scan, or an index searched by the region alone) fails.
import { CompiledQuery, sql, type Compilable } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { realisasiReads } from "./realisasi.js";

const PLANS = 100_000;
const TABLES = ["plans", "plan_iki", "work_entries"] as const;

interface Read {
  table: string;
  /** The index, or "(table)" for a scan of the whole table. */
  index: string;
  searchedBy: string;
}

async function reads(database: TestDatabase, dialect: "sqlite" | "postgres", query: Compilable): Promise<Read[]> {
  const { sql: text, parameters } = query.compile();
  if (dialect === "sqlite") {
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return plan.rows.flatMap(({ detail }): Read[] => {
      const read = /^(SEARCH|SCAN) (\w+)(?: USING (?:COVERING )?INDEX (\w+)(?: \((.*)\))?)?/.exec(detail);
      if (!read || !(TABLES as readonly string[]).includes(read[2]!)) return [];
      return [{ table: read[2]!, index: read[3] ?? "(table)", searchedBy: read[1] === "SCAN" ? "" : (read[4] ?? "") }];
    });
  }
  const { rows: inherits } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where c.relnamespace = current_schema()::regnamespace`.execute(database.db);
  const parents = new Map(inherits.map((r) => [r.child, r.parent]));
  const plan = await database.db.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
  const found: Read[] = [];
  const walk = (node: Record<string, unknown>) => {
    const relation = String(node["Relation Name"] ?? "");
    const table = parents.get(relation) ?? relation;
    if ((TABLES as readonly string[]).includes(table)) {
      const type = String(node["Node Type"]);
      const index = type === "Seq Scan" ? "(table)" : String(node["Index Name"] ?? type);
      found.push({ table, index: parents.get(index) ?? index, searchedBy: String(node["Index Cond"] ?? node["Recheck Cond"] ?? "") });
    }
    // A bitmap heap scan's index is named by the bitmap index scan under it.
    if (String(node["Node Type"]) === "Bitmap Heap Scan") {
      const under = (node.Plans as Array<Record<string, unknown>> | undefined) ?? [];
      const last = found.at(-1);
      const indexes = under.map((child) => String(child["Index Name"] ?? "")).filter(Boolean);
      if (last && indexes.length > 0) last.index = indexes.map((i) => parents.get(i) ?? i).join("+");
    }
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  const raw = plan.rows[0]!["QUERY PLAN"];
  const [root] = (typeof raw === "string" ? JSON.parse(raw) : raw) as Array<{ Plan: Record<string, unknown> }>;
  walk(root!.Plan);
  return found;
}

/** PostgreSQL: rows for the planner's statistics, written without the foreign keys' checks (the test's own schema). */
async function seedPostgres(database: TestDatabase): Promise<void> {
  const columns = async (table: string) =>
    (
      await sql<{ name: string; type: string; required: boolean }>`
        select column_name as name, data_type as type, (is_nullable = 'NO' and column_default is null) as required
        from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(database.db)
    ).rows;
  // One connection, which the role holds for.
  await database.db.connection().execute(async (db) => {
    const fill = async (table: string, count: number, given: Record<string, string>) => {
      const list = (await columns(table)).filter((c) => c.name in given || c.required);
      const values = list.map((c) => given[c.name] ?? (/(int|double|numeric|real)/.test(c.type) ? "1" : "'x'"));
      await sql.raw(`insert into ${table} (${list.map((c) => `"${c.name}"`).join(", ")}) select ${values.join(", ")} from generate_series(1, ${count}) g`).execute(db);
    };
    await sql`set session_replication_role = replica`.execute(db);
    await fill("plans", PLANS, { region_id: "'r'", id: "'p' || g", cycle_id: "'c' || (g % 2)", employee_id: "'e' || (g / 2)", status: "'approved'" });
    await fill("plan_iki", PLANS * 3, { region_id: "'r'", id: "'i' || g", plan_id: "'p' || (g / 3)", indicator_id: "'hasil'", target: "10", position: "g % 3" });
    await fill("work_entries", PLANS * 5, { region_id: "'r'", id: "'w' || g", cycle_id: "'c' || ((g / 5) % 2)", employee_id: "'e' || (g / 10)", iki_id: "'i' || (g / 2)", status: "'confirmed'", quantity: "1" });
    await sql`set session_replication_role = origin`.execute(db);
  });
  for (const table of TABLES) await sql.raw(`analyze ${table}`).execute(database.db);
}

describe.each(inject("dialects"))("the realisasi reads' plans on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    if (dialect === "postgres") await seedPostgres(database);
  }, 300_000);
  afterAll(() => database?.dispose());

  it("reads a part's plans, their IKIs and their confirmed entries by indexes bounded by the cycle and the part", async () => {
    const employees = Array.from({ length: 250 }, (_, i) => `e${i * 7}`);
    const plans = Array.from({ length: 250 }, (_, i) => `p${i * 35}`);
    const query = realisasiReads(database.db, "r", "c1", employees);
    for (const [what, compilable, table, boundedBy] of [
      ["plans", query.plans, "plans", /cycle_id.*employee_id|employee_id.*cycle_id/],
      ["IKIs", query.ikis(plans), "plan_iki", /plan_id/],
      ["confirmed entries", query.confirmed, "work_entries", /cycle_id.*employee_id|employee_id.*cycle_id/],
    ] as const) {
      const found = await reads(database, dialect, compilable);
      expect(found.length, `${what}: ${JSON.stringify(found)}`).toBeGreaterThan(0);
      for (const read of found) {
        expect(read.table, what).toBe(table);
        expect(read.index, `${what}: ${JSON.stringify(read)}`).not.toBe("(table)");
        expect(read.searchedBy, `${what}: ${JSON.stringify(read)}`).toMatch(boundedBy);
      }
    }
  });
});
