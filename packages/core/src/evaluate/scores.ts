// From indicator scores to axis scores and the final score: weighted means, by the rule set's axis weights
// when it has them (the first axis variant whose condition holds, otherwise /axes), otherwise over every
// indicator of the chosen set.
import { AXES, type AppraisalInput, type Axis } from "../domain/types.js";
import type { SlotPredicate } from "../engine/slot-compiler.js";
import { pointer } from "../ruleset/errors.js";
import type { RuleSet } from "../ruleset/schema.js";
import type { RunContext } from "./context.js";
import { clean, type FactState, type FactTable } from "./fact-table.js";
import { generate, literal } from "../engine/generated.js";
import { compileRuleCondition } from "./rule-errors.js";
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
    .map((p) => ({ part: p.part, name: p.name, weight: p.weight, score: p.score, contribution: total === 0 ? 0 : (p.weight * p.score) / total }));
}

/** The slots of `score.<axis>` and `score`, and what the scores stage needs from the rule set. */
export interface ScoreSlots {
  axisWeights: RuleSet["axes"];
  /** Axis splits with their conditions, tried in order before `axisWeights`. */
  variants: Array<{ id: string; when: SlotPredicate; axes: NonNullable<RuleSet["axes"]> }>;
  axes: Record<Axis, number>;
  score: number;
}

export function scoreSlots(ruleSet: RuleSet, table: FactTable): ScoreSlots {
  return {
    axisWeights: ruleSet.axes,
    variants: (ruleSet.axisVariants ?? []).map((variant, i) => ({
      id: variant.id,
      when: compileRuleCondition(ruleSet, table, variant.when, pointer("axisVariants", i, "when")),
      axes: variant.axes,
    })),
    axes: { hasil_kerja: table.slot(AXIS_FACTS.hasil_kerja), perilaku: table.slot(AXIS_FACTS.perilaku) },
    score: table.slot("score"),
  };
}

/** Scores the chosen set's indicators, then sets `score.<axis>` and `score` in the facts. */
export function scoreIndicators(
  slots: ScoreSlots,
  compiled: CompiledSet,
  input: AppraisalInput,
  facts: FactState,
  ctx: RunContext,
): void {
  const written = ctx.steps === null ? compiled.scoring : compiled.explaining;
  if (written !== null) return written(input, facts, ctx);
  const indicators = compiled.indicators;
  const scores = new Array<number>(indicators.length);
  for (let i = 0; i < indicators.length; i++) scores[i] = indicators[i]!.evaluate(input, facts, ctx);
  const hasilKerja = scoreAxis(slots, compiled, "hasil_kerja", scores, facts, ctx);
  const perilaku = scoreAxis(slots, compiled, "perilaku", scores, facts, ctx);
  let variant: ScoreSlots["variants"][number] | undefined;
  for (let i = 0; i < slots.variants.length && variant === undefined; i++) {
    if (slots.variants[i]!.when(facts, clean(facts))) variant = slots.variants[i];
  }
  const axisWeights = variant?.axes ?? slots.axisWeights;
  facts[slots.score] = axisWeights
    ? scoreByAxes(axisWeights, { hasil_kerja: hasilKerja, perilaku }, ctx, variant?.id ?? null)
    : scoreByIndicators(compiled, scores, ctx);
}

/** An axis's weighted mean over its indicators, set as `score.<axis>`; null for an axis with none. */
function scoreAxis(slots: ScoreSlots, compiled: CompiledSet, axis: Axis, scores: number[], facts: FactState, ctx: RunContext): number | null {
  const members = compiled.axes[axis];
  if (members.length === 0) return null;
  const weights = compiled.axisWeights[axis];
  // weightedMean over numbers, without building its parts.
  let sum = 0;
  let total = 0;
  for (let m = 0; m < members.length; m++) {
    const weight = weights[m]!;
    if (weight === 0) continue;
    sum += weight * scores[members[m]!]!;
    total += weight;
  }
  const score = total === 0 ? null : sum / total;
  facts[slots.axes[axis]] = score;
  if (ctx.steps) {
    // contributions() over the members, without building their parts first: every member has a score.
    let weightTotal = 0;
    for (let m = 0; m < members.length; m++) weightTotal += compiled.indicators[members[m]!]!.indicator.weight;
    const parts = new Array<Contribution>(members.length);
    for (let m = 0; m < members.length; m++) {
      const { id, name, weight } = compiled.indicators[members[m]!]!.indicator;
      const partScore = scores[members[m]!]!;
      parts[m] = { part: id, name, weight, score: partScore, contribution: weightTotal === 0 ? 0 : (weight * partScore) / weightTotal };
    }
    ctx.steps.push({ kind: "axis", axis, score, contributions: parts });
  }
  return score;
}

