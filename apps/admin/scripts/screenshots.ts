// Regenerates the PNG screenshots of the portal's main screens in docs/screenshots/: starts the real
// server on demo data (building the app first when needed), walks through the screens in Chromium as an
// admin, an assessor and an employee, and saves each screen at 1366 px (a few at a tablet's 820 px), then
// the screens people open on a phone at 390 px ("NN-phone-…"). Run: pnpm --filter @kinerja/admin screenshots
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchBrowser } from "../e2e/browser";
import { ensureBuilt } from "../e2e/build";
import { newPage, openFirstCycle, reopenIfLocked, runEvaluation, signIn } from "../e2e/portal";
import { DIST_DIR, signInFor, startServer } from "../e2e/server";
import { PHONE } from "../e2e/viewport";

const OUT = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(400);
  // A full page is taken from the top: scrolled, the fixed header would be drawn halfway down.
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  console.log(`docs/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await ensureBuilt(console.log);
  // A copy of the build to serve: a test run elsewhere may rebuild dist/ while the screens are walked.
  const snapshot = mkdtempSync(join(tmpdir(), "kinerja-screenshots-dist-"));
  cpSync(DIST_DIR, snapshot, { recursive: true });
  const server = await startServer({ seedSize: 300, distDir: snapshot });
  const browser = await launchBrowser();
  try {
    const { page, context } = await newPage(browser, server.url);
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").waitFor();
    await shot(page, "01-sign-in");

    await signIn(page, signInFor(server, "admin", "samarinda"));
    await openFirstCycle(page);
    await runEvaluation(page);
    await page.goto("/");
    await page.getByText("Distribusi predikat terhadap kurva").waitFor();
    await shot(page, "02-dashboard", true);

    await page.goto("/rules");
    await page.getByRole("tab", { name: "Formulir" }).waitFor();
    await shot(page, "03-rules-forms");
    const weight = page.getByTestId("weight-0-0").locator("input").or(page.getByTestId("weight-0-0")).first();
    await weight.fill("70");
    await page.getByTestId("validation-summary").getByText(/kesalahan/).waitFor();
    await shot(page, "04-rules-live-total");
    await page.getByRole("tab", { name: "Pemeriksaan & kasus uji" }).click();
    await shot(page, "05-rules-checks");
    await page.getByTestId("issue-list").getByRole("button").first().click();
    await page.waitForTimeout(300);
    await shot(page, "06-rules-json-inline-error");
    await page.getByRole("button", { name: "Batalkan perubahan" }).click();
    await page.getByRole("tab", { name: "Simulasi (what-if)" }).click();
    await page.getByRole("button", { name: "Jalankan simulasi" }).click();
    await page.getByTestId("what-if-report").waitFor();
    await shot(page, "07-rules-what-if");

    await page.goto("/organisation");
    await page.getByTestId("employee-table").waitFor();
    await shot(page, "08-organisation-employees");
    await page.getByRole("tab", { name: "Unit kerja" }).click();
    await shot(page, "09-organisation-units");
    await page.getByRole("tab", { name: "Impor" }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: "pegawai.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("nip,nama,jabatan,unit\n198503122010011001,Siti Rahma,Analis,tidak-ada\n12345,Budi,,bkpsdm\n"),
    });
    await page.getByRole("button", { name: "Impor", exact: true }).click();
    await page.getByTestId("import-errors").waitFor();
    await shot(page, "10-organisation-import-errors");

    await openFirstCycle(page);
    await page.getByTestId("results-scroller").waitFor();
    await page.getByTestId("results-count").getByText(/pegawai$/).waitFor();
    await shot(page, "11-cycle-results");
    await page.getByRole("tab", { name: "Forum kalibrasi" }).click();
    await page.getByTestId("calibration-table").getByRole("button").first().click();
    await page.getByTestId("forum-unit").waitFor();
    await shot(page, "12-cycle-calibration", true);
    await page.getByRole("button", { name: "Catat rapat forum" }).click();
    const meeting = page.getByRole("dialog");
    await meeting.getByTestId("forum-members").click();
    await page.getByRole("option").first().click();
    await meeting.getByTestId("forum-members").click();
    await page.getByRole("option").first().click();
    await page.keyboard.press("Escape");
    await meeting.getByLabel("Catatan rapat").fill("Distribusi unit dibahas terhadap kurva; dua penilai dengan nilai seragam diminta meninjau ulang lembarnya.");
    await meeting.getByRole("button", { name: "Simpan catatan rapat" }).click();
    await page.getByTestId("forum-sessions").waitFor();
    await page.getByTestId("forum-unit").scrollIntoViewIfNeeded();
    await shot(page, "22-forum-meeting-and-flags");
    await page.getByRole("tab", { name: "Kualitas penilai" }).click();
    await page.getByTestId("rater-quality").waitFor();
    await shot(page, "23-rater-quality");
    await page.getByRole("tab", { name: "Tindak lanjut" }).click();
    await page.getByTestId("follow-up-summary").getByRole("button", { name: "Pelatihan" }).click();
    await page.getByTestId("training-topics").getByRole("button").first().click();
    await shot(page, "24-follow-up-training", true);
    await page.getByRole("tab", { name: "Hasil" }).click();
    await page.getByTestId("results-scroller").getByRole("row").first().click();
    await page.getByTestId("explanation").waitFor();
    await shot(page, "13-result-explanation", true);
    await page.getByRole("button", { name: "Sesuaikan predikat (forum)" }).click();
    const adjust = page.getByRole("dialog");
    await adjust.getByLabel("Predikat baru").click();
    await page.getByRole("option").first().click();
    await adjust.getByLabel("Alasan forum").fill("Forum menilai capaian kegiatan lapangan belum tercermin pada nilai atasan.");
    await shot(page, "13b-forum-adjustment");
    await adjust.getByRole("button", { name: "Simpan penyesuaian" }).click();
    await page.getByText(/Predikat disesuaikan|Forum hanya boleh/).first().waitFor();
    await openFirstCycle(page);
    await page.getByRole("tab", { name: "Forum kalibrasi" }).click();
    await page.getByRole("tab", { name: "Penyesuaian predikat" }).click();
    await page.getByTestId("adjustments-table").waitFor();
    await shot(page, "25-predikat-adjustments");

    await page.goto("/accounts");
    await page.getByTestId("account-table").waitFor();
    await page.getByRole("button", { name: "Akun baru" }).click();
    await page.getByRole("dialog").getByTestId("account-employee").click();
    await page.getByRole("option").first().click();
    await page.getByRole("dialog").getByRole("button", { name: "Buat acak" }).click();
    await shot(page, "26-accounts-create");
    await page.keyboard.press("Escape");

    await page.goto("/audit");
    await page.getByTestId("audit-table").waitFor();
    await shot(page, "14-audit-log");

    await page.setViewportSize({ width: 820, height: 1100 });
    await openFirstCycle(page);
    await page.getByTestId("results-scroller").waitFor();
    await shot(page, "15-tablet-cycle");
    await context.close();

    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "binjai"));
    await assessor.page.getByRole("navigation", { name: "Lembar penilaian Anda" }).locator("a, button").first().click();
    await assessor.page.getByRole("button", { name: "Kirim penilaian" }).waitFor();
    await reopenIfLocked(assessor.page);
    await assessor.page.locator("form").getByRole("radio", { name: "4", exact: true }).first().click();
    await shot(assessor.page, "16-assessor-rating-form", true);
    await assessor.context.close();

    const binjai = await newPage(browser, server.url);
    await signIn(binjai.page, signInFor(server, "admin", "binjai"));
    await openFirstCycle(binjai.page);
    await binjai.page.getByLabel("Batas waktu Rekan kerja", { exact: true }).fill("2025-12-31");
    await binjai.page.getByRole("button", { name: "Simpan batas waktu Rekan kerja" }).click();
    await binjai.page.getByLabel("Batas waktu Atasan langsung", { exact: true }).fill("2026-12-15");
    await binjai.page.getByRole("button", { name: "Simpan batas waktu Atasan langsung" }).click();
    const ratee = signInFor(server, "employee", "binjai");
    await binjai.page.getByTestId("peer-ratee").click();
    await binjai.page.getByTestId("peer-ratee").fill(ratee);
    await binjai.page.getByRole("option", { name: new RegExp(ratee) }).click();
    for (let i = 0; i < 2; i++) {
      await binjai.page.getByTestId("peer-select").click();
      await binjai.page.getByRole("option").first().click();
    }
    await binjai.page.keyboard.press("Escape");
    await binjai.page.getByRole("button", { name: "Simpan rekan penilai" }).click();
    await binjai.page.getByTestId("late-table").waitFor();
    await shot(binjai.page, "27-cycle-peers-deadlines-late", true);
    await binjai.page.setViewportSize({ width: 820, height: 1100 });
    await binjai.page.waitForTimeout(300);
    await shot(binjai.page, "28-tablet-peers-deadlines");
    await binjai.page.setViewportSize({ width: 1366, height: 900 });
    await binjai.page.locator("label", { hasText: /^EN$/ }).click();
    await binjai.page.getByText("Late assessments").waitFor();
    await shot(binjai.page, "34-peers-deadlines-english", true);
    await binjai.context.close();

    const english = await newPage(browser, server.url);
    await signIn(english.page, signInFor(server, "admin", "samarinda"));
    await english.page.locator("label", { hasText: /^EN$/ }).click();
    await english.page.getByText("Predikat distribution against the curve").waitFor();
    await shot(english.page, "17-dashboard-english");
    await english.context.close();

    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "samarinda"));
    await employee.page.getByTestId("explanation").waitFor();
    await shot(employee.page, "18-employee-my-result", true);
    await employee.context.close();

    const planner = await newPage(browser, server.url);
    await signIn(planner.page, signInFor(server, "employee", "binjai"));
    await planner.page.goto("/plan");
    await planner.page.getByRole("button", { name: "Mulai SKP" }).click();
    await planner.page.getByRole("button", { name: "Tambah RHK" }).click();
    await planner.page.getByLabel("Rencana hasil kerja").fill("Tersusunnya modul ajar semester genap");
    await planner.page.getByLabel("IKI", { exact: true }).fill("Jumlah modul ajar yang disusun");
    await planner.page.getByLabel("Target").fill("4");
    await shot(planner.page, "19-employee-skp-editor", true);
    await planner.page.getByRole("button", { name: "Ajukan ke pejabat penilai" }).click();
    await planner.page.getByTestId("plan-status").getByText("Diajukan").waitFor();
    await planner.context.close();

    const reviewer = await newPage(browser, server.url);
    await signIn(reviewer.page, signInFor(server, "assessor", "binjai"));
    await reviewer.page.goto("/team");
    await reviewer.page.getByRole("navigation", { name: "SKP" }).locator("a, button").first().click();
    await reviewer.page.getByRole("button", { name: "Setujui" }).waitFor();
    await shot(reviewer.page, "20-assessor-plan-review", true);
    await reviewer.page.getByRole("button", { name: "Setujui" }).click();
    await reviewer.page.getByRole("dialog").getByRole("button", { name: "Simpan keputusan" }).click();
    await reviewer.page.getByText(/SKP .* disetujui\./).waitFor();

    const worker = await newPage(browser, server.url);
    await signIn(worker.page, signInFor(server, "employee", "binjai"));
    const workerName = ((await worker.page.getByTestId("user-name").textContent()) ?? "").trim();
    await worker.page.goto("/plan");
    await worker.page.getByTestId("work-iki").click();
    await worker.page.getByRole("option", { name: "Jumlah modul ajar yang disusun" }).click();
    await worker.page.getByLabel("Uraian pekerjaan").fill("Modul ajar IPA kelas 5 selesai");
    await worker.page.getByRole("button", { name: "Catat", exact: true }).click();
    await worker.page.getByTestId("work-entries").waitFor();
    await worker.page.getByRole("button", { name: "Umpan balik untuk Modul ajar IPA kelas 5 selesai" }).click();
    await worker.page.getByRole("dialog").getByLabel("Pertanyaan").fill("Apakah modul ini sudah memenuhi standar kurikulum?");
    await worker.page.getByRole("dialog").getByRole("button", { name: "Kirim permintaan" }).click();
    await worker.page.getByRole("dialog").getByTestId("feedback-thread").getByText("Apakah modul ini").waitFor();

    await reviewer.page.goto("/feedback");
    await reviewer.page.getByTestId("feedback-inbox").getByText("Modul ajar IPA kelas 5 selesai").waitFor();
    await shot(reviewer.page, "29-feedback-inbox");
    await reviewer.page.getByRole("button", { name: `Buka utas permintaan dari ${workerName}` }).first().click();
    await reviewer.page.getByRole("dialog").getByRole("button", { name: "Jawab" }).click();
    await reviewer.page.getByRole("dialog").getByLabel(`Jawaban untuk ${workerName}`).fill("Sudah sesuai; tambahkan satu asesmen formatif di akhir bab.");
    await reviewer.page.getByRole("dialog").getByRole("button", { name: "Kirim jawaban" }).click();
    await reviewer.page.getByRole("dialog").getByText("Sudah sesuai; tambahkan").waitFor();
    await shot(reviewer.page, "30-feedback-thread");

    await reviewer.page.goto("/dialogues");
    await reviewer.page.getByRole("navigation", { name: "Pegawai yang Anda nilai" }).getByText(workerName, { exact: true }).click();
    await reviewer.page.getByRole("button", { name: "Catat dialog" }).click();
    const talk = reviewer.page.getByRole("dialog");
    await talk.getByLabel("Topik").fill("Ketepatan waktu penyusunan modul ajar");
    await talk.getByLabel("Tindakan 1", { exact: true }).fill("Kirim draf modul H-7 sebelum dipakai");
    await talk.getByRole("button", { name: "+ Tambah tindakan" }).click();
    await talk.getByLabel("Tindakan 2", { exact: true }).fill("Ikut lokakarya asesmen formatif bulan depan");
    await talk.getByLabel("Catatan", { exact: true }).fill("Dua modul terakhir terlambat karena menunggu data nilai; data kini dikirim mingguan.");
    await shot(reviewer.page, "31-dialogue-record");
    await talk.getByRole("button", { name: "Simpan dialog" }).click();
    await reviewer.page.getByText("Dialog kinerja dicatat.").waitFor();
    await reviewer.context.close();

    await worker.page.goto("/dialogues");
    const talkCard = worker.page.getByRole("article", { name: /Ketepatan waktu penyusunan modul ajar/ });
    await talkCard.getByRole("button", { name: "Nilai manfaat" }).click();
    await talkCard.getByRole("radio", { name: "4", exact: true }).click();
    await talkCard.getByLabel("Komentar (tidak wajib)").fill("Tenggat H-7 membantu saya menyusun jadwal.");
    await shot(worker.page, "32-employee-rates-dialogue", true);
    await talkCard.getByRole("button", { name: "Simpan nilai" }).click();
    await talkCard.getByTestId("dialogue-usefulness").waitFor();
    await worker.context.close();

    const operator = await newPage(browser, server.url);
    await signIn(operator.page, signInFor(server, "operator", null));
    await operator.page.getByRole("button", { name: "Kota Binjai" }).click();
    await operator.page.goto("/regions");
    await operator.page.getByTestId("region-table").waitFor();
    await operator.page.getByRole("button", { name: "Wilayah baru" }).click();
    await operator.page.getByRole("dialog").getByLabel("Nama wilayah").fill("Kota Tebing Tinggi");
    await operator.page.getByRole("dialog").getByLabel(/^Nama( \*)?$/).fill("Admin BKPSDM Tebing Tinggi");
    await operator.page.getByRole("dialog").getByLabel("E-mail").fill("admin@tebingtinggi.kinerja.local");
    await shot(operator.page, "33-operator-new-region");
    await operator.context.close();

    const finaliser = await newPage(browser, server.url);
    await signIn(finaliser.page, signInFor(server, "admin", "samarinda"));
    await openFirstCycle(finaliser.page);
    await finaliser.page.getByRole("button", { name: "Finalkan siklus" }).click();
    await finaliser.page.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
    await finaliser.page.getByTestId("cycle-status").getByText("Final").waitFor();
    const appellant = await newPage(browser, server.url);
    await signIn(appellant.page, signInFor(server, "employee", "samarinda"));
    await appellant.page.getByRole("button", { name: "Ajukan keberatan" }).click();
    await appellant.page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Realisasi triwulan IV belum dihitung; bukti laporan terlampir di e-performance.");
    await appellant.page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await appellant.page.getByText("Menunggu keputusan").waitFor();
    await appellant.context.close();
    await finaliser.page.goto("/appeals");
    await finaliser.page.getByRole("navigation", { name: "Keberatan" }).locator("a, button").first().click();
    await finaliser.page.getByLabel("Alasan keputusan").waitFor();
    await shot(finaliser.page, "21-appeals-inbox");
    await finaliser.context.close();

    // On a phone: the employee's work entries as cards, their result with the appeal waiting, an assessor's
    // rating sheet and a region admin's account list.
    const phoneWorker = await newPage(browser, server.url, PHONE);
    await signIn(phoneWorker.page, signInFor(server, "employee", "binjai"));
    await phoneWorker.page.goto("/plan");
    const cards = phoneWorker.page.getByTestId("work-entry-cards");
    await cards.getByText("Modul ajar IPA kelas 5 selesai").waitFor();
    await cards.scrollIntoViewIfNeeded();
    await shot(phoneWorker.page, "35-phone-work-entries");
    await phoneWorker.context.close();

    const phoneEmployee = await newPage(browser, server.url, PHONE);
    await signIn(phoneEmployee.page, signInFor(server, "employee", "samarinda"));
    await phoneEmployee.page.getByTestId("explanation").waitFor();
    await shot(phoneEmployee.page, "36-phone-my-result");
    await phoneEmployee.context.close();

    const phoneAssessor = await newPage(browser, server.url, PHONE);
    await signIn(phoneAssessor.page, signInFor(server, "assessor", "amplas"));
    await phoneAssessor.page.goto("/assessments");
    await phoneAssessor.page.getByRole("navigation", { name: "Lembar penilaian Anda" }).locator("a, button").first().click();
    await phoneAssessor.page.getByRole("button", { name: "Kirim penilaian" }).waitFor();
    await reopenIfLocked(phoneAssessor.page);
    await shot(phoneAssessor.page, "37-phone-assessor-rating-form");
    await phoneAssessor.context.close();

    const phoneAdmin = await newPage(browser, server.url, PHONE);
    await signIn(phoneAdmin.page, signInFor(server, "admin", "pariaman"));
    await phoneAdmin.page.goto("/accounts");
    await phoneAdmin.page.getByTestId("account-table").waitFor();
    await shot(phoneAdmin.page, "38-phone-accounts");
    await phoneAdmin.context.close();
  } finally {
    await browser.close();
    await server.stop();
    rmSync(snapshot, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
