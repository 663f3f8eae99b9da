// The rule set a cycle is pinned to, compiled: the one cache every service reads a cycle's rules through
// (the evaluation job, planning and work entries, assessments, the forum, appeals, documents), and that a
// stored result's rules are found in by the hash the result keeps (results/explanations.ts). Kept by content
// hash, since the content under a hash never changes; the stored content is checked against the pinned hash
// before it is compiled. Content that extends a national baseline names its version, and a baseline version
// never changes, so the pinned hash still stands for the exact rules the cycle ran on.

import type { CompiledRuleSet } from "@kinerja/core";
import { parseJson, type CycleRow, type Database, type RuleSetVersionRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { baselinesFor } from "./baseline-refs.js";
import { compileContent, contentHash } from "./compile.js";
import { findRuleSetVersion, ruleSetFile } from "./rule-sets.js";

const compiledByHash = new Map<string, CompiledRuleSet>();
const CACHE_SIZE = 32;

export async function cycleRules(db: Kysely<Database>, cycle: CycleRow): Promise<CompiledRuleSet> {
  return compiledPinned(db, cycle.rule_set_hash, () => findRuleSetVersion(db, cycle.region_id, cycle.rule_set_version_id));
}

/**
 * The rule set a stored result was evaluated under, by the hash it keeps: any version of the region whose
 * content has that hash (a cycle's pinned hash is set when the cycle is created and never changes).
 */
export async function rulesOfHash(db: Kysely<Database>, regionId: string, hash: string): Promise<CompiledRuleSet> {
  return compiledPinned(db, hash, async () => {
    const version = await db
      .selectFrom("rule_set_versions")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("content_hash", "=", hash)
      .orderBy("version")
      .limit(1)
      .executeTakeFirst();
    if (!version) throw new Error(`Tidak ada versi rule set wilayah ${regionId} dengan hash ${hash}; hasil yang disematkan padanya tidak dapat dijelaskan`);
    return version;
  });
}

async function compiledPinned(db: Kysely<Database>, hash: string, findVersion: () => Promise<RuleSetVersionRow>): Promise<CompiledRuleSet> {
  const hit = compiledByHash.get(hash);
  if (hit) return hit;
  const version = await findVersion();
  const content = parseJson<unknown>(version.content);
  if (contentHash(content) !== hash) {
    throw new Error(`Isi rule set versi ${version.version} tidak cocok dengan hash yang disematkan (${hash})`);
  }
  const compiled = compileContent(content, ruleSetFile(version.region_id, version.version), await baselinesFor(db, content));
  if (compiledByHash.size >= CACHE_SIZE) compiledByHash.delete(compiledByHash.keys().next().value as string);
  compiledByHash.set(hash, compiled);
  return compiled;
}
