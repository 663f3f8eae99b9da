// Appraisal periods and the annual roll-up. A region appraises monthly, quarterly, by semester or
// yearly; the annual result comes from the periods by the region's rule: the last period, the average
// of the periods, or the assessor's judgement within a number of predikat levels of that average.
import type { AppraisalInput, AppraisalResult, IndicatorTask, IndicatorValue, PeriodKind, RaterRatings, RaterSource, TargetRealisasi } from "../domain/types.js";
import { AppraisalError } from "../ruleset/errors.js";
import type { RuleSet } from "../ruleset/schema.js";

const PERIODS_PER_YEAR: Record<PeriodKind, number> = { monthly: 12, quarterly: 4, semester: 2, annual: 1 };

/** The labels of a year's periods: 2025-01 … 2025-12, 2025-Q1 … Q4, 2025-S1 and S2, or 2025. */
export function periodLabels(kind: PeriodKind, year: number): string[] {
  const count = PERIODS_PER_YEAR[kind];
  if (kind === "annual") return [String(year)];
  const prefix = kind === "monthly" ? "" : kind === "quarterly" ? "Q" : "S";
  return Array.from({ length: count }, (_, i) => `${year}-${prefix}${kind === "monthly" ? String(i + 1).padStart(2, "0") : i + 1}`);
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function isTargetRealisasi(value: IndicatorValue): value is TargetRealisasi {
  return typeof value === "object" && !Array.isArray(value) && typeof value.target === "object";
}

function sumAspects(values: TargetRealisasi[], side: "target" | "realisasi"): TargetRealisasi["target"] {
  const total: TargetRealisasi["target"] = {};
  for (const value of values) {
    for (const [aspect, n] of Object.entries(value[side]) as Array<[keyof TargetRealisasi["target"], number]>) {
      // Quantity, time and cost add up over a year; quality is a level, so it averages.
      total[aspect] = (total[aspect] ?? 0) + (aspect === "kualitas" ? n / values.length : n);
    }
  }
  return total;
}

/**
 * The year's inputs from its periods' inputs: each rater source's sheets of every period (averaged by the
 * evaluator); targets and realisasi of
 * quantity, time and cost add up while quality averages; achievement targets and realisasi add up;
 * attendance days add up; a yes/no holds if it held in any period; a direct score averages; where a period
 * gives several tasks, the year's tasks are every period's tasks side by side. The employee, facts, history
 * and adjustments are the last period's: a caller rolling up a year puts the year's own there.
 */
export function combinePeriodInputs(ruleSet: RuleSet, periods: AppraisalInput[], year: string): AppraisalInput {
  const last = periods.at(-1);
  if (!last) throw new RangeError("combinePeriodInputs needs at least one period");
  const kinds = new Map<string, string>();
  for (const set of ruleSet.indicatorSets) for (const indicator of set.indicators) kinds.set(indicator.id, indicator.input.kind);

  const ratings: Partial<Record<RaterSource, RaterRatings | RaterRatings[]>> = {};
  const sources = new Set(periods.flatMap((p) => Object.keys(p.ratings ?? {}) as RaterSource[]));
  for (const source of sources) {
    // Every period's sheets stand side by side, as several raters of one source do: the evaluator takes
    // their mean, and each rating stays a value on the scale.
    ratings[source] = periods.flatMap((p) => {
      const given = p.ratings?.[source];
      return given === undefined ? [] : Array.isArray(given) ? given : [given];
    });
  }

  const values: Record<string, IndicatorValue> = {};
  const indicatorIds = new Set(periods.flatMap((p) => Object.keys(p.values ?? {})));
  for (const id of indicatorIds) {
    const given = periods.flatMap((p) => (p.values?.[id] === undefined ? [] : [p.values[id] as IndicatorValue]));
    const kind = kinds.get(id);
    if (given.some((v) => Array.isArray(v)) && !given.some((v) => typeof v === "boolean")) {
      // Tasks of the periods stand side by side, as the tasks of one period do: the year's score is their mean.
      values[id] = given.flatMap((v) => (Array.isArray(v) ? v : [v as IndicatorTask]));
    } else if (given.every(isTargetRealisasi)) {
      values[id] = { target: sumAspects(given, "target"), realisasi: sumAspects(given, "realisasi") };
    } else if (given.every((v) => typeof v === "boolean")) {
      values[id] = given.some((v) => v);
    } else if (given.every((v) => typeof v === "number")) {
      values[id] = kind === "attendance" ? given.reduce((a, b) => a + b, 0) : mean(given);
    } else if (given.every((v): v is { target: number; realisasi: number } => typeof v === "object" && !Array.isArray(v) && typeof v.target === "number")) {
      values[id] = { target: given.reduce((a, v) => a + v.target, 0), realisasi: given.reduce((a, v) => a + v.realisasi, 0) };
    } else {
      throw new AppraisalError(last.employee.nip, `indikator ${id}: masukan periode tidak sejenis, tidak dapat digabung menjadi tahunan`);
    }
  }

  return {
    employee: last.employee,
    period: { kind: "annual", label: year, months: 12 },
    ratings,
    values,
    ...(last.facts ? { facts: last.facts } : {}),
    ...(last.history ? { history: last.history } : {}),
    ...(last.adjustments ? { adjustments: last.adjustments } : {}),
  };
}

/** An assessor's judgement of the year's predikat, with the reason and who gave it. */
export interface Judgement {
  predikat: string;
  reason: string;
  by: string;
}

/** An employee's result for the year, and how it was formed from the periods. */
export interface AnnualResult {
  result: AppraisalResult;
  /** The year's input as evaluated (with the judgement as an adjustment), so it can be explained and replayed. */
  input: AppraisalInput;
  /** How the year was formed, for the explanation. */
  method: "last" | "average" | "judgement";
  periods: string[];
  /** The predikat the periods gave before an assessor's judgement. */
  computedPredikat: string;
  judgement?: Judgement;
}

/** The predikat an assessor may judge a year to, by the rule set's roll-up bounds, from what the periods gave. */
export interface JudgementRange {
  /** How many predikat levels away from the computed one the judgement may go. */
  bounds: number;
  /** The predikat the periods gave. */
  computed: string;
  /** Every predikat of the rule set in its order, each with its distance from the computed one and whether it is allowed. */
  choices: Array<{ id: string; label: string; distance: number; allowed: boolean }>;
}

/**
 * Where the rule set rolls a year up by judgement: the predikat the assessor may choose from the computed
 * one. Null for any other roll-up method, or a computed predikat the rule set does not know.
 */
export function judgementRange(ruleSet: Pick<RuleSet, "period" | "predikat">, computed: string): JudgementRange | null {
  if (ruleSet.period?.rollup?.method !== "judgement") return null;
  const from = ruleSet.predikat.findIndex((p) => p.id === computed);
  if (from < 0) return null;
  const bounds = ruleSet.period.rollup.bounds ?? 0;
  return {
    bounds,
    computed,
    choices: ruleSet.predikat.map((p, i) => ({ id: p.id, label: p.label, distance: Math.abs(i - from), allowed: Math.abs(i - from) <= bounds })),
  };
}

/** What rollUpYear needs of a compiled rule set. */
export interface Evaluate {
  ruleSet: RuleSet;
  /** The appraisal's result; throws AppraisalError when the rules refuse it. */
  evaluate(input: AppraisalInput): AppraisalResult;
}

/** The annual result of one employee from the inputs of the year's periods, by the rule set's roll-up rule. */
export function rollUpYear(compiled: Evaluate, periods: AppraisalInput[], year: string, judgement?: Judgement): AnnualResult {
  const { ruleSet } = compiled;
  const method = ruleSet.period?.rollup?.method ?? "last";
  const last = periods.at(-1);
  if (!last) throw new RangeError("rollUpYear needs at least one period");
  const yearInput =
    method === "last" ? { ...last, period: { kind: "annual" as const, label: year, months: 12 } } : combinePeriodInputs(ruleSet, periods, year);
  const base = compiled.evaluate(yearInput);
  const annual: AnnualResult = {
    result: base,
    input: yearInput,
    method,
    periods: periods.map((p) => p.period?.label ?? ""),
    computedPredikat: base.predikat,
  };
  if (!judgement) return annual;

  if (method !== "judgement") {
    throw new AppraisalError(last.employee.nip, `aturan ${ruleSet.id} tidak mengizinkan penetapan predikat tahunan oleh penilai (cara rekap: ${method})`);
  }
  if (judgement.reason.trim() === "") throw new AppraisalError(last.employee.nip, "penetapan predikat oleh penilai wajib disertai alasan tertulis");
  const order = ruleSet.predikat.map((p) => p.id);
  const from = order.indexOf(base.predikat);
  const to = order.indexOf(judgement.predikat);
  if (to < 0) throw new AppraisalError(last.employee.nip, `predikat "${judgement.predikat}" tidak dikenal; yang boleh: ${order.join(", ")}`);
  const bounds = ruleSet.period?.rollup?.bounds ?? 0;
  if (Math.abs(to - from) > bounds) {
    throw new AppraisalError(
      last.employee.nip,
      `predikat "${judgement.predikat}" berjarak ${Math.abs(to - from)} tingkat dari hasil rata-rata periode ("${base.predikat}"); paling jauh ${bounds} tingkat`,
    );
  }
  // The judgement goes through the evaluator so that outcomes (awards, coaching) follow the judged predikat
  // and the explanation shows who moved it and why.
  const adjustment = { fact: "predikat", value: judgement.predikat, reason: judgement.reason, by: judgement.by };
  const judgedInput = { ...yearInput, adjustments: [...(yearInput.adjustments ?? []), adjustment] };
  return { ...annual, result: compiled.evaluate(judgedInput), input: judgedInput, judgement };
}
