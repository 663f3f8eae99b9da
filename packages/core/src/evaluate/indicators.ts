// Indicator scores: each indicator of a set compiled once into a closure that reads its input (ratings per
// rater source, or an objective value), sets `score.<id>`, `raw.<id>` and `rating.<id>.<source>`, and
// returns the score. What the formula used is gathered only when explaining.
import { TARGET_ASPECTS, type AppraisalInput, type RaterRatings, type RaterSource, type TargetAspect, type TargetRealisasi } from "../domain/types.js";
import { achievementPercent, capScore } from "../calculators/achievement.js";
import { taskScore } from "../calculators/pp46.js";
import { pointer } from "../ruleset/errors.js";
import { raterWeightsOf, ratersOf } from "../ruleset/raters.js";
import { raterSourceLabel, ratingScore, scaleOf, scaleScoreMax } from "../ruleset/read.js";
import { indicatorLabel, ratingMisfit } from "../ruleset/values.js";
import type { Indicator, IndicatorInput, RuleSet, Scale } from "../ruleset/schema.js";
import { refuse, show, type RunContext } from "./context.js";
import { propertyKey, type FactState, type FactTable } from "./fact-table.js";
import { generate, literal } from "../engine/generated.js";
import { ruleSetError } from "./rule-errors.js";
import type { IndicatorFormula, IndicatorStep, RaterBreakdown, RaterSourceBreakdown } from "./steps.js";

export interface CompiledIndicator {
  indicator: Indicator;
  scoreFact: string;
  scoreSlot: number;
  /** How the indicator reads in messages (`label` below). */
  label: string;
  /**
   * The production path of `evaluate` (no explanation) without setting `score.<id>`: sets the indicator's
   * other facts and returns its score. Called with `label`.
   */
  quick(input: AppraisalInput, facts: FactState, ctx: RunContext, label: string): number;
  /** Sets the indicator's facts and returns its score. */
  evaluate(input: AppraisalInput, facts: FactState, ctx: RunContext): number;
}

/** What a formula used, for the explanation. */
interface Explained {
  formula: IndicatorFormula;
  inputs: Record<string, unknown>;
  raters: RaterBreakdown | null;
}

/**
 * Sets `raw.<id>` (and the rating facts) and returns the score; when explaining, records what it used
 * through `explained`.
 */
type Scorer = (input: AppraisalInput, facts: FactState, ctx: RunContext, label: string, explained: (what: Explained) => void) => number;

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

type ObjectiveInput = Exclude<IndicatorInput, { kind: "rating" }>;

type Sheets = RaterRatings | RaterRatings[] | undefined | null;

/** A scorer, and its production path when no explanation is asked for. */
interface Scoring {
  scorer: Scorer;
  quick: (input: AppraisalInput, facts: FactState, ctx: RunContext, label: string) => number;
}

