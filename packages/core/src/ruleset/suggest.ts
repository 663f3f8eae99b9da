// "Did you mean …?" for misspelt names (facts, keys, operators, scales), so an error points at the fix.
import type { Lang } from "../domain/types.js";
import type { Texts } from "./errors.js";

/**
 * Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`, or `limit + 1` as soon as
 * it is sure to be more than `limit`: the lengths alone may say so, and a row of the table whose every
 * entry is over the limit says it for every row after. A name a megabyte long is then compared with a
 * short candidate in one step instead of a table of millions of entries.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, twoBack[j - 2]! + 1);
      current.push(best);
      rowBest = Math.min(rowBest, best);
    }
    if (rowBest > limit) return limit + 1;
    twoBack = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/**
 * Names longer than this are not typed by hand, so no suggestion is looked for them (nor among candidates
 * this long): comparing two texts costs the product of their lengths, and a rule file may hold a megabyte.
 */
const LONGEST_SUGGESTED = 100;

/** The candidate closest to `name`, if one is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > LONGEST_SUGGESTED) return undefined;
  // Very short names are too easily one edit from anything to suggest more than a change of case.
  const allowed = name.length < 3 ? 0 : Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === name || candidate.length > LONGEST_SUGGESTED) continue;
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** ` (maksudnya "x"?)` or ` (did you mean "x"?)`, or "" when nothing is close (or `name` is not a string). */
export function didYouMean(name: unknown, candidates: Iterable<string>, lang: Lang = "id"): string {
  if (typeof name !== "string") return "";
  const match = closest(name, candidates);
  if (match === undefined) return "";
  return lang === "en" ? ` (did you mean "${match}"?)` : ` (maksudnya "${match}"?)`;
}

/** didYouMean in both languages. */
export function didYouMeanTexts(name: unknown, candidates: Iterable<string>): Texts {
  const list = [...candidates];
  return { id: didYouMean(name, list, "id"), en: didYouMean(name, list, "en") };
}

/** `"a", "b" or "c"`: a list of names for a message. */
export function listNames(names: Iterable<string>, conjunction = "or"): string {
  const quoted = [...names].map((n) => `"${n}"`);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} ${conjunction} ${quoted.at(-1)}`;
}

/** listNames in both languages: "atau"/"or", or "dan"/"and". */
export function listNamesTexts(names: Iterable<string>, conjunction: "or" | "and" = "or"): Texts {
  const list = [...names];
  return { id: listNames(list, conjunction === "or" ? "atau" : "dan"), en: listNames(list, conjunction) };
}
