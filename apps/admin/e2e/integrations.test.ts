// The BKD admin's Integrasi screen with real clicks: the attendance connector is enabled, the year's
// holidays typed in, a fingerprint machine's attlog for January 2025 uploaded (first with bad lines, refused
// line by line, then a good one), and the days absent without leave read back on screen and as stored; the
// cycle evaluated on them and the TPP payroll sheet downloaded and read cell by cell. The employee then
// reads their own January on their attendance page. Both screens fit a phone.
import { readFileSync } from "node:fs";
import { tppPercent } from "@kinerja/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { readXlsx } from "./downloads";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

/** Monday to Friday of January 2025 but New Year's Day and Isra Mikraj (27 January). */
const WORKING = Array.from({ length: 31 }, (_, i) => `2025-01-${String(i + 1).padStart(2, "0")}`).filter((d) => {
  const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && d !== "2025-01-01" && d !== "2025-01-27";
});
const ABSENT = ["2025-01-08", "2025-01-09", "2025-01-10"];
const punch = (userId: string, day: string, time: string, inOut = 0) => `${userId}\t${day} ${time}\t1\t${inOut}\t0\t0`;
const attlog = (lines: string[]) => ({ name: "attlog.dat", mimeType: "text/plain", buffer: Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8") });

describe.skipIf(inject("chromiumMissing") !== null)("connectors: attendance in, TPP payroll out", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let employeeNip: string;
  let employeeId: string;
  let colleagueNip: string;

  const card = (name: string) => page.getByTestId(`connector-${name}`);
  const upload = async (file: ReturnType<typeof attlog>) => {
    await card("attendance").getByLabel("Periode").fill("2025-01");
    await card("attendance").locator('input[type="file"]').setInputFiles(file);
    await card("attendance").getByRole("button", { name: "Jalankan impor" }).click();
  };

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    ({ page } = await newPage(browser, server.url));
    await signIn(page, signInFor(server, "admin", "pariaman"));
    employeeNip = signInFor(server, "employee", "pariaman");
    const employees = (await query(page, "employee.list", { regionId: "pariaman", limit: 100 })).items;
    employeeId = employees.find((e) => e.nip === employeeNip)!.id;
    colleagueNip = employees.find((e) => e.nip !== employeeNip)!.nip;
    await page.goto("/integrations");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("enables the attendance connector and stores the year's holidays", async () => {
    await card("attendance").getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    await expect.poll(async () => (await query(page, "connector.list", { regionId: "pariaman" })).find((c) => c.name === "attendance")?.enabled).toBe(true);
    await card("attendance").getByLabel("Tahun").fill("2025");
    await card("attendance").getByLabel("Hari libur").fill("2025-01-01 Tahun Baru Masehi\n2025-01-27 Isra Mikraj");
    await card("attendance").getByRole("button", { name: "Simpan hari libur" }).click();
    await expect.poll(async () => (await query(page, "connector.holidays", { regionId: "pariaman", year: 2025 })).map((h) => h.day)).toEqual(["2025-01-01", "2025-01-27"]);
  });

  it("refuses an attlog with bad lines, naming each line, and stores nothing", async () => {
    await upload(attlog([punch(employeeNip, "2025-01-02", "07:30:00"), `${employeeNip}\t02/01/2025 07:30`, punch("12345", "2025-01-02", "07:31:00")]));
    const report = card("attendance").getByTestId("run-report");
    await report.getByText("Berkas ditolak: 2 masalah").waitFor();
    const rows = await report.locator("tbody tr").allInnerTexts();
    expect(rows[0]).toMatch(/^2\s+kolom 2 \(waktu\)\s+02\/01\/2025 07:30\s+waktu absen tidak terbaca\s+YYYY-MM-DD HH:MM:SS/);
    expect(rows[1]).toMatch(/^3\s+ID pengguna\s+12345\s+tidak cocok/);
    expect((await query(page, "connector.attendance", { regionId: "pariaman", employeeId, period: "2025-01" })).days).toEqual([]);
    expect((await checkFit(page, "integrations-refused")).overflow).toBe(0);
  });

  it("imports a good attlog: the days absent without leave shown and stored", async () => {
    const lines: string[] = [];
    for (const day of WORKING) {
      if (!ABSENT.includes(day)) lines.push(punch(employeeNip, day, "07:28:03"), punch(employeeNip, day, "16:01:00", 1));
      lines.push(punch(colleagueNip, day, "07:40:00"));
    }
    await upload(attlog(lines));
    const outcome = card("attendance").getByTestId("run-outcome");
    await outcome.getByText(`${WORKING.length * 2} hari kerja tersimpan untuk 2 pegawai`).waitFor();
    expect(await outcome.getByTestId("absent-table").locator("tbody tr").allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^${employeeNip}\\s+.+\\s+3\\s+0$`))]);
    const stored = await query(page, "connector.attendance", { regionId: "pariaman", employeeId, period: "2025-01" });
    expect(stored.counts).toMatchObject({ alpa: 3, hadir: WORKING.length - 3, longestRun: 3 });
    expect(stored.days.filter((d) => d.status === "alpa").map((d) => d.day)).toEqual(ABSENT);
    expect(stored.days.find((d) => d.day === "2025-01-02")).toMatchObject({ firstIn: "07:28:03", lastOut: "16:01:00" });
    const [run] = await query(page, "connector.runs", { regionId: "pariaman", name: "attendance", limit: 1 });
    expect(run).toMatchObject({ status: "succeeded", rows: lines.length, written: WORKING.length * 2 });
    expect((await checkFit(page, "integrations")).overflow).toBe(0);
  });

  it("evaluates the cycle on the imported days and downloads the TPP sheet with them", async () => {
    await openFirstCycle(page);
    await runEvaluation(page);
    const cycleId = (await query(page, "cycle.list", { regionId: "pariaman" })).find((c) => c.currentRunId !== null)!.id;
    const result = await query(page, "result.get", { regionId: "pariaman", cycleId, employeeId });
    expect((result.input as { values: Record<string, unknown> }).values.kehadiran).toBe(3);

    await page.goto("/integrations");
    await card("payroll").getByRole("switch", { name: "Aktif di wilayah ini" }).click({ force: true });
    const download = card("payroll").getByRole("link", { name: "Unduh XLSX" });
    await expect.poll(async () => (await download.getAttribute("href")) !== null).toBe(true);
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const rows = readXlsx(readFileSync(await file.path())).get("TPP")!;
    const header = rows[0]!;
    expect(header).toEqual(["No", "NIP", "Nama", "Jabatan", "Unit Kerja", "Periode", "Nilai Kinerja", "Nilai Disiplin", "Hari Tanpa Keterangan", "Nilai Akhir", "Predikat", "TPP (%)"]);
    const row = rows.find((r) => r[1] === employeeNip)!;
    expect(Number(row[header.indexOf("Hari Tanpa Keterangan")])).toBe(3);
    expect(Number(row[header.indexOf("Nilai Disiplin")])).toBe(Math.round(result.scores["score.perilaku"]! * 100) / 100);
    expect(Number(row[header.indexOf("TPP (%)")])).toBe(tppPercent(result.outcomeEvents));
    await expect.poll(async () => (await query(page, "connector.runs", { regionId: "pariaman", name: "payroll", limit: 1 }))[0]?.status).toBe("succeeded");
  });

  it("shows the employee their own January, day by day, on a phone too", async () => {
    for (const viewport of [undefined, PHONE]) {
      const own = (await newPage(browser, server.url, viewport)).page;
      await signIn(own, employeeNip);
      await own.goto("/attendance");
      await own.getByLabel("Bulan").fill("2025-01");
      const counts = own.getByTestId("attendance-counts");
      await counts.getByText(`Hadir ${WORKING.length - 3} hari · cuti 0 hari · tanpa keterangan 3 hari`).waitFor();
      const absent = await own.getByTestId("attendance-days").locator("tbody tr", { hasText: "Tanpa keterangan" }).allInnerTexts();
      expect(absent.map((r) => r.split(/\s+/)[0])).toEqual(ABSENT);
      const fit = await checkFit(own, "my-attendance");
      expect(fit.overflow).toBe(0);
      await own.context().close();
    }
  });

  it("fits the admin's screen on a phone", async () => {
    const phone = (await newPage(browser, server.url, PHONE)).page;
    await signIn(phone, signInFor(server, "admin", "pariaman"));
    await phone.goto("/integrations");
    await phone.getByTestId("connector-attendance").waitFor();
    const fit = await checkFit(phone, "integrations");
    expect(fit.overflow).toBe(0);
    expect(fit.narrow).toEqual([]);
  });
});
