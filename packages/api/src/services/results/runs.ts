// A cycle's result runs, as both of their writers make them: the evaluation job (cycles/run.ts, batch by
// batch) and people's changes (revisions.ts, in one transaction). A new run is recorded with the
// job that writes it, under the cycle's next version number; one writer works on a cycle at a time; each
// evaluated employee gives one result row and one outcome row per outcome type.
import { DomainError } from "../lib/index.js";
import { AppraisalError, type AppraisalInput, type AppraisalResult, type CompiledRuleSet, type Explanation } from "@kinerja/core";
import { bulkInsert, newId, now, toJson, type CycleRow, type Database, type NewJob, type NewResult, type NewResultOutcome, type ResultOutcomeTable, type ResultTable } from "@kinerja/db";
import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Actor } from "../lib/index.js";

/** Refuses while an evaluation job of the cycle is queued or running; `then` tells when to try again. */
export async function assertNoRunInFlight(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, then?: string): Promise<void> {
  const active = await db
    .selectFrom("jobs")
    .select("id")
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("status", "in", ["queued", "running"])
    .executeTakeFirst();
  if (active) throw new DomainError({ code: "CONFLICT", message: `Penilaian siklus ini sedang berjalan (job ${active.id})${then ? `; ${then}` : ""}` });
}

export interface NewRun {
  kind: "cycle.run" | "result.revise";
  /** Results the run holds. */
  total: number;
  reason: string | null;
  /** Written whole in the caller's transaction (a revision), rather than batch by batch by a job still to run. */
  complete: boolean;
  at: string;
  /** The lease of the job that writes the run batch by batch, held from the moment it is recorded. */
  lease?: Pick<NewJob, "owner" | "heartbeat_at" | "lease_expires_at">;
}

/** Records the job and the run it writes, as the cycle's next result version. */
export async function insertRun(
  trx: Kysely<Database>,
  cycle: CycleRow,
  actor: Actor,
  run: NewRun,
): Promise<{ jobId: string; runId: string; version: number }> {
  const regionId = cycle.region_id;
  const last = await trx
    .selectFrom("result_runs")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  const jobId = newId();
  const runId = newId();
  const finishedAt = run.complete ? run.at : null;
  await trx
    .insertInto("jobs")
    .values({
      region_id: regionId,
      id: jobId,
      kind: run.kind,
      cycle_id: cycle.id,
      run_id: runId,
      ...(run.complete ? { status: "succeeded" as const, done: run.total } : {}),
      total: run.total,
      error: null,
      created_by: actor.id,
      created_at: run.at,
      started_at: finishedAt,
      finished_at: finishedAt,
      updated_at: run.at,
      ...run.lease,
    })
    .execute();
  await trx
    .insertInto("result_runs")
    .values({
      region_id: regionId,
      id: runId,
      cycle_id: cycle.id,
      version,
      job_id: jobId,
      rule_set_version_id: cycle.rule_set_version_id,
      rule_set_hash: cycle.rule_set_hash,
      status: run.complete ? "complete" : "running",
      total: run.total,
      reason: run.reason,
      started_by: actor.id,
      started_at: run.at,
      completed_at: finishedAt,
    })
    .execute();
  return { jobId, runId, version };
}

/** What evaluating one appraisal gave: its result, or why it was refused (then `result` is null). */
export interface Evaluated {
  result: AppraisalResult | null;
  error: string | null;
}

/**
 * Evaluates one appraisal without recording its steps; a refused appraisal becomes `error`, as it does in
 * `explain`'s explanation, so the explanation rebuilt on read (explanations.ts) tells the same.
 */
export function evaluated(compiled: CompiledRuleSet, input: AppraisalInput): Evaluated {
  try {
    return { result: compiled.evaluate(input), error: null };
  } catch (error) {
    if (error instanceof AppraisalError) return { result: null, error: error.message };
    throw error;
  }
}

