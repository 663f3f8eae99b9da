// Cursor pagination: a page is `limit` items and an opaque cursor naming the last one's sort key, so
// the next page starts after it however the table changes meanwhile.
import { DomainError } from "./errors.js";
import { unstorableText } from "./limits.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

type Key = Array<string | number>;

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** A cursor someone edited is refused as one: its keys go into queries, so text a database cannot hold is refused too. */
export function decodeCursor(cursor: string, length: number): Key {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === "number" || (typeof k === "string" && unstorableText(k) === undefined))) {
      return key as Key;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError({ code: "BAD_REQUEST", message: "cursor tidak sah: gunakan nextCursor dari halaman sebelumnya" });
}

/** `rows` was fetched with limit + 1: the extra row only tells that another page exists. */
export function pageOf<R, T>(rows: R[], limit: number, keyOf: (row: R) => Key, map: (row: R) => T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
