// The indicator set each employee of a cycle falls in, by the cycle's rule set (compiled in pinned-rules.ts).
// Everything else a rule set says (indicators, scales, rater sources, predikat) is read by @kinerja/core.
import { DomainError } from "../lib/index.js";
import {
  AppraisalError,
  type AppraisalInput,
  type CompiledRuleSet,
  type IndicatorSet,
  type OrganisationPredikat,
  type PeriodKind,
} from "@kinerja/core";
import { parseJson, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { employeeOf, leadersAmong, unitResultOf } from "../assessment/index.js";

/** The indicator set the rule set chooses for an employee (from the employee's and their unit's facts). */
export function indicatorSetOf(compiled: CompiledRuleSet, input: AppraisalInput): IndicatorSet {
  try {
    return compiled.indicatorSetFor({ employee: input.employee, ...(input.period ? { period: input.period } : {}), ...(input.unit ? { unit: input.unit } : {}) });
  } catch (error) {
    if (!(error instanceof AppraisalError)) throw error;
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `Pegawai ${input.employee.nama} (${input.employee.nip}) tidak masuk set indikator mana pun: ${error.message}`,
    });
  }
}

/** The indicator set of each employee (by employee id) for the cycle. */
export async function indicatorSetsOf(
  db: Kysely<Database>,
  cycle: CycleRow,
  compiled: CompiledRuleSet,
  employees: readonly EmployeeRow[],
): Promise<Map<string, IndicatorSet>> {
  const unitTypes = new Map(
    (await db.selectFrom("units").select(["id", "type"]).where("region_id", "=", cycle.region_id).execute()).map((u) => [u.id, u.type]),
  );
  const period = { kind: cycle.period_kind as PeriodKind, label: cycle.period_label };
  // Whether each leads their unit, as the cycle run reads it (appraisal-inputs.ts): a set may be for unit leaders.
  const leaders = await leadersAmong(db, cycle.region_id, employees);
  const unitPredikat = parseJson<Record<string, OrganisationPredikat>>(cycle.unit_predikat);
  return new Map(
    employees.map((row) => [
      row.id,
      indicatorSetOf(compiled, { employee: employeeOf(row, unitTypes.get(row.unit_id) ?? null), period, unit: unitResultOf(row, unitPredikat, leaders) }),
    ]),
  );
}
