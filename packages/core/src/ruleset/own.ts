/**
 * The entry a rule set declares under `key`, or undefined. Names come from rule files and input, so only
 * the record's own entries count: "__proto__" or "constructor" names nothing, not an inherited property.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
