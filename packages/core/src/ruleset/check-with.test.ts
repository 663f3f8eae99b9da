// A part meant to be extended (checkWith) is checked and tested on top of the file it names, and the
// setting never leaks into a file that extends the part.
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "./resolve.js";
import { baseFile, type RuleFileJson } from "./test-support/rule-files.js";

const part = (): RuleFileJson => {
  const { indicatorSets: _sets, decisions: _decisions, predikat: _predikat, outcomes: _outcomes, tests: _tests, ...rest } = baseFile();
  return {
    ...rest,
    id: "disiplin",
    name: "Disiplin",
    checkWith: "./base.json",
    facts: { hari: { type: "number", label: "Hari tanpa keterangan", min: 0, default: 0 } },
    decisions: [
      { id: "sanksi", output: "sanksi", hitPolicy: "first", inputs: ["hari"], rows: [{ when: [{ lessThan: 3 }], then: "tidak_ada" }, { when: [{ greaterThanInclusive: 3 }], then: "teguran" }] },
    ],
  };
};

function read(files: Record<string, unknown>) {
  return (path: string): unknown => {
    if (!(path in files)) throw new Error(`no such file: ${path}`);
    return files[path];
  };
}

describe("checkWith", () => {
  it("checks a part on top of the named file, keeping the part's own id", () => {
    const { ruleSet, issues } = loadRuleSet("rules/disiplin.json", read({ "rules/disiplin.json": part(), "rules/base.json": baseFile() }));
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(ruleSet.id).toBe("disiplin");
    expect(ruleSet.sources).toEqual(["rules/base.json", "rules/disiplin.json"]);
    expect(ruleSet.decisions.map((d) => d.output)).toContain("predikat");
    expect(ruleSet).not.toHaveProperty("checkWith");
  });

  it("is ignored where the part is extended", () => {
    const region = { ...baseFile(), id: "kota", extends: "./disiplin.json" };
    const { ruleSet } = loadRuleSet("rules/kota.json", read({ "rules/kota.json": region, "rules/disiplin.json": part(), "rules/base.json": baseFile() }));
    expect(ruleSet.sources).toEqual(["rules/disiplin.json", "rules/kota.json"]);
    expect(ruleSet).not.toHaveProperty("checkWith");
  });

  it("without it, a part alone is reported as lacking a predikat table", () => {
    const { checkWith: _c, ...alone } = part();
    const { issues } = loadRuleSet("rules/disiplin.json", read({ "rules/disiplin.json": alone }));
    expect(issues.some((i) => i.severity === "error" && /predikat/.test(i.message))).toBe(true);
  });
});

describe("workflow settings", () => {
  it("fill the defaults and merge section by section through extends", () => {
    const parent = { ...baseFile(), id: "induk", workflow: { calibration: { forum: false, maxLevels: 2 }, appeals: { windowDays: 30 } } };
    const child = { ...baseFile(), id: "anak", extends: "./induk.json", workflow: { calibration: { maxLevels: 0 } } };
    const { ruleSet } = loadRuleSet("rules/anak.json", read({ "rules/anak.json": child, "rules/induk.json": parent }));
    expect(ruleSet.workflow.calibration).toEqual({ forum: false, maxLevels: 0 });
    expect(ruleSet.workflow.appeals).toMatchObject({ windowDays: 30, fallback: "admin", fallbackAfterDays: 14 });
    expect(ruleSet.workflow.evidence.maxBytes).toBe(5 * 1024 * 1024);
    expect(ruleSet.workflow.planning).toEqual({ required: true, cascade: true });
  });
});
