// @kinerja/core as a developer outside this repository gets it: `pnpm pack`, installed into a blank Node
// project from the tarball, imported with plain `node` (ESM) and type-checked against its declarations.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = resolve(import.meta.dirname, "..");
const RULE_FILE = resolve(CORE, "../cli/src/test-fixtures/kota-uji.json");
const TSC = resolve(CORE, "node_modules/.bin/tsc");

/** pnpm itself: the one running this suite when there is one, else the one on PATH. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  const viaPnpm = execPath !== undefined && /pnpm/.test(execPath);
  return execFileSync(viaPnpm ? process.execPath : "pnpm", viaPnpm ? [execPath, ...args] : args, { cwd, encoding: "utf8" });
}

describe("the packed @kinerja/core", () => {
  it("installs into a blank project, runs with plain node and type-checks", () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-pack-"));
    pnpm(["pack", "--pack-destination", dir], CORE);
    const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();

    const project = join(dir, "app");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tarball as string)], { cwd: project });

    const manifest = JSON.parse(readFileSync(join(project, "node_modules/@kinerja/core/package.json"), "utf8")) as {
      exports: Record<string, { types: string; import: string }>;
    };
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });

    writeFileSync(
      join(project, "main.mjs"),
      `import { readFileSync } from "node:fs";
import { parseRuleFile, resolveRuleSet, compileRuleSet, parseNip } from "@kinerja/core";
const file = parseRuleFile(JSON.parse(readFileSync(${JSON.stringify(RULE_FILE)}, "utf8")), "kota-uji.json");
const compiled = compileRuleSet(resolveRuleSet(file, "kota-uji.json", () => { throw new Error("no extends"); }));
const result = compiled.evaluate(file.tests[0].input);
console.log(JSON.stringify({ predikat: result.predikat, nip: parseNip(result.nip).ok }));
`,
    );
    const output = execFileSync(process.execPath, ["main.mjs"], { cwd: project, encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({ predikat: "sangat_baik", nip: true });

    writeFileSync(
      join(project, "check.ts"),
      `import { compileRuleSet, type AppraisalResult, type RuleSet } from "@kinerja/core";
export function predikatOf(ruleSet: RuleSet, input: Parameters<ReturnType<typeof compileRuleSet>["evaluate"]>[0]): string {
  const result: AppraisalResult = compileRuleSet(ruleSet).evaluate(input);
  return result.predikat;
}
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ["check.ts"] }),
    );
    execFileSync(TSC, ["-p", project], { cwd: project, encoding: "utf8" });
  }, 180_000);
});
