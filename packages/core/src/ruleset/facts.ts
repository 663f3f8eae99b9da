// The fact names an evaluation provides, so the static checker and the evaluator agree on one list.
// Facts are flat names; objects (employee, history) can also be reached with json-rules-engine `path`.
import { AXES, RATER_SOURCES } from "../domain/types.js";
import type { IndicatorSet, RuleSet } from "./schema.js";

/** The facts an appraisal provides about the employee. */
export const EMPLOYEE_FACTS = [
  "employee",
  "employee.nip",
  "employee.nama",
  "employee.jabatan",
  "employee.jenisJabatan",
  "employee.jenjang",
  "employee.golongan",
  "employee.unit",
  "employee.unitType",
  "employee.status",
] as const;

/** The facts an appraisal provides about the period. */
export const PERIOD_FACTS = ["period.kind", "period.label", "period.months"] as const;

/** `history` is the array of earlier {period, predikat}; `predikat.previous` the latest of them (or null). */
export const HISTORY_FACTS = ["history", "predikat.previous"] as const;

/** The employee's unit: its predikat organisasi (null until set) and whether the employee leads it (false unless said). */
export const UNIT_FACTS = ["unit.predikat", "unit.pimpinan"] as const;

/** Facts about the employee and period, available before any score exists (e.g. to choose an indicator set). */
export function inputFactNames(ruleSet: Pick<RuleSet, "facts">): Set<string> {
  const names = new Set<string>([...EMPLOYEE_FACTS, ...PERIOD_FACTS, ...HISTORY_FACTS, ...UNIT_FACTS]);
  for (const [name, fact] of Object.entries(ruleSet.facts)) if (fact.from === undefined) names.add(name);
  return names;
}

/**
 * True for a declared fact an appraisal gives (a rater records it); false for one the evaluation sets:
 * taken `from` a scored fact, or counted from history (`consecutiveYears`).
 */
export function isGivenFact(fact: Pick<RuleSet["facts"][string], "from" | "consecutiveYears">): boolean {
  return fact.from === undefined && fact.consecutiveYears === undefined;
}

/** Declared facts taken from a scored fact (`from`): known once indicators are scored, not before. */
export function derivedFactNames(ruleSet: Pick<RuleSet, "facts">): string[] {
  return Object.entries(ruleSet.facts)
    .filter(([, fact]) => fact.from !== undefined)
    .map(([name]) => name);
}

/** True for `employee.<attribute>`: free employee attributes are always allowed. */
export function isEmployeeAttributeFact(name: string): boolean {
  return name.startsWith("employee.") && name.length > "employee.".length;
}

/** Facts one indicator contributes: its score, its raw (aggregated) input, and per-source ratings. */
export function indicatorFactNames(indicatorId: string): string[] {
  return [
    `score.${indicatorId}`,
    `raw.${indicatorId}`,
    ...RATER_SOURCES.map((source) => `rating.${indicatorId}.${source}`),
  ];
}

/** Every fact an outcome rule may read for employees on the given indicator set, in evaluation order. */
export function allFactNames(ruleSet: RuleSet, set: IndicatorSet): Set<string> {
  const names = inputFactNames(ruleSet);
  for (const name of derivedFactNames(ruleSet)) names.add(name);
  names.add("score");
  for (const axis of AXES) names.add(`score.${axis}`);
  for (const indicator of set.indicators) for (const n of indicatorFactNames(indicator.id)) names.add(n);
  for (const table of ruleSet.decisions) names.add(table.output);
  for (const calc of ruleSet.calculations) names.add(calc.id);
  names.add("indicatorSet");
  return names;
}
