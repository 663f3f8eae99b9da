// Intervals of numbers, for the static checks on score bands: which values a condition or a decision
// cell admits, where bands leave gaps, where they overlap, and when two bounds contradict each other.
import type { Lang } from "../domain/types.js";

export interface Interval {
  lo: number;
  loIncluded: boolean;
  hi: number;
  hiIncluded: boolean;
}

export const EVERY_NUMBER: Interval = { lo: -Infinity, loIncluded: false, hi: Infinity, hiIncluded: false };

/** The operators that bound a number; with a number value each admits one interval. */
export const BOUND_OPERATORS = ["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "equal"] as const;
export type BoundOperator = (typeof BOUND_OPERATORS)[number];

export function isBoundOperator(operator: string): operator is BoundOperator {
  return (BOUND_OPERATORS as readonly string[]).includes(operator);
}

/** The numbers `fact <operator> value` admits. */
export function boundInterval(operator: BoundOperator, value: number): Interval {
  switch (operator) {
    case "lessThan":
      return { ...EVERY_NUMBER, hi: value, hiIncluded: false };
    case "lessThanInclusive":
      return { ...EVERY_NUMBER, hi: value, hiIncluded: true };
    case "greaterThan":
      return { ...EVERY_NUMBER, lo: value, loIncluded: false };
    case "greaterThanInclusive":
      return { ...EVERY_NUMBER, lo: value, loIncluded: true };
    case "equal":
      return { lo: value, loIncluded: true, hi: value, hiIncluded: true };
  }
}

export function intersect(a: Interval, b: Interval): Interval {
  const lo = a.lo > b.lo ? a : a.lo < b.lo ? b : { lo: a.lo, loIncluded: a.loIncluded && b.loIncluded };
  const hi = a.hi < b.hi ? a : a.hi > b.hi ? b : { hi: a.hi, hiIncluded: a.hiIncluded && b.hiIncluded };
  return { lo: lo.lo, loIncluded: lo.loIncluded, hi: hi.hi, hiIncluded: hi.hiIncluded };
}

export function isEmpty(i: Interval): boolean {
  return i.lo > i.hi || (i.lo === i.hi && !(i.loIncluded && i.hiIncluded));
}

/** True when every number in `inner` is in `outer`. */
export function contains(outer: Interval, inner: Interval): boolean {
  if (isEmpty(inner)) return true;
  const loOk = outer.lo < inner.lo || (outer.lo === inner.lo && (outer.loIncluded || !inner.loIncluded));
  const hiOk = outer.hi > inner.hi || (outer.hi === inner.hi && (outer.hiIncluded || !inner.hiIncluded));
  return loOk && hiOk;
}

/** Where uncovered values start: at `value`, itself included or not. */
interface Cursor {
  value: number;
  included: boolean;
}

/** The parts of `domain` that none of `covered` contains, in ascending order. */
export function gaps(domain: Interval, covered: readonly Interval[]): Interval[] {
  const parts = covered
    .map((i) => intersect(i, domain))
    .filter((i) => !isEmpty(i))
    .sort((a, b) => a.lo - b.lo || Number(b.loIncluded) - Number(a.loIncluded));
  const found: Interval[] = [];
  let cursor: Cursor = { value: domain.lo, included: domain.loIncluded };
  const push = (gap: Interval) => {
    if (!isEmpty(gap)) found.push(gap);
  };
  for (const part of parts) {
    push({ lo: cursor.value, loIncluded: cursor.included, hi: part.lo, hiIncluded: !part.loIncluded });
    const end: Cursor = { value: part.hi, included: !part.hiIncluded };
    if (end.value > cursor.value || (end.value === cursor.value && cursor.included && !end.included)) cursor = end;
  }
  push({ lo: cursor.value, loIncluded: cursor.included, hi: domain.hi, hiIncluded: domain.hiIncluded });
  return found;
}

function num(n: number): string {
  return String(Number(n.toFixed(6)));
}

const INTERVAL_WORDS = {
  id: { exactly: "tepat", from: "dari", above: "di atas", andAbove: "ke atas", any: "berapa pun", andBelow: "ke bawah", below: "di bawah", upToIncluding: "sampai dengan", upToExcluding: "sampai sebelum" },
  en: { exactly: "exactly", from: "from", above: "above", andAbove: "and above", any: "any value", andBelow: "and below", below: "below", upToIncluding: "up to and including", upToExcluding: "up to but not including" },
} as const;

/** An interval in words, for messages: "dari 90.5 sampai sebelum 91", "di bawah 50", "tepat 90" (or in English). */
export function describeInterval(i: Interval, lang: Lang = "id"): string {
  const w = INTERVAL_WORDS[lang];
  if (i.lo === i.hi) return `${w.exactly} ${num(i.lo)}`;
  const lower = i.lo === -Infinity ? "" : i.loIncluded ? `${w.from} ${num(i.lo)}` : `${w.above} ${num(i.lo)}`;
  if (i.hi === Infinity) return i.loIncluded ? `${num(i.lo)} ${w.andAbove}` : lower || w.any;
  if (!lower) return i.hiIncluded ? `${num(i.hi)} ${w.andBelow}` : `${w.below} ${num(i.hi)}`;
  return `${lower} ${i.hiIncluded ? w.upToIncluding : w.upToExcluding} ${num(i.hi)}`;
}

const SYMBOLS: Record<BoundOperator, string> = {
  lessThan: "<",
  lessThanInclusive: "≤",
  greaterThan: ">",
  greaterThanInclusive: "≥",
  equal: "=",
};

export function boundSymbol(operator: BoundOperator): string {
  return SYMBOLS[operator];
}
