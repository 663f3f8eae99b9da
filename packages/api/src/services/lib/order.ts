// Orders put on rows in code, where asking the database for them would make it read by the wrong index.

/** Texts by their code units; ids (newId's lowercase hex) come out as the databases order them. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows by their ids (newId's are in the order they were made). */
export function byId(a: { id: string }, b: { id: string }): number {
  return compareText(a.id, b.id);
}
