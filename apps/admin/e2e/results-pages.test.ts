// A region's results one page at a time: 2,000 results in Samarinda, paged by the server's cursor with the
// Berikutnya/Sebelumnya buttons, filtered by predikat and unit subtree on the server, with the total exact
// or "lebih dari N" as the API gives it. Every row and total read back in the page is compared with the API.
// Screenshots at 1366 and 390 px go to KINERJA_SCREENSHOT_DIR (default /tmp/kinerja-results-pages).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const SIZE = 2000;
const PAGE = 100;
const SHOTS = process.env.KINERJA_SCREENSHOT_DIR ?? "/tmp/kinerja-results-pages";
const count = (n: number) => n.toLocaleString("id-ID");

/** The NIPs of the rows the table has drawn, top first (the table draws the rows in view and a few more). */
async function shownNips(page: Page): Promise<string[]> {
  const cells = await page.getByTestId("results-scroller").getByRole("row").evaluateAll((rows) => rows.map((row) => row.querySelector('[role="cell"]')?.textContent?.trim() ?? ""));
  return cells;
}

/** Waits for the range text, then for the first drawn row to be the expected one. */
async function waitForPage(page: Page, range: string, firstNip: string): Promise<void> {
  await page.getByTestId("results-range").getByText(range, { exact: true }).waitFor();
  await page.getByTestId("results-scroller").getByRole("row").first().getByRole("cell").first().getByText(firstNip, { exact: true }).waitFor();
}

