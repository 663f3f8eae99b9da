// Pariaman's evaluation forum, in Debian's Chromium against the real server: the forum is the direct
// superior with the peers. The admin runs the evaluation; the superior (the demo assessor) records a
// meeting of the unit's forum with a peer (the demo employee, one of their team) as a member. The peer
// finds "Forum evaluasi" in the menu, opens a colleague's case, types a view and picks a suggested
// predikat by its label, saves, then records a newer view; both are read back from the server, and the
// newer one is shown as the latest. The superior then reads the peer's view beside the case in the unit's
// forum panel and in the predikat adjustment they decide. Screenshots at 1366 and 390 px.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { settled } from "./screens";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const REGION = "pariaman";
const FIRST_VIEW = "Capaian kerja melampaui target triwulan; layak dipertimbangkan naik.";
const NEWER_VIEW = "Setelah membaca bukti dukung, cukup sesuai hasil aturan.";

describe.skipIf(inject("chromiumMissing") !== null)("a forum member records views; the superior decides with them", () => {
  let server: RunningServer;
  let browser: Browser;
  let cycleId: string;
  let superior: Page;
  let peerNip: string;
  let target: { id: string; nama: string };
  let unitName: string;
  let suggested: { id: string; label: string };

  beforeAll(async () => {
    server = await startServer({ seedSize: 60 });
    browser = await launchBrowser();
    const admin = (await newPage(browser, server.url)).page;
    await signIn(admin, signInFor(server, "admin", REGION));
    await openFirstCycle(admin);
    await runEvaluation(admin);
    cycleId = /\/cycles\/([^/]+)/.exec(admin.url())![1]!;
    await admin.context().close();

    // The superior records the meeting of the peer's unit with the peer sitting in it.
    superior = (await newPage(browser, server.url)).page;
    await signIn(superior, signInFor(server, "assessor", REGION));
    peerNip = signInFor(server, "employee", REGION);
    const team = (await query(superior, "employee.list", { limit: 200 })).items;
    const peer = team.find((e) => e.nip === peerNip)!;
    const colleague = team.find((e) => e.unitId === peer.unitId && e.nip !== peerNip);
    if (!colleague) throw new Error(`the demo team of ${REGION} has nobody beside ${peerNip} in their unit`);
    target = { id: colleague.id, nama: colleague.nama };
    const [session] = (await mutate(superior, "forum.record", { cycleId, unitId: peer.unitId, heldOn: "2026-01-12", memberNips: [peerNip], notes: "Rapat forum evaluasi unit" })).slice(-1);
    expect(session!.members.map((m) => m.nip)).toEqual([peerNip]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens the forum page by the menu (behind the menu button on a phone) and the target's case. */
  async function openCase(page: Page): Promise<void> {
    const burger = page.getByRole("button", { name: "Menu" });
    if (await burger.isVisible()) await burger.click();
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Forum evaluasi" }).click();
    await page.getByRole("heading", { name: "Forum evaluasi", level: 2 }).waitFor();
    await settled(page);
    await page.getByTestId("forum-member-session").getByRole("button", { name: new RegExp(target.nama) }).click();
  }

  it("lets the peer find the session by the menu, record a view with a suggested predikat, then a newer one", async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, peerNip);
    const [listed] = await query(page, "forum.memberSessions", {});
    unitName = listed!.unit.name;
    // A predikat other than the case's current one, chosen by its label.
    const current = listed!.cases.find((c) => c.employeeId === target.id)!.predikatLabel;
    suggested = listed!.predikat.find((p) => p.label !== current)!;

    await openCase(page);
    const item = page.getByTestId("forum-case").filter({ hasText: target.nama });
    const view = item.getByRole("textbox", { name: "Pandangan Anda" });
    await view.click();
    await page.keyboard.type(FIRST_VIEW);
    await item.getByRole("combobox", { name: "Usulan predikat (opsional)" }).click();
    await page.getByRole("option", { name: suggested.label, exact: true }).click();
    await expect.poll(() => item.getByRole("combobox", { name: "Usulan predikat (opsional)" }).inputValue()).toBe(suggested.label);
    // The predikat are offered and shown by their labels, never by their ids.
    if (suggested.id !== suggested.label) expect(await item.textContent()).not.toContain(suggested.id);
    await item.getByRole("button", { name: "Simpan pandangan" }).click();
    await page.getByText(`Pandangan atas ${target.nama} tersimpan.`).waitFor();

    const stored = (await query(page, "forum.memberSessions", {}))[0]!.cases.find((c) => c.employeeId === target.id)!;
    expect(stored.views.map((v) => [v.view, v.suggestedPredikat, v.suggestedLabel])).toEqual([[FIRST_VIEW, suggested.id, suggested.label]]);
    const record = await query(page, "forum.session", { sessionId: listed!.id });
    expect(record.views.map((v) => [v.employeeId, v.memberNip, v.view, v.suggestedPredikat])).toEqual([[target.id, peerNip, FIRST_VIEW, suggested.id]]);

    // A newer view, typed with the keyboard and sent with Enter on the button, stands above the first.
    await expect.poll(() => view.inputValue()).toBe("");
    await view.click();
    await page.keyboard.type(NEWER_VIEW);
    await item.getByRole("button", { name: "Simpan pandangan" }).focus();
    await page.keyboard.press("Enter");
    await item.getByTestId("own-views").getByRole("article").nth(1).waitFor();
    const cards = item.getByTestId("own-views").getByRole("article");
    await expect.poll(() => cards.first().textContent()).toContain(NEWER_VIEW);
    expect(await cards.first().textContent()).toContain("Terbaru");
    expect(await cards.nth(1).textContent()).toContain(FIRST_VIEW);
    expect(await cards.nth(1).textContent()).toContain(`Usulan predikat: ${suggested.label}`);
    const again = (await query(page, "forum.memberSessions", {}))[0]!.cases.find((c) => c.employeeId === target.id)!;
    expect(again.views.map((v) => v.view)).toEqual([NEWER_VIEW, FIRST_VIEW]);

    const fit = await checkFit(page, "forum-member");
    expect(fit.overflow).toBe(0);
    // Critical and serious accessibility problems of the page, outside the header every screen shares.
    const violations = [];
    for (const violation of await seriousViolations(page)) {
      const selectors = violation.nodes.map((node) => node.slice(0, node.indexOf(": ")));
      const inHeader = await page.evaluate((list) => list.map((selector) => Boolean(document.querySelector(selector)?.closest("header"))), selectors);
      const nodes = violation.nodes.filter((_, i) => !inHeader[i]);
      if (nodes.length > 0) violations.push({ ...violation, nodes });
    }
    expect(violations, describeViolations("forum-member", violations)).toEqual([]);
    await context.close();
  }, 120_000);

  it("fits the forum page on a phone, reached by the menu", async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    await signIn(page, peerNip);
    await openCase(page);
    await page.getByTestId("forum-case").filter({ hasText: target.nama }).getByTestId("own-views").waitFor();
    // The case opens with a short animation; the screenshot waits for it to end.
    await page.waitForTimeout(500);
    const fit = await checkFit(page, "forum-member");
    expect(fit.wide).toEqual([]);
    expect(fit.narrow).toEqual([]);
    expect(fit.overflow).toBe(0);
    await context.close();
  }, 60_000);

  it("shows the superior the peer's view beside the case, in the unit's forum and where they decide", async () => {
    await superior.goto(`/cycles/${cycleId}`);
    // The superior sits in no session, so the member's page is not in their menu.
    await superior.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Hasil tim" }).waitFor();
    expect(await superior.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Forum evaluasi" }).count()).toBe(0);
    await superior.getByRole("tab", { name: "Kalibrasi" }).click();
    await superior.getByTestId("calibration-table").getByRole("button", { name: unitName, exact: true }).click();
    const row = superior.getByTestId("forum-case-views").getByRole("region", { name: target.nama });
    await row.waitFor();
    const views = row.getByTestId("member-view");
    await expect.poll(() => views.count()).toBe(1);
    const text = (await views.first().textContent()) ?? "";
    const peerName = (await query(superior, "employee.list", { search: peerNip })).items[0]!.nama;
    // The member's latest view stands for them; the earlier one stays stored, as the member reads it.
    expect(text).toContain(peerName);
    expect(text).toContain(NEWER_VIEW);
    expect(text).toContain("rapat 2026-01-12");
    expect(text).toContain("Tanpa usulan predikat");
    const fit = await checkFit(superior, "forum-superior");
    expect(fit.overflow).toBe(0);

    // Where the superior decides the predikat, the views stand in the dialog.
    await row.getByRole("link", { name: target.nama }).click();
    await superior.getByRole("button", { name: "Sesuaikan predikat (forum)" }).click();
    const dialog = superior.getByRole("dialog");
    await dialog.getByTestId("adjust-member-views").getByText(NEWER_VIEW).waitFor();
    expect(await dialog.getByTestId("adjust-member-views").textContent()).toContain(peerName);
    await superior.keyboard.press("Escape");

    const { context, page } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "assessor", REGION));
    await page.goto(`/cycles/${cycleId}`);
    await page.getByRole("tab", { name: "Kalibrasi" }).click();
    await page.getByTestId("calibration-table").getByRole("button", { name: unitName, exact: true }).click();
    const phoneRow = page.getByTestId("forum-case-views").getByRole("region", { name: target.nama });
    await phoneRow.waitFor();
    const phoneFit = await checkFit(page, "forum-superior");
    expect(phoneFit.wide).toEqual([]);
    expect(phoneFit.overflow).toBe(0);
    await context.close();
  }, 120_000);
});
