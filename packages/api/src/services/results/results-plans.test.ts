// The results table's hot reads use the indexes meant for them, on both databases, in a region of realistic
// size: 15,000 results in the current run beside the 15,000 of the run before it, 40 OPDs of very different
// sizes. The results page's queries, its counts, and a run's reads of its employees' earlier results (their
// history, an annual roll-up's periods). Each query's plan (EXPLAIN QUERY PLAN on SQLite, which the server
// never gives statistics; EXPLAIN on PostgreSQL after VACUUM ANALYZE, as autovacuum leaves a table once a run
// is written, and again with only the statistics runs take and a VACUUM) must read the results table only
// through an index bounded by the region and the run, and through one of the indexes made for that read; a
// sequential scan of the table, or a scan of another index filtered row by row, fails.
import { CompiledQuery, sql, type Compilable } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { resultsOfRuns } from "../assessment/index.js";
import { unitSubtree } from "../organisation/index.js";
import { nipOf, seedResultsRegion, type ResultsRegion } from "../../testing/results-region.js";
import { filteredResults, nipPage, type ResultMatch } from "./results.js";
import { runCountsQuery } from "./result-counts.js";

const SIZE = 15_000;
const LIMIT = 100;

/** An index read, as the plan names it: the index, the columns it is searched by, whether it alone is read (no row). */
interface IndexRead {
  index: string;
  searchedBy: string;
  covering: boolean;
  /** PostgreSQL: the partition of results read (results is partitioned by region). */
  partition?: string;
}

/** PostgreSQL: each partition and partition index of this schema, to the table or index it is a partition of. */
async function partitionParents(database: TestDatabase): Promise<Map<string, string>> {
  const { rows } = await sql<{ child: string; parent: string }>`
    select c.relname as child, p.relname as parent from pg_inherits i
    join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
    where c.relnamespace = current_schema()::regnamespace`.execute(database.db);
  return new Map(rows.map((r) => [r.child, r.parent]));
}

/** The reads of the results table in a plan; a full scan of it reads as the index "(table)". */
async function resultsReads(database: TestDatabase, dialect: "sqlite" | "postgres", query: Compilable): Promise<IndexRead[]> {
  const { sql: text, parameters } = query.compile();
  if (dialect === "sqlite") {
    const plan = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return plan.rows.flatMap(({ detail }): IndexRead[] => {
      if (/^SCAN (results|r)\b/.test(detail) && !/^SCAN (results|r) USING/.test(detail)) return [{ index: "(table)", searchedBy: "", covering: false }];
      const read = /^(SEARCH|SCAN) (?:results|r)(?: AS \w+)? USING (COVERING )?INDEX (\w+)(?: \((.*)\))?/.exec(detail);
      if (!read) return [];
      return [{ index: read[1] === "SCAN" ? `${read[3]!} (whole)` : read[3]!, searchedBy: read[4] ?? "", covering: read[2] !== undefined }];
    });
  }
  const plan = await database.db.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
  const reads: IndexRead[] = [];
  const parents = await partitionParents(database);
  const walk = (node: Record<string, unknown>) => {
    const relation = String(node["Relation Name"] ?? "");
    if ((parents.get(relation) ?? relation) === "results") {
      const type = String(node["Node Type"]);
      if (type === "Seq Scan") reads.push({ index: "(table)", searchedBy: "", covering: false, partition: relation });
      else {
        const searchedBy = String(node["Index Cond"] ?? node["Recheck Cond"] ?? "");
        const index = String(node["Index Name"] ?? type);
        reads.push({ index: parents.get(index) ?? index, searchedBy, covering: type === "Index Only Scan", partition: relation });
      }
    }
    for (const child of (node.Plans as Array<Record<string, unknown>> | undefined) ?? []) walk(child);
  };
  const [root] = (typeof plan.rows[0]!["QUERY PLAN"] === "string" ? JSON.parse(plan.rows[0]!["QUERY PLAN"]) : plan.rows[0]!["QUERY PLAN"]) as Array<{ Plan: Record<string, unknown> }>;
  walk(root!.Plan);
  return reads;
}

