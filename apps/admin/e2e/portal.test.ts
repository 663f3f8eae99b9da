// The portal end to end: Debian's Chromium against the real server on a fresh SQLite database with the
// demo regions. One server and one browser for the file; the tests build on each other in order, as a
// BKD admin's day would: sign in, edit the rules and see the error, publish, run the cycle, read an
// explanation, export; then an employee, an assessor and the national operator. Binjai's open cycle
// carries the work of the period: peers, deadlines and who is late, performance dialogues, feedback on
// work entries.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { readCsv, readXlsx } from "./downloads";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";

const SEED_SIZE = 60;

describe.skipIf(inject("chromiumMissing") !== null)("the admin portal in a browser", () => {
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
    await admin.getByRole("tab", { name: "Formulir" }).click();
    expect(Number(await admin.getByTestId("weight-0-0").inputValue())).toBe(before);
  });

  it("publishes a changed rule set as a new version and shows what changed", async () => {
    const name = "Penilaian Kinerja ASN Kota Samarinda 2026";
    await admin.getByRole("tab", { name: "Formulir" }).click();
    await admin.getByLabel("Nama aturan", { exact: true }).fill(name);
    await admin.getByRole("button", { name: "Terbitkan" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Terbitkan" }).click();
    await admin.getByText("Versi 2 diterbitkan.").waitFor();
    await admin.getByTestId("open-version-status").getByText("Diterbitkan").waitFor();

    await admin.getByRole("tab", { name: "Riwayat versi" }).click();
    const diff = admin.getByTestId("diff-table");
    await diff.getByText("/name").waitFor();
    expect(await diff.getByText(name, { exact: false }).count()).toBeGreaterThan(0);

    const versions = await query(admin, "ruleSet.list", {});
    expect(versions.map((v) => [v.version, v.status, v.name])).toEqual([
      [2, "published", name],
      [1, "published", "Penilaian Kinerja ASN Kota Samarinda"],
    ]);
    await admin.reload();
    await admin.getByRole("tab", { name: "Formulir" }).click();
    expect(await admin.getByLabel("Nama aturan", { exact: true }).inputValue()).toBe(name);
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
    await explanation.getByRole("button", { name: "Tampilkan jejak teknis" }).click();
    await explanation.getByText("Langkah demi langkah").waitFor();
    expect((await admin.getByTestId("explanation-predikat").textContent())?.length).toBeGreaterThan(2);
    expect(await explanation.getByText(/^Nilai indikator /).count()).toBeGreaterThan(2);
    await admin.goBack();
  });

  it("downloads the results as CSV and XLSX, each with the rows the results table shows", async () => {
    await admin.getByTestId("results-count").getByText(`${SEED_SIZE} pegawai`).waitFor();
    const shown = await admin.getByTestId("results-scroller").getByRole("row").first().getByRole("cell").allTextContents();
    const [nip, nama] = [shown[0]?.trim() ?? "", shown[1]?.trim() ?? ""];
    expect(nip).toMatch(/^\d{18}$/);

    const [csv] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Unduh CSV" }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^hasil-samarinda-2025-v1\.csv$/);
    const lines = readCsv(readFileSync(await csv.path(), "utf8"));
    const header = ["No", "NIP", "Nama", "Jabatan", "Unit Kerja", "Nilai Akhir", "Nilai Hasil Kerja", "Nilai Perilaku Kerja", "Predikat", "TPP (%)", "Tindak Lanjut", "Keterangan", "Kode Unit", "Kode Predikat", "Kode Tindak Lanjut"];
    expect(lines[0]).toEqual(header);
    expect(lines).toHaveLength(SEED_SIZE + 1);
    const csvRow = lines.find((line) => line[1] === nip);
    expect(csvRow?.[2]).toBe(nama);

    const [xlsx] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Unduh XLSX" }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^hasil-samarinda-2025-v1\.xlsx$/);
    const [rows] = [...readXlsx(readFileSync(await xlsx.path())).values()];
    expect(rows?.[0]).toEqual(header);
    expect(rows).toHaveLength(SEED_SIZE + 1);
    const xlsxRow = rows?.find((row) => row[1] === nip);
    expect(xlsxRow?.[2]).toBe(nama);
    // Same predikat in both files, and in the table.
    expect(xlsxRow?.[8]).toBe(csvRow?.[8]);
    expect(shown.map((c) => c.trim())).toContain(xlsxRow?.[8]);
  });

  it("records the admin's changes in the audit log", async () => {
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Log audit" }).click();
    const table = admin.getByTestId("audit-table");
    // The seeder published version 1 too; these rows are the admin's.
    const byAdmin = table.getByRole("row").filter({ hasText: "Admin BKPSDM Kota Samarinda" });
    await byAdmin.filter({ hasText: "Aturan diterbitkan" }).first().waitFor();
    await byAdmin.filter({ hasText: "Hasil penilaian berlaku" }).first().waitFor();
  });

  it("lets an employee sign in with the NIP and read the own result and why", async () => {
    const { page, context } = await newPage(browser, server.url);
    const nip = signInFor(server, "employee", "samarinda");
    await signIn(page, nip);
    await page.getByRole("heading", { name: "Hasil saya" }).waitFor();
    await page.getByTestId("explanation-sentences").getByText(/^Predikat: /).waitFor();
    expect(await page.getByTestId("own-result-nip").textContent()).toContain(`NIP ${nip}`);
    expect(await page.getByRole("link", { name: "Aturan penilaian" }).count()).toBe(0);
    await context.close();
  });

  it("lets an assessor read their own result, not a report's, under Hasil saya", async () => {
    const { page, context } = await newPage(browser, server.url);
    const nip = signInFor(server, "assessor", "samarinda");
    await signIn(page, nip);
    await page.getByRole("link", { name: "Hasil saya" }).click();
    await page.getByRole("heading", { name: "Hasil saya" }).waitFor();
    await page.getByTestId("explanation-sentences").getByText(/^Predikat: /).waitFor();
    expect(await page.getByTestId("own-result-nip").textContent()).toContain(`NIP ${nip}`);
    await context.close();
  });

  it("finalises the cycle; the employee appeals and the admin upholds it with a new predikat", async () => {
    await openFirstCycle(admin);
    await admin.getByRole("button", { name: "Finalkan siklus" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
    await admin.getByTestId("cycle-status").getByText("Final").waitFor();

    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "employee", "samarinda"));
    const before = ((await page.getByTestId("explanation-predikat").textContent()) ?? "").trim();
    await page.getByRole("button", { name: "Ajukan keberatan" }).click();
    await page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Realisasi triwulan IV belum dihitung; bukti laporan terlampir di e-performance.");
    await page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await page.getByText("Menunggu keputusan").waitFor();

    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Keberatan" }).click();
    await admin.getByRole("navigation", { name: "Keberatan" }).locator("a, button").first().click();
    await admin.getByLabel("Alasan keputusan").fill("Bukti realisasi triwulan IV sah; capaian dihitung ulang.");
    await admin.getByLabel("Predikat baru (bila dikabulkan)").first().click();
    const option = admin.getByRole("option").filter({ hasNotText: new RegExp(`^${before}$`) }).first();
    const after = ((await option.textContent()) ?? "").trim();
    await option.click();
    await admin.getByRole("button", { name: "Kabulkan" }).click();
    await admin.getByText(/dikabulkan; hasil dinilai ulang/).waitFor();

    await page.reload();
    await page.getByText("Dikabulkan").waitFor();
    expect(after).not.toBe(before);
    await page.getByTestId("explanation-predikat").getByText(after, { exact: true }).waitFor();
    await context.close();
  });

  it("carries an employee's SKP from draft to approval, then logs work the assessor confirms", async () => {
    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "binjai"));
    await employee.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "SKP & catatan kerja saya" }).click();
    // The page says which cycle the SKP is for.
    expect(await employee.page.getByTestId("cycle-picker").textContent()).toMatch(/^Siklus: Penilaian Kinerja 2025Dibuka/);
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
    // The quantity is asked in the IKI's unit.
    await employee.page.getByLabel("Jumlah (dokumen)").waitFor();
    await employee.page.getByLabel("Uraian pekerjaan").fill("Modul ajar IPA kelas 5 selesai");
    await employee.page.getByRole("button", { name: "Catat", exact: true }).click();
    const entry = (page: Page) => page.getByTestId("work-entries").getByRole("row").filter({ hasText: "Modul ajar IPA kelas 5 selesai" });
    await entry(employee.page).getByText("Menunggu").waitFor();

    await assessor.page.getByRole("tab", { name: "Catatan kerja untuk dikonfirmasi" }).click();
    const entries = assessor.page.getByTestId("entries-to-review");
    await entries.getByText("Modul ajar IPA kelas 5 selesai").waitFor();
    await entries.getByRole("button", { name: "Konfirmasi" }).first().click();
    await assessor.page.getByText("Tidak ada catatan kerja yang menunggu").waitFor();

    await employee.page.reload();
    await entry(employee.page).getByText("Dikonfirmasi").waitFor();
    // The confirmed entry counts toward the IKI's target of 4.
    const progress = employee.page.getByTestId("work-progress").getByRole("row").filter({ hasText: "Jumlah modul ajar yang disusun" });
    expect((await progress.getByRole("cell").nth(1).textContent())?.replace(/\s+/g, " ")).toMatch(/^1 \/ 4\b/);
    await progress.getByText("25%").waitFor();
    await employee.context.close();
    await assessor.context.close();
  });

  it("lets a Binjai admin choose an employee's peers and a deadline, then lists who is late", async () => {
    const { page, context } = await newPage(browser, server.url);
    const nip = signInFor(server, "employee", "binjai");
    await signIn(page, signInFor(server, "admin", "binjai"));
    await openFirstCycle(page);
    await page.getByRole("tab", { name: "Pelaksanaan penilaian", selected: true }).waitFor();

    // The deadline row fits its card at 1366 px: its save button is not cut off.
    const card = page.getByTestId("deadlines-table").locator("xpath=ancestor::div[contains(@class, 'mantine-Card-root')][1]");
    const cardBox = await card.boundingBox();
    const saveBox = await page.getByRole("button", { name: "Simpan batas waktu Rekan kerja" }).boundingBox();
    expect(saveBox && cardBox && saveBox.x + saveBox.width <= cardBox.x + cardBox.width).toBe(true);
    await page.getByLabel("Batas waktu Rekan kerja", { exact: true }).fill("2025-12-31");
    await page.getByRole("button", { name: "Simpan batas waktu Rekan kerja" }).click();
    await page.getByText("Batas waktu Rekan kerja: 2025-12-31.").waitFor();

    await page.getByTestId("peer-ratee").click();
    await page.getByTestId("peer-ratee").fill(nip);
    await page.getByRole("option", { name: new RegExp(nip) }).click();
    await page.getByText(/Aturan wilayah: \d+ sampai \d+ rekan penilai per pegawai\./).waitFor();
    const peers = page.getByTestId("peer-select");
    const chosen: string[] = [];
    for (let i = 0; i < 2; i++) {
      await peers.click();
      const option = page.getByRole("option").first();
      chosen.push(((await option.textContent()) ?? "").split(" · ")[0] ?? "");
      await option.click();
    }
    await page.keyboard.press("Escape");
    await page.getByTestId("peer-count").getByText(/^2 dipilih/).waitFor();
    await page.getByRole("button", { name: "Simpan rekan penilai" }).click();
    await page.getByText(/Rekan penilai .* disimpan\./).waitFor();

    const late = page.getByTestId("late-table");
    for (const peer of chosen) {
      const row = late.getByRole("row").filter({ hasText: peer }).filter({ hasText: "Rekan kerja" });
      await row.first().waitFor();
      expect(await row.first().textContent()).toMatch(/2025-12-31\d+ hariBelum diisi/);
    }

    // Stored: after a reload the deadline and both peers are there.
    await page.reload();
    expect(await page.getByLabel("Batas waktu Rekan kerja", { exact: true }).inputValue()).toBe("2025-12-31");
    await page.getByTestId("peer-ratee").click();
    await page.getByTestId("peer-ratee").fill(nip);
    await page.getByRole("option", { name: new RegExp(nip) }).click();
    const saved = page.getByTestId("peer-list");
    for (const peer of chosen) await saved.getByText(new RegExp(`^${peer} · `)).waitFor();
    await page.getByTestId("peer-count").getByText(/^2 dipilih/).waitFor();
    await context.close();
  });

  it("lets an assessor record a performance dialogue, which the employee rates", async () => {
    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "binjai"));
    const nama = ((await employee.page.getByTestId("user-name").textContent()) ?? "").trim();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Dialog kinerja" }).click();
    await assessor.page.getByRole("navigation", { name: "Pegawai yang Anda nilai" }).getByText(nama, { exact: true }).click();
    await assessor.page.getByRole("button", { name: "Catat dialog" }).click();
    const dialog = assessor.page.getByRole("dialog");
    await dialog.getByLabel("Topik").fill("Ketepatan waktu penyusunan modul ajar");
    await dialog.getByLabel("Tindakan 1").fill("Kirim draf modul H-7 sebelum dipakai");
    await dialog.getByRole("button", { name: "Simpan dialog" }).click();
    await assessor.page.getByText("Dialog kinerja dicatat.").waitFor();
    await assessor.page.getByRole("article", { name: /Ketepatan waktu penyusunan modul ajar/ }).getByText("Belum dinilai").waitFor();

    await employee.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Dialog kinerja" }).click();
    const card = employee.page.getByRole("article", { name: /Ketepatan waktu penyusunan modul ajar/ });
    await card.getByText("Kirim draf modul H-7 sebelum dipakai").waitFor();
    await card.getByRole("button", { name: "Nilai manfaat" }).click();
    await card.getByRole("radio", { name: "4", exact: true }).click();
    await card.getByLabel("Komentar (tidak wajib)").fill("Tenggat H-7 membantu saya menyusun jadwal.");
    await card.getByRole("button", { name: "Simpan nilai" }).click();
    await card.getByTestId("dialogue-usefulness").getByText("Manfaat 4/5").waitFor();

    await assessor.page.reload();
    await assessor.page.getByRole("navigation", { name: "Pegawai yang Anda nilai" }).getByText(nama, { exact: true }).click();
    await assessor.page.getByText("Tenggat H-7 membantu saya menyusun jadwal.").waitFor();
    await employee.context.close();
    await assessor.context.close();
  });

  it("lets an employee ask for feedback on a work entry, which the assessor answers from the inbox", async () => {
    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "binjai"));
    const nama = ((await employee.page.getByTestId("user-name").textContent()) ?? "").trim();
    await employee.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "SKP & catatan kerja saya" }).click();
    await employee.page.getByRole("button", { name: "Umpan balik untuk Modul ajar IPA kelas 5 selesai" }).click();
    const drawer = employee.page.getByRole("dialog");
    await drawer.getByText("Belum ada umpan balik untuk catatan kerja ini.").waitFor();
    await drawer.getByLabel("Pertanyaan").fill("Apakah modul ini sudah memenuhi standar kurikulum?");
    await drawer.getByRole("button", { name: "Kirim permintaan" }).click();
    await employee.page.getByText("Permintaan umpan balik dikirim.").waitFor();
    await drawer.getByTestId("feedback-thread").getByText("Apakah modul ini sudah memenuhi standar kurikulum?").waitFor();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Permintaan umpan balik" }).click();
    const inbox = assessor.page.getByTestId("feedback-inbox");
    await inbox.getByText("Modul ajar IPA kelas 5 selesai").waitFor();
    await inbox.getByRole("button", { name: `Buka utas permintaan dari ${nama}` }).first().click();
    const thread = assessor.page.getByRole("dialog");
    await thread.getByRole("button", { name: "Jawab" }).click();
    await thread.getByLabel(`Jawaban untuk ${nama}`).fill("Sudah sesuai; tambahkan satu asesmen formatif.");
    await thread.getByRole("button", { name: "Kirim jawaban" }).click();
    await thread.getByTestId("feedback-thread").getByText("Sudah sesuai; tambahkan satu asesmen formatif.").waitFor();

    await employee.page.reload();
    await employee.page.getByRole("button", { name: "Umpan balik untuk Modul ajar IPA kelas 5 selesai" }).click();
    await employee.page.getByRole("dialog").getByText("Sudah sesuai; tambahkan satu asesmen formatif.").waitFor();
    await employee.context.close();
    await assessor.context.close();
  });

  it("shows a Pariaman admin who decides an appeal that the assessor's superior decides, with no decision form", async () => {
    const { page, context } = await newPage(browser, server.url);
    const assessorNip = signInFor(server, "assessor", "pariaman");
    await signIn(page, signInFor(server, "admin", "pariaman"));

    // The assessor gets a superior of their own: from then on an appeal against their rating goes up to them.
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Organisasi & pegawai" }).click();
    await page.getByLabel("Cari pegawai").fill(assessorNip);
    // The assessor's own row: its first cell is their NIP (their reports' rows name it as assessor).
    const row = page.getByTestId("employee-table").locator("tr", { has: page.locator("td:first-child", { hasText: new RegExp(`^${assessorNip}$`) }) });
    await row.getByRole("button", { name: /^Atur penilai untuk / }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Pejabat penilai \(NIP\)/).click();
    const superior = page.getByRole("option").filter({ hasNotText: assessorNip }).filter({ hasNotText: signInFor(server, "employee", "pariaman") }).first();
    const superiorNama = ((await superior.textContent()) ?? "").split(" · ")[0]?.trim() ?? "";
    await superior.click();
    await dialog.getByRole("button", { name: "Simpan" }).click();
    await row.getByText(/^\d{18}$/).filter({ hasNotText: assessorNip }).waitFor();
    // The superior decides only while they can sign in: the region's people get their accounts.
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Akun pengguna" }).click();
    await page.getByRole("button", { name: "Buat akun massal" }).click();
    const bulk = page.getByRole("dialog");
    await bulk.getByText("Seluruh wilayah", { exact: true }).click();
    await bulk.getByRole("button", { name: /^Buat \d+ akun$/ }).click();
    await bulk.getByTestId("bulk-progress").getByText(/akun dibuat\./).waitFor({ timeout: 60_000 });

    await openFirstCycle(page);
    await runEvaluation(page);
    await page.getByRole("button", { name: "Finalkan siklus" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
    await page.getByTestId("cycle-status").getByText("Final").waitFor();

    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "pariaman"));
    const nama = ((await employee.page.getByTestId("user-name").textContent()) ?? "").trim();
    await employee.page.getByRole("button", { name: "Ajukan keberatan" }).click();
    await employee.page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Capaian layanan bulan Desember belum masuk perhitungan.");
    await employee.page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await employee.page.getByText("Menunggu keputusan").waitFor();
    await employee.context.close();

    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Keberatan" }).click();
    await page.getByRole("navigation", { name: "Keberatan" }).getByText(nama).click();
    expect(await page.getByTestId("appeal-decider").textContent()).toMatch(new RegExp(`^Diputus oleh atasan pejabat penilai, ${superiorNama} \\(NIP \\d{18}\\)\\.$`));
    await page.getByTestId("appeal-not-yours").waitFor();
    expect(await page.getByLabel("Alasan keputusan").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Kabulkan" }).count()).toBe(0);
    const [appeal] = await query(page, "appeal.inbox", {});
    expect(appeal?.canDecide).toBe(false);
    expect(appeal?.decider?.nama).toBe(superiorNama);
    await context.close();
  });

  it("lets the national operator choose a region, create a new one, and its first admin sign in", async () => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "operator", null));
    await page.getByRole("heading", { name: "Pilih wilayah" }).waitFor();
    await page.getByRole("button", { name: "Kota Binjai" }).click();
    await page.getByRole("heading", { name: "Dasbor Kota Binjai" }).waitFor();

    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Wilayah" }).click();
    await page.getByRole("button", { name: "Wilayah baru" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Nama wilayah").fill("Kota Tebing Tinggi");
    expect(await dialog.getByLabel("Kode wilayah").inputValue()).toBe("kota-tebing-tinggi");
    await dialog.getByLabel(/^Nama( \*)?$/).fill("Admin BKPSDM Tebing Tinggi");
    await dialog.getByLabel("E-mail").fill("admin@tebingtinggi.kinerja.local");
    await dialog.getByLabel("Kata sandi awal").fill("sandi-tebing-123");
    await dialog.getByRole("button", { name: "Buat wilayah" }).click();
    await page.getByText(/Wilayah Kota Tebing Tinggi dibuat\./).waitFor();
    await page.getByTestId("region-table").getByText("kota-tebing-tinggi").waitFor();
    await page.getByRole("button", { name: "Buka wilayah Kota Tebing Tinggi" }).click();
    await page.getByTestId("region-switch").and(page.locator("[value='Kota Tebing Tinggi']")).waitFor();
    await context.close();

    const admin = await newPage(browser, server.url);
    await signIn(admin.page, "admin@tebingtinggi.kinerja.local", "sandi-tebing-123");
    await admin.page.getByRole("heading", { name: "Dasbor Kota Tebing Tinggi" }).waitFor();
    await admin.page.getByTestId("first-steps").waitFor();
    await admin.context.close();
  });
});
