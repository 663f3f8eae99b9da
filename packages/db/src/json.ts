// JSON columns hold text on both dialects (see schema.ts); these are the two ends of that.
import type { JsonText } from "./schema.js";

export function toJson(value: unknown): JsonText {
  return JSON.stringify(value);
}

export function parseJson<T>(text: JsonText): T;
export function parseJson<T>(text: JsonText | null): T | null;
export function parseJson<T>(text: JsonText | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