/**
 * One result row of a run, from the input evaluated and what it gave; for an annual result rolled up from
 * the year's periods, how it was formed (cycles/rollup.ts). The explanation is not stored: it is rebuilt from
 * the input and the pinned rules when read (explanations.ts), except a `refusal` the input does not tell.
 */
export function resultRow(
  regionId: string,
  runId: string,
  hash: string,
  employeeId: string,
  input: unknown,
  { result, error }: Evaluated,
  rollup: object | null = null,
  refusal: Explanation | null = null,
): NewResult {
  const employee = (input as { employee: { nip: string; nama: string; unit: string; jabatan: string } }).employee;
  return {
    region_id: regionId,
    run_id: runId,
    employee_id: employeeId,
    nip: employee.nip,
    nama: employee.nama,
    unit_id: employee.unit,
    jabatan: employee.jabatan,
    predikat: result?.predikat ?? null,
    predikat_label: result?.predikatLabel ?? null,
    score: typeof result?.scores.score === "number" ? result.scores.score : null,
    scores: toJson(result?.scores ?? {}),
    decisions: toJson(result?.decisions ?? {}),
    outcomes: toJson(result?.outcomes ?? []),
    explanation: refusal ? toJson(refusal) : null,
    input: toJson(input),
    rule_set_hash: hash,
    error,
    rollup: rollup ? toJson(rollup) : null,
    created_at: now(),
  };
}

/** The distinct types of outcome events, in the order they first occur. */
export function outcomeTypes(events: ReadonlyArray<{ type: string }>): string[] {
  return [...new Set(events.map((e) => e.type))];
}

/** The outcome rows of one result (one per outcome type), by which results are filtered. */
export function outcomeRows(regionId: string, runId: string, employeeId: string, result: AppraisalResult | null): NewResultOutcome[] {
  return outcomeTypes(result?.outcomes ?? []).map((type) => ({ region_id: regionId, run_id: runId, employee_id: employeeId, type }));
}

/** Writes result rows and their outcome rows in bulk: by COPY on PostgreSQL, multi-row inserts on SQLite. */
export async function insertResults(trx: Kysely<Database>, results: NewResult[], outcomes: NewResultOutcome[]): Promise<void> {
  await bulkInsert(trx, "results", results);
  await bulkInsert(trx, "result_outcomes", outcomes);
}

/**
 * The columns of each table that queries filter, join, sort or group on, which are the ones whose statistics
 * plan them. A result's JSON documents (scores, decisions, outcomes, explanation, input, rollup) are only ever
 * read back whole, so their statistics plan nothing; sampling their texts was most of an analyse's time (after a
 * run of 20,000 on PostgreSQL: 520 ms for every column of results, 180 ms for these).
 */
const PLANNED_COLUMNS: { results: (keyof ResultTable)[]; result_outcomes: (keyof ResultOutcomeTable)[] } = {
  results: ["region_id", "run_id", "employee_id", "nip", "nama", "unit_id", "jabatan", "predikat", "predikat_label", "score", "rule_set_hash", "error", "created_at"],
  result_outcomes: ["region_id", "run_id", "employee_id", "type"],
};

/**
 * PostgreSQL plans by statistics, and a run's rows are new to them: analyses the region's partition of each
 * table (results and result_outcomes are partitioned by region), so one region's run never samples the others',
 * and of each only the columns that plan queries.
 */
export async function analyseResults(db: Kysely<Database>, regionId: string, tables: ("results" | "result_outcomes")[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of tables) {
    const { rows } = await sql<{ name: string | null }>`select to_regclass(region_partition_name(${table}, ${regionId}))::text as name`.execute(db);
    const partition = rows[0]?.name;
    const columns = sql.join(PLANNED_COLUMNS[table].map((column) => sql.ref(column)));
    await sql`analyze ${sql.raw(partition ?? table)} (${columns})`.execute(db);
  }
}