describe.skipIf(inject("chromiumMissing") !== null)("a region's results, one page at a time", () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let cycleUrl: string;
  let cycleId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer({ seedSize: SIZE, timeoutMs: 300_000 });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
    await signIn(admin, signInFor(server, "admin", "samarinda"));
    await openFirstCycle(admin);
    await runEvaluation(admin);
    cycleUrl = new URL(admin.url()).pathname;
    cycleId = /\/cycles\/([^/]+)/.exec(cycleUrl)![1]!;
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("pages forward to the last page and back by the server's cursor, with the exact total", async () => {
    const first = await query(admin, "result.list", { cycleId, limit: PAGE });
    expect(first).toMatchObject({ total: SIZE, totalExact: true });
    const second = await query(admin, "result.list", { cycleId, limit: PAGE, cursor: first.nextCursor! });

    await admin.getByTestId("results-count").getByText(`${count(SIZE)} pegawai`, { exact: true }).waitFor();
    await waitForPage(admin, "Baris 1–100", first.items[0]!.nip);
    const drawn = await shownNips(admin);
    expect(drawn).toEqual(first.items.slice(0, drawn.length).map((r) => r.nip));
    expect(await admin.getByRole("button", { name: "Sebelumnya" }).isDisabled()).toBe(true);
    await admin.screenshot({ path: join(SHOTS, "results-pages-1366.png"), fullPage: true });

    await admin.getByRole("button", { name: "Berikutnya" }).click();
    await waitForPage(admin, "Baris 101–200", second.items[0]!.nip);
    const drawnSecond = await shownNips(admin);
    expect(drawnSecond).toEqual(second.items.slice(0, drawnSecond.length).map((r) => r.nip));
    expect(await admin.getByRole("table").getAttribute("aria-rowcount")).toBe(String(SIZE + 1));

    await admin.getByRole("button", { name: "Sebelumnya" }).click();
    await waitForPage(admin, "Baris 1–100", first.items[0]!.nip);

    // To the last page, one click a page; the API's own last page is the one shown.
    let cursor: string | null = first.nextCursor;
    let last = first;
    for (let shown = 1; shown < SIZE / PAGE; shown++) {
      last = await query(admin, "result.list", { cycleId, limit: PAGE, cursor: cursor! });
      cursor = last.nextCursor;
      await admin.getByRole("button", { name: "Berikutnya" }).click();
      await waitForPage(admin, `Baris ${count(shown * PAGE + 1)}–${count((shown + 1) * PAGE)}`, last.items[0]!.nip);
    }
    expect(cursor).toBeNull();
    expect(await admin.getByRole("button", { name: "Berikutnya" }).isDisabled()).toBe(true);
    await admin.getByTestId("results-scroller").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await admin.getByTestId("results-scroller").getByText(last.items[PAGE - 1]!.nip, { exact: true }).waitFor();
  });

  it("filters by predikat and by a unit's subtree on the server, and starts again at the first page", async () => {
    await admin.goto(cycleUrl);
    await admin.getByTestId("results-count").getByText(`${count(SIZE)} pegawai`, { exact: true }).waitFor();
    await admin.getByRole("button", { name: "Berikutnya" }).click();
    await admin.getByTestId("results-range").getByText("Baris 101–200").waitFor();

    const { units } = await query(admin, "result.distribution", { cycleId });
    const top = await query(admin, "unit.tree", undefined);
    const parent = top.find((u) => u.children.length > 0)!;
    const { items } = await query(admin, "result.list", { cycleId, limit: PAGE });
    const predikat = items.find((r) => r.predikat)!;
    const byPredikat = await query(admin, "result.list", { cycleId, limit: PAGE, predikat: predikat.predikat! });
    expect(byPredikat.total).toBeGreaterThan(0);
    expect(byPredikat.total).toBeLessThan(SIZE);

    await admin.getByRole("combobox", { name: "Predikat" }).click();
    await admin.getByRole("option", { name: predikat.predikatLabel!, exact: true }).click();
    await admin.getByTestId("results-count").getByText(`${count(byPredikat.total)} pegawai`, { exact: true }).waitFor();
    await waitForPage(admin, `Baris 1–${Math.min(PAGE, byPredikat.total)}`, byPredikat.items[0]!.nip);
    const labels = await admin.getByTestId("results-scroller").getByRole("row").evaluateAll((rows) => rows.map((row) => row.querySelectorAll('[role="cell"]')[4]?.textContent?.trim()));
    expect(new Set(labels)).toEqual(new Set([predikat.predikatLabel]));

    const both = await query(admin, "result.list", { cycleId, limit: PAGE, predikat: predikat.predikat!, unitId: parent.id });
    const subtree = await query(admin, "result.list", { cycleId, limit: 500, unitId: parent.id });
    // The subtree holds more than the unit itself: its staff in units below it are counted.
    const own = units.find((u) => u.unitId === parent.id)?.total ?? 0;
    expect(subtree.total).toBeGreaterThan(own);

    await admin.getByRole("combobox", { name: "Unit kerja" }).click();
    await admin.getByRole("option", { name: parent.name, exact: true }).click();
    await admin.getByTestId("results-count").getByText(`${count(both.total)} pegawai`, { exact: true }).waitFor();
    if (both.total > 0) await waitForPage(admin, `Baris 1–${Math.min(PAGE, both.total)}`, both.items[0]!.nip);
    else await admin.getByText("Tidak ada hasil yang cocok").waitFor();
  });

  it("says 'lebih dari 1.000' when a search matches more than the server counts", async () => {
    await admin.goto(cycleUrl);
    const found = await query(admin, "result.list", { cycleId, limit: PAGE, search: "19" });
    expect(found).toMatchObject({ total: 1000, totalExact: false });
    await admin.getByLabel("Cari").fill("19");
    await admin.getByTestId("results-count").getByText("lebih dari 1.000 pegawai", { exact: true }).waitFor();
    await waitForPage(admin, "Baris 1–100", found.items[0]!.nip);
    expect(await admin.getByRole("table").getAttribute("aria-rowcount")).toBe("101");
  });

  it("pages on a phone, 390 px wide, without the page scrolling sideways", async () => {
    const { page, context } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "admin", "samarinda"));
    await page.goto(cycleUrl);
    const first = await query(page, "result.list", { cycleId, limit: PAGE });
    const second = await query(page, "result.list", { cycleId, limit: PAGE, cursor: first.nextCursor! });
    await page.getByTestId("results-count").getByText(`${count(SIZE)} pegawai`, { exact: true }).waitFor();
    await page.getByRole("button", { name: "Berikutnya" }).click();
    await waitForPage(page, "Baris 101–200", second.items[0]!.nip);
    const fit = await checkFit(page, "results-pages");
    expect(fit.overflow, fit.wide.join(", ")).toBe(0);
    await page.screenshot({ path: join(SHOTS, "results-pages-390.png"), fullPage: true });
    await context.close();
  });
});
