// What the cycle-run benches share: a large region of Samarinda's demo people in an open cycle (prepare), the
// rows a run wrote read back (runRows), the bare writes of the same rows into a fresh database, COPY on
// PostgreSQL (timeBare), and the process's peak resident size while work runs (withPeakRss).
import { now, type CycleRow, type DialectName, type NewResult, type NewResultOutcome } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { demoProfileSchema } from "@kinerja/core";
import { chmodSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "kysely";
import { systemScope } from "../src/services/access/index.js";
import { createCycle, findCycle, openCycle } from "../src/services/cycles/index.js";
import { insertRun } from "../src/services/results/index.js";
import { loadRuleFile, publishRuleSet, saveDraft } from "../src/services/rules/index.js";
import { demoAppraisals, writeDemoAssessments, writeDemoOrganisation } from "../src/services/seed/index.js";
import { BENCH_REGION, inChunks } from "./large-region.js";

export const REGION = BENCH_REGION;
const RULES = fileURLToPath(new URL("../../../rules/samarinda.json", import.meta.url));
const PROFILE = fileURLToPath(new URL("../../../rules/demo/samarinda.json", import.meta.url));
export const ACTOR = { id: null, name: "Uji beban", role: "operator" } as const;
/** Rows per bare multi-row insert: 18 columns each keeps a statement within SQLite's 32,766 parameters. */
const BARE_ROWS = 1_000;
export const COPY = process.env.KINERJA_BENCH_COPY !== "0";

export function sizes(variable: string, fallback: number[]): number[] {
  const given = process.env[variable];
  return (given ? given.split(",").map(Number) : fallback).filter((n) => n > 0);
}

/** The rows a run holds, as the job wrote them. */
export interface RunRows {
  results: NewResult[];
  outcomes: NewResultOutcome[];
}

/**
 * Samarinda's units and `size` of its demo employees (core's generator, as a first start seeds them), its
 * rules published and an open cycle holding their submitted assessments; PostgreSQL's tables analysed after.
 */
export async function prepare(database: TestDatabase, dialect: DialectName, size: number): Promise<CycleRow> {
  const { db } = database;
  const { content, ruleSet } = loadRuleFile(RULES);
  const profile = demoProfileSchema.parse(JSON.parse(readFileSync(PROFILE, "utf8")));
  await db.insertInto("regions").values({ id: REGION, name: "Kota Uji Beban", created_at: now() }).execute();
  const scope = systemScope(db, REGION, ACTOR);
  const { version } = await saveDraft(scope, { content });
  await publishRuleSet(scope, version);
  const inputs = demoAppraisals(ruleSet, profile, { size, seed: 2025, year: 2025 });
  const employees = await db.transaction().execute((trx) => writeDemoOrganisation(trx, REGION, profile, inputs));
  const kind = ruleSet.period?.kind ?? "annual";
  const cycle = await createCycle(scope, { name: "Penilaian Uji Beban", periodKind: kind, periodLabel: "2025" });
  await openCycle(scope, cycle.id);
  await db.transaction().execute((trx) => writeDemoAssessments(trx, REGION, cycle.id, inputs, employees));
  if (dialect === "postgres") await sql`analyze`.execute(db);
  return findCycle(db, REGION, cycle.id);
}

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/** JSON as the job wrote it: PostgreSQL gives jsonb back in its own spacing and key order. */
function minified(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/** Rows read back at a time: PostgreSQL's spaced-out jsonb of a whole large run at once passes V8's heap. */
const READ_ROWS = 5_000;

export async function runRows(database: TestDatabase, runId: string): Promise<RunRows> {
  const { db } = database;
  const results: NewResult[] = [];
  for (let after = ""; ; ) {
    const page = await db
      .selectFrom("results")
      .selectAll()
      .where("region_id", "=", REGION)
      .where("run_id", "=", runId)
      .where("employee_id", ">", after)
      .orderBy("employee_id")
      .limit(READ_ROWS)
      .execute();
    for (const r of page) {
      results.push({
        ...r,
        score: r.score === null ? null : Number(r.score),
        scores: minified(r.scores),
        decisions: minified(r.decisions),
        outcomes: minified(r.outcomes),
        explanation: r.explanation === null ? null : minified(r.explanation),
        input: minified(r.input),
      });
    }
    const last = page.at(-1);
    if (!last || page.length < READ_ROWS) break;
    after = last.employee_id;
  }
  const outcomes = await db.selectFrom("result_outcomes").selectAll().where("region_id", "=", REGION).where("run_id", "=", runId).orderBy("employee_id").orderBy("type").execute();
  return { results, outcomes };
}

/**
 * What the results table takes in the database per result row of the run: its pages and its indexes' on
 * SQLite (dbstat), the region's partition with its indexes and TOAST on PostgreSQL. The database holds this
 * run's results only.
 */
export async function bytesPerResult(database: TestDatabase, dialect: DialectName, runId: string): Promise<number> {
  const { db } = database;
  const { n } = await db
    .selectFrom("results")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("region_id", "=", REGION)
    .where("run_id", "=", runId)
    .executeTakeFirstOrThrow();
  const { rows } =
    dialect === "sqlite"
      ? await sql<{ bytes: number | string }>`select sum(pgsize) as bytes from dbstat where name in (select name from sqlite_schema where tbl_name = 'results')`.execute(db)
      : await sql<{ bytes: number | string }>`select pg_total_relation_size(coalesce(to_regclass(region_partition_name('results', ${REGION})), 'results'::regclass)) as bytes`.execute(db);
  return Number(rows[0]?.bytes ?? 0) / Number(n);
}

/** The process's largest resident size while `work` runs, sampled every 100 ms, garbage collected first. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakRssMb: number }> {
  collectGarbage();
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  try {
    const value = await work();
    return { value, peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

/** A value in COPY's text format. */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  return String(value).replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Writes rows as a COPY text file the server can read; returns its path and the columns in file order. */
function copyFile(dir: string, name: string, rows: object[]): { path: string; columns: string[] } {
  const columns = Object.keys(rows[0] ?? {});
  const path = join(dir, `${name}.tsv`);
  const file = openSync(path, "w", 0o644);
  try {
    // Row by row: a run's rows together pass the longest string V8 makes.
    for (const row of rows) writeSync(file, columns.map((c) => copyField((row as Record<string, unknown>)[c])).join("\t") + "\n");
  } finally {
    closeSync(file);
  }
  return { path, columns };
}

export async function timeBare(dialect: DialectName, size: number, rows: RunRows): Promise<{ seconds: number; peakRssMb: number }> {
  const database = await createTestDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), "kinerja-copy-"));
  chmodSync(dir, 0o755);
  try {
    const cycle = await prepare(database, dialect, size);
    const { db } = database;
    const { runId } = await db.transaction().execute((trx) => insertRun(trx, cycle, ACTOR, { kind: "cycle.run", total: size, reason: null, complete: false, at: now() }));
    const results = rows.results.map((r) => ({ ...r, run_id: runId }));
    const outcomes = rows.outcomes.map((o) => ({ ...o, run_id: runId }));
    const copy = dialect === "postgres" && COPY ? { results: copyFile(dir, "results", results), outcomes: copyFile(dir, "outcomes", outcomes) } : null;
    const { value: seconds, peakRssMb } = await withPeakRss(async () => {
      const started = performance.now();
      await db.transaction().execute(async (trx) => {
        if (copy) await sql.raw(`copy results (${copy.results.columns.join(", ")}) from '${copy.results.path}'`).execute(trx);
        else await inChunks(results, BARE_ROWS, (chunk) => trx.insertInto("results").values(chunk).execute());
        // As a bulk load is done: the outcomes' key checks then find their results by statistics that know them.
        if (dialect === "postgres") await sql`analyze results`.execute(trx);
        if (outcomes.length === 0) return;
        if (copy) await sql.raw(`copy result_outcomes (${copy.outcomes.columns.join(", ")}) from '${copy.outcomes.path}'`).execute(trx);
        else await inChunks(outcomes, BARE_ROWS * 4, (chunk) => trx.insertInto("result_outcomes").values(chunk).execute());
      });
      return (performance.now() - started) / 1000;
    });
    const written = await db.selectFrom("results").select((eb) => eb.fn.countAll().as("n")).where("run_id", "=", runId).executeTakeFirstOrThrow();
    if (Number(written.n) !== rows.results.length) throw new Error(`the bare writes stored ${written.n} results; the job wrote ${rows.results.length}`);
    return { seconds, peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.dispose();
  }
}

export function label(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

