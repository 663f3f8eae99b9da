// The national operator reads a baseline as a summary: PP 30/2019's indicators, its 70/30 weights and the
// 60/40 split where peers and subordinates rate, its 0–120 scale, the predikat table and the follow-ups,
// with the raw JSON behind a toggle, and who created each version (the national audit log), at 1366 and
// 390 px; on a phone the version badge is not cut off. Screenshots go to KINERJA_SCREENSHOT_DIR (default
// /tmp/kinerja-baseline-summary).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const SHOTS = process.env.KINERJA_SCREENSHOT_DIR ?? "/tmp/kinerja-baseline-summary";
const BASELINE = "pp-30-2019";

describe.skipIf(inject("chromiumMissing") !== null)("the operator reads a national baseline as a summary", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 8 });
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows indicators, weights, scales, the predikat table and follow-ups, the JSON on demand, and the versions' audit", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "operator", null));
    await page.getByRole("button", { name: "Kota Samarinda", exact: true }).click();
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Baseline nasional" }).click();
    await page.getByTestId("baseline-versions").waitFor();
    await page.getByRole("textbox", { name: "Baseline" }).or(page.getByRole("combobox", { name: "Baseline" })).first().click();
    await page.getByRole("option", { name: /PP 30\/2019/ }).click();

    const stored = await query(page, "baseline.get", { baselineId: BASELINE, version: 1 });
    const summary = page.getByTestId("baseline-summary");
    await summary.getByRole("heading", { name: `${stored.name}, versi 1` }).waitFor();
    const text = await summary.innerText();
    expect(text).toContain("Capaian Sasaran Kinerja Pegawai (SKP) (Hasil kerja, bobot 100)");
    expect(await summary.getByTestId("summary-weights").innerText()).toContain("Penilaian 360°: 60% SKP, 40% perilaku: Hasil kerja 60% · Perilaku kerja 40%");
    expect(await summary.getByTestId("summary-scales").innerText()).toContain("nilai: 0–120, nilai paling tinggi 120");
    const rows = summary.getByTestId("summary-predikat-table").getByRole("row");
    expect(await rows.count()).toBeGreaterThan(1);
    expect(await summary.getByTestId("baseline-json").count()).toBe(0);

    await summary.getByRole("button", { name: "Tampilkan JSON" }).click();
    const json = JSON.parse((await summary.getByTestId("baseline-json").innerText()).trim()) as { id: string };
    expect(json).toEqual(stored.content);
    await page.screenshot({ path: join(SHOTS, "baseline-summary-1366.png"), fullPage: true });
    await summary.getByRole("button", { name: "Sembunyikan JSON" }).click();

    // The versions' audit, as the national log stored it.
    const audit = await query(page, "baseline.audit", { baselineId: BASELINE });
    expect(audit.map((e) => e.action)).toEqual(["baseline.create"]);
    expect(await page.getByTestId("baseline-audit-entry").first().innerText()).toContain(`Versi 1 dibuat oleh ${audit[0]!.actor.name}`);

    await page.setViewportSize(PHONE);
    await summary.waitFor();
    await page.screenshot({ path: join(SHOTS, "baseline-summary-390.png"), fullPage: true });
    const fit = await checkFit(page, "baseline-summary");
    expect(fit.overflow, fit.wide.join("\n")).toBe(0);
    // The newest version's badge shows its whole word on a phone.
    const badge = page.getByTestId("baseline-versions").locator(".mantine-Badge-label").first();
    await badge.scrollIntoViewIfNeeded();
    expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await badge.innerText()).toBe("TERBARU");
    await context.close();
  });
});