function ratingScorer(ruleSet: RuleSet, indicator: Indicator, scale: Scale, table: FactTable, rawSlot: number): Scoring {
  const id = propertyKey(indicator.id);
  const configured = raterWeightsOf(ruleSet, indicator);
  // In the order the rule file lists them, so explanations read as the region wrote its weights.
  const sources = ratersOf(ruleSet, indicator);
  let weights = sources.map((s) => configured[s] ?? 0);
  // Sources that carry no weight between them (e.g. an indicator rated only by "self", which has none)
  // count equally rather than leaving the indicator unscorable.
  if (weights.every((w) => w === 0)) weights = weights.map(() => 1);
  const ratingSlots = sources.map((s) => table.slot(`rating.${id}.${s}`));
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

  /** Whether `value` fits the scale, as ratingMisfit would find, tested inline; `check` says why not. */
  const fits = (value: unknown): value is number =>
    typeof value === "number" &&
    value >= min &&
    value <= max &&
    (step === undefined || Math.abs((value - min) / step - Math.round((value - min) / step)) <= 1e-9);

  const sourceCodes = sources.map((source) => SOURCE_CODES[source]);
  const top = scaleScoreMax(scale);

  function refuseUnrated(ctx: RunContext, label: string, source: RaterSource): never {
    return refuse(
      ctx,
      `${label}: tidak ada penilaian dari ${raterSourceLabel(source)}, dan aturan ini tidak membagi ulang bobotnya ` +
        `(raters.missing = "refuse")`,
    );
  }

  const slow: Scorer = (input, facts, ctx, label, explained) => {
    const ratings = input.ratings;
    const explaining = ctx.steps !== null;
    const breakdown: RaterSourceBreakdown[] | null = explaining ? [] : null;
    let missing: RaterSource[] | null = null;
    let weighted = 0;
    let presentWeight = 0;
    let presentCount = 0;
    for (let i = 0; i < sources.length; i++) {
      const source = sources[i]!;
      const weight = weights[i]!;
      const sheets = ratings === undefined || ratings === null ? undefined : sourceRatings(ratings, sourceCodes[i]!);
      let values: number[] | null = null;
      let sum = 0;
      let n = 0;
      if (sheets !== undefined && sheets !== null) {
        if (Array.isArray(sheets)) {
          if (explaining) values = [];
          for (let k = 0; k < sheets.length; k++) {
            const value = sheets[k]?.[id];
            if (value === undefined || value === null) continue;
            sum += fits(value) ? value : check(ctx, label, source, value);
            n++;
            values?.push(value);
          }
        } else {
          const value = sheets[id];
          if (value !== undefined && value !== null) {
            sum += fits(value) ? value : check(ctx, label, source, value);
            n++;
            // One sheet gives one value: the list is made whole rather than grown.
            if (explaining) values = [value];
          }
        }
      }
      if (explaining && values === null) values = [];
      if (n === 0) {
        if (weight > 0) {
          if (refuseMissing) refuseUnrated(ctx, label, source);
          (missing ??= []).push(source);
        }
        breakdown?.push({ source, values: [], mean: null, weight, share: null });
        continue;
      }
      const mean = sum / n;
      facts[ratingSlots[i]!] = mean;
      weighted += weight * mean;
      presentWeight += weight;
      presentCount++;
      breakdown?.push({ source, values: values!, mean, weight, share: 0 });
    }
    if (presentCount === 0) refuse(ctx, `${label}: belum dinilai; diharapkan penilaian dari ${expected}`);
    if (presentWeight === 0) {
      refuse(ctx, `${label}: hanya dinilai oleh penilai berbobot 0; diharapkan penilaian dari ${(missing ?? []).map((s) => raterSourceLabel(s)).join(", ")}`);
    }
    const aggregate = weighted / presentWeight;
    facts[rawSlot] = aggregate;
    if (breakdown) {
      for (const b of breakdown) if (b.mean !== null) b.share = b.weight / presentWeight;
      const formula = linear ? "rating.linear" : "rating.percentOfMax";
      explained({ formula, inputs: { value: aggregate, min, max, scoreMax: scaleScoreMax(scale) }, raters: { sources: breakdown, missing: missing ?? [], aggregate } });
    }
    return ratingScore(scale, aggregate);
  };
  const shape: RatingShape = { id, sources, weights, ratingSlots, rawSlot, refuseMissing, min, max, step, linear, top };
  // Where code may not be generated, the recording path records nothing when no explanation is asked for.
  const production = writtenRating(shape, { check, refuseUnrated, slow, ignore }, false) ?? ((input, facts, ctx, label) => slow(input, facts, ctx, label, ignore));
  const explaining = writtenRating(shape, { check, refuseUnrated, slow }, true) ?? slow;
  return {
    scorer: (input, facts, ctx, label, explained) => (ctx.steps === null ? production(input, facts, ctx, label) : explaining(input, facts, ctx, label, explained)),
    quick: production,
  };
}

interface RatingShape {
  id: string;
  sources: readonly RaterSource[];
  weights: readonly number[];
  ratingSlots: readonly number[];
  rawSlot: number;
  refuseMissing: boolean;
  min: number;
  max: number;
  step: number | undefined;
  linear: boolean;
  top: number;
}

