// Indicator sets, compiled once: each set's `when`, its indicators and its outcome rules. An appraisal is
// scored on the first set, in file order, whose `when` holds for the employee.
import type { AppraisalInput, Axis } from "../domain/types.js";
import { pointer } from "../ruleset/errors.js";
import type { IndicatorSet, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type RunContext } from "./context.js";
import { clean, type FactState, type FactTable } from "./fact-table.js";
import { compileIndicator, type CompiledIndicator } from "./indicators.js";
import { compileOutcomes, type CompiledOutcomes } from "./outcomes.js";
import { compileRuleCondition } from "./rule-errors.js";
import type { SlotPredicate } from "../engine/slot-compiler.js";
import type { IndicatorSetStep } from "./steps.js";

export interface CompiledSet {
  set: IndicatorSet;
  when: SlotPredicate | null;
  indicators: CompiledIndicator[];
  /** Indices into `indicators`, per axis. */
  axes: Record<Axis, number[]>;
  /** The weights of `axes`' members. */
  axisWeights: Record<Axis, number[]>;
  /** Each indicator's weight. */
  weights: number[];
  outcomes: CompiledOutcomes;
  /** The result's scores object with its keys in place, by which of score, hasil kerja and perilaku are numbers (scores.ts). */
  scoreTemplates: Array<Record<string, number> | undefined>;
  /** The same scores written out as one object literal per mask (resultScores); null where code may not be generated. */
  scoreBuilders: Array<((facts: FactState) => Record<string, number>) | null | undefined>;
  /**
   * The production path of scoring this set (every indicator, the axes, the final score) written out as one
   * function (scores.ts, writtenScoring); null where it is not (axis variants, no code from strings).
   */
  scoring: ((input: AppraisalInput, facts: FactState, ctx: RunContext) => void) | null;
  /** The same, recording each step, for an explanation. */
  explaining: ((input: AppraisalInput, facts: FactState, ctx: RunContext) => void) | null;
}

function compileSet(ruleSet: RuleSet, index: number, table: FactTable): CompiledSet {
  const set = ruleSet.indicatorSets[index]!;
  const indicators = set.indicators.map((indicator, i) =>
    compileIndicator(ruleSet, indicator, ["indicatorSets", index, "indicators", i], table),
  );
  const axes: Record<Axis, number[]> = { hasil_kerja: [], perilaku: [] };
  set.indicators.forEach((indicator, i) => axes[indicator.axis].push(i));
  return {
    set,
    when: set.when ? compileRuleCondition(ruleSet, table, set.when, pointer("indicatorSets", index, "when")) : null,
    indicators,
    axes,
    axisWeights: {
      hasil_kerja: axes.hasil_kerja.map((i) => set.indicators[i]!.weight),
      perilaku: axes.perilaku.map((i) => set.indicators[i]!.weight),
    },
    weights: set.indicators.map((indicator) => indicator.weight),
    outcomes: compileOutcomes(ruleSet, index, table),
    scoreTemplates: new Array<Record<string, number> | undefined>(8).fill(undefined),
    scoreBuilders: new Array<((facts: FactState) => Record<string, number>) | null | undefined>(8).fill(undefined),
    scoring: null,
    explaining: null,
  };
}

export function compileIndicatorSets(ruleSet: RuleSet, table: FactTable): CompiledSet[] {
  return ruleSet.indicatorSets.map((_, i) => compileSet(ruleSet, i, table));
}

/** The first set whose `when` holds for these facts; refuses the appraisal when none does. */
export function chooseIndicatorSet(table: FactTable, sets: readonly CompiledSet[], facts: FactState, ctx: RunContext): CompiledSet {
  const tried: IndicatorSetStep["tried"] | null = ctx.steps ? [] : null;
  for (let i = 0; i < sets.length; i++) {
    const compiled = sets[i]!;
    const matched = compiled.when === null || compiled.when(facts, clean(facts));
    if (tried) tried.push({ id: compiled.set.id, name: compiled.set.name, when: compiled.set.when ?? null, matched });
    if (matched) {
      if (tried) ctx.steps!.push({ kind: "indicatorSet", chosen: compiled.set.id, name: compiled.set.name, tried });
      return compiled;
    }
  }
  return refuse(
    ctx,
    `tidak ada set indikator untuk pegawai ini (jabatan ${show(table.get(facts, table.slot("employee.jabatan"), "employee.jabatan"))}, ` +
      `unit ${show(table.get(facts, table.slot("employee.unit"), "employee.unit"))}); set yang dicoba: ${sets.map((s) => s.set.id).join(", ") || "(tidak ada)"}`,
  );
}
