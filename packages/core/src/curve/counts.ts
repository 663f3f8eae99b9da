// From a unit's appraisal results to the counts per national predikat the curve is checked on: each rule
// set names its own predikat ids and says which national predikat each one counts as.
import type { NationalPredikat } from "../domain/types.js";
import { NATIONAL_PREDIKAT } from "../domain/types.js";
import type { PredikatValue } from "../ruleset/schema.js";

/** Rule-set predikat id → national predikat, for the ids that declare one. */
export function nationalPredikatMap(predikat: readonly PredikatValue[]): Map<string, NationalPredikat> {
  const map = new Map<string, NationalPredikat>();
  for (const value of predikat) if (value.national) map.set(value.id, value.national);
  return map;
}

/** A unit's results counted per national predikat. */
export interface UnitCounts {
  counts: Record<NationalPredikat, number>;
  /** Results whose predikat has no national counterpart, by predikat id: they are left off the curve. */
  unmapped: Record<string, number>;
}

/** A count of zero for every national predikat. */
export function emptyCounts(): Record<NationalPredikat, number> {
  const counts = {} as Record<NationalPredikat, number>;
  for (const p of NATIONAL_PREDIKAT) counts[p] = 0;
  return counts;
}

/** Counts one unit's results per national predikat (errors and other non-results are skipped). */
export function countNationalPredikat(
  results: Iterable<{ predikat: string } | Error>,
  predikat: readonly PredikatValue[],
): UnitCounts {
  const map = nationalPredikatMap(predikat);
  const counts = emptyCounts();
  const unmapped: Record<string, number> = {};
  for (const result of results) {
    if (result instanceof Error) continue;
    const national = map.get(result.predikat);
    if (national) counts[national]++;
    else unmapped[result.predikat] = (unmapped[result.predikat] ?? 0) + 1;
  }
  return { counts, unmapped };
}
