// A rule set compiled once into closures, then evaluated for any number of appraisals: the data path of
// DESIGN.md, from inputs to indicator scores, axis scores, decision tables, calculations, outcome rules
// and predikat. The hot path builds one fact map per appraisal and nothing else; an explanation is
// recorded only when `explain` is called.
import { AXES, type Adjustment, type AppraisalInput, type AppraisalResult, type Axis } from "../domain/types.js";
import { AppraisalError, pointer, RuleSetError, type RuleIssue } from "../ruleset/errors.js";
import { allFactNames, inputFactNames, isEmployeeAttributeFact } from "../ruleset/facts.js";
import type { IndicatorSet, RuleSet } from "../ruleset/schema.js";
import { compileCalculation } from "./calculations.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";
import { compileDecision } from "./decisions.js";
import { compileIndicator, type CompiledIndicator } from "./indicators.js";
import { attributeFactNames, compileDerivedFacts, compileInputFacts } from "./input-facts.js";
import { compileOutcomes, type CompiledOutcomes } from "./outcomes.js";
import { ruleSetFactReferences } from "./references.js";
import { compileRuleCondition, ruleFile } from "./rule-errors.js";
import type { Contribution, Explanation, ExplanationStep, IndicatorSetStep } from "./steps.js";

export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  /** Evaluates one appraisal; throws AppraisalError when its inputs cannot be evaluated. */
  evaluate(input: AppraisalInput): AppraisalResult;
  /** Evaluates lazily, one result or AppraisalError per input, in order: one bad appraisal never stops the batch. */
  evaluateMany(inputs: Iterable<AppraisalInput>): Iterable<AppraisalResult | AppraisalError>;
  /** Evaluates again, recording every step. Never throws AppraisalError: a refusal is reported in `error`. */
  explain(input: AppraisalInput): Explanation;
  /** The full fact map after evaluation (every fact, null where unknown), for debugging and what-if. */
  facts(input: AppraisalInput): Facts;
  /**
   * The indicator set an employee is appraised on, from the employee and period alone (no ratings needed),
   * e.g. to show a rating form. Throws AppraisalError when no set applies.
   */
  indicatorSetFor(input: Pick<AppraisalInput, "employee" | "period" | "facts" | "history">): IndicatorSet;
}

interface CompiledSet {
  set: IndicatorSet;
  when: ((facts: Facts) => boolean) | null;
  indicators: CompiledIndicator[];
  /** Indices into `indicators`, per axis. */
  axes: Record<Axis, number[]>;
  outcomes: CompiledOutcomes;
}

/**
 * Every fact an evaluation may read, as a template of nulls. Free employee attributes the rule set reads
 * are included so that an employee without one reads null; a fact no evaluation provides is a rule-set error.
 */
function factTemplate(ruleSet: RuleSet): Facts {
  const known = inputFactNames(ruleSet);
  // Per set for its indicators' facts; decision outputs and calculations are known even with no set.
  for (const set of ruleSet.indicatorSets) for (const name of allFactNames(ruleSet, set)) known.add(name);
  for (const table of ruleSet.decisions) known.add(table.output);
  for (const calculation of ruleSet.calculations) known.add(calculation.id);
  const issues: RuleIssue[] = [];
  for (const reference of ruleSetFactReferences(ruleSet)) {
    if (known.has(reference.fact)) continue;
    if (isEmployeeAttributeFact(reference.fact)) {
      known.add(reference.fact);
      continue;
    }
    issues.push({
      file: ruleFile(ruleSet),
      pointer: reference.pointer,
      message:
        `fakta "${reference.fact}" tidak pernah tersedia; yang diharapkan: fakta pegawai (employee.*), periode, ` +
        `skor indikator, keluaran tabel keputusan, hasil perhitungan, atau fakta yang dideklarasikan di "facts"`,
      severity: "error",
    });
  }
  if (issues.length > 0) throw new RuleSetError(issues);
  const template: Facts = {};
  for (const name of known) template[name] = null;
  // A fact holds null in one appraisal and a number or string in the next. Storing a number in every
  // field of a scratch copy makes V8 widen each field to "any value" now, so the per-appraisal copies
  // share one stable shape instead of deprecating it on the first evaluation (which made the copy slow).
  const widened: Facts = { ...template };
  for (const name of known) widened[name] = 0;
  for (const name of known) widened[name] = null;
  return { ...widened };
}

function compileSet(ruleSet: RuleSet, index: number): CompiledSet {
  const set = ruleSet.indicatorSets[index]!;
  const indicators = set.indicators.map((indicator, i) =>
    compileIndicator(ruleSet, indicator, ["indicatorSets", index, "indicators", i]),
  );
  const axes: Record<Axis, number[]> = { hasil_kerja: [], perilaku: [] };
  set.indicators.forEach((indicator, i) => axes[indicator.axis].push(i));
  return {
    set,
    when: set.when ? compileRuleCondition(ruleSet, set.when, pointer("indicatorSets", index, "when")) : null,
    indicators,
    axes,
    outcomes: compileOutcomes(ruleSet, index),
  };
}

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

