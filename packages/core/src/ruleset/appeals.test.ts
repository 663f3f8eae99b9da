// workflow.appeals: who decides an appeal the assessor's superior cannot, read by appealFallback, and the
// check that a deciding panel names someone. The shipped regions' settings are read from their files.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { appealFallback } from "./read.js";
import { loadRuleSet } from "./resolve.js";
import { at, baseFile, issuesAfter, ruleSetOf } from "./test-support/rule-files.js";

describe("appealFallback", () => {
  it("is the region's admin after 14 days unless the file says otherwise", () => {
    expect(appealFallback(ruleSetOf(baseFile()))).toEqual({ kind: "admin", afterDays: 14, panel: null });
  });

  it("names the panel, its members and roles when the panel decides", () => {
    const file = { ...baseFile(), workflow: { appeals: { fallback: "panel" as const, fallbackAfterDays: 5, panel: { name: "Tim Keberatan", members: ["198001012005011001"] } } } };
    expect(appealFallback(ruleSetOf(file))).toEqual({
      kind: "panel",
      afterDays: 5,
      panel: { name: "Tim Keberatan", members: ["198001012005011001"], roles: [] },
    });
  });

  it("refuses a panel with nobody on it, naming where and what was expected", () => {
    const issues = at(
      issuesAfter((file) => {
        file.workflow = { appeals: { fallback: "panel", panel: { name: "Tim Keberatan" } } };
      }),
      "/workflow/appeals/panel",
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toContain('panel "Tim Keberatan"');
    expect(issues[0]?.message).toContain("members (NIP) atau roles");
    expect(issues[0]?.messageEn).toContain("expected members (NIPs) or roles");
  });

  it("refuses fewer than one day for the superior to decide", () => {
    expect(() => ruleSetOf({ ...baseFile(), workflow: { appeals: { fallbackAfterDays: 0 } } })).toThrow();
  });
});

describe("the shipped regions", () => {
  const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../../${path}`, import.meta.url), "utf8")) as unknown;
  it.each(["binjai", "pariaman", "medan", "amplas", "samarinda"])("%s: the BKD admin decides after 14 days", (region) => {
    const { ruleSet } = loadRuleSet(`rules/${region}.json`, read);
    expect(appealFallback(ruleSet)).toEqual({ kind: "admin", afterDays: 14, panel: null });
    expect(ruleSet.workflow.appeals.windowDays).toBe(14);
  });
});
