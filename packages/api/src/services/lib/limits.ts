// How long a name, a free text, an id or a NIP may be, how many items a list may hold, how large an amount
// may be: the same bounds whether a value arrives as a procedure's input or as a cell of an imported sheet.
export const LIMITS = {
  /** Ids and codes: record ids, unit codes, job ids, respondent ids, outcome types, audit actions. */
  id: 100,
  /** A NIP is 18 digits; room for the spaces people type between its parts. */
  nip: 30,
  /** Names, titles, labels, a predikat, a unit type, an attribute's value. */
  name: 200,
  /** A search box. */
  search: 100,
  /** Reasons, notes, comments, descriptions. */
  text: 4000,
  /** RFC 5321's longest address. */
  email: 254,
  /** better-auth's own longest password. */
  password: 128,
  /** A cursor names the last item's sort key (a name at most) and id, as base64url JSON. */
  cursor: 1000,
  /** Ids in one list: units, peers, forum members. */
  list: 500,
  /** Entries of one map: ratings, indicator values, facts, attributes. */
  entries: 500,
  /** Largest amount either way: a target, a realisasi, a quantity, a rating. */
  amount: 1e12,
} as const;

/** Half of a UTF-16 surrogate pair with the other half missing. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What PostgreSQL cannot hold: NUL in any text, and in JSON neither NUL nor a lone surrogate (the driver
 * would send them as \u0000 and \ud800, which jsonb refuses). Undefined when the text is storable.
 */
export function unstorableText(text: string): string | undefined {
  if (text.includes("\u0000")) return "karakter NUL (\\u0000)";
  if (LONE_SURROGATE.test(text)) return "separuh karakter Unicode tanpa pasangannya (surrogate tunggal)";
  return undefined;
}
