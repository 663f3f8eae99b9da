// Results to SIASN in Chromium with real clicks, against a SIASN web service started on loopback. Samarinda's
// BKD admin runs the evaluation of the region's cycle and finalises it in the portal, points the SIASN card at
// the loopback service with its two tokens, enables "Kirim hasil ke SIASN", picks the cycle, downloads the
// JSON and CSV (read back: one body per employee, the same values), sends, and reads back what SIASN received
// and the rows stored per employee: one NIP SIASN does not know is refused with SIASN's message; once SIASN
// knows it, "Kirim ulang yang belum diterima" sends that one alone and the earlier refusal stays. The admins of
// Binjai, Pariaman and Medan Amplas (one score and a predikat, with ratings their rule files decide from the
// axis scores) each send every result; SIASN's bodies are checked against the stored scores. Binjai's mapping,
// edited in the portal to name a rating its rules do not decide, marks every body not sendable at once, and
// neither send is offered. Both at 1366 and 390 px.
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

  /** On the integrations page, the region's SIASN connector given the loopback address and its two tokens, as an admin types them. */
  async function connectSiasn(on: Page): Promise<void> {
    await on.goto("/integrations");
    const source = on.getByTestId("connector-siasn");
    await source.getByLabel("Alamat layanan SIASN").fill(siasn.url);
    await source.getByRole("button", { name: "Simpan alamat" }).click();
    await source.getByLabel("apim_token (belum diisi)").fill(APIM);
    await source.getByLabel("sso_token (belum diisi)").fill(SSO);
    await source.getByRole("button", { name: "Simpan rahasia" }).click();
    await source.getByLabel("sso_token (sudah diisi)").waitFor();
  }

  it("finalises the cycle in the portal, then downloads the bodies as JSON and CSV and reads them back", async () => {
    cycleId = await evaluateAndFinalise(page, "samarinda");
    await connectSiasn(page);

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
    // SIASN holds its first answer for a while, so the card is read and checked while the send is running.
    siasn.fail("/kinerjaperiodik/save", { delayMs: 4_000 });
    await card().getByTestId("siasn-kinerja-send").click();
    const progress = card().getByRole("progressbar", { name: "Kemajuan pengiriman hasil ke SIASN" });
    await progress.waitFor({ timeout: 30_000 });
    const whileRunning = await seriousViolations(page, '[data-testid="connector-siasn-kinerja"]');
    expect(whileRunning, describeViolations("Kirim hasil ke SIASN, sedang berjalan", whileRunning)).toEqual([]);
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
    await progress.waitFor({ state: "detached", timeout: 30_000 });
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

  // Each region's ratings come from its rule file's tables over its axis scores, on the floors of its own
  // Sangat Baik and Baik bands; the kuadran stays the region's predikat.
  const FLOORS: Record<string, { diAtas: number; sesuai: number }> = { binjai: { diAtas: 91, sesuai: 76 }, pariaman: { diAtas: 90, sesuai: 80 }, amplas: { diAtas: 90, sesuai: 75 } };
  const KUADRAN: Record<string, number> = { sangat_baik: 1, baik: 2, butuh_perbaikan: 3, kurang: 4, sangat_kurang: 5 };

  it.each(["binjai", "pariaman", "amplas"])("%s's admin sends every result with clicks; SIASN receives the ratings of the stored axis scores", async (regionId) => {
    const other = await newPage(browser, server.url);
    const p = other.page;
    await signIn(p, signInFor(server, "admin", regionId));
    siasn.employees.push(...(await allNips(p, regionId)).map((e) => ({ nipBaru: e.nip, nama: e.nama, jabatanNama: "-", golRuangAkhir: "", unorId: "-", unorNama: "-", atasanNipBaru: null })));
    const regionCycleId = await evaluateAndFinalise(p, regionId);
    await connectSiasn(p);
    const sink = p.getByTestId("connector-siasn-kinerja");
    await sink.getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await sink.getByText("Aktifkan konektor ini dulu untuk mengunduh atau mengirim.").waitFor({ state: "detached" });
    const results = (await query(p, "result.list", { regionId, cycleId: regionCycleId, limit: 500 })).items;
    expect(results.length).toBeGreaterThan(3);
    await expect.poll(() => sink.getByTestId("siasn-kinerja-ready").textContent()).toBe(`${results.length} dari ${results.length} pegawai dapat dikirim.`);

    const before = siasn.received.length;
    await sink.getByTestId("siasn-kinerja-send").click();
    await expect.poll(async () => (await query(p, "connector.runs", { regionId, name: "siasn-kinerja", limit: 1 }))[0]?.status, { timeout: 60_000 }).toBe("succeeded");
    const received = siasn.received.slice(before);
    expect(received.map((r) => r.body.pnsDinilaiId).sort()).toEqual(results.map((r) => r.nip).sort());
    const { diAtas, sesuai } = FLOORS[regionId]!;
    const reference = (score: number | undefined) => (score === undefined ? null : score >= diAtas ? 3 : score >= sesuai ? 2 : 1);
    const stored = await query(p, "connector.siasnSubmissions", { regionId, cycleId: regionCycleId });
    for (const got of received) {
      const result = results.find((r) => r.nip === got.body.pnsDinilaiId)!;
      const { scores } = await query(p, "result.get", { regionId, cycleId: regionCycleId, employeeId: result.employeeId });
      expect(got.body).toMatchObject({
        hasilKinerjaNilai: reference(scores["score.hasil_kerja"]),
        perilakuKerjaNilai: reference(scores["score.perilaku"]),
        kuadranKinerjaNilai: KUADRAN[result.predikat!],
      });
      expect(stored.employees.find((e) => e.nip === result.nip)).toMatchObject({ status: "accepted", httpStatus: 200, remoteId: got.id, payload: got.body });
    }
    await expect.poll(() => sink.getByTestId("siasn-kinerja-counts").textContent()).toContain(`Diterima: ${results.length}`);
    expect(await sink.locator('tr[data-status="accepted"]').count()).toBe(results.length);
    // Everything was accepted: nothing is offered to send again but all of it, once the card has read that the
    // run ended (the answers and the run's status are two reads, which may land a moment apart).
    await expect.poll(() => sink.getByTestId("siasn-kinerja-send-all").isEnabled()).toBe(true);
    expect(await sink.getByTestId("siasn-kinerja-send").isDisabled()).toBe(true);
    await sink.screenshot({ path: join(SCREENSHOT_DIR, `siasn-kinerja-${regionId}-1366.png`) });
    expect((await checkFit(p, `integrations-siasn-kinerja-${regionId}`)).overflow).toBe(0);
    await other.context.close();
  }, 240_000);

  it("shows Binjai's bodies not sendable once its mapping, edited in the portal, names a rating its rules do not decide, and offers no send; at 1366 and 390 px", async () => {
    for (const viewport of [{ width: 1366, height: 900 }, PHONE]) {
      const other = await newPage(browser, server.url, viewport);
      const p = other.page;
      await signIn(p, signInFor(server, "admin", "binjai"));
      await p.goto("/integrations");
      const sink = p.getByTestId("connector-siasn-kinerja");
      const total = (await query(p, "connector.siasnSubmissions", { regionId: "binjai", cycleId: (await query(p, "cycle.list", { regionId: "binjai" })).find((c) => c.status === "finalised")!.id })).ready!.total;
      await expect.poll(() => sink.getByTestId("siasn-kinerja-ready").textContent()).toBe(`${total} dari ${total} pegawai dapat dikirim.`);
      const editor = sink.getByTestId("mapping-siasn-kinerja");
      const mapping = JSON.parse(await editor.inputValue()) as { ratings: Record<string, string> };
      await editor.fill(JSON.stringify({ ...mapping, ratings: { ...mapping.ratings, hasilKerja: "rating.kinerja" } }, null, 2));
      await sink.getByRole("button", { name: "Simpan pemetaan" }).click();
      const storedMapping = async () => (await query(p, "connector.list", { regionId: "binjai" })).find((c) => c.name === "siasn-kinerja")!;
      await expect.poll(async () => ((await storedMapping()).mapping as { ratings: Record<string, string> }).ratings.hasilKerja).toBe("rating.kinerja");
      // The card's readiness follows the saved mapping without reloading the page.
      await expect.poll(() => sink.getByTestId("siasn-kinerja-ready").textContent(), { timeout: 5_000 }).toContain(`0 dari ${total} pegawai dapat dikirim.`);
      expect(await sink.getByTestId("siasn-kinerja-problem").first().textContent()).toBe(`hasilKinerjaNilai: aturan penilaian tidak menghasilkan "rating.kinerja" (${total})`);
      // Nothing can be sent, so neither send is offered.
      expect(await sink.getByTestId("siasn-kinerja-send").isDisabled()).toBe(true);
      expect(await sink.getByTestId("siasn-kinerja-send-all").isDisabled()).toBe(true);
      await sink.screenshot({ path: join(SCREENSHOT_DIR, `siasn-kinerja-binjai-not-sendable-${viewport.width}.png`) });
      expect((await checkFit(p, "integrations-siasn-kinerja-binjai-not-sendable")).overflow).toBe(0);
      // Back to the default mapping: every body can be sent again.
      await sink.getByRole("button", { name: "Kembali ke bawaan" }).click();
      await expect.poll(async () => (await storedMapping()).mappingIsDefault).toBe(true);
      await expect.poll(() => sink.getByTestId("siasn-kinerja-ready").textContent(), { timeout: 5_000 }).toBe(`${total} dari ${total} pegawai dapat dikirim.`);
      expect(await sink.getByTestId("siasn-kinerja-send-all").isEnabled()).toBe(true);
      await other.context.close();
    }
  }, 240_000);
});
