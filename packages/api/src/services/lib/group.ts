// Rows grouped in code, by a key they carry. Each row is pushed onto its group's array: copying the group for
// every row it gained made grouping quadratic in a group's size (a unit of 10,000 results, a parent of 1,000 units).

/** Adds `value` to the group of `key`, starting the group when it has none. */
export function pushTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

/** The items by `keyOf`, each group in the items' order, the groups in the order their keys first come. */
export function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]>;
/** The items' `valueOf` by `keyOf`, each group in the items' order, the groups in the order their keys first come. */
export function groupBy<T, K, V>(items: Iterable<T>, keyOf: (item: T) => K, valueOf: (item: T) => V): Map<K, V[]>;
export function groupBy<T, K, V>(items: Iterable<T>, keyOf: (item: T) => K, valueOf?: (item: T) => V): Map<K, Array<T | V>> {
  const groups = new Map<K, Array<T | V>>();
  for (const item of items) pushTo(groups, keyOf(item), valueOf ? valueOf(item) : item);
  return groups;
}
