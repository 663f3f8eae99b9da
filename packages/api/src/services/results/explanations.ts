// A result's explanation, as everyone reads it. A run stores the input it evaluated and the hash of the rule
// set it was pinned to, not the explanation of every step: an explanation is a pure function of the two, so
// it is rebuilt with `explain` when it is read, under the pinned rules (compiled once per hash, pinned-rules.ts).
// Results written before kept their explanation, and a result refused before any input was appraised (a year
// with no period results to roll up) keeps its refusal, which its input does not tell; both are read as stored.
import type { AppraisalInput, Explanation } from "@kinerja/core";
import { parseJson, type Database, type ResultRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { rulesOfHash } from "../rules/index.js";

/** What a result's explanation is read or rebuilt from. */
export type ExplainedResult = Pick<ResultRow, "region_id" | "explanation" | "input" | "rule_set_hash">;

export async function explanationOf(db: Kysely<Database>, row: ExplainedResult): Promise<Explanation> {
  if (row.explanation !== null) return parseJson<Explanation>(row.explanation);
  const compiled = await rulesOfHash(db, row.region_id, row.rule_set_hash);
  return compiled.explain(parseJson<AppraisalInput>(row.input));
}
