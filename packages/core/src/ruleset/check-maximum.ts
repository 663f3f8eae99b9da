// Static checks on how high scores can go. A scale's labels must lie on the scale, and a decision-table
// row that tests a score (`score`, `score.<axis>`, `score.<indicator>`) must not ask for more than the
// indicators, their caps and scales' maxima, and the weights can give: PP 30/2019's Sangat Baik at 110 is
// out of reach when behaviour stops at 100 and the split leaves too little room.
import { AXES, type Axis } from "../domain/types.js";
import type { Reporter } from "./check-context.js";
import { pointer } from "./errors.js";
import { boundInterval, isBoundOperator, type Interval } from "./intervals.js";
import { scaleOf, scaleScoreMax } from "./read.js";
import type { Indicator, RuleSet, Scale } from "./schema.js";

/** The highest score an indicator can give; Infinity when nothing bounds it (an uncapped achievement). */
export function indicatorMaximum(ruleSet: Pick<RuleSet, "scales">, indicator: Indicator): number {
  const input = indicator.input;
  switch (input.kind) {
    case "rating": {
      const scale = scaleOf(ruleSet, indicator);
      return scale ? scaleScoreMax(scale) : Infinity;
    }
    case "target":
    case "achievement":
      return input.cap ?? Infinity;
    case "attendance":
      return Math.max(...input.bands.map((band) => band.score));
    case "yesno":
      return Math.max(input.yes, input.no);
    case "score":
      return input.max;
  }
}

/** Σ weight × maximum / Σ weight over the parts that carry weight; null when none does. */
function weightedMaximum(parts: Array<{ weight: number; max: number }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { weight, max } of parts) {
    if (weight <= 0) continue;
    if (max === Infinity) return Infinity;
    sum += weight * max;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

/** Every axis split the rule set can use: its `axes` and each of its `axisVariants`. */
export function axisSplits(ruleSet: Pick<RuleSet, "axes" | "axisVariants">): Array<Partial<Record<Axis, number>>> {
  const splits = (ruleSet.axisVariants ?? []).map((variant) => variant.axes);
  return ruleSet.axes ? [ruleSet.axes, ...splits] : splits;
}

/** The highest value of each score fact over every indicator set (and every axis split). */
export function scoreMaxima(ruleSet: Pick<RuleSet, "scales" | "indicatorSets" | "axes" | "axisVariants">): Map<string, number> {
  const maxima = new Map<string, number>();
  const raise = (fact: string, value: number | null) => {
    if (value === null) return;
    maxima.set(fact, Math.max(maxima.get(fact) ?? -Infinity, value));
  };
  const splits = axisSplits(ruleSet);
  for (const set of ruleSet.indicatorSets) {
    const byIndicator = set.indicators.map((indicator) => ({ indicator, max: indicatorMaximum(ruleSet, indicator) }));
    for (const { indicator, max } of byIndicator) raise(`score.${indicator.id}`, max);
    const axisMax = {} as Record<Axis, number | null>;
    for (const axis of AXES) {
      axisMax[axis] = weightedMaximum(
        byIndicator.filter(({ indicator }) => indicator.axis === axis).map(({ indicator, max }) => ({ weight: indicator.weight, max })),
      );
      raise(`score.${axis}`, axisMax[axis]);
    }
    if (!splits.length) {
      raise("score", weightedMaximum(byIndicator.map(({ indicator, max }) => ({ weight: indicator.weight, max }))));
      continue;
    }
    for (const split of splits) {
      raise("score", weightedMaximum(AXES.map((axis) => ({ weight: split[axis] ?? 0, max: axisMax[axis] ?? 0 }))));
    }
  }
  return maxima;
}

function rounded(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** A scale's labels are values on it: a label above the max (e.g. 110 on a 0–100 scale) is never given. */
export function checkScaleLabels(scale: Scale, at: string, report: Reporter): void {
  for (const key of Object.keys(scale.labels ?? {})) {
    const value = Number(key);
    if (key.trim() !== "" && Number.isFinite(value) && value >= scale.min && value <= scale.max) continue;
    report.error(`${at}/labels/${pointer(key).slice(1)}`, {
      id:
        `label "${key}" tidak ada pada skala ${scale.min}–${scale.max}; yang diharapkan: nilai antara min dan max, ` +
        `atau max (dan scoreMax) yang lebih tinggi bila regulasi mengizinkan nilai ini`,
      en:
        `label "${key}" is not on the scale ${scale.min}–${scale.max}; expected a value between min and max, ` +
        `or a higher max (and scoreMax) if the regulation allows this value`,
    });
  }
}

/** The lowest value a cell lets through, as an interval bound; null when the cell tests no number bound. */
function cellInterval(cell: Record<string, unknown>): Interval | null {
  let interval: Interval | null = null;
  for (const [operator, value] of Object.entries(cell)) {
    if (!isBoundOperator(operator) || typeof value !== "number") continue;
    const bound = boundInterval(operator, value);
    if (interval === null || bound.lo > interval.lo || (bound.lo === interval.lo && !bound.loIncluded)) interval = bound;
  }
  return interval;
}

/** Decision rows on a score that ask for more than the score can reach. */
export function checkScoreMaxima(ruleSet: RuleSet, report: Reporter): void {
  const maxima = scoreMaxima(ruleSet);
  ruleSet.decisions.forEach((table, t) => {
    table.inputs.forEach((fact, c) => {
      const max = maxima.get(fact);
      if (max === undefined || max === Infinity) return;
      table.rows.forEach((row, r) => {
        const cell = row.when[c];
        const interval = cell ? cellInterval(cell) : null;
        if (!interval || interval.lo < max || (interval.lo === max && interval.loIncluded)) return;
        const needs = `${interval.loIncluded ? "≥" : ">"} ${interval.lo}`;
        report.error(pointer("decisions", t, "rows", r, "when", c), {
          id:
            `baris ini tidak pernah cocok: meminta ${fact} ${needs}, padahal ${fact} paling tinggi ${rounded(max)} ` +
            `(nilai tertinggi setiap indikator menurut skala, cap, dan bobotnya); yang diharapkan: batas paling tinggi ${rounded(max)}, ` +
            `atau maksimum yang sesuai regulasi pada skala (scoreMax) atau capaian (cap)`,
          en:
            `this row can never match: it asks for ${fact} ${needs}, but ${fact} reaches at most ${rounded(max)} ` +
            `(every indicator at its highest by its scale, cap and weight); expected a bound of at most ${rounded(max)}, ` +
            `or the regulation's maximum on the scale (scoreMax) or the achievement (cap)`,
        });
      });
    });
  });
}
