// Indicator scores: each indicator of a set compiled once into a closure that reads its input (ratings per
// rater source, or an objective value), sets `score.<id>`, `raw.<id>` and `rating.<id>.<source>`, and
// returns the score.
import { TARGET_ASPECTS, type AppraisalInput, type RaterSource, type TargetRealisasi } from "../domain/types.js";
import { achievementPercent, capScore } from "../calculators/achievement.js";
import { taskScore } from "../calculators/pp46.js";
import { pointer } from "../ruleset/errors.js";
import { raterWeightsOf, ratersOf } from "../ruleset/raters.js";
import { raterSourceLabel, ratingScore, scaleOf } from "../ruleset/read.js";
import { indicatorLabel, ratingMisfit } from "../ruleset/values.js";
import type { Indicator, IndicatorInput, RuleSet, Scale } from "../ruleset/schema.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";
import { ruleSetError } from "./rule-errors.js";
import type { IndicatorFormula, IndicatorStep, RaterBreakdown, RaterSourceBreakdown } from "./steps.js";

export interface CompiledIndicator {
  indicator: Indicator;
  scoreFact: string;
  /** Sets the indicator's facts and returns its score. */
  evaluate(input: AppraisalInput, facts: Facts, ctx: RunContext): number;
}

interface Scored {
  raw: number | boolean;
  score: number;
  formula: IndicatorFormula;
  /** Built only when explaining. */
  inputs: Record<string, unknown> | null;
  raters: RaterBreakdown | null;
}

type Scorer = (input: AppraisalInput, facts: Facts, ctx: RunContext, label: string) => Scored;

/** The scale of a rating indicator; a name the rule set does not declare is a rule-set error. */
function ratingScale(ruleSet: RuleSet, indicator: Indicator, name: string | Scale, at: Array<string | number>): Scale {
  const scale = scaleOf(ruleSet, indicator);
  if (scale) return scale;
  throw ruleSetError(
    ruleSet,
    pointer(...at, "input", "scale"),
    `skala ${show(name)} tidak ada; yang ada: ${Object.keys(ruleSet.scales).join(", ") || "(tidak ada)"}`,
  );
}