/**
 * A rating indicator's `slow` written out as JavaScript, recording nothing (the production path) or, with
 * `explaining`, what it used: each source's ratings and the indicator's rating read by name, the scale's
 * bounds and the weights as literals, the same checks and arithmetic in the same order, and each source's
 * part of the breakdown one object literal. Null where code may not be generated.
 */
function writtenRating(shape: RatingShape, helpers: Record<string, unknown>, explaining: false): Scoring["quick"] | null;
function writtenRating(shape: RatingShape, helpers: Record<string, unknown>, explaining: true): Scorer | null;
function writtenRating(shape: RatingShape, helpers: Record<string, unknown>, explaining: boolean): Scorer | null {
  const { id, sources, weights, min, max, step } = shape;
  const fits =
    `(typeof value === "number" && value >= ${literal(min)} && value <= ${literal(max)}` +
    (step === undefined ? ")" : ` && Math.abs((value - ${literal(min)}) / ${literal(step)} - Math.round((value - ${literal(min)}) / ${literal(step)})) <= 1e-9)`);
  const lines = [
    `const { ${Object.keys(helpers).join(", ")} } = h;`,
    "return function rating(input, facts, ctx, label, explained) {",
    "const ratings = input.ratings;",
    "let weighted = 0, presentWeight = 0, presentCount = 0, missing = null, sheets, sum, n, value;",
  ];
  sources.forEach((source, i) => {
    const weight = literal(weights[i]!);
    const add = `sum += ${fits} ? value : check(ctx, label, ${literal(source)}, value); n++;`;
    // Explaining, v<i> lists the source's values (a list made whole for one sheet) and m<i> is their mean.
    lines.push(
      `sheets = ratings === undefined || ratings === null ? undefined : ratings[${literal(source)}];`,
      explaining ? `sum = 0; n = 0; let v${i} = null, m${i} = null;` : "sum = 0; n = 0;",
      "if (sheets !== undefined && sheets !== null) {",
      `if (Array.isArray(sheets)) { ${explaining ? `v${i} = []; ` : ""}for (let k = 0; k < sheets.length; k++) { value = sheets[k]?.[${literal(id)}]; if (value === undefined || value === null) continue; ${add}${explaining ? ` v${i}.push(value);` : ""} } }`,
      `else { value = sheets[${literal(id)}]; if (value !== undefined && value !== null) { ${add}${explaining ? ` v${i} = [value];` : ""} } }`,
      "}",
      weights[i]! > 0 && shape.refuseMissing ? `if (n === 0) refuseUnrated(ctx, label, ${literal(source)});` : "",
      explaining && weights[i]! > 0 ? `if (n === 0) (missing ??= []).push(${literal(source)});` : "",
      `if (n !== 0) { const mean = sum / n; ${explaining ? `m${i} = mean; ` : ""}facts[${shape.ratingSlots[i]!}] = mean; weighted += ${weight} * mean; presentWeight += ${weight}; presentCount++; }`,
    );
  });
  const toScore = shape.linear
    ? `((aggregate - ${literal(min)}) / (${literal(max)} - ${literal(min)})) * ${literal(shape.top)}`
    : `(aggregate / ${literal(max)}) * ${literal(shape.top)}`;
  lines.push(
    // The refusals of an indicator no one rated (and, on the production path, its missing sources) are worded by `slow`.
    `if (presentCount === 0 || presentWeight === 0) return slow(input, facts, ctx, label, ${explaining ? "explained" : "ignore"});`,
    "const aggregate = weighted / presentWeight;",
    `facts[${shape.rawSlot}] = aggregate;`,
  );
  if (explaining) {
    const breakdown = sources.map((source, i) => {
      const weight = literal(weights[i]!);
      return `{ source: ${literal(source)}, values: v${i} ?? [], mean: m${i}, weight: ${weight}, share: m${i} === null ? null : ${weight} / presentWeight }`;
    });
    lines.push(
      `explained({ formula: ${literal(shape.linear ? "rating.linear" : "rating.percentOfMax")}, inputs: { value: aggregate, min: ${literal(min)}, max: ${literal(max)}, scoreMax: ${literal(shape.top)} }, ` +
        `raters: { sources: [${breakdown.join(", ")}], missing: missing ?? [], aggregate } });`,
    );
  }
  lines.push(`return ${toScore};`, "};");
  return generate(lines.join("\n"), helpers);
}

