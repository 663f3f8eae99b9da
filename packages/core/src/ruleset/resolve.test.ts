import { describe, expect, it } from "vitest";
import { RuleSetError } from "./errors.js";
import { parseRuleFile } from "./parse.js";
import { loadRuleSet, resolveRulePath, resolveRuleSet } from "./resolve.js";
import { CURVE_DEFAULTS, RATERS_DEFAULTS, WORKFLOW_DEFAULTS } from "./schema.js";
import { baseFile, type RuleFileJson } from "./test-support/rule-files.js";

/** An in-memory folder of rule files, read the way loadRuleSet reads them. */
function folder(files: Record<string, unknown>) {
  const reads: string[] = [];
  const readJson = (path: string): unknown => {
    reads.push(path);
    if (!(path in files)) throw new Error(`no such file: ${path}`);
    return files[path];
  };
  return { readJson, reads };
}

function resolveIn(files: Record<string, unknown>, root: string) {
  const { readJson } = folder(files);
  return resolveRuleSet(readJson(root), root, (path) => readJson(path), { check: false });
}

function thrown(run: () => unknown): RuleSetError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleSetError) return error;
    throw error;
  }
  throw new Error("expected a RuleSetError");
}

const national = (): RuleFileJson => ({
  ...baseFile(),
  id: "nasional",
  name: "Nasional",
  legalBasis: ["PermenPANRB 6/2022", "SE MenPANRB 3/2023"],
  curve: { enforcement: "block" },
  raters: { weights: { supervisor: 100 }, missing: "refuse" },
  conditions: { baik_ke_atas: { any: [{ fact: "predikat", operator: "in", value: ["sangat_baik", "baik"] }] } },
});

describe("resolveRulePath", () => {
  it.each([
    ["rules/medan/amplas.json", "../national/base.json", "rules/national/base.json"],
    ["rules/medan/amplas.json", "./base.json", "rules/medan/base.json"],
    ["rules/medan/amplas.json", "base.json", "rules/medan/base.json"],
    ["amplas.json", "../shared/base.json", "../shared/base.json"],
    ["/srv/rules/a.json", "../../b.json", "/b.json"],
    ["/srv/rules/a.json", "/etc/b.json", "/etc/b.json"],
    ["https://example.org/rules/medan/a.json", "../national/b.json", "https://example.org/rules/national/b.json"],
    ["rules/a.json", "https://example.org/b.json", "https://example.org/b.json"],
  ])("(%s, %s) → %s", (from, ref, expected) => {
    expect(resolveRulePath(from, ref)).toBe(expected);
  });
});

