// An employee in each of the four demo regions (four rule files, four scales) reads their result and why in
// the browser: plain sentences with the predikat's label and rounded numbers, no ids, no JSON, and no
// technical trace; the predikat shown is the one stored. Screenshots at 1366 and 390 px go to
// KINERJA_SCREENSHOT_DIR (default /tmp/kinerja-results-read).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";

const SHOTS = process.env.KINERJA_SCREENSHOT_DIR ?? "/tmp/kinerja-results-read";

describe.skipIf(inject("chromiumMissing") !== null)("an employee reads their result in plain sentences", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 40 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(["samarinda", "amplas", "binjai", "pariaman"])("in %s", async (region) => {
    const admin = await newPage(browser, server.url);
    await signIn(admin.page, signInFor(server, "admin", region));
    await openFirstCycle(admin.page);
    await runEvaluation(admin.page);
    await admin.context.close();

    const nip = signInFor(server, "employee", region);
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, nip);
    await page.getByRole("heading", { name: "Hasil saya" }).waitFor();
    const sentences = page.getByTestId("explanation-sentences");
    await sentences.getByText(/^Predikat: /).waitFor();
    const text = (await sentences.innerText()).trim();

    const cycleId = (await query(page, "cycle.list", {})).find((c) => c.currentRunId !== null)!.id;
    const stored = (await query(page, "result.list", { cycleId, search: nip, limit: 5 })).items.find((r) => r.nip === nip)!;
    expect(stored.predikatLabel).toBeTruthy();
    expect(await page.getByTestId("explanation-predikat").textContent()).toBe(stored.predikatLabel);
    expect(text).toContain(`Predikat: ${stored.predikatLabel!}.`);
    // A score rounded to at most two decimals, with the decimal comma.
    expect(text).toMatch(/Nilai akhir: \d{1,3}(,\d{1,2})?\b/);
    expect(text).not.toMatch(/\d,\d{3}/);
    expect(text).not.toMatch(/[{}]|"\w+":/);
    expect(text).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    // The trace is for admins: no button to open it here.
    expect(await page.getByRole("button", { name: "Tampilkan jejak teknis" }).count()).toBe(0);
    expect(await page.getByTestId("explanation-trace").count()).toBe(0);

    await page.screenshot({ path: join(SHOTS, `${region}-1366.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await sentences.waitFor();
    await page.screenshot({ path: join(SHOTS, `${region}-390.png`), fullPage: true });
    await context.close();
  });
});
