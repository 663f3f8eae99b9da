// The annual cycle of a region that appraises by period. When the rule set says the region's period is a
// month, a quarter (Triwulan) or a semester, an employee's annual result is not evaluated from the annual
// cycle's own sheets: core's rollUpYear forms it from the current results of the year's finalised period
// cycles, by the roll-up method the rule set states (the last period, the periods' combined inputs, or the
// assessor's judgement within bounds). The period results are only read, never changed; the annual result
// keeps which of them it used.
import { rollUpYear, type AnnualResult, type AppraisalInput, type CompiledRuleSet, type Explanation, type PeriodKind } from "@kinerja/core";
import { parseJson, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { resultsOfRuns } from "../assessment/index.js";
import { groupBy, pushTo } from "../lib/index.js";
import { evaluated, type Evaluated } from "../results/index.js";

/** One period result an annual result was rolled up from. */
export interface PeriodUsed {
  cycleId: string;
  cycleName: string;
  /** The period's label: 2025-01, 2025-Q1, 2025-S1. */
  label: string;
  predikat: string | null;
  predikatLabel: string | null;
  score: number | null;
}

/** How an annual result was formed from the year's periods, stored with it (results.rollup). */
export interface Rollup {
  method: AnnualResult["method"];
  kind: PeriodKind;
  /** The predikat the periods gave, before an assessor's judgement. */
  computedPredikat: string | null;
  periods: PeriodUsed[];
}

interface PeriodResult extends PeriodUsed {
  input: AppraisalInput;
}

/** The kind of period the annual cycle rolls up under its rule set, or null when it is evaluated from its own sheets. */
export function rolledUpKind(cycle: Pick<CycleRow, "period_kind">, compiled: Pick<CompiledRuleSet, "ruleSet">): PeriodKind | null {
  const kind = compiled.ruleSet.period?.kind;
  return cycle.period_kind === "annual" && kind !== undefined && kind !== "annual" ? kind : null;
}

/**
 * The current results of the year's finalised cycles of the given period kind, by employee, in period order.
 * Results that could not be evaluated are left out: they have no predikat to roll up.
 */
export async function periodResults(
  db: Kysely<Database>,
  cycle: CycleRow,
  kind: PeriodKind,
  employeeIds: readonly string[],
): Promise<Map<string, PeriodResult[]>> {
  const byEmployee = new Map<string, PeriodResult[]>();
  if (employeeIds.length === 0) return byEmployee;
  // The year's finalised cycles of the kind, in period order, then their results of these employees by the
  // results' key (see resultsOfRuns).
  const periods = await db
    .selectFrom("cycles")
    .select(["id", "name", "period_label", "current_run_id"])
    .where("region_id", "=", cycle.region_id)
    .where("status", "=", "finalised")
    .where("period_kind", "=", kind)
    .where("period_label", "like", `${cycle.period_label}-%`)
    .where("current_run_id", "is not", null)
    .orderBy("period_label")
    .orderBy("id")
    .execute();
  if (periods.length === 0) return byEmployee;
  const rows = await resultsOfRuns(db, cycle.region_id, periods.map((p) => p.current_run_id!), employeeIds)
    .select(["input", "predikat_label"])
    .execute();
  const ofRun = groupBy(rows, (row) => row.run_id);
  for (const period of periods) {
    for (const row of ofRun.get(period.current_run_id!) ?? []) {
      if (row.predikat === null) continue;
      pushTo(byEmployee, row.employee_id, {
        cycleId: period.id,
        cycleName: period.name,
        label: period.period_label,
        predikat: row.predikat,
        predikatLabel: row.predikat_label,
        score: row.score,
        input: parseJson<AppraisalInput>(row.input),
      });
    }
  }
  return byEmployee;
}

/**
 * The cycles whose work belongs to the cycle's view: for an annual cycle, itself and every cycle of a period
 * within its year (2025-01, 2025-Q3, 2025-S1), so the work entries recorded in the periods carry over into
 * the year; for a period cycle, only itself.
 */
export async function yearCycleIds(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id" | "period_kind" | "period_label">): Promise<string[]> {
  if (cycle.period_kind !== "annual") return [cycle.id];
  const periods = await db
    .selectFrom("cycles")
    .select("id")
    .where("region_id", "=", cycle.region_id)
    .where("period_kind", "!=", "annual")
    .where("period_label", "like", `${cycle.period_label}-%`)
    .execute();
  return [cycle.id, ...periods.map((c) => c.id)];
}

/** The period label of each cycle named (2025-Q3, 2025-07, 2025), for marking work carried into a year's view. */
export async function cyclePeriodLabels(db: Kysely<Database>, regionId: string, cycleIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(cycleIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("cycles").select(["id", "period_label"]).where("region_id", "=", regionId).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.period_label]));
}

/**
 * An annual result rolled up: the year's input as evaluated, what it gave, and how it was formed; or, when
 * there was nothing to roll up, the refusal, whose explanation the stored input does not tell (it is stored).
 */
export interface RolledUp {
  input: AppraisalInput;
  evaluated: Evaluated;
  rollup: Rollup | null;
  refusal: Explanation | null;
}

/**
 * The period inputs as the year reads them: the annual cycle's employee data, history and adjustments stand
 * in for each period's own.
 */
export function yearInputs(own: AppraisalInput, periods: readonly PeriodResult[]): AppraisalInput[] {
  return periods.map(({ input }) => {
    const { adjustments: _periodAdjustments, history: _periodHistory, ...rest } = input;
    return {
      ...rest,
      employee: own.employee,
      ...(own.history ? { history: own.history } : {}),
      ...(own.adjustments ? { adjustments: own.adjustments } : {}),
    };
  });
}

/**
 * One employee's annual result from their period results. `own` is the annual cycle's input for them: its
 * employee data, history of earlier years and the annual result's stored adjustments (forum, appeal) stand
 * in for the periods' own, so a quarter's forum move is not applied to the year twice.
 */
export function rollUpEmployee(compiled: CompiledRuleSet, own: AppraisalInput, kind: PeriodKind, periods: readonly PeriodResult[]): RolledUp {
  const year = own.period?.label ?? "";
  const refused = (error: string): RolledUp => ({
    input: own,
    evaluated: { result: null, error },
    rollup: null,
    refusal: { ruleSetId: compiled.ruleSet.id, ruleSetName: compiled.ruleSet.name, nip: own.employee.nip, nama: own.employee.nama, steps: [], result: null, error },
  });
  if (periods.length === 0) {
    return refused(`belum ada hasil periode (${kind}) tahun ${year} yang final untuk pegawai ini; hasil tahunan direkap dari hasil periode`);
  }
  const inputs = yearInputs(own, periods);
  let annual: AnnualResult;
  try {
    annual = rollUpYear(compiled, inputs, year);
  } catch (error) {
    return refused(error instanceof Error ? error.message : String(error));
  }
  return {
    input: annual.input,
    evaluated: evaluated(compiled, annual.input),
    refusal: null,
    rollup: {
      method: annual.method,
      kind,
      computedPredikat: annual.computedPredikat,
      periods: periods.map(({ input: _input, ...used }) => used),
    },
  };
}