function ratingScorer(ruleSet: RuleSet, indicator: Indicator, scale: Scale): Scorer {
  const id = indicator.id;
  const configured = raterWeightsOf(ruleSet, indicator);
  // In the order the rule file lists them, so explanations read as the region wrote its weights.
  const sources = ratersOf(ruleSet, indicator);
  let weights = sources.map((s) => configured[s] ?? 0);
  // Sources that carry no weight between them (e.g. an indicator rated only by "self", which has none)
  // count equally rather than leaving the indicator unscorable.
  if (weights.every((w) => w === 0)) weights = weights.map(() => 1);
  const ratingFacts = sources.map((s) => `rating.${id}.${s}`);
  const refuseMissing = ruleSet.raters.missing === "refuse";
  const { min, max, step } = scale;
  const linear = scale.toScore === "linear";
  const expected = sources.map((s) => raterSourceLabel(s)).join(", ");

  function check(ctx: RunContext, label: string, source: RaterSource, value: unknown): number {
    switch (ratingMisfit(scale, value)) {
      case null:
        return value as number;
      case "notNumber":
        return refuse(ctx, `${label}: nilai dari ${raterSourceLabel(source)} harus angka, bukan ${show(value)}`);
      case "outOfScale":
        return refuse(ctx, `${label}: nilai ${show(value)} dari ${raterSourceLabel(source)} di luar skala ${min}–${max}`);
      case "offStep":
        return refuse(ctx, `${label}: nilai ${show(value)} dari ${raterSourceLabel(source)} bukan kelipatan ${step} pada skala ${min}–${max}`);
    }
  }

  return (input, facts, ctx, label) => {
    const ratings = input.ratings;
    const explaining = ctx.steps !== null;
    const breakdown: RaterSourceBreakdown[] | null = explaining ? [] : null;
    const missing: RaterSource[] = [];
    let weighted = 0;
    let presentWeight = 0;
    let presentCount = 0;
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      const weight = weights[i]!;
      const given = ratings?.[source];
      const values: number[] | null = explaining ? [] : null;
      let sum = 0;
      let n = 0;
      if (given !== undefined && given !== null) {
        if (Array.isArray(given)) {
          for (const one of given) {
            const value = one?.[id];
            if (value === undefined || value === null) continue;
            sum += check(ctx, label, source, value);
            n++;
            values?.push(value);
          }
        } else {
          const value = given[id];
          if (value !== undefined && value !== null) {
            sum += check(ctx, label, source, value);
            n++;
            values?.push(value);
          }
        }
      }
      if (n === 0) {
        if (weight > 0) {
          if (refuseMissing) {
            refuse(
              ctx,
              `${label}: tidak ada penilaian dari ${raterSourceLabel(source)}, dan aturan ini tidak membagi ulang bobotnya ` +
                `(raters.missing = "refuse")`,
            );
          }
          missing.push(source);
        }
        breakdown?.push({ source, values: [], mean: null, weight, share: null });
        continue;
      }
      const mean = sum / n;
      facts[ratingFacts[i]!] = mean;
      weighted += weight * mean;
      presentWeight += weight;
      presentCount++;
      breakdown?.push({ source, values: values!, mean, weight, share: 0 });
    }
    if (presentCount === 0) refuse(ctx, `${label}: belum dinilai; diharapkan penilaian dari ${expected}`);
    if (presentWeight === 0) {
      refuse(ctx, `${label}: hanya dinilai oleh penilai berbobot 0; diharapkan penilaian dari ${missing.map((s) => raterSourceLabel(s)).join(", ")}`);
    }
    const aggregate = weighted / presentWeight;
    const score = ratingScore(scale, aggregate);
    if (breakdown) for (const b of breakdown) if (b.mean !== null) b.share = b.weight / presentWeight;
    return {
      raw: aggregate,
      score,
      formula: linear ? "rating.linear" : "rating.percentOfMax",
      inputs: explaining ? { value: aggregate, min, max } : null,
      raters: breakdown ? { sources: breakdown, missing, aggregate } : null,
    };
  };
}

function objectiveValue(input: AppraisalInput, id: string, ctx: RunContext, label: string): unknown {
  const value = input.values?.[id];
  if (value === undefined || value === null) refuse(ctx, `${label}: nilai belum diisi (values.${id})`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Calculator range errors become appraisal errors naming the indicator. */
function calculate<T>(ctx: RunContext, label: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RangeError) refuse(ctx, `${label}: ${error.message}`);
    throw error;
  }
}

