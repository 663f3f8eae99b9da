// An evaluated region at scale, for the results page's query-plan test and its benchmark: a unit tree of
// the usual shape (the pemda, its OPDs of very different sizes, each with a few sub-units), a published
// rule set, a cycle, and results written straight into its runs as a run writes them, with real inputs
// (64 demo appraisals of the national rule set, evaluated, the rest copies of their rows), as many as asked. Optionally a
// previous run of the same results, as a forum's calibration leaves one beside the current run.
import type { AppraisalInput } from "@kinerja/core";
import { now, type Database, type DialectName, type NewResult, type NewResultOutcome } from "@kinerja/db";
import { sql, type Kysely } from "kysely";
import { systemScope } from "../services/access/index.js";
import { createCycle, findCycle } from "../services/cycles/index.js";
import { analyseResults, evaluated, insertRun, outcomeRows, resultRow } from "../services/results/index.js";
import { compileContent, loadRuleFile, publishRuleSet, saveDraft } from "../services/rules/index.js";
import { demoAppraisals } from "../services/seed/index.js";
import { demoProfile, NATIONAL_RULES } from "./env.js";

const ACTOR = { id: null, name: "Uji beban", role: "operator" } as const;
const INSERT_ROWS = 2_000;
const TEMPLATES = 64;

export interface ResultsRegionOptions {
  regionId: string;
  /** Results in the current run. */
  size: number;
  /** OPDs under the pemda; employees fall to them by a Zipf law, as a Dinas Pendidikan outnumbers a Badan. */
  opds?: number;
  /** Sub-units under each OPD. */
  subUnits?: number;
  /** Write the same results once more as an earlier run of the cycle. */
  previousRun?: boolean;
  /**
   * PostgreSQL's statistics once the runs are written: of every table and column, as autovacuum takes them
   * (the default), or only those a run takes of its own rows (analyseResults), as on a server whose
   * autovacuum is off.
   */
  statistics?: "autovacuum" | "run";
}

export interface ResultsRegion {
  regionId: string;
  cycleId: string;
  runId: string;
  /** OPD ids, largest first. */
  opds: string[];
  /** Sub-unit ids of every OPD, in the OPDs' order. */
  subUnits: string[];
  /** Predikat ids the results hold, most frequent first. */
  predikat: string[];
}

/** A NIP with a real shape (birth date, start of service, sex, sequence); unique for i < 270,000. */
export function nipOf(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const start = `${1990 + Math.floor(i / 9000)}${String((i % 12) + 1).padStart(2, "0")}`;
  return `${birth}${start}1001`;
}

