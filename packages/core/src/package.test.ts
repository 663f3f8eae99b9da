// @kinerja/core as a developer outside this repository gets it: `pnpm pack`, installed from the tarball into
// a blank Node project, once an ES module project and once the CommonJS one `npm init -y` makes; imported
// (or required) with plain `node` and type-checked against the declarations each finds.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { blankProject, CORE_DIR, packCore, TSC } from "./test-support/pack.js";

const RULE_FILE = resolve(CORE_DIR, "../cli/src/test-fixtures/kota-uji.json");

const EVALUATE = (load: string) => `${load}
const file = parseRuleFile(JSON.parse(readFileSync(${JSON.stringify(RULE_FILE)}, "utf8")), "kota-uji.json");
const compiled = compileRuleSet(resolveRuleSet(file, "kota-uji.json", () => { throw new Error("no extends"); }));
const result = compiled.evaluate(file.tests[0].input);
console.log(JSON.stringify({ predikat: result.predikat, nip: parseNip(result.nip).ok }));
`;

const CHECK = `import { compileRuleSet, type AppraisalResult, type RuleSet } from "@kinerja/core";
import { compileRuleSet as compileFromEvaluator } from "@kinerja/core/evaluator";
import { validateInput } from "@kinerja/core/rule-files";
import { compileRules, type PathResolver } from "@kinerja/core/engine";
import { jsonPathResolver } from "@kinerja/core/jsonpath";
import { Engine, type EngineResult } from "@kinerja/core/json-rules-engine";
export function predikatOf(ruleSet: RuleSet, input: Parameters<ReturnType<typeof compileRuleSet>["evaluate"]>[0]): string {
  const result: AppraisalResult = compileRuleSet(ruleSet).evaluate(input);
  return result.predikat === compileFromEvaluator(ruleSet).evaluate(input).predikat ? result.predikat : "";
}
export const valid: boolean = validateInput({}).ok;
const resolver: PathResolver = jsonPathResolver;
export const events = compileRules([], { pathResolver: resolver }).run({}).events.length;
export const run: Promise<EngineResult> = new Engine([], { allowUndefinedFacts: true }).run({});
`;

/** The lean entries: an engine run reading a path with the JSONPath entry handed to it, and the Engine class with a listener. */
const ENTRIES = (load: string) => `${load}
const rules = [{ conditions: { all: [{ fact: "riwayat", path: "$[*].predikat", operator: "contains", value: "baik" }] }, event: { type: "naik" } }];
const events = compileRules(rules, { pathResolver: jsonPathResolver }).run({ riwayat: [{ predikat: "baik" }] }).events;
const engine = new Engine(rules);
engine.on("naik", (params, almanac) => almanac.addRuntimeFact("heard", true));
engine.run({ riwayat: [{ predikat: "baik" }] }).then(async (result) => {
  const heard = await result.almanac.factValue("heard");
  console.log(JSON.stringify({ events, engine: result.events, heard, compile: typeof compileRuleSet, validate: typeof validateInput }));
});
`;
const ENTRIES_OUTPUT = { events: [{ type: "naik" }], engine: [{ type: "naik" }], heard: true, compile: "function", validate: "function" };

/** Type-checks check.ts in the project under Node's own resolution, strict, reading the package's declarations. */
function typeCheck(project: string): void {
  writeFileSync(join(project, "check.ts"), CHECK);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["check.ts"] }),
  );
  execFileSync(TSC, ["-p", project], { cwd: project, encoding: "utf8" });
}

describe("the packed @kinerja/core", () => {
  let dir: string;
  let tarball: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kinerja-pack-"));
    tarball = packCore(dir);
  }, 180_000);

  it("declares an ES module and a CommonJS build, each with its types, and the Node it needs", () => {
    const project = blankProject(dir, tarball, "manifest", { name: "manifest", private: true });
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/@kinerja/core/package.json"), "utf8")) as { exports: Record<string, unknown>; engines: unknown };
    const entries = { ".": "index", "./engine": "engine/entry", "./json-rules-engine": "engine/compat/index", "./evaluator": "evaluator", "./rule-files": "rule-files", "./jsonpath": "jsonpath" };
    for (const [entry, file] of Object.entries(entries)) {
      expect(manifest.exports[entry]).toEqual({
        import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
        require: { types: `./dist/cjs/${file}.d.ts`, default: `./dist/cjs/${file}.js` },
      });
    }
    expect(manifest.engines).toEqual({ node: ">=20" });
  }, 180_000);

  it("installs into a blank ES module project, runs with plain node and type-checks", () => {
    const project = blankProject(dir, tarball, "esm", { name: "app", private: true, type: "module" });
    writeFileSync(join(project, "main.mjs"), EVALUATE(`import { readFileSync } from "node:fs";
import { parseRuleFile, resolveRuleSet, compileRuleSet, parseNip } from "@kinerja/core";`));
    const output = execFileSync(process.execPath, ["main.mjs"], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({ predikat: "sangat_baik", nip: true });
    writeFileSync(join(project, "entries.mjs"), ENTRIES(`import { compileRules } from "@kinerja/core/engine";
import { Engine } from "@kinerja/core/json-rules-engine";
import { jsonPathResolver } from "@kinerja/core/jsonpath";
import { compileRuleSet } from "@kinerja/core/evaluator";
import { validateInput } from "@kinerja/core/rule-files";`));
    expect(JSON.parse(execFileSync(process.execPath, ["entries.mjs"], { cwd: project, encoding: "utf8" }))).toEqual(ENTRIES_OUTPUT);
    typeCheck(project);
  }, 180_000);

  it("is required from the CommonJS project `npm init -y` makes, runs with plain node and type-checks there", () => {
    const project = blankProject(dir, tarball, "cjs");
    const own = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { type?: string };
    expect(own.type ?? "commonjs").toBe("commonjs");
    writeFileSync(join(project, "index.js"), EVALUATE(`const { readFileSync } = require("node:fs");
const { parseRuleFile, resolveRuleSet, compileRuleSet, parseNip } = require("@kinerja/core");`));
    const output = execFileSync(process.execPath, ["index.js"], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({ predikat: "sangat_baik", nip: true });
    writeFileSync(join(project, "entries.js"), ENTRIES(`const { compileRules } = require("@kinerja/core/engine");
const { Engine } = require("@kinerja/core/json-rules-engine");
const { jsonPathResolver } = require("@kinerja/core/jsonpath");
const { compileRuleSet } = require("@kinerja/core/evaluator");
const { validateInput } = require("@kinerja/core/rule-files");`));
    expect(JSON.parse(execFileSync(process.execPath, ["entries.js"], { cwd: project, encoding: "utf8" }))).toEqual(ENTRIES_OUTPUT);
    typeCheck(project);
  }, 180_000);
});
