// Real rule sets for tests, read from the repository's rules/ and resolved as the server stores them
// (self-contained, no `extends`).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRuleSet, type RuleSet } from "@kinerja/core";

const RULES = join(import.meta.dirname, "../../../../rules/");

export function storedRuleSet(region: string): Record<string, unknown> {
  const { ruleSet } = loadRuleSet(`${RULES}${region}.json`, (file) => JSON.parse(readFileSync(file, "utf8")) as unknown);
  const { sources: _sources, ...content } = ruleSet as RuleSet;
  return content as Record<string, unknown>;
}
