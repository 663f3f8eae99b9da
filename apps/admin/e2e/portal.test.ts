// The portal end to end: Debian's Chromium against the real server on a fresh SQLite database with the
// demo regions. One server and one browser for the file; the tests build on each other in order, as a
// BKD admin's day would: sign in, edit the rules and see the error, publish, run the cycle, read an
// explanation, export; then an employee, an assessor and the national operator.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, reopenIfLocked, runEvaluation, signIn } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";

const SEED_SIZE = 60;

describe("the admin portal in a browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    server = await startServer({ seedSize: SEED_SIZE });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("refuses a wrong password, then signs the admin in to the region's dashboard", async () => {
    await admin.goto("/");
    await admin.getByLabel("E-mail atau NIP").fill(signInFor(server, "admin", "samarinda"));
    await admin.getByLabel("Kata sandi").fill("bukan-sandinya");
    await admin.getByRole("button", { name: "Masuk" }).click();
    await admin.getByText("E-mail/NIP atau kata sandi salah.").waitFor();

    await admin.getByLabel("Kata sandi").fill(PASSWORD);
    await admin.getByRole("button", { name: "Masuk" }).click();
    await admin.getByRole("heading", { name: "Dasbor Kota Samarinda" }).waitFor();
    expect(await admin.getByTestId("figure-employees").textContent()).toBe(String(SEED_SIZE));
  });

  it("shows a rule edit's validation error as it is typed, in the forms and in the JSON", async () => {
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Aturan penilaian" }).click();
    const summary = admin.getByTestId("validation-summary");
    await summary.getByText("Tidak ada kesalahan").waitFor();
    await summary.getByText(/Kasus uji: (\d+)\/\1 lulus/).waitFor();

    const weight = admin.getByTestId("weight-0-0");
    const before = Number(await weight.inputValue());
    await weight.fill(String(before - 10));
    await admin.getByText(/Hasil kerja: jumlah 90, harus 100/).waitFor();
    await summary.getByText(/\d+ kesalahan/).waitFor();
    expect(await admin.getByRole("button", { name: "Terbitkan" }).isDisabled()).toBe(true);

    await admin.getByRole("tab", { name: "JSON" }).click();
    const issues = admin.getByTestId("json-issues");
    await issues.getByText(/\/indicatorSets\/0\/indicators/).waitFor();
    await issues.getByRole("button").first().click();
    await admin.locator(".cm-lintRange-error").first().waitFor();

    await admin.getByRole("button", { name: "Batalkan perubahan" }).click();
    await summary.getByText("Tidak ada kesalahan").waitFor();
  });

  it("publishes a changed rule set as a new version and shows what changed", async () => {
    await admin.getByRole("tab", { name: "Formulir" }).click();
    await admin.getByLabel("Nama aturan").fill("Penilaian Kinerja ASN Kota Samarinda 2026");
    await admin.getByRole("button", { name: "Terbitkan" }).click();
    await admin.getByText("Versi 2 diterbitkan.").waitFor();
    await admin.getByTestId("open-version-status").getByText("Diterbitkan").waitFor();

    await admin.getByRole("tab", { name: "Riwayat versi" }).click();
    const diff = admin.getByTestId("diff-table");
    await diff.getByText("/name").waitFor();
    expect(await diff.getByText("Penilaian Kinerja ASN Kota Samarinda 2026", { exact: false }).count()).toBeGreaterThan(0);
  });

  it("runs the cycle's evaluation with progress, then lists every result", async () => {
    await openFirstCycle(admin);
    await runEvaluation(admin);
    await admin.getByTestId("cycle-status").getByText("Sudah dinilai").waitFor();
    await admin.getByTestId("results-count").getByText(`${SEED_SIZE} pegawai`).waitFor();

    await admin.getByLabel("Cari").fill("zzzz-tidak-ada");
    await admin.getByText("Tidak ada hasil yang cocok").waitFor();
    await admin.getByLabel("Cari").fill("");
    await admin.getByTestId("results-count").getByText(`${SEED_SIZE} pegawai`).waitFor();
  });

  it("opens one employee's result with the step-by-step explanation", async () => {
    const firstRow = admin.getByTestId("results-scroller").getByRole("row").first();
    const nama = (await firstRow.getByRole("cell").nth(1).textContent())?.trim() ?? "";
    await firstRow.click();
    await admin.getByRole("heading", { name: nama }).waitFor();
    const explanation = admin.getByTestId("explanation");
    await explanation.getByText("Langkah demi langkah").waitFor();
    expect((await admin.getByTestId("explanation-predikat").textContent())?.length).toBeGreaterThan(2);
    expect(await explanation.getByText(/^Nilai indikator /).count()).toBeGreaterThan(2);
    await admin.goBack();
  });

  it("downloads the results as CSV and XLSX", async () => {
    await admin.getByTestId("results-count").getByText(`${SEED_SIZE} pegawai`).waitFor();
    const [csv] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Unduh CSV" }).click()]);
    const csvText = readFileSync(await csv.path(), "utf8");
    expect(csv.suggestedFilename()).toMatch(/^hasil-samarinda-2025-v1\.csv$/);
    expect(csvText.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("No,NIP,Nama,Jabatan,Unit Kerja,Nilai Akhir,Predikat,Tindak Lanjut,Keterangan");
    expect(csvText.trim().split("\r\n")).toHaveLength(SEED_SIZE + 1);

    const [xlsx] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Unduh XLSX" }).click()]);
    const bytes = readFileSync(await xlsx.path());
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("records the admin's changes in the audit log", async () => {
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Log audit" }).click();
    const table = admin.getByTestId("audit-table");
    await table.getByText("Aturan diterbitkan").first().waitFor();
    await table.getByText("Hasil penilaian berlaku").first().waitFor();
  });

  it("lets an employee sign in with the NIP and read the own result and why", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "employee", "samarinda"));
    await page.getByRole("heading", { name: "Hasil saya" }).waitFor();
    await page.getByTestId("explanation").getByText("Langkah demi langkah").waitFor();
    expect(await page.getByRole("link", { name: "Aturan penilaian" }).count()).toBe(0);
    await context.close();
  });

  it("finalises the cycle; the employee appeals and the admin upholds it with a new predikat", async () => {
    await openFirstCycle(admin);
    await admin.getByRole("button", { name: "Finalkan siklus" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
    await admin.getByTestId("cycle-status").getByText("Final").waitFor();

    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "employee", "samarinda"));
    await page.getByRole("button", { name: "Ajukan keberatan" }).click();
    await page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Realisasi triwulan IV belum dihitung; bukti laporan terlampir di e-performance.");
    await page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await page.getByText("Menunggu keputusan").waitFor();

    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Keberatan" }).click();
    await admin.getByRole("navigation", { name: "Keberatan" }).locator("a, button").first().click();
    await admin.getByLabel("Alasan keputusan").fill("Bukti realisasi triwulan IV sah; capaian dihitung ulang.");
    await admin.getByLabel("Predikat baru (bila dikabulkan)").first().click();
    await admin.getByRole("option").first().click();
    await admin.getByRole("button", { name: "Kabulkan" }).click();
    const decided = admin.getByRole("alert").filter({ hasText: /dikabulkan|Keberatan/ }).last();
    await decided.waitFor();
    expect(await decided.textContent()).toMatch(/dikabulkan; hasil dinilai ulang/);

    await page.reload();
    await page.getByText("Dikabulkan").waitFor();
    await context.close();
  });

  it("lets an assessor rate a direct report beside the region's guidance", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "assessor", "binjai"));
    await page.getByRole("heading", { name: "Penilaian saya" }).waitFor();
    await page.getByRole("navigation", { name: "Pegawai yang dinilai" }).locator("a, button").first().click();
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Kirim penilaian" }) });
    await form.waitFor();
    await reopenIfLocked(page);
    await form.locator("label").filter({ hasText: /^3$/ }).first().click();
    await page.getByRole("complementary", { name: "Petunjuk penilaian" }).getByText(/^Skala /).waitFor();
    await page.getByRole("button", { name: "Kirim penilaian" }).click();
    const notice = page.getByRole("alert").filter({ hasText: /Penilaian untuk .* disimpan\.|Penilaian tidak bisa disimpan/ });
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/Penilaian untuk .* disimpan\./);
    await context.close();
  });

  it("carries an employee's SKP from draft to approval, then logs work the assessor confirms", async () => {
    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "binjai"));
    await employee.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "SKP & catatan kerja saya" }).click();
    await employee.page.getByRole("button", { name: "Mulai SKP" }).click();
    await employee.page.getByRole("button", { name: "Tambah RHK" }).click();
    await employee.page.getByLabel("Rencana hasil kerja").fill("Tersusunnya modul ajar semester genap");
    await employee.page.getByLabel("IKI", { exact: true }).fill("Jumlah modul ajar yang disusun");
    await employee.page.getByLabel("Target").fill("4");
    await employee.page.getByRole("button", { name: "Ajukan ke pejabat penilai" }).click();
    await employee.page.getByTestId("plan-status").getByText("Diajukan").waitFor();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Rencana & catatan kerja tim" }).click();
    await assessor.page.getByRole("navigation", { name: "SKP" }).locator("a, button").first().click();
    await assessor.page.getByRole("button", { name: "Setujui" }).click();
    await assessor.page.getByRole("dialog").getByRole("button", { name: "Simpan keputusan" }).click();
    await assessor.page.getByText(/SKP .* disetujui\./).waitFor();

    await employee.page.reload();
    await employee.page.getByTestId("plan-status").getByText("Disetujui").waitFor();
    await employee.page.getByTestId("work-iki").click();
    await employee.page.getByRole("option", { name: "Jumlah modul ajar yang disusun" }).click();
    await employee.page.getByLabel("Uraian pekerjaan").fill("Modul ajar IPA kelas 5 selesai");
    await employee.page.getByRole("button", { name: "Catat", exact: true }).click();
    const logged = employee.page.getByRole("alert").filter({ hasText: /Pekerjaan dicatat|Pekerjaan tidak bisa dicatat/ });
    await logged.waitFor();
    expect(await logged.textContent()).toMatch(/Pekerjaan dicatat/);
    await employee.page.getByTestId("work-entries").getByText("Menunggu").waitFor();

    await assessor.page.getByRole("tab", { name: "Catatan kerja untuk dikonfirmasi" }).click();
    const entries = assessor.page.getByTestId("entries-to-review");
    await entries.getByText("Modul ajar IPA kelas 5 selesai").waitFor();
    await entries.getByRole("button", { name: "Konfirmasi" }).first().click();
    await assessor.page.getByText("Tidak ada catatan kerja yang menunggu").waitFor();

    await employee.page.reload();
    await employee.page.getByTestId("work-entries").getByText("Dikonfirmasi").waitFor();
    await employee.context.close();
    await assessor.context.close();
  });

  it("lets the national operator choose a region and switch to it", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "operator", null));
    await page.getByRole("heading", { name: "Pilih wilayah" }).waitFor();
    await page.getByRole("button", { name: "Kota Binjai" }).click();
    await page.getByRole("heading", { name: "Dasbor Kota Binjai" }).waitFor();
    await context.close();
  });
});
