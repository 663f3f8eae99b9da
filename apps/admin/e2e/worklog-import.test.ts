// The work-log import on the Integrasi screen with real clicks: a Binjai employee's SKP is approved by their
// assessor; the admin enables the work-log connector, downloads the template (its headers read from the
// file), uploads a recap with bad rows (refused, each row named, nothing stored), then a good one, whose
// entries are read back through the API; the assessor confirms one of them on their team's screen, and the
// confirmation is read back. The screen is photographed at 1366 and 390 px and fits a phone.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, openCycleId, query } from "./api";
import { launchBrowser } from "./browser";
import { readXlsx } from "./downloads";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE, SCREENSHOT_DIR } from "./viewport";

const HEAD = ["NIP", "Tanggal", "Indikator Kinerja Individu", "Uraian Kegiatan", "Jumlah", "Satuan"];
const IKI = "Jumlah usulan kenaikan pangkat yang diverifikasi";
const recap = (rows: string[][]) => ({ name: "rekap-maret.csv", mimeType: "text/csv", buffer: Buffer.from([HEAD, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n"), "utf8") });

describe.skipIf(inject("chromiumMissing") !== null)("work logs in bulk: a recap imported on the Integrasi screen", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let employeeNip: string;
  let employeeId: string;
  let colleagueNip: string;
  let cycleId: string;

  const card = () => page.getByTestId("connector-worklogs");
  const upload = async (file: ReturnType<typeof recap>) => {
    await card().getByLabel("Periode").fill("2025-03");
    await card().locator('input[type="file"]').setInputFiles(file);
    await card().getByRole("button", { name: "Jalankan impor" }).click();
  };
  const entries = async () => (await query(page, "workEntry.list", { regionId: "binjai", cycleId, employeeId, limit: 50 })).items;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    employeeNip = signInFor(server, "employee", "binjai");
    const employee = (await newPage(browser, server.url)).page;
    await signIn(employee, employeeNip);
    cycleId = await openCycleId(employee);
    const plan = await mutate(employee, "plan.create", { cycleId });
    await mutate(employee, "plan.save", { id: plan.id, rhk: [{ kind: "utama", text: "Layanan kenaikan pangkat tepat waktu", indicators: [{ text: IKI, target: 40, satuan: "usulan" }] }] });
    await mutate(employee, "plan.submit", { id: plan.id });
    await employee.context().close();
    const assessor = (await newPage(browser, server.url)).page;
    await signIn(assessor, signInFor(server, "assessor", "binjai"));
    await mutate(assessor, "plan.approve", { id: plan.id });
    await assessor.context().close();

    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "binjai"));
    const people = (await query(page, "employee.list", { regionId: "binjai", limit: 100 })).items;
    employeeId = people.find((e) => e.nip === employeeNip)!.id;
    colleagueNip = people.find((e) => e.nip !== employeeNip)!.nip;
    await page.goto("/integrations");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("enables the connector and hands out the template in the mapping's columns", async () => {
    await card().getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await expect.poll(async () => (await query(page, "connector.list", { regionId: "binjai" })).find((c) => c.name === "worklogs")?.enabled).toBe(true);
    await card().getByText(/tidak bisa dijadwalkan/).waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), card().getByTestId("worklog-template-xlsx").click()]);
    const sheet = readXlsx(readFileSync(await file.path())).get("Rekap Kinerja")!;
    expect(sheet[0]).toEqual(HEAD);
  });

  it("refuses a recap with bad rows, naming each, and stores nothing", async () => {
    await upload(
      recap([
        [employeeNip, "03/03/2025", IKI, "Verifikasi usulan golongan III", "5", "usulan"],
        ["199912312020121999", "03/03/2025", IKI, "Pegawai tak dikenal", "1", "usulan"],
        [colleagueNip, "04/03/2025", IKI, "Tanpa SKP disetujui", "1", "usulan"],
        [employeeNip, "05/03/2025", "Jumlah rapat", "IKI lain", "1", "usulan"],
        [employeeNip, "32/03/2025", IKI, "Tanggal salah", "1", "usulan"],
        [employeeNip, "06/03/2025", IKI, "Jumlah salah", "lima", "usulan"],
      ]),
    );
    const report = card().getByTestId("run-report");
    await report.getByText("Berkas ditolak: 5 masalah").waitFor();
    const rows = await report.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^3\s+NIP\s+199912312020121999\s+NIP tidak dikenal/);
    expect(rows[1]).toMatch(new RegExp(`^4\\s+NIP\\s+${colleagueNip}\\s+.*belum punya SKP yang disetujui`));
    expect(rows[2]).toMatch(/^5\s+Indikator Kinerja Individu\s+Jumlah rapat\s+IKI tidak ada.*Jumlah usulan kenaikan pangkat/);
    expect(rows[3]).toMatch(/^6\s+Tanggal\s+32\/03\/2025\s+tanggal tidak terbaca/);
    expect(rows[4]).toMatch(/^7\s+Jumlah\s+lima\s+bukan angka/);
    expect(await entries()).toEqual([]);
    for (const [viewport, name] of [[undefined, "worklog-refused"], [PHONE, "worklog-refused"]] as const) {
      if (viewport) await page.setViewportSize(viewport);
      const fit = await checkFit(page, name);
      expect(fit.overflow).toBe(0);
      // The connector's card alone, to look at: the whole screen is long.
      await card().screenshot({ path: join(SCREENSHOT_DIR, `${name}-card-${viewport?.width ?? 1366}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("imports a good recap: the entries stored, awaiting the assessor", async () => {
    await card().locator('input[type="file"]').setInputFiles([]);
    await upload(
      recap([
        [employeeNip, "03/03/2025", IKI, "Verifikasi usulan golongan III", "5", "usulan"],
        [employeeNip, "04/03/2025", IKI, "Verifikasi usulan golongan IV", "2,5", "usulan"],
      ]),
    );
    await card().getByTestId("worklog-outcome").getByText("2 catatan kerja tersimpan untuk 1 pegawai").waitFor();
    const stored = await entries();
    expect(stored.map((e) => [e.workDate, e.description, e.quantity, e.status, e.ikiText]).sort()).toEqual([
      ["2025-03-03", "Verifikasi usulan golongan III", 5, "submitted", IKI],
      ["2025-03-04", "Verifikasi usulan golongan IV", 2.5, "submitted", IKI],
    ]);
    const [run] = await query(page, "connector.runs", { regionId: "binjai", name: "worklogs", limit: 1 });
    expect(run).toMatchObject({ status: "succeeded", rows: 2, written: 2, period: "2025-03", format: "csv" });
    for (const viewport of [undefined, PHONE]) {
      if (viewport) await page.setViewportSize(viewport);
      expect((await checkFit(page, "worklog-imported")).overflow).toBe(0);
      await card().screenshot({ path: join(SCREENSHOT_DIR, `worklog-imported-card-${viewport?.width ?? 1366}.png`) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it("lets the assessor confirm an imported entry on their team's screen", async () => {
    const { page: assessor, context } = await newPage(browser, server.url);
    await signIn(assessor, signInFor(server, "assessor", "binjai"));
    await assessor.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Rencana & catatan kerja tim" }).click();
    await assessor.getByRole("tab", { name: "Catatan kerja untuk dikonfirmasi" }).click();
    const row = assessor.getByTestId("entries-to-review").getByRole("row").filter({ hasText: "Verifikasi usulan golongan IV" });
    await row.getByRole("button", { name: "Konfirmasi" }).click();
    await expect.poll(async () => (await entries()).map((e) => [e.description, e.status]).sort()).toEqual([
      ["Verifikasi usulan golongan III", "submitted"],
      ["Verifikasi usulan golongan IV", "confirmed"],
    ]);
    await context.close();
  });
});
