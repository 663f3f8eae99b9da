// Results to SIASN in Chromium with real clicks, against a SIASN web service started on loopback. Samarinda's
// BKD admin runs the evaluation of the region's cycle and finalises it in the portal, points the SIASN card at
// the loopback service with its two tokens, enables "Kirim hasil ke SIASN", picks the cycle, downloads the
// JSON and CSV (read back: one body per employee, the same values), sends, and reads back what SIASN received
// and the rows stored per employee: one NIP SIASN does not know is refused with SIASN's message; once SIASN
// knows it, "Kirim ulang yang belum diterima" sends that one alone and the earlier refusal stays. Binjai
// (one 1–5 score, no ratings in its rules) gets each body marked not sendable, with the reason. Both at 1366
// and 390 px.
import { startSiasn, type SiasnPnsRow, type TestSiasn } from "@kinerja/api/testing/siasn-server";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { readCsv } from "./downloads";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE, SCREENSHOT_DIR } from "./viewport";

const APIM = "apim-e2e-kinerja";
const SSO = "sso-e2e-kinerja";

type Body = { nip: string; nama: string; problem: string | null; path: string; payload: Record<string, unknown> };

async function allNips(page: Page, regionId: string): Promise<Array<{ nip: string; nama: string }>> {
  const all: Array<{ nip: string; nama: string }> = [];
  let cursor: string | undefined;
  do {
    const batch = await query(page, "employee.list", { regionId, limit: 500, ...(cursor ? { cursor } : {}) });
    all.push(...batch.items.map((e) => ({ nip: e.nip, nama: e.nama })));
    cursor = batch.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

/** Runs the region's cycle in the portal and finalises it through the dialog; the cycle's id. */
async function evaluateAndFinalise(page: Page, regionId: string): Promise<string> {
  await openFirstCycle(page);
  await runEvaluation(page);
  await page.getByRole("button", { name: "Finalkan siklus" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
  await expect.poll(async () => (await query(page, "cycle.list", { regionId })).find((c) => c.status === "finalised")?.id ?? null, { timeout: 30_000 }).not.toBeNull();
  return (await query(page, "cycle.list", { regionId })).find((c) => c.status === "finalised")!.id;
}

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return readFileSync(await file.path());
}

describe.skipIf(inject("chromiumMissing") !== null)("connectors: results to SIASN", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let siasn: TestSiasn;
  let cycleId: string;
  let bodies: Body[];
  let unknown: SiasnPnsRow;

  const card = () => page.getByTestId("connector-siasn-kinerja");

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "samarinda"));
    const people = await allNips(page, "samarinda");
    const rows: SiasnPnsRow[] = people.map((e) => ({ nipBaru: e.nip, nama: e.nama, jabatanNama: "-", golRuangAkhir: "", unorId: "-", unorNama: "-", atasanNipBaru: null }));
    siasn = await startSiasn({ apimToken: APIM, ssoToken: SSO, employees: rows });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await siasn?.close();
  });

  it("finalises the cycle in the portal, then downloads the bodies as JSON and CSV and reads them back", async () => {
    cycleId = await evaluateAndFinalise(page, "samarinda");
    await page.goto("/integrations");
    const source = page.getByTestId("connector-siasn");
    await source.getByLabel("Alamat layanan SIASN").fill(siasn.url);
    await source.getByRole("button", { name: "Simpan alamat" }).click();
    await source.getByLabel("apim_token (belum diisi)").fill(APIM);
    await source.getByLabel("sso_token (belum diisi)").fill(SSO);
    await source.getByRole("button", { name: "Simpan rahasia" }).click();
    await source.getByLabel("sso_token (sudah diisi)").waitFor();

    await card().getByText("Aktifkan konektor ini dulu untuk mengunduh atau mengirim.").waitFor();
    await card().getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await card().getByText("Aktifkan konektor ini dulu untuk mengunduh atau mengirim.").waitFor({ state: "detached" });
    const cycles = await query(page, "cycle.list", { regionId: "samarinda" });
    const cycle = cycles.find((c) => c.id === cycleId)!;
    await card().getByRole("combobox", { name: "Siklus yang sudah final" }).click();
    await page.getByRole("option", { name: `${cycle.name} (${cycle.periodLabel})` }).click();
    expect(await card().getByRole("combobox", { name: "Siklus yang sudah final" }).inputValue()).toBe(`${cycle.name} (${cycle.periodLabel})`);

    bodies = JSON.parse((await download(page, "siasn-kinerja-download-json")).toString("utf8")) as Body[];
    await expect.poll(() => card().getByTestId("siasn-kinerja-ready").textContent()).toBe(`${bodies.filter((b) => b.problem === null).length} dari ${bodies.length} pegawai dapat dikirim.`);
    const results = await query(page, "result.list", { regionId: "samarinda", cycleId, limit: 500 });
    expect(bodies.map((b) => b.nip).sort()).toEqual(results.items.map((r) => r.nip).sort());
    const sendable = bodies.filter((b) => b.problem === null);
    expect(sendable.length).toBeGreaterThan(3);
    // One employee with a sendable body whom SIASN does not list (yet): refused with SIASN's message.
    const at = siasn.employees.findIndex((e) => e.nipBaru === sendable[0]!.nip);
    unknown = siasn.employees.splice(at, 1)[0]!;
    for (const b of sendable) {
      expect(b.path).toBe("/kinerjaperiodik/save");
      expect(b.payload).toMatchObject({ pnsDinilaiId: b.nip, statusPenilai: "ASN" });
      expect([1, 2, 3]).toContain(b.payload.hasilKinerjaNilai);
      expect([1, 2, 3]).toContain(b.payload.perilakuKerjaNilai);
      expect([1, 2, 3, 4, 5]).toContain(b.payload.kuadranKinerjaNilai);
    }
    const [header, ...rows] = readCsv((await download(page, "siasn-kinerja-download-csv")).toString("utf8"));
    expect(rows.length).toBe(bodies.length);
    for (const b of bodies) {
      const row = rows.find((r) => r[0] === b.nip)!;
      expect(row[header!.indexOf("kuadranKinerjaNilai")]).toBe(String(b.payload.kuadranKinerjaNilai ?? ""));
      expect(row[header!.indexOf("hasilKinerjaNilai")]).toBe(String(b.payload.hasilKinerjaNilai ?? ""));
    }
  }, 240_000);

  it("sends to SIASN; what SIASN received and the rows stored per employee are read back; a refusal is shown", async () => {
    expect(await query(page, "connector.runs", { regionId: "samarinda", name: "siasn-kinerja", limit: 5 })).toEqual([expect.objectContaining({ format: "csv" }), expect.objectContaining({ format: "json" })]);
    await card().getByTestId("siasn-kinerja-send").click();
    await card().getByTestId("siasn-kinerja-report").waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await query(page, "connector.runs", { regionId: "samarinda", name: "siasn-kinerja", limit: 1 }))[0]?.status, { timeout: 60_000 }).toBe("succeeded");
    const sendable = bodies.filter((b) => b.problem === null);
    const stored = await query(page, "connector.siasnSubmissions", { regionId: "samarinda", cycleId });
    expect(stored.employees.length).toBe(bodies.length);
    // Every body SIASN accepted is the one downloaded, and the one kept with SIASN's id.
    expect(siasn.received.map((r) => r.body.pnsDinilaiId).sort()).toEqual(sendable.map((b) => b.nip).filter((n) => n !== unknown.nipBaru).sort());
    for (const got of siasn.received) {
      const kept = stored.employees.find((e) => e.nip === got.body.pnsDinilaiId)!;
      expect(kept).toMatchObject({ status: "accepted", httpStatus: 200, remoteId: got.id, payload: got.body });
      expect(got.body).toEqual(bodies.find((b) => b.nip === kept.nip)!.payload);
    }
    const refused = stored.employees.find((e) => e.nip === unknown.nipBaru)!;
    expect(refused).toMatchObject({ status: "refused", httpStatus: 400, message: `PNS dengan NIP ${unknown.nipBaru} tidak ditemukan` });
    const row = card().locator(`tr[data-nip="${unknown.nipBaru}"]`);
    await expect.poll(() => row.getAttribute("data-status")).toBe("refused");
    expect(await row.innerText()).toContain(`PNS dengan NIP ${unknown.nipBaru} tidak ditemukan`);
    await expect.poll(() => card().getByTestId("siasn-kinerja-counts").textContent()).toContain(`Diterima: ${siasn.received.length}`);
    await card().screenshot({ path: join(SCREENSHOT_DIR, "siasn-kinerja-card-1366.png") });
    const violations = await seriousViolations(page, '[data-testid="connector-siasn-kinerja"]');
    expect(violations, describeViolations("Kirim hasil ke SIASN", violations)).toEqual([]);
    expect((await checkFit(page, "integrations-siasn-kinerja")).overflow).toBe(0);
  }, 120_000);

  it("re-sends only the ones not accepted; the earlier refusal stays beside the new answer", async () => {
    siasn.employees.push(unknown);
    const before = siasn.received.length;
    const previous = (await query(page, "connector.runs", { regionId: "samarinda", name: "siasn-kinerja", limit: 1 }))[0]!.jobId;
    const resend = card().getByRole("button", { name: /^Kirim ulang yang belum diterima/ });
    await resend.click();
    await expect
      .poll(async () => {
        const [run] = await query(page, "connector.runs", { regionId: "samarinda", name: "siasn-kinerja", limit: 1 });
        return run && run.jobId !== previous ? run.status : null;
      }, { timeout: 60_000 })
      .toBe("succeeded");
    const stored = await query(page, "connector.siasnSubmissions", { regionId: "samarinda", cycleId });
    const sentAgain = siasn.received.slice(before).map((r) => r.body.pnsDinilaiId);
    const invalid = stored.employees.filter((e) => e.status === "invalid").map((e) => e.nip);
    expect(sentAgain).toEqual([unknown.nipBaru]);
    const employee = stored.employees.find((e) => e.nip === unknown.nipBaru)!;
    expect(employee.attempts.map((a) => a.status)).toEqual(["refused", "accepted"]);
    await expect.poll(() => card().locator(`tr[data-nip="${unknown.nipBaru}"]`).getAttribute("data-status")).toBe("accepted");
    await card().screenshot({ path: join(SCREENSHOT_DIR, "siasn-kinerja-card-resent-1366.png") });
    // Nobody accepted before was posted again.
    expect(sentAgain.every((n) => !siasn.received.slice(0, before).some((r) => r.body.pnsDinilaiId === n))).toBe(true);
    expect(stored.employees.filter((e) => e.status !== "accepted").map((e) => e.nip).sort()).toEqual(invalid.sort());
  }, 120_000);

  it("fits a phone at 390 px", async () => {
    const phone = await newPage(browser, server.url, PHONE);
    await signIn(phone.page, signInFor(server, "admin", "samarinda"));
    await phone.page.goto("/integrations");
    const phoneCard = phone.page.getByTestId("connector-siasn-kinerja");
    await phoneCard.getByTestId("siasn-kinerja-report").waitFor();
    await phoneCard.scrollIntoViewIfNeeded();
    await phoneCard.screenshot({ path: join(SCREENSHOT_DIR, "siasn-kinerja-card-390.png") });
    expect((await checkFit(phone.page, "integrations-siasn-kinerja")).overflow).toBe(0);
    await phone.context.close();
  }, 120_000);

  it("marks a region's bodies not sendable when its rules decide no ratings (Binjai), saying why, at 1366 and 390 px", async () => {
    for (const viewport of [{ width: 1366, height: 900 }, PHONE]) {
      const other = await newPage(browser, server.url, viewport);
      await signIn(other.page, signInFor(server, "admin", "binjai"));
      if (viewport.width === 1366) await evaluateAndFinalise(other.page, "binjai");
      await other.page.goto("/integrations");
      const binjai = other.page.getByTestId("connector-siasn-kinerja");
      if (viewport.width === 1366) await binjai.getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
      await binjai.getByTestId("siasn-kinerja-download-csv").waitFor();
      await expect.poll(() => binjai.getByTestId("siasn-kinerja-download-csv").getAttribute("href")).not.toBeNull();
      const [header, ...rows] = readCsv((await download(other.page, "siasn-kinerja-download-csv")).toString("utf8"));
      expect(rows.length).toBeGreaterThan(0);
      const problem = header!.indexOf("Masalah");
      for (const r of rows) {
        expect(r[problem]).toMatch(/hasilKinerjaNilai: aturan penilaian tidak menghasilkan "rating\.hasil_kerja"/);
        expect(r[3]).not.toBe("");
        expect(r[header!.indexOf("kuadranKinerjaNilai")]).toMatch(/^[1-5]$/);
      }
      // The card says so before anything is sent, and offers nothing to send.
      await expect.poll(() => binjai.getByTestId("siasn-kinerja-ready").textContent()).toContain(`0 dari ${rows.length} pegawai dapat dikirim.`);
      expect(await binjai.getByTestId("siasn-kinerja-problem").first().textContent()).toMatch(new RegExp(`aturan penilaian tidak menghasilkan "rating\\.hasil_kerja".*\\(${rows.length}\\)$`));
      expect(await binjai.getByTestId("siasn-kinerja-send").isDisabled()).toBe(true);
      await binjai.screenshot({ path: join(SCREENSHOT_DIR, `siasn-kinerja-binjai-${viewport.width}.png`) });
      expect((await checkFit(other.page, "integrations-siasn-kinerja-binjai")).overflow).toBe(0);
      await other.context.close();
    }
  }, 240_000);
});