describe.skipIf(!inject("dialects").includes("postgres"))("results partitioned by region on postgres", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(() => database?.dispose());

  it("gives each region made its own partition of results and result_outcomes, and a region's page reads that one alone", async () => {
    const samarinda = await seedResultsRegion(database.db, "postgres", { regionId: "samarinda", size: 300, previousRun: false });
    await seedResultsRegion(database.db, "postgres", { regionId: "binjai", size: 300, previousRun: false });
    const parents = await partitionParents(database);
    const partitions = (parent: string) => [...parents].filter(([, p]) => p === parent).map(([child]) => child).sort();
    const name = async (table: string, region: string) =>
      (await sql<{ name: string }>`select region_partition_name(${table}, ${region}) as name`.execute(database.db)).rows[0]!.name;
    for (const table of ["results", "result_outcomes"]) {
      expect(partitions(table)).toEqual([await name(table, "binjai"), `${table}_default`, await name(table, "samarinda")].sort());
    }
    const counts = await sql<{ table: string; n: string }>`
      select tableoid::regclass::text as table, count(*) as n from results group by 1 order by 1`.execute(database.db);
    expect(counts.rows.map((r) => [r.table, Number(r.n)])).toEqual(
      [[await name("results", "binjai"), 300], [await name("results", "samarinda"), 300]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const query = nipPage(filteredResults(database.db, samarinda.regionId, samarinda.runId, { kind: "all" }, { units: null }), undefined, LIMIT);
    const plan = await database.db.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${query.compile().sql}`, [...query.compile().parameters]));
    const text = typeof plan.rows[0]!["QUERY PLAN"] === "string" ? String(plan.rows[0]!["QUERY PLAN"]) : JSON.stringify(plan.rows[0]!["QUERY PLAN"]);
    const relations = [...text.matchAll(/"Relation Name":\s*"([^"]+)"/g)].map((m) => m[1]!);
    const ofResults = relations.filter((r) => parents.get(r) === "results" || r === "results");
    expect(new Set(ofResults)).toEqual(new Set([await name("results", "samarinda")]));
  });
});

/**
 * Each database, and PostgreSQL twice: with the statistics autovacuum takes of every table and column, and with
 * only those runs take of their own rows (analyseResults: the columns that plan queries), as where autovacuum is
 * off and nothing else was ever analysed.
 */
const settings: Array<["sqlite" | "postgres", "autovacuum" | "run"]> = [
  ...inject("dialects").map((dialect): ["sqlite" | "postgres", "autovacuum"] => [dialect, "autovacuum"]),
  ...(inject("dialects").includes("postgres") ? [["postgres", "run"] as ["postgres", "run"]] : []),
];

describe.each(settings)("the results page's query plans on %s, statistics as %s takes them", (dialect, statistics) => {
  let database: TestDatabase;
  let region: ResultsRegion;
  /** PostgreSQL: the region's partition of results, the only one its queries may read. */
  let partition: string | undefined;
  /** Subtrees: the largest OPD (a fifth of the region), a middling one, a small one, one sub-unit. */
  const subtrees: Record<string, string[]> = {};

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    region = await seedResultsRegion(database.db, dialect, { regionId: "plans", size: SIZE, previousRun: true, statistics });
    if (dialect === "postgres") {
      // Another region's results beside it, in their own partition, which the queries must never read.
      await seedResultsRegion(database.db, dialect, { regionId: "tetangga", size: 2_000, previousRun: false, statistics });
      partition = (await sql<{ name: string }>`select region_partition_name('results', 'plans') as name`.execute(database.db)).rows[0]?.name;
      if (statistics === "autovacuum") {
        await sql`vacuum (analyze) results`.execute(database.db);
        await sql`vacuum (analyze) result_outcomes`.execute(database.db);
      } else {
        // Vacuumed without statistics: the counts' index-only reads need the visibility map a vacuum sets, which
        // a run does not (without it the planner counts a run by reading the partition, whatever its statistics).
        await sql`vacuum results`.execute(database.db);
        await sql`vacuum result_outcomes`.execute(database.db);
        const documents = await sql<{ n: string }>`
          select count(*) as n from pg_stats where schemaname = current_schema() and tablename like 'results%'
          and attname in ('scores', 'decisions', 'outcomes', 'explanation', 'input', 'rollup')`.execute(database.db);
        expect(Number(documents.rows[0]!.n), "a run's statistics take none of the documents").toBe(0);
      }
    }
    for (const [name, unitId] of [
      ["largest OPD", region.opds[0]!],
      ["middling OPD", region.opds[9]!],
      ["small OPD", region.opds[35]!],
      ["one sub-unit", region.subUnits[12]!],
    ] as const) {
      subtrees[name] = await unitSubtree(database.db, region.regionId, unitId);
    }
  }, 300_000);
  afterAll(() => database?.dispose());

  const page = (match: Partial<ResultMatch>, cursor?: string) =>
    nipPage(filteredResults(database.db, region.regionId, region.runId, { kind: "all" }, { units: null, ...match }), cursor, LIMIT);
  /** A cursor past the middle of the run, as a later page sends. */
  const later = () => Buffer.from(JSON.stringify([nipOf(SIZE / 2)])).toString("base64url");

  function expectReads(reads: IndexRead[], allowed: readonly string[], what: string) {
    expect(reads.length, `${what}: reads of results in ${JSON.stringify(reads)}`).toBeGreaterThan(0);
    for (const read of reads) {
      expect(allowed, `${what}: ${JSON.stringify(read)}`).toContain(read.index);
      expect(read.searchedBy, `${what}: ${read.index} searched by the region and the run`).toMatch(/region_id.*run_id/);
      if (dialect === "postgres") expect(read.partition, `${what}: only the region's partition of results is read`).toBe(partition);
    }
  }

  it("reads a page of the whole run in NIP order from the NIP index, first and later pages", async () => {
    for (const cursor of [undefined, later()]) {
      expectReads(await resultsReads(database, dialect, page({}, cursor)), ["results_nip_page_idx"], `no filter, cursor ${cursor ?? "none"}`);
    }
  });

  it("reads a predikat's page from the predikat index", async () => {
    for (const predikat of region.predikat) {
      for (const cursor of [undefined, later()]) {
        expectReads(await resultsReads(database, dialect, page({ predikat }, cursor)), ["results_predikat_page_idx"], `predikat ${predikat}`);
      }
    }
  });

  it("reads a unit subtree's page in NIP order, or by its units when they are few", async () => {
    for (const [name, units] of Object.entries(subtrees)) {
      for (const cursor of [undefined, later()]) {
        expectReads(await resultsReads(database, dialect, page({ units }, cursor)), ["results_nip_page_idx", "results_unit_page_idx"], name);
      }
    }
  });

  it("reads a unit subtree's page of one predikat by the predikat or by the units", async () => {
    for (const [name, units] of Object.entries(subtrees)) {
      for (const predikat of region.predikat) {
        for (const cursor of [undefined, later()]) {
          expectReads(
            await resultsReads(database, dialect, page({ units, predikat }, cursor)),
            ["results_predikat_page_idx", "results_unit_page_idx"],
            `${name}, ${predikat}`,
          );
        }
      }
    }
  });

  it("reads a batch's results of earlier finalised runs by the results' key, as a run reads their history and periods", async () => {
    const batch = (
      await database.db.selectFrom("results").select("employee_id").where("region_id", "=", region.regionId).where("run_id", "=", region.runId).orderBy("employee_id").limit(250).execute()
    ).map((r) => r.employee_id);
    for (const [what, query] of [
      ["history", resultsOfRuns(database.db, region.regionId, [region.runId], batch)],
      ["an annual roll-up's periods", resultsOfRuns(database.db, region.regionId, [region.runId], batch).select(["input", "predikat_label"])],
    ] as const) {
      const reads = await resultsReads(database, dialect, query);
      expectReads(reads, ["results_pk", "sqlite_autoindex_results_1"], what);
      for (const read of reads) expect(read.searchedBy, `${what}: ${JSON.stringify(read)}`).toMatch(/employee_id/);
    }
  });

  it("counts the run by unit and predikat from an index alone, and by an outcome type through the run's range of results", async () => {
    const counts = await resultsReads(database, dialect, runCountsQuery(database.db, region.regionId, region.runId));
    expectReads(counts, ["results_unit_page_idx", "results_nip_page_idx", "results_predikat_page_idx"], "counts");
    expect(counts.every((read) => read.covering), `counts read rows: ${JSON.stringify(counts)}`).toBe(true);
    expectReads(
      await resultsReads(database, dialect, runCountsQuery(database.db, region.regionId, region.runId, "usulan_kenaikan_pangkat")),
      ["results_pk", "sqlite_autoindex_results_1", "results_unit_page_idx"],
      "counts of an outcome type",
    );
  });
});