function objectiveScorer(indicator: Indicator, spec: Exclude<IndicatorInput, { kind: "rating" }>): Scorer {
  const id = indicator.id;
  switch (spec.kind) {
    case "target":
      return (input, _facts, ctx, label) => {
        const value = objectiveValue(input, id, ctx, label);
        if (!isRecord(value) || !isRecord(value.target) || !isRecord(value.realisasi)) {
          refuse(
            ctx,
            `${label}: diharapkan { target: { ${spec.aspects.join(", ")} }, realisasi: { … } }, bukan ${show(value)}`,
          );
        }
        const task = calculate(ctx, label, () => taskScore(value as unknown as TargetRealisasi, spec.aspects));
        const score = capScore(task.score, spec.cap);
        let inputs: Record<string, unknown> | null = null;
        if (ctx.steps) {
          const target = value.target as TargetRealisasi["target"];
          const realisasi = value.realisasi as TargetRealisasi["realisasi"];
          const aspects: Record<string, unknown> = {};
          for (const aspect of TARGET_ASPECTS) {
            const aspectScore = task.aspects[aspect];
            if (aspectScore !== undefined) {
              aspects[aspect] = { target: target[aspect], realisasi: realisasi[aspect], score: aspectScore };
            }
          }
          inputs = { aspects, taskScore: task.score, cap: spec.cap ?? null };
        }
        return { raw: task.score, score, formula: "pp46.task", inputs, raters: null };
      };
    case "achievement":
      return (input, _facts, ctx, label) => {
        const value = objectiveValue(input, id, ctx, label);
        let percent: number;
        let target: number | null = null;
        let realisasi: number | null = null;
        if (typeof value === "number") {
          if (!Number.isFinite(value) || value < 0) refuse(ctx, `${label}: capaian harus 0% atau lebih, bukan ${value}`);
          percent = value;
        } else if (isRecord(value) && typeof value.target === "number" && typeof value.realisasi === "number") {
          target = value.target;
          realisasi = value.realisasi;
          percent = calculate(ctx, label, () => achievementPercent(value.target as number, value.realisasi as number));
        } else {
          refuse(ctx, `${label}: diharapkan persentase capaian atau { target, realisasi }, bukan ${show(value)}`);
        }
        const score = capScore(percent, spec.cap);
        const inputs = ctx.steps ? { target, realisasi, percent, cap: spec.cap ?? null } : null;
        return { raw: percent, score, formula: "achievement", inputs, raters: null };
      };
    case "attendance":
      return (input, _facts, ctx, label) => {
        const days = objectiveValue(input, id, ctx, label);
        if (typeof days !== "number" || !Number.isFinite(days) || days < 0) {
          refuse(ctx, `${label}: diharapkan jumlah hari tidak masuk tanpa keterangan (0 atau lebih), bukan ${show(days)}`);
        }
        const index = spec.bands.findIndex((band) => band.maxDays === null || days <= band.maxDays);
        const band = spec.bands[index];
        if (!band) {
          refuse(ctx, `${label}: ${days} hari melebihi pita terakhir (${spec.bands.at(-1)?.maxDays} hari) dan tidak ada pita tanpa batas`);
        }
        const inputs = ctx.steps ? { days, band: index, maxDays: band.maxDays } : null;
        return { raw: days, score: band.score, formula: "attendance.bands", inputs, raters: null };
      };
    case "yesno":
      return (input, _facts, ctx, label) => {
        const value = objectiveValue(input, id, ctx, label);
        if (typeof value !== "boolean") refuse(ctx, `${label}: diharapkan true (ya) atau false (tidak), bukan ${show(value)}`);
        const inputs = ctx.steps ? { value, yes: spec.yes, no: spec.no } : null;
        return { raw: value, score: value ? spec.yes : spec.no, formula: "yesno", inputs, raters: null };
      };
    case "score":
      return (input, _facts, ctx, label) => {
        const value = objectiveValue(input, id, ctx, label);
        if (typeof value !== "number" || !Number.isFinite(value)) refuse(ctx, `${label}: diharapkan angka, bukan ${show(value)}`);
        if (value < spec.min || value > spec.max) {
          refuse(ctx, `${label}: nilai ${value} di luar rentang ${spec.min}–${spec.max}`);
        }
        const inputs = ctx.steps ? { value, min: spec.min, max: spec.max } : null;
        return { raw: value, score: value, formula: "score", inputs, raters: null };
      };
  }
}

export function compileIndicator(ruleSet: RuleSet, indicator: Indicator, at: Array<string | number>): CompiledIndicator {
  const spec = indicator.input;
  const scorer =
    spec.kind === "rating"
      ? ratingScorer(ruleSet, indicator, ratingScale(ruleSet, indicator, spec.scale, at))
      : objectiveScorer(indicator, spec);
  const label = indicatorLabel(indicator);
  const scoreFact = `score.${indicator.id}`;
  const rawFact = `raw.${indicator.id}`;
  return {
    indicator,
    scoreFact,
    evaluate(input, facts, ctx) {
      const scored = scorer(input, facts, ctx, label);
      facts[scoreFact] = scored.score;
      facts[rawFact] = scored.raw;
      if (ctx.steps) {
        const step: IndicatorStep = {
          kind: "indicator",
          indicator: indicator.id,
          name: indicator.name,
          axis: indicator.axis,
          weight: indicator.weight,
          formula: scored.formula,
          inputs: scored.inputs ?? {},
          raters: scored.raters,
          raw: scored.raw,
          score: scored.score,
        };
        ctx.steps.push(step);
      }
      return scored.score;
    },
  };
}