const ignore = (): void => {};

const SOURCE_CODES: Record<RaterSource, number> = { self: 0, peer: 1, supervisor: 2, subordinate: 3, public: 4 };

/** A source's ratings, read by a property name fixed at each site. */
function sourceRatings(ratings: NonNullable<AppraisalInput["ratings"]>, code: number): Sheets {
  switch (code) {
    case 0:
      return ratings.self;
    case 1:
      return ratings.peer;
    case 2:
      return ratings.supervisor;
    case 3:
      return ratings.subordinate;
    default:
      return ratings.public;
  }
}

function objectiveValue(input: AppraisalInput, id: string, ctx: RunContext, label: string): unknown {
  const value = input.values?.[id];
  if (value === undefined || value === null) refuse(ctx, `${label}: nilai belum diisi (values.${id})`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A calculator's range error becomes an appraisal error naming the indicator; anything else is rethrown. */
function rangeRefusal(ctx: RunContext, label: string, error: unknown): never {
  if (error instanceof RangeError) refuse(ctx, `${label}: ${error.message}`);
  throw error;
}

/** The mean of a non-empty list. */
function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** One PP 46/2011 task: its aspect scores and their mean. */
function targetTask(value: unknown, aspects: readonly TargetAspect[], ctx: RunContext, label: string): ReturnType<typeof taskScore> {
  if (!isRecord(value) || !isRecord(value.target) || !isRecord(value.realisasi)) {
    refuse(ctx, `${label}: diharapkan { target: { ${aspects.join(", ")} }, realisasi: { … } }, bukan ${show(value)}`);
  }
  try {
    return taskScore(value as unknown as TargetRealisasi, aspects);
  } catch (error) {
    rangeRefusal(ctx, label, error);
  }
}

/** One achievement: a percentage, or realisasi / target × 100. */
function achievementTask(value: unknown, ctx: RunContext, label: string): { percent: number; target: number | null; realisasi: number | null } {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) refuse(ctx, `${label}: capaian harus 0% atau lebih, bukan ${value}`);
    return { percent: value, target: null, realisasi: null };
  }
  if (isRecord(value) && typeof value.target === "number" && typeof value.realisasi === "number") {
    try {
      return { percent: achievementPercent(value.target, value.realisasi), target: value.target, realisasi: value.realisasi };
    } catch (error) {
      rangeRefusal(ctx, label, error);
    }
  }
  refuse(ctx, `${label}: diharapkan persentase capaian atau { target, realisasi }, bukan ${show(value)}`);
}

/**
 * Several tasks of one indicator (PP 46/2011: SKP is the mean over the tasks): each task scored and capped on
 * its own, the score their mean; `raw.<id>` is the mean before the cap.
 */
function scoreTasks(
  tasks: unknown[],
  cap: number | undefined,
  one: (task: unknown, label: string) => number,
  facts: FactState,
  rawSlot: number,
  ctx: RunContext,
  label: string,
  explained: (what: Explained) => void,
): number {
  if (tasks.length === 0) refuse(ctx, `${label}: daftar tugas kosong; diharapkan paling sedikit satu tugas`);
  const raw = tasks.map((task, i) => one(task, `${label}, tugas ke-${i + 1}`));
  const scores = raw.map((score) => capScore(score, cap));
  facts[rawSlot] = mean(raw);
  if (ctx.steps) explained({ formula: "tasks.mean", inputs: { tasks: raw, scores, cap: cap ?? null }, raters: null });
  return mean(scores);
}

