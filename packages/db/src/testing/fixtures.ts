// The rows most regional tables point at, for tests of the tables themselves: a region with one unit
// (dinkes), a published rule set version (hash "h") and a cycle of 2025.
import type { Kysely } from "kysely";
import { newId, now } from "../ids.js";
import type { CycleStatus, Database } from "../schema.js";

export async function insertRegionCycle(db: Kysely<Database>, regionId: string, status: CycleStatus): Promise<{ ruleSet: string; cycle: string }> {
  const at = now();
  await db.insertInto("regions").values({ id: regionId, name: regionId, created_at: at }).execute();
  await db.insertInto("units").values({ region_id: regionId, id: "dinkes", parent_id: null, name: "Dinkes", type: "dinas", created_at: at }).execute();
  const ruleSet = newId();
  await db
    .insertInto("rule_set_versions")
    .values({ region_id: regionId, id: ruleSet, version: 1, name: "x", content: "{}", content_hash: "h", status: "published", author_id: null, author_name: "x", created_at: at, updated_at: at, published_at: at })
    .execute();
  const cycle = newId();
  await db
    .insertInto("cycles")
    .values({ region_id: regionId, id: cycle, name: "2025", period_kind: "annual", period_label: "2025", rule_set_version_id: ruleSet, rule_set_hash: "h", status, unit_id: null, current_run_id: null, created_by: null, created_at: at, updated_at: at })
    .execute();
  return { ruleSet, cycle };
}