describe("resolveRuleSet", () => {
  it("hands the loader the path already resolved (with the entry as written and the including file), and takes the JSON it returns", () => {
    const calls: string[][] = [];
    const files: Record<string, unknown> = { "rules/national/base.json": national() };
    const region = { id: "kota", name: "Kota", extends: "../national/base.json" };
    const ruleSet = resolveRuleSet(region, "rules/kota/kota.json", (path, ref, from) => {
      calls.push([path, ref, from]);
      return files[path];
    });
    expect(calls).toEqual([["rules/national/base.json", "../national/base.json", "rules/kota/kota.json"]]);
    expect(ruleSet).toMatchObject({ id: "kota", sources: ["rules/national/base.json", "rules/kota/kota.json"], curve: { enforcement: "block" } });
  });

  it("names the file a loader returned that is not a rule file, at its JSON pointer", () => {
    const error = thrown(() => resolveRuleSet({ id: "kota", name: "Kota", extends: "base.json" }, "rules/kota.json", () => ({ id: 7 })));
    expect(error.issues[0]).toMatchObject({ file: "rules/base.json", pointer: "/id" });
  });

  it("runs the static checks and throws on an error they find, unless asked not to", () => {
    const file = baseFile();
    file.axes = { hasil_kerja: 60, perilaku: 30 };
    const error = thrown(() => resolveRuleSet(file, "kota.json", () => undefined));
    expect(error.issues.length).toBeGreaterThan(0);
    expect(error.issues.every((issue) => issue.severity === "error" && issue.file === "kota.json")).toBe(true);
    expect(error.issues.map((issue) => issue.pointer)).toContain("/axes");
    expect(resolveRuleSet(file, "kota.json", () => undefined, { check: false }).axes).toEqual({ hasil_kerja: 60, perilaku: 30 });
    expect(resolveRuleSet(baseFile(), "kota.json", () => undefined).id).toBe("contoh");
  });

  it("fills what a file without extends leaves out", () => {
    const ruleSet = resolveIn({ "a.json": { id: "a", name: "A" } }, "a.json");
    expect(ruleSet).toEqual({
      id: "a",
      name: "A",
      scales: {},
      facts: {},
      conditions: {},
      indicatorSets: [],
      predikat: [],
      decisions: [],
      calculations: [],
      outcomes: [],
      tests: [],
      raters: RATERS_DEFAULTS,
      curve: CURVE_DEFAULTS,
      workflow: WORKFLOW_DEFAULTS,
      sources: ["a.json"],
    });
  });

  it("merges a region over the national baseline", () => {
    const base = national();
    const region: RuleFileJson = {
      id: "samarinda",
      name: "Kota Samarinda",
      extends: "national/base.json",
      $schema: "ruleset.schema.json",
      legalBasis: ["SE MenPANRB 3/2023", "Perwali Samarinda 1/2024"],
      curve: { rounding: "floor" },
      raters: { weights: { self: 10, peer: 30, supervisor: 60 } },
      scales: { skala4: { min: 1, max: 4 } },
      facts: { kepuasan: { type: "number", label: "Kepuasan masyarakat", min: 0, max: 100 } },
      axes: { perilaku: 30, hasil_kerja: 70 },
      indicatorSets: [
        {
          id: "umum",
          name: "Umum (Samarinda)",
          indicators: [
            { id: "kualitas", name: "Kualitas", axis: "hasil_kerja", weight: 100, input: { kind: "achievement" } },
            { id: "pelayanan", name: "Pelayanan", axis: "perilaku", weight: 100, input: { kind: "rating", scale: "skala4" } },
          ],
        },
        {
          id: "puskesmas",
          name: "Puskesmas",
          when: { all: [{ fact: "employee.unitType", operator: "equal", value: "puskesmas" }] },
          indicators: [{ id: "kepuasan", name: "Kepuasan", axis: "hasil_kerja", weight: 100, input: { kind: "score" } }],
        },
      ],
      predikat: [{ id: "baik", label: "Baik (Samarinda)", national: "baik" }],
      outcomes: [
        {
          name: "penghargaan",
          conditions: { all: [{ fact: "score", operator: "greaterThanInclusive", value: 95 }] },
          event: { type: "penghargaan", params: { kind: "piagam" } },
        },
        { name: "promosi", conditions: { condition: "baik_ke_atas" }, event: { type: "promosi" } },
      ],
    };
    const ruleSet = resolveIn({ "rules/national/base.json": base, "rules/samarinda.json": region }, "rules/samarinda.json");

    expect(ruleSet.id).toBe("samarinda");
    expect(ruleSet.sources).toEqual(["rules/national/base.json", "rules/samarinda.json"]);
    expect(ruleSet.legalBasis).toEqual(["PermenPANRB 6/2022", "SE MenPANRB 3/2023", "Perwali Samarinda 1/2024"]);
    expect(ruleSet.curve).toEqual({ enforcement: "block", rounding: "floor" });
    expect(ruleSet.raters).toEqual({ weights: { self: 10, peer: 30, supervisor: 60 }, missing: "refuse" });
    expect(Object.keys(ruleSet.scales)).toEqual(["likert5", "skala4"]);
    expect(Object.keys(ruleSet.facts)).toEqual(["inovasi", "kepuasan"]);
    expect(ruleSet.axes).toEqual({ hasil_kerja: 70, perilaku: 30 });
    expect(ruleSet.indicatorSets.map((s) => [s.id, s.name])).toEqual([
      ["umum", "Umum (Samarinda)"],
      ["puskesmas", "Puskesmas"],
    ]);
    expect(ruleSet.predikat.map((p) => [p.id, p.label])).toEqual([
      ["sangat_baik", "Sangat Baik"],
      ["baik", "Baik (Samarinda)"],
      ["kurang", "Kurang"],
    ]);
    expect(ruleSet.decisions).toEqual(parseRuleFile(base, "b").decisions);
    expect(ruleSet.outcomes.map((o) => [o.name, o.event.params])).toEqual([
      ["penghargaan", { kind: "piagam" }],
      ["promosi", undefined],
    ]);
    expect(ruleSet.conditions).toEqual(parseRuleFile(base, "b").conditions);
    // The parent's test cases are not inherited.
    expect(ruleSet.tests).toEqual([]);
    expect(ruleSet).not.toHaveProperty("extends");
    expect(ruleSet).not.toHaveProperty("$schema");
  });

  it("applies a chain of extends, each file relative to the one that names it", () => {
    const files = {
      "rules/national/base.json": national(),
      "rules/medan/base.json": { id: "medan", name: "Kota Medan", extends: "../national/base.json", curve: { enforcement: "warn" } },
      "rules/medan/amplas.json": { id: "amplas", name: "Medan Amplas", extends: "./base.json", tests: [{ name: "t", input: {}, expect: {} }] },
    };
    const ruleSet = resolveIn(files, "rules/medan/amplas.json");
    expect(ruleSet.sources).toEqual(["rules/national/base.json", "rules/medan/base.json", "rules/medan/amplas.json"]);
    expect(ruleSet.curve.enforcement).toBe("warn");
    expect(ruleSet.raters.missing).toBe("refuse");
    expect(ruleSet.tests.map((t) => t.name)).toEqual(["t"]);
  });

  it("applies an extends list left to right, later files winning", () => {
    const files = {
      "a.json": { id: "a", name: "A", curve: { enforcement: "block", rounding: "ceil" }, predikat: [{ id: "baik", label: "A" }] },
      "b.json": { id: "b", name: "B", curve: { enforcement: "off" }, predikat: [{ id: "baik", label: "B" }, { id: "kurang", label: "B" }] },
      "c.json": { id: "c", name: "C", extends: ["a.json", "b.json"] },
    };
    const ruleSet = resolveIn(files, "c.json");
    expect(ruleSet.curve).toEqual({ enforcement: "off", rounding: "ceil" });
    expect(ruleSet.predikat).toEqual([
      { id: "baik", label: "B" },
      { id: "kurang", label: "B" },
    ]);
    expect(ruleSet.sources).toEqual(["a.json", "b.json", "c.json"]);
  });

  it("names the whole chain of a cycle, at the extends that closes it", () => {
    const files = {
      "rules/a.json": { id: "a", name: "A", extends: "b.json" },
      "rules/b.json": { id: "b", name: "B", extends: ["c.json", "./a.json"] },
      "rules/c.json": { id: "c", name: "C" },
    };
    const error = thrown(() => resolveIn(files, "rules/a.json"));
    expect(error.issues).toEqual([
      {
        file: "rules/b.json",
        pointer: "/extends/1",
        message:
          "extends berputar melingkar: rules/a.json → rules/b.json → rules/a.json; yang diharapkan: rantai berkas yang berakhir pada berkas tanpa extends",
        messageEn:
          "extends goes round in a circle: rules/a.json → rules/b.json → rules/a.json; expected a chain of files that ends in one without extends",
        severity: "error",
      },
    ]);
  });

  it("catches a file that extends itself", () => {
    const error = thrown(() => resolveIn({ "a.json": { id: "a", name: "A", extends: "./a.json" } }, "a.json"));
    expect(error.issues[0]).toMatchObject({ file: "a.json", pointer: "/extends", messageEn: expect.stringContaining("a.json → a.json") });
  });

  it("allows the same baseline reached twice without a cycle", () => {
    const files = {
      "n.json": { id: "n", name: "N" },
      "a.json": { id: "a", name: "A", extends: "n.json" },
      "b.json": { id: "b", name: "B", extends: "n.json" },
      "c.json": { id: "c", name: "C", extends: ["a.json", "b.json"] },
    };
    expect(resolveIn(files, "c.json").sources).toEqual(["n.json", "a.json", "b.json", "c.json"]);
  });

  it("reports a file that cannot be read at the extends that names it", () => {
    const error = thrown(() => resolveIn({ "rules/a.json": { id: "a", name: "A", extends: "../nasional.json" } }, "rules/a.json"));
    expect(error.issues).toEqual([
      {
        file: "rules/a.json",
        pointer: "/extends",
        message: '"../nasional.json" (nasional.json) tidak dapat dibaca: no such file: nasional.json; yang diharapkan: jalur berkas aturan, relatif terhadap berkas ini',
        messageEn: 'cannot read "../nasional.json" (nasional.json): no such file: nasional.json; expected the path of a rule file, relative to this file',
        severity: "error",
      },
    ]);
  });

  it("passes on a parent's own validation errors, naming the parent", () => {
    const error = thrown(() => resolveIn({ "a.json": { id: "a", name: "A", extends: "b.json" }, "b.json": { id: "b" } }, "a.json"));
    expect(error.issues).toEqual([
      {
        file: "b.json",
        pointer: "/name",
        message: 'kunci wajib "name" tidak ada; yang diharapkan: teks',
        messageEn: 'required key "name" is missing, expected a string',
        severity: "error",
      },
    ]);
  });
});

