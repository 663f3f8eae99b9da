// Who rates an indicator and with what weight: its own raterWeights, else the rule set's, limited to the
// indicator's raters where it names them. One answer for the evaluator, forms, imports and demo data.
import { RATER_SOURCES, type RaterSource } from "../domain/types.js";
import type { Indicator, RuleSet } from "./schema.js";

/** The rater sources of an indicator, in the order the rule file lists them. */
export function ratersOf(ruleSet: Pick<RuleSet, "raters">, indicator: Indicator): RaterSource[] {
  if (indicator.raters) return indicator.raters;
  const weights = indicator.raterWeights ?? ruleSet.raters.weights;
  return (Object.keys(weights) as RaterSource[]).filter((s) => RATER_SOURCES.includes(s));
}

/** The weight of each of the indicator's sources, before renormalising over the sources present. */
export function raterWeightsOf(ruleSet: Pick<RuleSet, "raters">, indicator: Indicator): Partial<Record<RaterSource, number>> {
  return indicator.raterWeights ?? ruleSet.raters.weights;
}