function scoreByAxes(
  axisWeights: NonNullable<RuleSet["axes"]>,
  axisScores: Record<Axis, number | null>,
  ctx: RunContext,
  variant: string | null,
): number | null {
  if (!ctx.steps) {
    let sum = 0;
    let total = 0;
    for (const axis of AXES) {
      const weight = axisWeights[axis];
      if (weight === undefined || weight === 0) continue;
      const score = axisScores[axis];
      if (score === null) return null;
      sum += weight * score;
      total += weight;
    }
    return total === 0 ? null : sum / total;
  }
  // weightedMean and contributions over the axes that have a weight, in one pass without building the parts.
  let sum = 0;
  let weights = 0;
  let missing = false;
  let total = 0;
  for (const axis of AXES) {
    const weight = axisWeights[axis];
    if (weight === undefined) continue;
    const axisScore = axisScores[axis];
    if (axisScore !== null) total += weight;
    if (weight === 0 || missing) continue;
    if (axisScore === null) missing = true;
    else {
      sum += weight * axisScore;
      weights += weight;
    }
  }
  const score = missing || weights === 0 ? null : sum / weights;
  const parts: Contribution[] = [];
  for (const axis of AXES) {
    const weight = axisWeights[axis];
    const axisScore = axisScores[axis];
    if (weight === undefined || axisScore === null) continue;
    parts.push({ part: axis, name: AXIS_NAMES[axis], weight, score: axisScore, contribution: total === 0 ? 0 : (weight * axisScore) / total });
  }
  ctx.steps.push(
    variant === null
      ? { kind: "score", score, method: "axes", contributions: parts }
      : { kind: "score", score, method: "axes", variant, contributions: parts },
  );
  return score;
}

function scoreByIndicators(compiled: CompiledSet, scores: number[], ctx: RunContext): number | null {
  if (ctx.steps) {
    const parts = compiled.indicators.map(({ indicator }, i) => ({
      part: indicator.id,
      name: indicator.name,
      weight: indicator.weight,
      score: scores[i]!,
    }));
    const score = weightedMean(parts);
    ctx.steps.push({ kind: "score", score, method: "indicators", contributions: contributions(parts) });
    return score;
  }
  const weights = compiled.weights;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const weight = weights[i]!;
    if (weight === 0) continue;
    sum += weight * scores[i]!;
    total += weight;
  }
  return total === 0 ? null : sum / total;
}

/**
 * The scores a result reports: the final and axis scores that are numbers, and every indicator's score.
 * The object is copied from a template with its keys already in place (one per set and per which of the
 * final and axis scores are numbers), so each appraisal fills known fields instead of adding keys one by
 * one; the keys and their order are those of adding them in turn.
 */
export function resultScores(slots: ScoreSlots, compiled: CompiledSet, facts: FactState): Record<string, number> {
  const score = facts[slots.score];
  const hasilKerja = facts[slots.axes.hasil_kerja];
  const perilaku = facts[slots.axes.perilaku];
  const mask = (typeof score === "number" ? 1 : 0) | (typeof hasilKerja === "number" ? 2 : 0) | (typeof perilaku === "number" ? 4 : 0);
  let build = compiled.scoreBuilders[mask];
  if (build === undefined) build = compiled.scoreBuilders[mask] = writtenScores(slots, compiled, mask);
  if (build !== null) return build(facts);
  const template = (compiled.scoreTemplates[mask] ??= scoresTemplate(compiled, mask));
  const scores: Record<string, number> = { ...template };
  if (mask & 1) scores.score = score as number;
  if (mask & 2) scores["score.hasil_kerja"] = hasilKerja as number;
  if (mask & 4) scores["score.perilaku"] = perilaku as number;
  const indicators = compiled.indicators;
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i]!;
    scores[indicator.scoreFact] = facts[indicator.scoreSlot] as number;
  }
  return scores;
}

function scoresTemplate(compiled: CompiledSet, mask: number): Record<string, number> {
  const template: Record<string, number> = {};
  if (mask & 1) template.score = 0;
  if (mask & 2) template["score.hasil_kerja"] = 0;
  if (mask & 4) template["score.perilaku"] = 0;
  for (const { scoreFact } of compiled.indicators) template[scoreFact] = 0;
  return template;
}

/**
 * The scores of one set and mask as one object literal, its keys in the template's order (a key written
 * twice keeps its first place and its last value, as filling the template does). Null where code may not be
 * generated.
 */
function writtenScores(slots: ScoreSlots, compiled: CompiledSet, mask: number): ((facts: FactState) => Record<string, number>) | null {
  const entries: string[] = [];
  if (mask & 1) entries.push(`"score": facts[${slots.score}]`);
  if (mask & 2) entries.push(`"score.hasil_kerja": facts[${slots.axes.hasil_kerja}]`);
  if (mask & 4) entries.push(`"score.perilaku": facts[${slots.axes.perilaku}]`);
  for (const { scoreFact, scoreSlot } of compiled.indicators) {
    if (scoreFact === "__proto__") return null;
    entries.push(`${literal(scoreFact)}: facts[${scoreSlot}]`);
  }
  return generate(`return function scores(facts) { return { ${entries.join(", ")} }; };`, {});
}