describe("loadRuleSet", () => {
  it("reads, resolves and checks, returning the check's issues", () => {
    const region = { id: "binjai", name: "Kota Binjai", extends: "national/base.json", axes: { hasil_kerja: 50, perilaku: 40 } };
    const { readJson, reads } = folder({ "rules/national/base.json": national(), "rules/binjai.json": region });
    const { ruleSet, issues } = loadRuleSet("rules/binjai.json", readJson);
    expect(reads).toEqual(["rules/binjai.json", "rules/national/base.json"]);
    expect(ruleSet.sources).toEqual(["rules/national/base.json", "rules/binjai.json"]);
    expect(issues).toEqual([
      {
        file: "rules/binjai.json",
        pointer: "/axes",
        message: "bobot sumbu berjumlah 90 (hasil_kerja 50, perilaku 40); yang diharapkan: 100",
        messageEn: "axis weights total 90 (hasil_kerja 50, perilaku 40), expected 100",
        severity: "error",
      },
    ]);
  });

  it("skips the checks when asked", () => {
    const { readJson } = folder({ "a.json": { id: "a", name: "A" } });
    expect(loadRuleSet("a.json", readJson, { check: false }).issues).toEqual([]);
  });

  it("throws a RuleSetError when the file cannot be read", () => {
    const { readJson } = folder({});
    expect(thrown(() => loadRuleSet("rules/x.json", readJson)).issues).toEqual([
      {
        file: "rules/x.json",
        pointer: "",
        message: "berkas tidak dapat dibaca: no such file: rules/x.json",
        messageEn: "cannot read the file: no such file: rules/x.json",
        severity: "error",
      },
    ]);
  });

  it("throws a RuleSetError for a file that is not a valid rule file", () => {
    const { readJson } = folder({ "a.json": { id: "a", name: "A", hitPolicy: "first" } });
    expect(thrown(() => loadRuleSet("a.json", readJson)).issues[0]).toMatchObject({ file: "a.json", pointer: "/hitPolicy" });
  });
});
