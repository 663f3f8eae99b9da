// From indicator scores to axis scores and the final score: weighted means, by the rule set's axis weights
// when it has them, otherwise over every indicator of the chosen set.
import { AXES, type AppraisalInput, type Axis } from "../domain/types.js";
import type { RuleSet } from "../ruleset/schema.js";
import type { Facts, RunContext } from "./context.js";
import type { CompiledSet } from "./indicator-sets.js";
import type { Contribution } from "./steps.js";

const AXIS_NAMES: Record<Axis, string> = { hasil_kerja: "Hasil Kerja", perilaku: "Perilaku Kerja" };
const AXIS_FACTS: Record<Axis, string> = { hasil_kerja: "score.hasil_kerja", perilaku: "score.perilaku" };

/** Σ weight × score / Σ weight, or null when nothing carries weight or a weighted part has no score. */
function weightedMean(parts: Array<{ weight: number; score: number | null }>): number | null {
  let sum = 0;
  let weights = 0;
  for (const { weight, score } of parts) {
    if (weight === 0) continue;
    if (score === null) return null;
    sum += weight * score;
    weights += weight;
  }
  return weights === 0 ? null : sum / weights;
}

function contributions(parts: Array<{ part: string; name: string; weight: number; score: number | null }>): Contribution[] {
  const total = parts.reduce((sum, p) => sum + (p.score === null ? 0 : p.weight), 0);
  return parts
    .filter((p): p is typeof p & { score: number } => p.score !== null)
    .map((p) => ({ ...p, contribution: total === 0 ? 0 : (p.weight * p.score) / total }));
}

/** Scores the chosen set's indicators, then sets `score.<axis>` and `score` in the facts. */
export function scoreIndicators(
  axisWeights: RuleSet["axes"],
  compiled: CompiledSet,
  input: AppraisalInput,
  facts: Facts,
  ctx: RunContext,
): void {
  const scores = compiled.indicators.map((indicator) => indicator.evaluate(input, facts, ctx));
  const axisScores = scoreAxes(compiled, scores, facts, ctx);
  facts.score = axisWeights ? scoreByAxes(axisWeights, axisScores, ctx) : scoreByIndicators(compiled, scores, ctx);
}

/** Each axis's weighted mean over its indicators, set as `score.<axis>`; null for an axis with none. */
function scoreAxes(compiled: CompiledSet, scores: number[], facts: Facts, ctx: RunContext): Record<Axis, number | null> {
  const axisScores: Record<Axis, number | null> = { hasil_kerja: null, perilaku: null };
  for (const axis of AXES) {
    const members = compiled.axes[axis];
    if (members.length === 0) continue;
    const parts = members.map((i) => ({ weight: compiled.indicators[i]!.indicator.weight, score: scores[i]! }));
    const score = weightedMean(parts);
    axisScores[axis] = score;
    facts[AXIS_FACTS[axis]] = score;
    if (ctx.steps) {
      const named = members.map((i) => {
        const { id, name, weight } = compiled.indicators[i]!.indicator;
        return { part: id, name, weight, score: scores[i]! };
      });
      ctx.steps.push({ kind: "axis", axis, score, contributions: contributions(named) });
    }
  }
  return axisScores;
}

function scoreByAxes(
  axisWeights: NonNullable<RuleSet["axes"]>,
  axisScores: Record<Axis, number | null>,
  ctx: RunContext,
): number | null {
  const parts = AXES.filter((axis) => axisWeights[axis] !== undefined).map((axis) => ({
    part: axis,
    name: AXIS_NAMES[axis],
    weight: axisWeights[axis]!,
    score: axisScores[axis],
  }));
  const score = weightedMean(parts);
  ctx.steps?.push({ kind: "score", score, method: "axes", contributions: contributions(parts) });
  return score;
}

function scoreByIndicators(compiled: CompiledSet, scores: number[], ctx: RunContext): number | null {
  const parts = compiled.indicators.map(({ indicator }, i) => ({
    part: indicator.id,
    name: indicator.name,
    weight: indicator.weight,
    score: scores[i]!,
  }));
  const score = weightedMean(parts);
  ctx.steps?.push({ kind: "score", score, method: "indicators", contributions: contributions(parts) });
  return score;
}

/** The scores a result reports: the final and axis scores that are numbers, and every indicator's score. */
export function resultScores(compiled: CompiledSet, facts: Facts): Record<string, number> {
  const scores: Record<string, number> = {};
  if (typeof facts.score === "number") scores.score = facts.score;
  for (const axis of AXES) {
    const value = facts[AXIS_FACTS[axis]];
    if (typeof value === "number") scores[AXIS_FACTS[axis]] = value;
  }
  for (const { scoreFact } of compiled.indicators) scores[scoreFact] = facts[scoreFact] as number;
  return scores;
}
