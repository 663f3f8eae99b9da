// docs/embedding.md is run, not only read: every fenced block in it names its file under docs/examples/embedding
// and is that file byte for byte, every file there is shown in the guide, and the Node examples run with plain
// `node` in blank projects (ES modules, and the CommonJS one `npm init -y` makes) that installed the packed
// package, on a real rule file and real appraisals, printing what this package computes for them in process.
// The browser examples run in Chromium in apps/admin/e2e/embedding.test.ts.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileRuleSet, loadRuleSet, renderExplanation, validateInput, type AppraisalInput } from "./index.js";
import { blankProject, packCore, REPO_ROOT } from "./test-support/pack.js";

const GUIDE = join(REPO_ROOT, "docs/embedding.md");
const EXAMPLES = join(REPO_ROOT, "docs/examples/embedding");

/** The guide's fenced blocks: the file each names (title="…", relative to docs/) and its text. */
function guideBlocks(): Array<{ title: string | null; text: string; line: number }> {
  const lines = readFileSync(GUIDE, "utf8").split("\n");
  const blocks: Array<{ title: string | null; text: string; line: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i] ?? "");
    if (!open) continue;
    const fence = open[1] ?? "```";
    const end = lines.findIndex((line, j) => j > i && line === fence);
    if (end < 0) throw new Error(`docs/embedding.md:${i + 1}: a code block that never closes`);
    const title = /title="([^"]+)"/.exec(open[2] ?? "")?.[1] ?? null;
    blocks.push({ title, text: `${lines.slice(i + 1, end).join("\n")}\n`, line: i + 1 });
    i = end;
  }
  return blocks;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** A region's real rules (Binjai, extending PP 94/2021) and the repository's example appraisals, as the examples read them. */
function copyInputs(project: string): void {
  cpSync(join(REPO_ROOT, "rules/binjai.json"), join(project, "rules/binjai.json"));
  cpSync(join(REPO_ROOT, "rules/national/pp-94-2021.json"), join(project, "rules/national/pp-94-2021.json"));
  cpSync(join(REPO_ROOT, "docs/examples/input.json"), join(project, "appraisals.json"));
}

/** What the examples print, computed here from the workspace's sources. */
function expectedOutput(): string {
  const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, path), "utf8"));
  const compiled = compileRuleSet(loadRuleSet("rules/binjai.json", readJson).ruleSet);
  const inputs = (readJson("docs/examples/input.json") as unknown[]).map((value) => {
    const checked = validateInput(value);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    return checked.input;
  });
  const lines = inputs.map((input: AppraisalInput) => {
    const result = compiled.evaluate(input);
    return `${result.nip} ${result.predikat} (${result.predikatLabel}), nilai ${result.scores.score}`;
  });
  return `${[...lines, renderExplanation(compiled.explain(inputs[0] as AppraisalInput), "id")].join("\n")}\n`;
}

describe("docs/embedding.md", () => {
  it("shows every example file, each block byte for byte the file it names", () => {
    const blocks = guideBlocks();
    expect(blocks.filter((b) => b.title === null).map((b) => `docs/embedding.md:${b.line}`), "blocks without title=\"examples/embedding/…\"").toEqual([]);
    for (const block of blocks) {
      const file = readFileSync(join(REPO_ROOT, "docs", block.title as string), "utf8");
      expect(block.text, `docs/embedding.md:${block.line} differs from docs/${block.title}`).toBe(file);
    }
    const shown = blocks.map((b) => b.title).sort();
    const files = filesUnder(EXAMPLES).map((f) => relative(join(REPO_ROOT, "docs"), f)).sort();
    expect(shown).toEqual(files);
  });
});

describe("the guide's Node examples, from the packed @kinerja/core", () => {
  let dir: string;
  let tarball: string;
  const expected = expectedOutput();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kinerja-embedding-"));
    tarball = packCore(dir);
  }, 180_000);

  it("reads real results: Binjai's predikat for each appraisal and the Indonesian explanation", () => {
    expect(expected).toMatch(/^198408272011101001 baik \(Baik\), nilai 76\.5\n/);
    expect(expected).toContain("Penjelasan penilaian Fitri Syahputra (NIP 198408272011101001)");
    expect(expected).toMatch(/\n\d+\. Predikat: Baik \(baik\)\n$/);
  });

  it("runs node-esm/main.mjs in a blank ES module project", () => {
    const project = blankProject(dir, tarball, "esm", { name: "app", private: true, type: "module" });
    copyInputs(project);
    cpSync(join(EXAMPLES, "node-esm/main.mjs"), join(project, "main.mjs"));
    expect(execFileSync(process.execPath, ["main.mjs"], { cwd: project, encoding: "utf8" })).toBe(expected);
  }, 180_000);

  it("runs node-cjs/main.js in the CommonJS project `npm init -y` makes", () => {
    const project = blankProject(dir, tarball, "cjs");
    const own = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { type?: string };
    expect(own.type ?? "commonjs").toBe("commonjs");
    copyInputs(project);
    cpSync(join(EXAMPLES, "node-cjs/main.js"), join(project, "main.js"));
    expect(execFileSync(process.execPath, ["main.js"], { cwd: project, encoding: "utf8" })).toBe(expected);
  }, 180_000);
});
