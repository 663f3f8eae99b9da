// A new result version made by people's changes (forum adjustments, upheld appeals). A change never
// touches a result row: it writes a new run in which the changed employees are evaluated again, from the
// input they were evaluated with plus every adjustment stored for them, and every other result is carried
// over as it was; that run becomes current in the same transaction. Earlier versions stay readable.
import type { AppraisalInput, AppraisalResult } from "@kinerja/core";
import { newId, now, parseJson, type AdjustmentKind, type CycleRow, type NewResultOutcome } from "@kinerja/db";
import { PostgresAdapter, sql } from "kysely";
import type { Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { storedAdjustments } from "./adjustments.js";
import { analyseResults, assertNoRunInFlight, evaluated, insertRun, outcomeRows, resultRow } from "./runs.js";

export interface PredikatChange {
  employeeId: string;
  kind: AdjustmentKind;
  to: string;
  reason: string;
  /** Who, as the explanation will name them. */
  by: string;
  appealId?: string;
}

export interface Revision {
  runId: string;
  version: number;
  /** The new result of each changed employee. */
  results: Map<string, AppraisalResult>;
}

const RESULT_COLUMNS = [
  "region_id",
  "employee_id",
  "nip",
  "nama",
  "unit_id",
  "jabatan",
  "predikat",
  "predikat_label",
  "score",
  "scores",
  "decisions",
  "outcomes",
  "explanation",
  "input",
  "rule_set_hash",
  "error",
  "rollup",
  "created_at",
] as const;

/**
 * Stores the changes and writes the cycle's next result version with them, as the scope's actor. Call with
 * the scope on the transaction that checked the changes are allowed (withDb); refused while an evaluation
 * job of the cycle is in flight.
 */
export async function reviseResults(scope: Scope, cycle: CycleRow, reason: string, changes: readonly PredikatChange[]): Promise<Revision> {
  const { db: trx, actor } = scope;
  const regionId = cycle.region_id;
  const currentRunId = cycle.current_run_id;
  if (!currentRunId) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada hasil untuk diubah" });
  await assertNoRunInFlight(trx, cycle, "ulangi setelah selesai");

  const ids = [...new Set(changes.map((c) => c.employeeId))];
  const current = await trx
    .selectFrom("results")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("run_id", "=", currentRunId)
    .where("employee_id", "in", ids)
    .execute();
  const currentOf = new Map(current.map((r) => [r.employee_id, r]));
  for (const id of ids) if (!currentOf.has(id)) throw new DomainError({ code: "NOT_FOUND", message: `Hasil pegawai ${id} tidak ditemukan pada siklus ini` });

  const { n: total } = await trx
    .selectFrom("results")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("region_id", "=", regionId)
    .where("run_id", "=", currentRunId)
    .executeTakeFirstOrThrow();
  const at = now();
  const { runId, version } = await insertRun(trx, cycle, actor, { kind: "result.revise", total: Number(total), reason, complete: true, at });
  for (const change of changes) {
    await trx
      .insertInto("predikat_adjustments")
      .values({
        region_id: regionId,
        id: newId(),
        cycle_id: cycle.id,
        employee_id: change.employeeId,
        kind: change.kind,
        fact: "predikat",
        from_value: currentOf.get(change.employeeId)?.predikat ?? null,
        to_value: change.to,
        reason: change.reason.trim(),
        by_label: change.by,
        actor_id: actor.id,
        actor_name: actor.name,
        appeal_id: change.appealId ?? null,
        run_id: runId,
        created_at: at,
      })
      .execute();
  }

  // The changed employees: what was evaluated before, with every adjustment stored for them so far.
  const compiled = await cycleRules(trx, cycle);
  const adjustments = await storedAdjustments(trx, regionId, cycle.id, ids);
  const results = new Map<string, AppraisalResult>();
  const outcomes: NewResultOutcome[] = [];
  const rows = ids.map((id) => {
    const previous = currentOf.get(id)!;
    const input: AppraisalInput = { ...parseJson<AppraisalInput>(previous.input), adjustments: adjustments.get(id) ?? [] };
    const { result, error } = evaluated(compiled, input);
    if (!result) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Hasil ${previous.nama} tidak dapat dinilai ulang: ${error}` });
    }
    results.set(id, result);
    outcomes.push(...outcomeRows(regionId, runId, id, result));
    // A rolled-up annual result stays rolled up from the same periods: only its adjustments changed. Its
    // explanation, like any new row's, is rebuilt from this input when read.
    return resultRow(regionId, runId, cycle.rule_set_hash, id, input, { result, error: null }, previous.rollup ? parseJson<object>(previous.rollup) : null);
  });

  await trx
    .insertInto("results")
    .columns([...RESULT_COLUMNS, "run_id"])
    .expression((eb) =>
      eb
        .selectFrom("results")
        .select([...RESULT_COLUMNS, sql<string>`cast(${runId} as text)`.as("run_id")])
        .where("region_id", "=", regionId)
        .where("run_id", "=", currentRunId)
        .where("employee_id", "not in", ids),
    )
    .execute();
  await trx.insertInto("results").values(rows).execute();
  // The copied run is new to PostgreSQL's statistics, as a cycle's run is (cycles/run.ts): without them the
  // outcomes' key checks below, and every reader of the new run, plan as if it held nothing. ANALYZE may run
  // in the transaction, and counts the rows it has written.
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  if (postgres) await analyseResults(trx, regionId, ["results"]);
  await trx
    .insertInto("result_outcomes")
    .columns(["region_id", "employee_id", "type", "run_id"])
    .expression((eb) =>
      eb
        .selectFrom("result_outcomes")
        .select(["region_id", "employee_id", "type", sql<string>`cast(${runId} as text)`.as("run_id")])
        .where("region_id", "=", regionId)
        .where("run_id", "=", currentRunId)
        .where("employee_id", "not in", ids),
    )
    .execute();
  if (outcomes.length > 0) await trx.insertInto("result_outcomes").values(outcomes).execute();
  if (postgres) await analyseResults(trx, regionId, ["result_outcomes"]);
  await trx
    .updateTable("cycles")
    .set({ current_run_id: runId, updated_at: at })
    .where("region_id", "=", regionId)
    .where("id", "=", cycle.id)
    .execute();
  return { runId, version, results };
}