function objectiveScorer(indicator: Indicator, spec: ObjectiveInput, rawSlot: number): Scorer {
  const id = propertyKey(indicator.id);
  switch (spec.kind) {
    case "target":
      return (input, facts, ctx, label, explained) => {
        const value = objectiveValue(input, id, ctx, label);
        if (Array.isArray(value)) {
          return scoreTasks(value, spec.cap, (task, at) => targetTask(task, spec.aspects, ctx, at).score, facts, rawSlot, ctx, label, explained);
        }
        const task = targetTask(value, spec.aspects, ctx, label);
        facts[rawSlot] = task.score;
        if (ctx.steps) {
          const { target, realisasi } = value as unknown as TargetRealisasi;
          const aspects: Record<string, unknown> = {};
          for (const aspect of TARGET_ASPECTS) {
            const aspectScore = task.aspects[aspect];
            if (aspectScore !== undefined) {
              aspects[aspect] = { target: target[aspect], realisasi: realisasi[aspect], score: aspectScore };
            }
          }
          explained({ formula: "pp46.task", inputs: { aspects, taskScore: task.score, cap: spec.cap ?? null }, raters: null });
        }
        return capScore(task.score, spec.cap);
      };
    case "achievement":
      return (input, facts, ctx, label, explained) => {
        const value = objectiveValue(input, id, ctx, label);
        if (Array.isArray(value)) {
          return scoreTasks(value, spec.cap, (task, at) => achievementTask(task, ctx, at).percent, facts, rawSlot, ctx, label, explained);
        }
        const { percent, target, realisasi } = achievementTask(value, ctx, label);
        facts[rawSlot] = percent;
        if (ctx.steps) explained({ formula: "achievement", inputs: { target, realisasi, percent, cap: spec.cap ?? null }, raters: null });
        return capScore(percent, spec.cap);
      };
    case "attendance":
      return (input, facts, ctx, label, explained) => {
        const days = objectiveValue(input, id, ctx, label);
        if (typeof days !== "number" || !Number.isFinite(days) || days < 0) {
          refuse(ctx, `${label}: diharapkan jumlah hari tidak masuk tanpa keterangan (0 atau lebih), bukan ${show(days)}`);
        }
        const bands = spec.bands;
        let index = 0;
        while (index < bands.length && bands[index]!.maxDays !== null && days > bands[index]!.maxDays!) index++;
        const band = bands[index];
        if (!band) {
          refuse(ctx, `${label}: ${days} hari melebihi pita terakhir (${spec.bands.at(-1)?.maxDays} hari) dan tidak ada pita tanpa batas`);
        }
        facts[rawSlot] = days;
        if (ctx.steps) explained({ formula: "attendance.bands", inputs: { days, band: index, maxDays: band.maxDays }, raters: null });
        return band.score;
      };
    case "yesno":
      return (input, facts, ctx, label, explained) => {
        const value = objectiveValue(input, id, ctx, label);
        if (typeof value !== "boolean") refuse(ctx, `${label}: diharapkan true (ya) atau false (tidak), bukan ${show(value)}`);
        facts[rawSlot] = value;
        if (ctx.steps) explained({ formula: "yesno", inputs: { value, yes: spec.yes, no: spec.no }, raters: null });
        return value ? spec.yes : spec.no;
      };
    case "score":
      return (input, facts, ctx, label, explained) => {
        const value = objectiveValue(input, id, ctx, label);
        if (typeof value !== "number" || !Number.isFinite(value)) refuse(ctx, `${label}: diharapkan angka, bukan ${show(value)}`);
        if (value < spec.min || value > spec.max) {
          refuse(ctx, `${label}: nilai ${value} di luar rentang ${spec.min}–${spec.max}`);
        }
        facts[rawSlot] = value;
        if (ctx.steps) explained({ formula: "score", inputs: { value, min: spec.min, max: spec.max }, raters: null });
        return value;
      };
  }
}

/**
 * An objective indicator's scorer and its production path, each written out where it can be, else the
 * closures.
 */
function objectiveScoring(indicator: Indicator, spec: ObjectiveInput, rawSlot: number): Scoring {
  const scorer = objectiveScorer(indicator, spec, rawSlot);
  const closure = (input: AppraisalInput, facts: FactState, ctx: RunContext, label: string) => scorer(input, facts, ctx, label, ignore);
  const id = propertyKey(indicator.id);
  return { scorer: writtenObjective(id, spec, rawSlot, scorer, true) ?? scorer, quick: writtenObjective(id, spec, rawSlot, closure, false) ?? closure };
}

