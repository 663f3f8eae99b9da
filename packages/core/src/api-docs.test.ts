// The API reference (`pnpm --filter @kinerja/core run docs`, TypeDoc from typedoc.json) is generated from the
// sources with every warning an error: an exported function, class, variable, interface or type without a doc
// comment, a signature naming a type no entry exports, or a broken {@link} fails this test, naming the symbol.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { expect, it } from "vitest";
import { CORE_DIR } from "./test-support/pack.js";

const TYPEDOC = resolve(CORE_DIR, "node_modules/.bin/typedoc");

it("documents every export of every entry point, with no TypeDoc warning", () => {
  const out = mkdtempSync(join(tmpdir(), "kinerja-typedoc-"));
  const json = join(out, "api.json");
  try {
    execFileSync(TYPEDOC, ["--out", join(out, "html"), "--json", json, "--logLevel", "Warn"], { cwd: CORE_DIR, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    expect.fail(`TypeDoc failed:\n${stripVTControlCharacters(stdout + stderr)}`);
  }
  const project = JSON.parse(readFileSync(json, "utf8")) as { children: Array<{ name: string }> };
  expect(project.children.map((module) => module.name).sort()).toEqual([
    "@kinerja/core",
    "@kinerja/core/engine",
    "@kinerja/core/evaluator",
    "@kinerja/core/json-rules-engine",
    "@kinerja/core/jsonpath",
    "@kinerja/core/rule-files",
  ]);
}, 300_000);
