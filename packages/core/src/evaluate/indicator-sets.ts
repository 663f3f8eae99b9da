// Indicator sets, compiled once: each set's `when`, its indicators and its outcome rules. An appraisal is
// scored on the first set, in file order, whose `when` holds for the employee.
import type { Axis } from "../domain/types.js";
import { pointer } from "../ruleset/errors.js";
import type { IndicatorSet, RuleSet } from "../ruleset/schema.js";
import { refuse, show, type Facts, type RunContext } from "./context.js";
import { compileIndicator, type CompiledIndicator } from "./indicators.js";
import { compileOutcomes, type CompiledOutcomes } from "./outcomes.js";
import { compileRuleCondition } from "./rule-errors.js";
import type { IndicatorSetStep } from "./steps.js";

export interface CompiledSet {
  set: IndicatorSet;
  when: ((facts: Facts) => boolean) | null;
  indicators: CompiledIndicator[];
  /** Indices into `indicators`, per axis. */
  axes: Record<Axis, number[]>;
  outcomes: CompiledOutcomes;
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

export function compileIndicatorSets(ruleSet: RuleSet): CompiledSet[] {
  return ruleSet.indicatorSets.map((_, i) => compileSet(ruleSet, i));
}

/** The first set whose `when` holds for these facts; refuses the appraisal when none does. */
export function chooseIndicatorSet(sets: readonly CompiledSet[], facts: Facts, ctx: RunContext): CompiledSet {
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
