// A result as a viewer may read it: the ratings of a source whose raters they may not tell apart
// (access/rater-identity: subordinates rating their leader) become one sheet of the per-indicator means,
// in the stored input and in the explanation alike, so neither the order nor the values of the sheets
// point to who gave which rating. Evaluating the shown input gives the same scores as the stored one.
import type { AppraisalInput, Explanation, RaterRatings, RaterSource } from "@kinerja/core";
import { seesEachRating, type Relation } from "../access/index.js";

/** Per indicator, the mean of the sheets that rated it. */
function meanSheet(sheets: readonly RaterRatings[]): RaterRatings {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const sheet of sheets) {
    for (const [id, value] of Object.entries(sheet ?? {})) {
      if (typeof value !== "number") continue;
      const at = sums.get(id) ?? { sum: 0, n: 0 };
      at.sum += value;
      at.n++;
      sums.set(id, at);
    }
  }
  return Object.fromEntries([...sums].map(([id, { sum, n }]) => [id, sum / n]));
}

/** The stored input and explanation with each hidden source's ratings reduced to their means. */
export function withHiddenRatings<I, E extends Explanation | null>(relation: Relation | null, input: I, explanation: E): { input: I; explanation: E } {
  const hidden = (source: RaterSource) => !seesEachRating(relation, source);
  const appraisal = input as AppraisalInput | null;
  let shownInput = input;
  if (appraisal?.ratings) {
    const ratings: Record<string, unknown> = { ...appraisal.ratings };
    for (const [source, given] of Object.entries(appraisal.ratings)) {
      if (!hidden(source as RaterSource) || given === undefined || given === null) continue;
      ratings[source] = [meanSheet(Array.isArray(given) ? given : [given])];
    }
    shownInput = { ...appraisal, ratings } as I;
  }
  if (!explanation) return { input: shownInput, explanation };
  const steps = explanation.steps.map((step) =>
    step.kind === "indicator" && step.raters
      ? {
          ...step,
          raters: {
            ...step.raters,
            sources: step.raters.sources.map((b) => (hidden(b.source) ? { ...b, values: b.mean === null ? [] : [b.mean] } : b)),
          },
        }
      : step,
  );
  return { input: shownInput, explanation: { ...explanation, steps } as E };
}