const AXIS_NAMES: Record<Axis, string> = { hasil_kerja: "Hasil Kerja", perilaku: "Perilaku Kerja" };
const AXIS_FACTS: Record<Axis, string> = { hasil_kerja: "score.hasil_kerja", perilaku: "score.perilaku" };

export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const template = factTemplate(ruleSet);
  const inputFacts = compileInputFacts(ruleSet, attributeFactNames(Object.keys(template)));
  const derivedFacts = compileDerivedFacts(ruleSet);
  const sets = ruleSet.indicatorSets.map((_, i) => compileSet(ruleSet, i));
  const decisions = ruleSet.decisions.map((_, i) => compileDecision(ruleSet, i));
  // Only a table whose output the rule set declares as a fact can take an assessor's judgement.
  const judgeable = ruleSet.decisions.map((table) => Object.hasOwn(ruleSet.facts, table.output));
  const calculations = ruleSet.calculations.map((_, i) => compileCalculation(ruleSet, i));
  const axisWeights = ruleSet.axes;
  const predikatLabels = new Map(ruleSet.predikat.map((p) => [p.id, p.label]));
  const resultFacts = [...ruleSet.decisions.map((t) => t.output), ...ruleSet.calculations.map((c) => c.id)];

  function chooseSet(facts: Facts, ctx: RunContext): CompiledSet {
    const tried: IndicatorSetStep["tried"] = [];
    for (const compiled of sets) {
      const matched = compiled.when === null || compiled.when(facts);
      if (ctx.steps) tried.push({ id: compiled.set.id, name: compiled.set.name, when: compiled.set.when ?? null, matched });
      if (matched) {
        ctx.steps?.push({ kind: "indicatorSet", chosen: compiled.set.id, name: compiled.set.name, tried });
        return compiled;
      }
    }
    return refuse(
      ctx,
      `tidak ada set indikator untuk pegawai ini (jabatan ${show(facts["employee.jabatan"])}, ` +
        `unit ${show(facts["employee.unit"])}); set yang dicoba: ${sets.map((s) => s.set.id).join(", ") || "(tidak ada)"}`,
    );
  }

  function scoreIndicators(compiled: CompiledSet, input: AppraisalInput, facts: Facts, ctx: RunContext): void {
    const scores = compiled.indicators.map((indicator) => indicator.evaluate(input, facts, ctx));
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
    if (axisWeights) {
      const parts = AXES.filter((axis) => axisWeights[axis] !== undefined).map((axis) => ({
        part: axis,
        name: AXIS_NAMES[axis],
        weight: axisWeights[axis]!,
        score: axisScores[axis],
      }));
      const score = weightedMean(parts);
      facts.score = score;
      ctx.steps?.push({ kind: "score", score, method: "axes", contributions: contributions(parts) });
    } else {
      const parts = compiled.indicators.map(({ indicator }, i) => ({
        part: indicator.id,
        name: indicator.name,
        weight: indicator.weight,
        score: scores[i]!,
      }));
      const score = weightedMean(parts);
      facts.score = score;
      ctx.steps?.push({ kind: "score", score, method: "indicators", contributions: contributions(parts) });
    }
  }

  function run(input: AppraisalInput, ctx: RunContext): { facts: Facts; result: AppraisalResult } {
    const facts: Facts = { ...template };
    inputFacts(input, facts, ctx);
    const compiled = chooseSet(facts, ctx);
    facts.indicatorSet = compiled.set.id;
    scoreIndicators(compiled, input, facts, ctx);
    derivedFacts(facts, ctx);

    const given = input.facts;
    const adjustments = input.adjustments;
    const applied: NonNullable<AppraisalResult["adjustments"]> = [];
    for (let i = 0; i < decisions.length; i++) {
      const output = decisions[i]!.table.output;
      const judgement = judgeable[i] ? given?.[output] : undefined;
      decisions[i]!.evaluate(facts, judgement !== undefined && judgement !== null, ctx);
      if (adjustments !== undefined) applyAdjustments(adjustments, output, facts, applied, ctx);
    }
    for (const calculation of calculations) calculation.evaluate(facts, ctx);
    const outcomes = compiled.outcomes.run(facts, ctx);

    const predikat = facts.predikat;
    if (typeof predikat !== "string" || predikat === "") {
      refuse(ctx, `predikat tidak ditetapkan (fakta "predikat" = ${show(predikat)}); aturan harus punya tabel keputusan yang menetapkannya`);
    }
    const predikatLabel = predikatLabels.get(predikat);
    if (predikatLabel === undefined) {
      refuse(ctx, `predikat ${show(predikat)} tidak ada di daftar predikat aturan (${[...predikatLabels.keys()].join(", ")})`);
    }
    ctx.steps?.push({ kind: "predikat", predikat, label: predikatLabel });

    const scores: Record<string, number> = {};
    if (typeof facts.score === "number") scores.score = facts.score;
    for (const axis of AXES) {
      const value = facts[AXIS_FACTS[axis]];
      if (typeof value === "number") scores[AXIS_FACTS[axis]] = value;
    }
    for (const { scoreFact } of compiled.indicators) scores[scoreFact] = facts[scoreFact] as number;
    const decided: AppraisalResult["decisions"] = {};
    for (const name of resultFacts) decided[name] = facts[name] as AppraisalResult["decisions"][string];

    return {
      facts,
      result: {
        nip: ctx.nip,
        ruleSetId: ruleSet.id,
        indicatorSet: compiled.set.id,
        scores,
        decisions: decided,
        predikat,
        predikatLabel,
        outcomes,
        ...(applied.length > 0 ? { adjustments: applied } : {}),
      },
    };
  }

  /** Applies the adjustments of one decision output, in order, after its table has decided. */
  function applyAdjustments(
    adjustments: Adjustment[],
    output: string,
    facts: Facts,
    applied: NonNullable<AppraisalResult["adjustments"]>,
    ctx: RunContext,
  ): void {
    for (const adjustment of adjustments) {
      if (adjustment.fact !== output) continue;
      if (typeof adjustment.reason !== "string" || adjustment.reason.trim() === "") {
        refuse(ctx, `penyesuaian ${output} oleh ${show(adjustment.by)} tidak disertai alasan tertulis`);
      }
      if (output === "predikat" && !predikatLabels.has(String(adjustment.value))) {
        refuse(ctx, `penyesuaian predikat ke ${show(adjustment.value)}: predikat tidak dikenal; yang boleh: ${[...predikatLabels.keys()].join(", ")}`);
      }
      const from = facts[output];
      facts[output] = adjustment.value;
      applied.push({ ...adjustment, from });
      ctx.steps?.push({ kind: "adjustment", fact: output, from, to: adjustment.value, reason: adjustment.reason, by: adjustment.by, at: adjustment.at ?? null });
    }
  }

  function contextFor(input: AppraisalInput, steps: ExplanationStep[] | null): RunContext {
    const nip = (input as Partial<AppraisalInput> | null)?.employee?.nip;
    const ctx: RunContext = { nip: typeof nip === "string" ? nip : "(tanpa NIP)", steps };
    if (typeof input?.employee !== "object" || input.employee === null) {
      refuse(ctx, "data pegawai (employee) tidak ada");
    }
    if (typeof nip !== "string") refuse(ctx, "NIP pegawai (employee.nip) tidak ada");
    return ctx;
  }

  return {
    ruleSet,
    evaluate(input) {
      return run(input, contextFor(input, null)).result;
    },
    *evaluateMany(inputs) {
      for (const input of inputs) {
        try {
          yield run(input, contextFor(input, null)).result;
        } catch (error) {
          if (error instanceof AppraisalError) {
            yield error;
            continue;
          }
          // A rule the engine cannot run, or input of the wrong shape, fails this appraisal only.
          const nip = (input as Partial<AppraisalInput> | null)?.employee?.nip;
          const message = error instanceof Error ? error.message : String(error);
          yield new AppraisalError(typeof nip === "string" ? nip : "(tanpa NIP)", `penilaian gagal: ${message}`);
        }
      }
    },
    explain(input) {
      const steps: ExplanationStep[] = [];
      const nama = (input as Partial<AppraisalInput> | null)?.employee?.nama;
      const explanation: Explanation = {
        ruleSetId: ruleSet.id,
        ruleSetName: ruleSet.name,
        nip: "",
        nama: typeof nama === "string" ? nama : null,
        steps,
        result: null,
        error: null,
      };
      try {
        const ctx = contextFor(input, steps);
        explanation.nip = ctx.nip;
        explanation.result = run(input, ctx).result;
      } catch (error) {
        if (!(error instanceof AppraisalError)) throw error;
        explanation.nip = error.nip;
        explanation.error = error.message;
      }
      return explanation;
    },
    facts(input) {
      return run(input, contextFor(input, null)).facts;
    },
    indicatorSetFor(input) {
      const ctx = contextFor(input, null);
      const facts: Facts = { ...template };
      inputFacts(input, facts, ctx);
      return chooseSet(facts, ctx).set;
    },
  };
}
