import { describe, expect, it } from "vitest";
import { storedRuleSet } from "../test/rules";
import { sourcesUsed } from "./rater-sources";

describe("the rater sources a rule set uses", () => {
  it("reads the rule set's weights and each indicator's own raters, with the supervisor always", () => {
    expect(sourcesUsed(storedRuleSet("pariaman"))).toEqual(["peer", "supervisor"]);
    // Samarinda's structural unit leaders are rated by their direct reports on leading the team.
    expect(sourcesUsed(storedRuleSet("samarinda"))).toEqual(["peer", "supervisor", "subordinate", "public"]);
  });

  it("offers every source when the content cannot be read", () => {
    expect(sourcesUsed({ nonsense: true })).toEqual(["self", "peer", "supervisor", "subordinate", "public"]);
  });
});
