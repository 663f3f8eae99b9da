// The assessor's judgement of a year rolled up from quarters: Binjai's rules here say the year is judged by
// the assessor within one predikat level of what the quarters give. Four Triwulan cycles of 2026 are
// finalised and the annual cycle is run. The assessor opens a report's annual result, reads the quarters
// used and the bounds, picks a predikat two levels away and is refused on the page, then sets one within
// the bounds with a reason; the stored result and judgement are read back. The quarters' performance dialogues
// stand beside the annual result, each marked with its quarter. Screenshots at 1366 and 390 px
// go to KINERJA_SCREENSHOT_DIR (default /tmp/kinerja-year-judgement).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { finalisedQuarters } from "@kinerja/api/testing/period-year";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const SHOTS = process.env.KINERJA_SCREENSHOT_DIR ?? "/tmp/kinerja-year-judgement";
const REGION = "binjai";
const YEAR = 2026;
const REASON = "Memimpin perbaikan layanan sepanjang tahun";

describe.skipIf(inject("chromiumMissing") !== null)("an assessor sets a year's predikat within the region's bounds", () => {
  let server: RunningServer;
  let browser: Browser;
  let dir: string;
  let annualId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kinerja-judgement-"));
    const file = join(dir, "kinerja.db");
    server = await startServer({ seedSize: 12, env: { DATABASE_URL: `file:${file}` } });
    const ids = await finalisedQuarters({ dialect: "sqlite", file }, REGION, YEAR, "judgement", { bounds: 1, annual: true, dialogues: true });
    annualId = ids.at(-1)!;
    browser = await launchBrowser();
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a predikat beyond the bounds and stores one within them", async () => {
    const { page, context } = await newPage(browser, server.url);
    const login = signInFor(server, "assessor", REGION);
    await signIn(page, login);

    // A direct report whose year the periods rated: the assessor's own result is not theirs to judge.
    const listed = await query(page, "result.list", { cycleId: annualId, limit: 50 });
    const report = listed.items.find((r) => r.nip !== login && r.predikat !== null);
    expect(report).toBeDefined();
    const before = await query(page, "result.get", { cycleId: annualId, employeeId: report!.employeeId });
    const judgement = before.judgement!;
    expect(judgement.judged).toBeNull();
    const beyond = judgement.choices.find((c) => c.distance === 2)!;
    const within = judgement.choices.find((c) => c.distance === 1)!;

    await page.goto(`/cycles/${annualId}/employees/${report!.employeeId}`);
    await page.getByRole("heading", { name: report!.nama }).waitFor();
    expect(await page.getByTestId("period-used").count()).toBe(4);
    const card = page.getByTestId("year-judgement");
    const computed = judgement.choices.find((c) => c.id === judgement.computed)!.label;
    expect(await card.innerText()).toContain(`Hasil periode memberi ${computed}. Aturan wilayah membolehkan penilai menetapkan predikat tahunan paling jauh 1 tingkat dari itu:`);
    expect(await card.getByTestId("judgement-allowed").locator(".mantine-Badge-root").allTextContents()).toEqual(
      judgement.choices.filter((c) => c.allowed).map((c) => c.label),
    );
    expect(await card.getByTestId("judgement-stored").count()).toBe(0);
    // The quarters' dialogues carried into the year, each with its quarter's mark.
    const evidence = page.getByTestId("dialogue-evidence");
    await evidence.getByText("Capaian triwulan IV").waitFor();
    expect(await evidence.getByTestId("period-mark").allTextContents()).toEqual(["Triwulan I 2026", "Triwulan II 2026", "Triwulan III 2026", "Triwulan IV 2026"]);

    const select = card.getByRole("combobox", { name: "Predikat tahunan" });
    await select.click();
    await page.getByRole("option", { name: `${beyond.label} (di luar batas)`, exact: true }).click();
    await card.getByText(`${beyond.label} berjarak 2 tingkat dari ${computed}; aturan wilayah membolehkan paling jauh 1 tingkat.`).waitFor();
    await card.getByLabel("Alasan penilai").fill(REASON);
    const save = card.getByRole("button", { name: "Tetapkan predikat tahunan" });
    expect(await save.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, "judgement-refused-1366.png"), fullPage: true });

    await select.click();
    await page.getByRole("option", { name: within.label, exact: true }).click();
    expect(await save.isDisabled()).toBe(false);
    await save.click();
    await card.getByTestId("judgement-stored").waitFor();
    expect(await card.getByTestId("judgement-stored").innerText()).toContain(`Ditetapkan ${within.label} oleh`);
    await page.getByTestId("explanation-predikat").getByText(within.label, { exact: true }).waitFor();

    // What the server stored: a new result version with the judged predikat, the periods' own kept.
    const after = await query(page, "result.get", { cycleId: annualId, employeeId: report!.employeeId });
    expect(after.predikat).toBe(within.id);
    expect(after.runVersion).toBe(before.runVersion + 1);
    expect(after.judgement?.judged).toMatchObject({ predikat: within.id, reason: REASON });
    expect(after.rollup?.computedPredikat).toBe(judgement.computed);
    await page.screenshot({ path: join(SHOTS, "judgement-stored-1366.png"), fullPage: true });

    await page.setViewportSize(PHONE);
    await card.waitFor();
    await page.screenshot({ path: join(SHOTS, "judgement-stored-390.png"), fullPage: true });
    const fit = await checkFit(page, "year-judgement");
    expect(fit.overflow).toBe(0);
    expect(fit.wide).toEqual([]);
    await context.close();
  });
});
