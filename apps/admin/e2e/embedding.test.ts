// The embedding guide's browser example (docs/examples/embedding/browser), run as a developer would: a blank
// project that installed the packed @kinerja/core from its tarball, type-checked against the package's
// declarations, built by vite with the project as root (so @kinerja/core resolves from the project's own
// node_modules, not from this workspace), served by `vite preview` and opened in Chromium. The page asks a Web
// Worker to evaluate 100,000 appraisals on Binjai's rules and keeps answering meanwhile; the test reads from
// the page the count, the predikat tally and the explanation, which must be what the workspace's own core
// computes for the same appraisals, and the frames drawn and clicks answered while the worker ran.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileRuleSet, loadRuleSet, renderExplanation, validateInput, type AppraisalInput } from "@kinerja/core";
import { blankProject, packCore, REPO_ROOT, TSC } from "@kinerja/core/test-support/pack";
import type { Browser, Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";

const EXAMPLE = join(REPO_ROOT, "docs/examples/embedding/browser");
const COUNT = 100_000;

/** What the worker must report: the rule file's cases evaluated in turn, COUNT times, tallied by predikat. */
function expectedRun(): { tally: Record<string, number>; explanation: string } {
  const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, path), "utf8"));
  const compiled = compileRuleSet(loadRuleSet("rules/binjai.json", readJson).ruleSet);
  const cases = compiled.ruleSet.tests.filter((test) => test.periods === undefined).map((test) => {
    const checked = validateInput(test.input);
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    return checked.input;
  });
  const tally: Record<string, number> = {};
  for (let i = 0; i < COUNT; i++) {
    const label = compiled.evaluate(cases[i % cases.length] as AppraisalInput).predikatLabel;
    tally[label] = (tally[label] ?? 0) + 1;
  }
  return { tally, explanation: renderExplanation(compiled.explain(cases[0] as AppraisalInput), "id") };
}

async function text(page: Page, selector: string): Promise<string> {
  return (await page.textContent(selector)) ?? "";
}

describe.skipIf(inject("chromiumMissing") !== null)("the embedding guide's Vite app with a Web Worker", () => {
  let project: string;
  let server: PreviewServer;
  let browser: Browser;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-embedding-browser-"));
    project = blankProject(dir, packCore(dir), "browser", { name: "browser-app", private: true, type: "module" });
    cpSync(EXAMPLE, project, { recursive: true });
    cpSync(join(REPO_ROOT, "rules/binjai.json"), join(project, "rules/binjai.json"));
    cpSync(join(REPO_ROOT, "rules/national/pp-94-2021.json"), join(project, "rules/national/pp-94-2021.json"));
    execFileSync(TSC, ["-p", project], { cwd: project, encoding: "utf8" });
    await build({ root: project, configFile: false, logLevel: "warn" });
    server = await preview({ root: project, configFile: false, logLevel: "warn", preview: { host: "127.0.0.1", port: 0 } });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("bundles @kinerja/core into the worker only: the page's own script carries none of it", () => {
    const assets = join(project, "dist/assets");
    const scripts = readdirSync(assets).filter((name) => name.endsWith(".js"));
    const page = /<script type="module"[^>]* src="\/assets\/([^"]+)"/.exec(readFileSync(join(project, "dist/index.html"), "utf8"))?.[1];
    expect(scripts).toContain(page);
    const worker = scripts.filter((name) => name !== page);
    expect(worker).toHaveLength(1);
    // renderExplanation's Indonesian heading, a string only the core holds.
    expect(readFileSync(join(assets, worker[0] as string), "utf8")).toContain("Penjelasan penilaian");
    expect(readFileSync(join(assets, page as string), "utf8")).not.toContain("Penjelasan penilaian");
  });

  it("evaluates 100,000 appraisals in the worker, reads back the real results, and the page answers meanwhile", async () => {
    const url = server.resolvedUrls?.local[0];
    expect(url).toBeDefined();
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url as string);

    // Clicks are answered by the page's thread, the one a blocking evaluation would hold. The first lands
    // right after the start, by the mouse at the button's place (no waiting for the button to settle): on a quiet
    // machine the 100,000 appraisals end within a checked click's round trips.
    const ping = await page.locator("#ping").boundingBox();
    expect(ping).not.toBeNull();
    await page.click("#start");
    await page.mouse.click(ping!.x + ping!.width / 2, ping!.y + ping!.height / 2);
    while ((await text(page, "#status")) === "berjalan") await page.click("#ping");

    expect(pageErrors).toEqual([]);
    expect(await text(page, "#status")).toBe("selesai");
    expect(Number(await text(page, "#evaluated"))).toBe(COUNT);
    const expected = expectedRun();
    const tally: Record<string, number> = Object.fromEntries(
      (await text(page, "#tally")).split("\n").map((line): [string, number] => {
        const [label = "", count] = line.split(": ");
        return [label, Number(count)];
      }),
    );
    expect(tally).toEqual(expected.tally);
    expect(Object.values(tally).reduce((sum, n) => sum + n, 0)).toBe(COUNT);
    expect(await text(page, "#explanation")).toBe(expected.explanation);
    expect(await text(page, "#explanation")).toContain("Predikat: Sangat Baik (sangat_baik)");
    expect(Number(await text(page, "#clicks"))).toBeGreaterThan(0);
    expect(Number(await text(page, "#frames"))).toBeGreaterThan(0);
  });
});
