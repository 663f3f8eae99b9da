// How a region's rules name the national baseline version they extend: `"extends": "national:pp-30-2019@2"`.
// The version is part of the name, and a baseline version is never changed once published, so rules that
// name it (and every cycle pinned to them) always resolve to the same content.
import { parseJson, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";

const REF = /^national:([a-z0-9][a-z0-9-]{0,79})@([1-9][0-9]{0,8})$/;

export interface BaselineRef {
  baselineId: string;
  version: number;
}

/** "national:pp-30-2019@2" → { baselineId: "pp-30-2019", version: 2 }; null for anything else. */
export function parseBaselineRef(ref: string): BaselineRef | null {
  const match = REF.exec(ref);
  return match ? { baselineId: match[1]!, version: Number(match[2]) } : null;
}

export function baselineRef(ref: BaselineRef): string {
  return `national:${ref.baselineId}@${ref.version}`;
}

/** The entries of a rule file's `extends`, as written. */
export function extendsOf(content: unknown): string[] {
  const value = (content as { extends?: unknown } | null)?.extends;
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The content of every baseline version `content` extends, by the reference it is named with; unknown ones are left out. */
export async function baselinesFor(db: Kysely<Database>, content: unknown): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (const ref of extendsOf(content)) {
    const parsed = parseBaselineRef(ref);
    if (!parsed || found.has(ref)) continue;
    const row = await db
      .selectFrom("national_baselines")
      .select("content")
      .where("baseline_id", "=", parsed.baselineId)
      .where("version", "=", parsed.version)
      .executeTakeFirst();
    if (row) found.set(ref, parseJson<unknown>(row.content));
  }
  return found;
}
