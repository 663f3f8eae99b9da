// One batch of a cycle's run read and evaluated: its employees' inputs read, each appraised under the cycle's
// compiled rules, and turned into the result and outcome rows the run writes. A pure read of the database, so
// it may run anywhere that has a connection to it: in the server's thread, or in a run's reading thread
// (batch-reader.ts), or in a queue worker.
import type { CompiledRuleSet } from "@kinerja/core";
import type { CycleRow, Database, NewResult, NewResultOutcome } from "@kinerja/db";
import type { Kysely } from "kysely";
import { appraisalInputs, inputEmployees, type InputEmployee } from "../assessment/index.js";
import { evaluated, outcomeRows, resultRow } from "../results/index.js";
import { periodResults, rolledUpKind, rollUpEmployee } from "./rollup.js";

/** One batch evaluated: its result rows and outcome rows, and how many employees it covered. */
export interface EvaluatedBatch {
  employees: number;
  results: NewResult[];
  outcomes: NewResultOutcome[];
}

/**
 * Employees whose inputs are read and evaluated at a time. What a part reads and builds dies young, within
 * V8's young generation; a whole batch's (5,600 sheets and their JSON for 1,000 employees) outlived it and
 * was copied and promoted, and collecting it took a third of reading a batch.
 */
export const EMPLOYEES_PER_PART = 250;

export async function evaluateBatch(db: Kysely<Database>, cycle: CycleRow, compiled: CompiledRuleSet, runId: string, ids: string[]): Promise<EvaluatedBatch> {
  const batch: EvaluatedBatch = { employees: 0, results: [], outcomes: [] };
  if (ids.length === 0) return batch;
  const employees = await inputEmployees(db, cycle.region_id, ids);
  batch.employees = employees.length;
  for (let from = 0; from < employees.length; from += EMPLOYEES_PER_PART) {
    await evaluatePart(db, cycle, compiled, runId, employees.slice(from, from + EMPLOYEES_PER_PART), batch);
  }
  return batch;
}

/** Reads these employees' inputs, evaluates them and adds their rows to the batch's, in the employees' order. */
async function evaluatePart(db: Kysely<Database>, cycle: CycleRow, compiled: CompiledRuleSet, runId: string, employees: InputEmployee[], batch: EvaluatedBatch): Promise<void> {
  const regionId = cycle.region_id;
  const inputs = await appraisalInputs(db, cycle, employees, compiled.ruleSet);
  // An annual cycle of a region that appraises by period rolls up the year's finalised period results.
  const kind = rolledUpKind(cycle, compiled);
  const periods = kind ? await periodResults(db, cycle, kind, employees.map((e) => e.id)) : null;
  employees.forEach((employee, i) => {
    const own = inputs[i];
    if (!own) return;
    const { input, evaluated: appraised, rollup, refusal } =
      kind && periods ? rollUpEmployee(compiled, own, kind, periods.get(employee.id) ?? []) : { input: own, evaluated: evaluated(compiled, own), rollup: null, refusal: null };
    batch.results.push(resultRow(regionId, runId, cycle.rule_set_hash, employee.id, input, appraised, rollup, refusal));
    for (const outcome of outcomeRows(regionId, runId, employee.id, appraised.result)) batch.outcomes.push(outcome);
  });
}
