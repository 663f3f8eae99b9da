// Which parts of a region's rules come from the national baseline version they extend and which are the
// region's own, by the merge rules of `extends` (packages/core/src/ruleset/resolve.ts): records and plain
// objects key by key, lists of decisions, predikat, indicator sets and outcomes item by item. Also the
// edits the rules editor offers on a part: make an inherited part the region's own (to change it), reset an
// override to the baseline, and rebuild self-contained rules on a baseline, keeping only what differs.

type Content = Record<string, unknown>;

/** inherited: from the baseline; overridden: the region's own in place of the baseline's; own: only the region has it. */
export type PartState = "inherited" | "overridden" | "own";

export interface RulePart {
  /** The part of the rule file: "predikat", "raters", "workflow" … */
  section: string;
  /** The entry's key or id within the section. */
  key: string;
  /** A name people read: an item's label or name, or the key. */
  label: string;
  state: PartState;
}

/** Parts merged key by key (records, plain objects; workflow by its sections). */
const KEYED_OBJECTS = ["raters", "axes", "scales", "facts", "conditions", "curve", "period", "workflow"] as const;
/** Sections kept or dropped as one object when rules are rebased, never key by key. */
const WHOLE_OBJECTS = new Set<string>(["period"]);
/** Lists merged item by item, by the field that names an item. */
const KEYED_LISTS: Record<string, string> = { indicatorSets: "id", predikat: "id", decisions: "id", calculations: "id", outcomes: "name" };

function isObject(value: unknown): value is Content {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function items(content: Content, section: string): Content[] {
  const value = content[section];
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function keyOf(item: Content, section: string): string {
  return String(item[KEYED_LISTS[section] ?? "id"] ?? "");
}

function labelOf(item: Content, key: string): string {
  for (const field of ["label", "name"]) if (typeof item[field] === "string" && item[field]) return item[field];
  return key;
}

/** Equal as JSON, whatever the order of object keys. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Every part of the rules as resolved on `baseline`, in the baseline's order, the region's additions after. */
export function ruleParts(own: Content, baseline: Content): RulePart[] {
  const parts: RulePart[] = [];
  for (const section of KEYED_OBJECTS) {
    const inherited = isObject(baseline[section]) ? baseline[section] : {};
    const mine = isObject(own[section]) ? own[section] : {};
    for (const key of [...new Set([...Object.keys(inherited), ...Object.keys(mine)])]) {
      const state: PartState = !(key in mine) ? "inherited" : key in inherited ? "overridden" : "own";
      parts.push({ section, key, label: key, state });
    }
  }
  for (const section of Object.keys(KEYED_LISTS)) {
    const mine = new Map(items(own, section).map((item) => [keyOf(item, section), item]));
    const inheritedKeys = new Set<string>();
    for (const item of items(baseline, section)) {
      const key = keyOf(item, section);
      inheritedKeys.add(key);
      const override = mine.get(key);
      parts.push({ section, key, label: labelOf(override ?? item, key), state: override ? "overridden" : "inherited" });
    }
    for (const [key, item] of mine) if (!inheritedKeys.has(key)) parts.push({ section, key, label: labelOf(item, key), state: "own" });
  }
  return parts;
}

/** The region's rules with the baseline's entry for `part` as their own, to change it. */
export function overridePart(own: Content, baseline: Content, part: Pick<RulePart, "section" | "key">): Content {
  const next = structuredClone(own);
  const { section, key } = part;
  if (section in KEYED_LISTS) {
    const item = items(baseline, section).find((i) => keyOf(i, section) === key);
    if (item) next[section] = [...items(next, section), structuredClone(item)];
  } else if (isObject(baseline[section]) && key in baseline[section]) {
    next[section] = { ...(isObject(next[section]) ? next[section] : {}), [key]: structuredClone(baseline[section][key]) };
  }
  return next;
}

/** The region's rules without their own entry for `part`: the baseline's applies again. */
export function resetPart(own: Content, part: Pick<RulePart, "section" | "key">): Content {
  const next = structuredClone(own);
  const { section, key } = part;
  if (section in KEYED_LISTS) {
    const kept = items(next, section).filter((i) => keyOf(i, section) !== key);
    if (kept.length > 0) next[section] = kept;
    else delete next[section];
  } else if (isObject(next[section])) {
    const { [key]: _removed, ...kept } = next[section];
    if (Object.keys(kept).length > 0) next[section] = kept;
    else delete next[section];
  }
  return next;
}

/**
 * Self-contained rules rebuilt on a baseline version (`ref`): only what differs from the baseline stays the
 * region's own, so everything else follows the baseline from now on. Parts the baseline merges whole
 * (identity, legal basis, cases) stay as they are. A baseline entry the rules lack cannot be removed by
 * extending; it is inherited, and the checks and cases show its effect.
 */
export function rebaseOn(content: Content, baseline: Content, ref: string): Content {
  const next: Content = { ...content, extends: ref };
  for (const section of KEYED_OBJECTS) {
    const mine = content[section];
    const inherited = baseline[section];
    if (!isObject(mine)) continue;
    if (WHOLE_OBJECTS.has(section)) {
      // Its fields are required together (a period's kind with its roll-up): kept whole when it differs at all.
      if (same(mine, inherited)) delete next[section];
      continue;
    }
    const kept = Object.fromEntries(Object.entries(mine).filter(([key, value]) => !(isObject(inherited) && key in inherited && same(value, inherited[key]))));
    if (Object.keys(kept).length > 0) next[section] = kept;
    else delete next[section];
  }
  for (const section of Object.keys(KEYED_LISTS)) {
    if (!Array.isArray(content[section])) continue;
    const inherited = new Map(items(baseline, section).map((item) => [keyOf(item, section), item]));
    const kept = items(content, section).filter((item) => !same(item, inherited.get(keyOf(item, section))));
    if (kept.length > 0) next[section] = kept;
    else delete next[section];
  }
  return next;
}

/** The same rules extending another version of their baseline. */
export function withExtends(content: Content, ref: string): Content {
  return { ...content, extends: ref };
}
