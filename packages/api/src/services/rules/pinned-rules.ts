// The rule set a cycle is pinned to, compiled: the one cache every service reads a cycle's rules through
// (the evaluation job, planning and work entries, assessments, the forum, appeals, documents). Kept by
// content hash, since the content under a hash never changes; the stored content is checked against the
// hash the cycle pinned before it is compiled. Content that extends a national baseline names its version,
// and a baseline version never changes, so the pinned hash still stands for the exact rules the cycle ran on.

import type { CompiledRuleSet } from "@kinerja/core";
import { parseJson, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { baselinesFor } from "./baseline-refs.js";
import { compileContent, contentHash } from "./compile.js";
import { findRuleSetVersion, ruleSetFile } from "./rule-sets.js";

const compiledByHash = new Map<string, CompiledRuleSet>();
const CACHE_SIZE = 32;

export async function cycleRules(db: Kysely<Database>, cycle: CycleRow): Promise<CompiledRuleSet> {
  const hit = compiledByHash.get(cycle.rule_set_hash);
  if (hit) return hit;
  const version = await findRuleSetVersion(db, cycle.region_id, cycle.rule_set_version_id);
  const content = parseJson<unknown>(version.content);
  if (contentHash(content) !== cycle.rule_set_hash) {
    throw new Error(`Isi rule set versi ${version.version} tidak cocok dengan hash yang disematkan pada siklus`);
  }
  const compiled = compileContent(content, ruleSetFile(cycle.region_id, version.version), await baselinesFor(db, content));
  if (compiledByHash.size >= CACHE_SIZE) compiledByHash.delete(compiledByHash.keys().next().value as string);
  compiledByHash.set(cycle.rule_set_hash, compiled);
  return compiled;
}
