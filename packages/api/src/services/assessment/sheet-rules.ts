// What a rater's sheet must hold, from the cycle's rule set: the indicators of the employee's indicator set
// that the rater's source rates and (on the assessor's sheet) the objective values and declared facts.
// Whether each value fits its indicator or fact is @kinerja/core's answer (ratingProblem, valueProblem,
// factProblem); this module adds who records what and, for a submission, what is still missing. Every
// problem is reported at once, in Indonesian, so a rater can fix a whole sheet in one go.
import type { IndicatorSet, IndicatorValue, RaterSource, RuleSet, Texts } from "@kinerja/core";
import { factProblem, indicatorLabel, OBJECTIVE_RECORDER, objectiveIndicators, ratedBy, raterSourceLabel, ratingProblem, valueProblem } from "@kinerja/core";

export interface Sheet {
  source: RaterSource;
  ratings: Record<string, number>;
  values?: Record<string, IndicatorValue>;
  facts?: Record<string, string | number | boolean | null>;
}

/**
 * Every problem of a sheet for an employee of the set. `complete` (a submission, not a draft) also
 * requires every indicator the source rates and, for the assessor, every objective value.
 */
export function sheetProblems(ruleSet: RuleSet, set: IndicatorSet, sheet: Sheet, complete: boolean): string[] {
  const problems: string[] = [];
  const add = (problem: Texts | null) => {
    if (problem) problems.push(problem.id);
  };
  for (const [id, value] of Object.entries(sheet.ratings)) add(ratingProblem(ruleSet, set, sheet.source, id, value));
  const values = sheet.values ?? {};
  const facts = sheet.facts ?? {};
  if (sheet.source !== OBJECTIVE_RECORDER && (Object.keys(values).length > 0 || Object.keys(facts).length > 0)) {
    problems.push(
      `nilai objektif (values) dan fakta (facts) dicatat oleh ${raterSourceLabel(OBJECTIVE_RECORDER)}, bukan oleh ${raterSourceLabel(sheet.source)}`,
    );
  } else {
    for (const [id, value] of Object.entries(values)) add(valueProblem(set, id, value));
    for (const [name, value] of Object.entries(facts)) add(factProblem(ruleSet, name, value));
  }
  if (complete) {
    const unrated = ratedBy(ruleSet, set, sheet.source).filter((i) => sheet.ratings[i.id] === undefined);
    if (unrated.length > 0) problems.push(`belum dinilai: ${unrated.map((i) => indicatorLabel(i)).join(", ")}`);
    if (sheet.source === OBJECTIVE_RECORDER) {
      const missing = objectiveIndicators(set).filter((i) => values[i.id] === undefined);
      if (missing.length > 0) problems.push(`nilai objektif belum diisi: ${missing.map((i) => indicatorLabel(i)).join(", ")}`);
    }
  }
  return problems;
}
