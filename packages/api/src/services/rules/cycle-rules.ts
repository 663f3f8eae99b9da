// What the assessment workflow reads from a cycle's rule set (compiled in pinned-rules.ts): the rater
// sources each indicator takes, scales, the indicator set an employee falls in, and predikat levels.
import { TRPCError } from "@trpc/server";
import {
  AppraisalError,
  ratersOf,
  type AppraisalInput,
  type CompiledRuleSet,
  type Indicator,
  type IndicatorSet,
  type PeriodKind,
  type RaterSource,
  type RuleSet,
  type Scale,
} from "@kinerja/core";
import type { CycleRow, Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { employeeOf } from "../assessment/index.js";

/** Indonesian names of the rater sources, for messages and documents. */
export const SOURCE_NAMES: Record<RaterSource, string> = {
  self: "penilaian diri",
  peer: "rekan kerja",
  supervisor: "atasan langsung (pejabat penilai)",
  subordinate: "bawahan",
  public: "masyarakat (survei kepuasan)",
};

/** The sources that rate an indicator, as the evaluator reads them (none for objective indicators). */
export function sourcesOf(ruleSet: RuleSet, indicator: Indicator): RaterSource[] {
  return indicator.input.kind === "rating" ? ratersOf(ruleSet, indicator) : [];
}

export function scaleOf(ruleSet: RuleSet, indicator: Indicator): Scale | null {
  if (indicator.input.kind !== "rating") return null;
  const { scale } = indicator.input;
  return typeof scale === "string" ? (ruleSet.scales[scale] ?? null) : scale;
}

/** A rating as 0–100, the way the evaluator turns it into a score. */
export function ratingScore(scale: Scale, value: number): number {
  return scale.toScore === "linear" ? ((value - scale.min) / (scale.max - scale.min)) * 100 : (value / scale.max) * 100;
}

/** Every indicator of the rule set by id (the first set's, where sets share an id). */
export function indicatorsById(ruleSet: RuleSet): Map<string, Indicator> {
  const found = new Map<string, Indicator>();
  for (const set of ruleSet.indicatorSets) for (const indicator of set.indicators) if (!found.has(indicator.id)) found.set(indicator.id, indicator);
  return found;
}

/** The indicator set the rule set chooses for an employee (from the employee's facts alone). */
export function indicatorSetOf(compiled: CompiledRuleSet, input: AppraisalInput): IndicatorSet {
  try {
    return compiled.indicatorSetFor({ employee: input.employee, ...(input.period ? { period: input.period } : {}) });
  } catch (error) {
    if (!(error instanceof AppraisalError)) throw error;
    throw new TRPCError({
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
  return new Map(employees.map((row) => [row.id, indicatorSetOf(compiled, { employee: employeeOf(row, unitTypes.get(row.unit_id) ?? null), period })]));
}

/** The sources that rate at least one indicator of the set: the sheets an employee expects. */
export function sourcesOfSet(ruleSet: RuleSet, set: IndicatorSet): Set<RaterSource> {
  const sources = new Set<RaterSource>();
  for (const indicator of set.indicators) for (const source of sourcesOf(ruleSet, indicator)) sources.add(source);
  // The supervisor records the objective values (targets and realisasi, attendance …) of every set.
  if (set.indicators.some((i) => i.input.kind !== "rating")) sources.add("supervisor");
  return sources;
}

/** Predikat ids best first, as the rule set lists them; the distance between two is their level gap. */
export function predikatLevels(ruleSet: RuleSet): string[] {
  return ruleSet.predikat.map((p) => p.id);
}

export function predikatLabel(ruleSet: RuleSet, id: string | null): string {
  if (id === null) return "-";
  return ruleSet.predikat.find((p) => p.id === id)?.label ?? id;
}
