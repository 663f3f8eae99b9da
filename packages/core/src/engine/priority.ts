// Priority groups, ordered as json-rules-engine orders them (Engine#prioritizeRules,
// Rule#prioritizeConditions): bucket by the priority used as an object key, then sort the keys
// highest first with the engine's own comparator, so even odd priorities (2.5, "3") order the same.

export function prioritise<T>(items: readonly T[], priorityOf: (item: T) => unknown): T[][] {
  const buckets = Object.create(null) as Record<string, T[]>;
  for (const item of items) (buckets[String(priorityOf(item))] ??= []).push(item);
  // Object.keys gives integer-like keys ascending, then the rest in insertion order, before the sort.
  return Object.keys(buckets)
    .sort((a, b) => (Number(a) > Number(b) ? -1 : 1))
    .map((key) => buckets[key]!);
}

/** A rule's priority: `parseInt(priority || 1, 10)`, which json-rules-engine requires to be above zero. */
export function rulePriority(priority: unknown): number {
  return Number.parseInt(String(priority || 1), 10);
}

/** An all/any/not node's priority within its parent: `parseInt(priority, 10) || 1`. */
export function booleanPriority(priority: unknown): number {
  return Number.parseInt(String(priority), 10) || 1;
}

/**
 * A fact condition's or reference's priority within its parent: the value as written, or 1. (The
 * engine parses a fact condition's priority only after copying it, so the unparsed value is used.)
 */
export function leafPriority(priority: unknown): unknown {
  return priority || 1;
}