/** The OPD of each of `size` employees by a Zipf law over `opds`, deterministic. */
function opdOf(size: number, opds: number): (i: number) => number {
  const weights = Array.from({ length: opds }, (_, k) => 1 / (k + 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const bounds: number[] = [];
  let acc = 0;
  for (const w of weights) bounds.push((acc += (w / sum) * size));
  return (i) => {
    // A stride through the employees, so an OPD's people are spread over the NIP order as in life.
    const position = (i * 7919) % size;
    return bounds.findIndex((b) => position < b);
  };
}

export async function seedResultsRegion(db: Kysely<Database>, dialect: DialectName, options: ResultsRegionOptions): Promise<ResultsRegion> {
  const { regionId, size } = options;
  const opdCount = options.opds ?? 40;
  const subCount = options.subUnits ?? 5;
  const at = now();
  await db.insertInto("regions").values({ id: regionId, name: `Kabupaten ${regionId}`, created_at: at }).execute();
  const opds = Array.from({ length: opdCount }, (_, k) => `${regionId}-opd-${k}`);
  const subUnits = opds.flatMap((opd) => Array.from({ length: subCount }, (_, j) => `${opd}-${j}`));
  await db
    .insertInto("units")
    .values([
      { region_id: regionId, id: `${regionId}-pemda`, parent_id: null, name: "Pemerintah Daerah", type: null, created_at: at },
      ...opds.map((id, k) => ({ region_id: regionId, id, parent_id: `${regionId}-pemda`, name: `OPD ${k}`, type: null, created_at: at })),
      ...subUnits.map((id) => ({ region_id: regionId, id, parent_id: id.slice(0, id.lastIndexOf("-")), name: `Bidang ${id}`, type: null, created_at: at })),
    ])
    .execute();

  const scope = systemScope(db, regionId, ACTOR);
  const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
  const { version } = await saveDraft(scope, { content });
  await publishRuleSet(scope, version);
  const created = await createCycle(scope, { name: "Penilaian Tahunan 2025", periodKind: "annual", periodLabel: "2025" });
  const compiled = compileContent(content, NATIONAL_RULES);
  const templates = demoAppraisals(ruleSet, demoProfile("binjai"), { size: TEMPLATES, seed: 1 }).map((input) => ({ input, appraised: evaluated(compiled, input) }));

  const opdIndex = opdOf(size, opdCount);
  const employeeOf = (i: number) => ({
    id: `${regionId}-e-${String(i).padStart(7, "0")}`,
    nip: nipOf(i),
    nama: `Pegawai ${i}`,
    unit: `${opds[opdIndex(i)]}-${i % subCount}`,
  });
  const runStatistics = options.statistics === "run";
  /** Statistics as autovacuum takes them (of the whole database once the runs are in), or as a run does. */
  const analyse = async (whole = false) => {
    if (runStatistics) await analyseResults(db, regionId, ["results", "result_outcomes"]);
    else await (whole ? sql`analyze` : sql`analyze results, result_outcomes`).execute(db);
  };
  const writeRun = async (): Promise<string> => {
    const cycle = await findCycle(db, regionId, created.id);
    const { runId } = await insertRun(db, cycle, ACTOR, { kind: "cycle.run", total: size, reason: null, complete: true, at });
    // The templates are evaluated rows; every other row copies its template's stored JSON (parsing it into
    // jsonb for each of 100,000 rows would take PostgreSQL minutes).
    const rows: NewResult[] = [];
    const outcomes: NewResultOutcome[] = [];
    for (let i = 0; i < Math.min(size, TEMPLATES); i++) {
      const { input, appraised } = templates[i]!;
      const employee = employeeOf(i);
      const own: AppraisalInput = { ...input, employee: { ...input.employee, nip: employee.nip, nama: employee.nama, unit: employee.unit } };
      rows.push(resultRow(regionId, runId, cycle.rule_set_hash, employee.id, own, appraised));
      outcomes.push(...outcomeRows(regionId, runId, employee.id, appraised.result));
    }
    await db.insertInto("results").values(rows).execute();
    if (outcomes.length > 0) await db.insertInto("result_outcomes").values(outcomes).execute();
    // Never analysed, PostgreSQL would join each copy to a scan of the whole table.
    if (dialect === "postgres") await analyse();
    for (let start = TEMPLATES; start < size; start += INSERT_ROWS) {
      const copies = Array.from({ length: Math.min(INSERT_ROWS, size - start) }, (_, k) => {
        const e = employeeOf(start + k);
        return sql`(${e.id}, ${e.nip}, ${e.nama}, ${e.unit}, ${employeeOf((start + k) % TEMPLATES).id})`;
      });
      const copy = sql`with v(employee_id, nip, nama, unit_id, template) as (values ${sql.join(copies)})`;
      const template = sql`t.region_id = ${regionId} and t.run_id = ${runId} and t.employee_id = v.template`;
      await db.transaction().execute(async (trx) => {
        await sql`${copy}
          insert into results (region_id, run_id, employee_id, nip, nama, unit_id, jabatan, predikat, predikat_label, score, scores, decisions, outcomes, explanation, input, rule_set_hash, error, created_at)
          select t.region_id, t.run_id, v.employee_id, v.nip, v.nama, v.unit_id, t.jabatan, t.predikat, t.predikat_label, t.score, t.scores, t.decisions, t.outcomes, t.explanation, t.input, t.rule_set_hash, t.error, t.created_at
          from v cross join results t where ${template}`.execute(trx);
        await sql`${copy}
          insert into result_outcomes (region_id, run_id, employee_id, type)
          select t.region_id, t.run_id, v.employee_id, t.type from v cross join result_outcomes t where ${template}`.execute(trx);
      });
    }
    await db.updateTable("cycles").set({ current_run_id: runId, status: "evaluated", updated_at: at }).where("region_id", "=", regionId).where("id", "=", created.id).execute();
    return runId;
  };
  if (options.previousRun) await writeRun();
  const runId = await writeRun();
  // After a run is written; SQLite keeps no statistics unless told, and the server never tells it.
  if (dialect === "postgres") await analyse(true);

  const counts = new Map<string, number>();
  for (let i = 0; i < TEMPLATES; i++) {
    const p = templates[i]!.appraised.result?.predikat;
    if (p) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const predikat = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p);
  return { regionId, cycleId: created.id, runId, opds, subUnits, predikat };
}
