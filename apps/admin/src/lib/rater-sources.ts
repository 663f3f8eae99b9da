// Which rater sources a stored rule set asks for: those rating any of its indicators (core's ratersOf),
// and the supervisor, who records the objective values of every set. Deadlines are set per source.
import { parseRuleFile, RATER_SOURCES, ratersOf, resolveRuleSet, type RaterSource } from "@kinerja/core";

export function sourcesUsed(content: unknown): RaterSource[] {
  let used: Set<RaterSource>;
  try {
    const ruleSet = resolveRuleSet(parseRuleFile(content, "cycle"), "cycle", () => {
      throw new Error("a stored rule set stands alone");
    });
    used = new Set<RaterSource>(["supervisor"]);
    for (const set of ruleSet.indicatorSets) {
      for (const indicator of set.indicators) if (indicator.input.kind === "rating") for (const source of ratersOf(ruleSet, indicator)) used.add(source);
    }
  } catch {
    // Content the browser cannot read: offer every source and let the server say which it refuses.
    return [...RATER_SOURCES];
  }
  return RATER_SOURCES.filter((s) => used.has(s));
}
