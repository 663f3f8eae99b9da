// Which rater sources a stored rule set asks for: those its sets expect sheets from (core's
// sourcesOfRuleSet), and the supervisor always, as the server's deadlines do. Deadlines are set per source.
import { parseRuleFile, RATER_SOURCES, resolveRuleSet, sourcesOfRuleSet, type RaterSource } from "@kinerja/core";

export function sourcesUsed(content: unknown): RaterSource[] {
  let used: Set<RaterSource>;
  try {
    // A stored rule set was checked when it was saved; only its sources are read here.
    const ruleSet = resolveRuleSet(
      parseRuleFile(content, "cycle"),
      "cycle",
      () => {
        throw new Error("a stored rule set stands alone");
      },
      { check: false },
    );
    used = new Set<RaterSource>(["supervisor", ...sourcesOfRuleSet(ruleSet)]);
  } catch {
    // Content the browser cannot read: offer every source and let the server say which it refuses.
    return [...RATER_SOURCES];
  }
  return RATER_SOURCES.filter((s) => used.has(s));
}
