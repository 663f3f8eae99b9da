// Results of earlier years as the rules read them: each history entry belongs to a year, and a year's
// annual predikat is what "consecutive years" counts. Promotion (kenaikan pangkat) needs two consecutive
// years rated Baik or better, so a 2021 Baik is not the year before 2025, and two semesters of one year
// are one year.
import type { HistoryEntry } from "../domain/types.js";

const LEADING_YEAR = /^(\d{4})(?:$|-)/;

/** The year a period label begins with (2025, 2025-S1, 2025-Q3, 2025-07), or null for another label. */
export function periodYear(label: string | null | undefined): number | null {
  // Every appraisal of a period asks with the same label: the last answer is kept.
  if (label === lastLabel && typeof label === "string") return lastYear;
  const match = label === null || label === undefined ? null : LEADING_YEAR.exec(label);
  const year = match ? Number(match[1]) : null;
  if (typeof label === "string") {
    lastLabel = label;
    lastYear = year;
  }
  return year;
}

let lastLabel: string | undefined;
let lastYear: number | null = null;

/**
 * The year of a history entry: its `year`, or for the shape before years (`{ period: "2024" }`) the year its
 * period label begins with. Null when neither says.
 */
export function historyYear(entry: Pick<HistoryEntry, "year" | "period">): number | null {
  return entry.year ?? periodYear(entry.period);
}

/** True when the entry is a whole year's result: no period, or a period label that is the year itself. */
export function isAnnualEntry(entry: Pick<HistoryEntry, "year" | "period">): boolean {
  return entry.period === undefined || entry.period === String(historyYear(entry));
}

/**
 * Each year's annual predikat: the year's annual entry, or when the year has only period results (e.g.
 * semesters), the last of them in the list (history is oldest first). Entries without a year are skipped;
 * the evaluator refuses them before this is read.
 */
export function annualPredikat(history: readonly HistoryEntry[]): Map<number, string> {
  const annual = new Map<number, string>();
  const latestPeriod = new Map<number, string>();
  for (const entry of history) {
    const year = historyYear(entry);
    if (year === null) continue;
    if (isAnnualEntry(entry)) annual.set(year, entry.predikat);
    else latestPeriod.set(year, entry.predikat);
  }
  for (const [year, predikat] of latestPeriod) if (!annual.has(year)) annual.set(year, predikat);
  return annual;
}

/**
 * How many years in a row, ending with the year before `currentYear`, have an annual predikat in `levels`.
 * The current period's own predikat is not counted: rules read it as the `predikat` fact. A missing year
 * ends the run, so a 2021 Baik before a 2025 appraisal counts 0.
 */
export function consecutiveYears(history: readonly HistoryEntry[], currentYear: number, levels: readonly string[]): number {
  // annualPredikat's answer for each year in turn, read from the list without building its map or any
  // array: every appraisal that counts years calls this, and a history is a few entries long.
  let count = 0;
  for (let year = currentYear - 1; ; year--) {
    let annual: string | undefined;
    let hasAnnual = false;
    let period: string | undefined;
    for (let i = 0; i < history.length; i++) {
      const entry = history[i]!;
      const entryYear = entry.year ?? periodYear(entry.period);
      if (entryYear !== year) continue;
      if (entry.period === undefined || entry.period === String(entryYear)) {
        annual = entry.predikat;
        hasAnnual = true;
      } else {
        period = entry.predikat;
      }
    }
    if (!levels.includes((hasAnnual ? annual : period) ?? "")) return count;
    count++;
  }
}
