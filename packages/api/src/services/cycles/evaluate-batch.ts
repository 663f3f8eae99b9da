// One batch of a cycle's run read and evaluated: its employees' inputs read, each appraised under the cycle's
// compiled rules, and turned into the result and outcome rows the run writes. A pure read of the database, so
// it may run anywhere that has a connection to it: in the server's thread, or in a run's reading thread
// (batch-reader.ts), or in a queue worker.
import type { CompiledRuleSet } from "@kinerja/core";
import type { CycleRow, Database, NewResult, NewResultOutcome } from "@kinerja/db";
import type { Kysely } from "kysely";
import { appraisalInputs } from "../assessment/index.js";
import { evaluated, outcomeRows, resultRow } from "../results/index.js";
import { periodResults, rolledUpKind, rollUpEmployee } from "./rollup.js";

/** One batch evaluated: its result rows and outcome rows, and how many employees it covered. */
export interface EvaluatedBatch {
  employees: number;
  results: NewResult[];
  outcomes: NewResultOutcome[];
}

export async function evaluateBatch(db: Kysely<Database>, cycle: CycleRow, compiled: CompiledRuleSet, runId: string, ids: string[]): Promise<EvaluatedBatch> {
  const regionId = cycle.region_id;
  if (ids.length === 0) return { employees: 0, results: [], outcomes: [] };
  const employees = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "in", ids).orderBy("id").execute();
  const inputs = await appraisalInputs(db, cycle, employees, compiled.ruleSet);
  // An annual cycle of a region that appraises by period rolls up the year's finalised period results.
  const kind = rolledUpKind(cycle, compiled);
  const periods = kind ? await periodResults(db, cycle, kind, ids) : null;
  const results: NewResult[] = [];
  const outcomes: NewResultOutcome[] = [];
  employees.forEach((employee, i) => {
    const own = inputs[i];
    if (!own) return;
    const { input, evaluated: appraised, rollup, refusal } =
      kind && periods ? rollUpEmployee(compiled, own, kind, periods.get(employee.id) ?? []) : { input: own, evaluated: evaluated(compiled, own), rollup: null, refusal: null };
    results.push(resultRow(regionId, runId, cycle.rule_set_hash, employee.id, input, appraised, rollup, refusal));
    for (const outcome of outcomeRows(regionId, runId, employee.id, appraised.result)) outcomes.push(outcome);
  });
  return { employees: employees.length, results, outcomes };
}
