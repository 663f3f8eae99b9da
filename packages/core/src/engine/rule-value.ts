// The compiler's private copies of values written in rules. json-rules-engine clones a rule's
// conditions and event on every evaluation; copying once at compile time gives the same guarantees
// (a rule value is never the very object a fact holds, and later edits to the rule JSON change nothing)
// without a copy per run.

/** A deep copy of arrays and plain objects; other values (primitives, dates, class instances) are kept. */
export function copyRuleValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyRuleValue);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyRuleValue(value[key]);
  return copy;
}

/** A deep copy that is frozen throughout, for event params handed to every run's caller. */
export function frozenRuleValue(value: unknown): unknown {
  const copy = copyRuleValue(value);
  freezeDeep(copy);
  return copy;
}

function freezeDeep(value: unknown): void {
  if (Array.isArray(value)) value.forEach(freezeDeep);
  else if (isPlainObject(value)) Object.values(value).forEach(freezeDeep);
  else return;
  Object.freeze(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