/**
 * scoreIndicators for one set written out as JavaScript: each indicator's `quick` (with `explaining`, its
 * `evaluate`, which records its step) called in turn and its score kept in a local, then each axis's weighted
 * mean and the final score with the weights as literals, summed in the same order from 0 as the loops above
 * sum them, so every figure is the same double. Which axis scores and final score are null follows from the
 * weights alone, so it is decided here, and so are the totals the contributions are shares of: explaining, the
 * axis and score steps are object literals with each part's name and weight in place. Null for a rule set with
 * axis variants (a condition chooses the weights), or where code may not be generated.
 */
export function writtenScoring(slots: ScoreSlots, compiled: CompiledSet, explaining = false): CompiledSet["scoring"] {
  if (slots.variants.length > 0) return null;
  const indicators = compiled.indicators;
  const lines = ["const { run, labels } = h;", "return function scoring(input, facts, ctx) {"];
  indicators.forEach(({ scoreSlot }, i) =>
    lines.push(explaining ? `const s${i} = run[${i}](input, facts, ctx);` : `const s${i} = run[${i}](input, facts, ctx, labels[${i}]); facts[${scoreSlot}] = s${i};`),
  );
  /** Σ weight × score / Σ weight over the weighted parts, as source; null when no part carries weight. */
  const mean = (parts: Array<{ weight: number; score: string }>): string | null => {
    let sum = "0";
    let total = 0;
    for (const { weight, score } of parts) {
      if (weight === 0) continue;
      sum = `(${sum} + ${literal(weight)} * ${score})`;
      total += weight;
    }
    return total === 0 ? null : `${sum} / ${literal(total)}`;
  };
  /** The contributions step of these parts (each with a score), as contributions() makes them. */
  const shares = (parts: Array<{ part: string; name: string; weight: number; score: string }>): string => {
    const total = parts.reduce((sum, p) => sum + p.weight, 0);
    const share = (p: (typeof parts)[number]) => (total === 0 ? "0" : `(${literal(p.weight)} * ${p.score}) / ${literal(total)}`);
    return `[${parts.map((p) => `{ part: ${literal(p.part)}, name: ${literal(p.name)}, weight: ${literal(p.weight)}, score: ${p.score}, contribution: ${share(p)} }`).join(", ")}]`;
  };
  const part = (i: number) => {
    const { id, name, weight } = indicators[i]!.indicator;
    return { part: id, name, weight, score: `s${i}` };
  };
  const axisScores: Record<Axis, string | null> = { hasil_kerja: null, perilaku: null };
  for (const axis of AXES) {
    const members = compiled.axes[axis];
    if (members.length === 0) continue;
    const score = mean(members.map((m, k) => ({ weight: compiled.axisWeights[axis][k]!, score: `s${m}` })));
    lines.push(`const ${axis} = ${score ?? "null"};`, `facts[${slots.axes[axis]}] = ${axis};`);
    if (explaining) lines.push(`ctx.steps.push({ kind: "axis", axis: ${literal(axis)}, score: ${axis}, contributions: ${shares(members.map(part))} });`);
    if (score !== null) axisScores[axis] = axis;
  }
  let score: string | null;
  let step: string;
  if (slots.axisWeights) {
    const parts: Array<{ weight: number; score: string }> = [];
    const scored: Parameters<typeof shares>[0] = [];
    let missing = false;
    for (const axis of AXES) {
      const weight = slots.axisWeights[axis];
      if (weight === undefined) continue;
      if (axisScores[axis] !== null) scored.push({ part: axis, name: AXIS_NAMES[axis], weight, score: axis });
      if (weight === 0) continue;
      if (axisScores[axis] === null) missing = true;
      parts.push({ weight, score: axisScores[axis]! });
    }
    score = missing ? null : mean(parts);
    step = `method: "axes", contributions: ${shares(scored)}`;
  } else {
    score = mean(compiled.weights.map((weight, i) => ({ weight, score: `s${i}` })));
    step = `method: "indicators", contributions: ${shares(indicators.map((_, i) => part(i)))}`;
  }
  lines.push(`const score = ${score ?? "null"};`, `facts[${slots.score}] = score;`);
  if (explaining) lines.push(`ctx.steps.push({ kind: "score", score, ${step} });`);
  lines.push("};");
  const run = indicators.map((indicator) => (explaining ? indicator.evaluate : indicator.quick));
  return generate(lines.join("\n"), { run, labels: indicators.map((indicator) => indicator.label) });
}