/**
 * The production path of an attendance or achievement indicator written out as JavaScript: `values` read by
 * the indicator's name, the bands (or the cap) as literals; with `explaining`, what it used recorded as the
 * scorer records it. A value it does not take as it is (missing, not a number, negative, several tasks, a
 * target and realisasi) goes to the closure, which scores or refuses it as before. Null for other kinds, or
 * where code may not be generated.
 */
function writtenObjective(id: string, spec: ObjectiveInput, rawSlot: number, closure: Scoring["quick"], explaining: false): Scoring["quick"] | null;
function writtenObjective(id: string, spec: ObjectiveInput, rawSlot: number, closure: Scorer, explaining: true): Scorer | null;
function writtenObjective(id: string, spec: ObjectiveInput, rawSlot: number, closure: Scorer, explaining: boolean): Scorer | null {
  const lines = [
    "const { closure } = h;",
    "return function objective(input, facts, ctx, label, explained) {",
    "const values = input.values;",
    `const value = values === undefined || values === null ? undefined : values[${literal(id)}];`,
    // Number.isFinite(value) && value >= 0, as the closure checks it.
    'if (typeof value !== "number" || !(value >= 0 && value < Infinity)) return closure(input, facts, ctx, label, explained);',
  ];
  const explained = (inputs: string) => (explaining ? `explained({ formula: ${literal(spec.kind === "attendance" ? "attendance.bands" : "achievement")}, inputs: ${inputs}, raters: null }); ` : "");
  if (spec.kind === "attendance") {
    let open = false;
    const bands: string[] = [];
    for (const [i, band] of spec.bands.entries()) {
      const scored = `facts[${rawSlot}] = value; ${explained(`{ days: value, band: ${i}, maxDays: ${literal(band.maxDays)} }`)}return ${literal(band.score)};`;
      if (band.maxDays === null) {
        bands.push(scored);
        open = true;
        break;
      }
      bands.push(`if (value <= ${literal(band.maxDays)}) { ${scored} }`);
    }
    // Beyond the last band: the closure refuses it.
    lines.push(...bands, open ? "" : "return closure(input, facts, ctx, label, explained);");
  } else if (spec.kind === "achievement") {
    const cap = spec.cap === undefined ? null : literal(spec.cap);
    lines.push(
      `facts[${rawSlot}] = value;`,
      explained(`{ target: null, realisasi: null, percent: value, cap: ${cap ?? "null"} }`),
      cap === null ? "return value;" : `return value > ${cap} ? ${cap} : value;`,
    );
  } else {
    return null;
  }
  lines.push("};");
  return generate(lines.join("\n"), { closure });
}

export function compileIndicator(
  ruleSet: RuleSet,
  indicator: Indicator,
  at: Array<string | number>,
  table: FactTable,
): CompiledIndicator {
  const spec = indicator.input;
  const scoreFact = `score.${indicator.id}`;
  const scoreSlot = table.slot(scoreFact);
  const rawSlot = table.slot(`raw.${indicator.id}`);
  const { scorer, quick } =
    spec.kind === "rating"
      ? ratingScorer(ruleSet, indicator, ratingScale(ruleSet, indicator, spec.scale, at), table, rawSlot)
      : objectiveScoring(indicator, spec, rawSlot);
  const label = indicatorLabel(indicator);
  let explainedNow: Explained | null = null;
  const explained = (what: Explained) => {
    explainedNow = what;
  };
  return {
    indicator,
    scoreFact,
    scoreSlot,
    label,
    quick,
    evaluate(input, facts, ctx) {
      const score = scorer(input, facts, ctx, label, explained);
      facts[scoreSlot] = score;
      if (ctx.steps) {
        const { formula, inputs, raters } = explainedNow!;
        explainedNow = null;
        const step: IndicatorStep = {
          kind: "indicator",
          indicator: indicator.id,
          name: indicator.name,
          axis: indicator.axis,
          weight: indicator.weight,
          formula,
          inputs,
          raters,
          raw: facts[rawSlot] as number | boolean,
          score,
        };
        ctx.steps.push(step);
      }
      return score;
    },
  };
}
