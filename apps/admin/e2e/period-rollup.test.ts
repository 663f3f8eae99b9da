// A year appraised by quarter, rolled up in the browser: Binjai's rules say its period is the quarter
// (Triwulan) and the year takes the last quarter's result; four Triwulan cycles of 2026 are already run and
// finalised. The admin creates the annual cycle with clicks, opens it, runs it, opens one employee's result
// and reads the annual predikat and the four quarters it used, each with its own predikat. Screenshots at
// 1366 and 390 px go to KINERJA_SCREENSHOT_DIR (default /tmp/kinerja-period-rollup).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finalisedQuarters } from "@kinerja/api/testing/period-year";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const SHOTS = process.env.KINERJA_SCREENSHOT_DIR ?? "/tmp/kinerja-period-rollup";
const REGION = "binjai";
const YEAR = 2026;

describe.skipIf(inject("chromiumMissing") !== null)("an admin rolls a year of quarters up into the annual result", () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  let quarterIds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kinerja-periods-"));
    const file = join(dir, "kinerja.db");
    server = await startServer({ seedSize: 12, env: { DATABASE_URL: `file:${file}` } });
    quarterIds = await finalisedQuarters({ dialect: "sqlite", file }, REGION, YEAR, "last");
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("creates, opens and runs the annual cycle, then reads the annual result and the quarters it used", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "admin", REGION));
    await page.goto("/cycles");
    await page.getByRole("button", { name: "Siklus baru" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nama siklus").fill(`Penilaian Tahunan ${YEAR}`);
    await dialog.getByLabel("Label periode").fill(String(YEAR));
    await dialog.getByRole("button", { name: "Buat siklus", exact: true }).click();
    await page.waitForURL(/\/cycles\/[^/]+$/);
    await page.getByRole("button", { name: "Buka siklus" }).click();
    await runEvaluation(page);
    await page.getByTestId("cycle-status").getByText("Sudah dinilai").waitFor();

    const firstRow = page.getByTestId("results-scroller").getByRole("row").first();
    const nama = (await firstRow.getByRole("cell").nth(1).textContent())?.trim() ?? "";
    await firstRow.click();
    await page.getByRole("heading", { name: nama }).waitFor();

    const used = page.getByTestId("periods-used");
    await used.getByRole("heading", { name: "Hasil periode yang dipakai" }).waitFor();
    expect(await used.innerText()).toContain(
      "Predikat tahunan mengikuti hasil periode terakhir (Triwulan IV 2026), menurut aturan wilayah. Hasil 4 periode triwulan yang sudah ditetapkan:",
    );
    const rows = used.getByTestId("period-used");
    expect(await rows.getByRole("link").allTextContents()).toEqual(["Triwulan I 2026", "Triwulan II 2026", "Triwulan III 2026", "Triwulan IV 2026"]);

    // What the page shows is what the server stored: each quarter's own result, the annual predikat the last one's.
    const annualId = page.url().match(/\/cycles\/([^/]+)\/employees\//)![1]!;
    const employeeId = page.url().split("/employees/")[1]!;
    const nip = (await query(page, "result.list", { cycleId: annualId, limit: 50 })).items.find((r) => r.employeeId === employeeId)?.nip ?? "";
    const quarters = await Promise.all(
      quarterIds.map(async (cycleId) => (await query(page, "result.list", { cycleId, search: nip, limit: 5 })).items.find((r) => r.employeeId === employeeId)!),
    );
    const badges = await rows.locator(".mantine-Badge-root").allTextContents();
    expect(badges).toEqual(quarters.map((q) => q.predikatLabel));
    expect(await page.getByTestId("explanation-predikat").textContent()).toBe(quarters[3]!.predikatLabel);

    await page.screenshot({ path: join(SHOTS, "annual-result-1366.png"), fullPage: true });
    await page.setViewportSize(PHONE);
    await used.waitFor();
    await page.screenshot({ path: join(SHOTS, "annual-result-390.png"), fullPage: true });
    const fit = await checkFit(page, "annual-result");
    expect(fit.overflow).toBe(0);
    expect(fit.wide).toEqual([]);

    // A quarter's link opens that quarter's own result, as it was finalised.
    await rows.getByRole("link", { name: "Triwulan II 2026" }).click();
    await page.waitForURL(new RegExp(`/cycles/${quarterIds[1]!}/employees/${employeeId}$`));
    await page.getByRole("heading", { name: nama }).waitFor();
    expect(await page.getByTestId("periods-used").count()).toBe(0);
    await context.close();
  });
});
