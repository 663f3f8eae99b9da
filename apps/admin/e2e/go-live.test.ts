// A region goes live, in Debian's Chromium against the real server, which mails a real SMTP server the test
// starts on loopback and looks for reminders every two seconds. Kecamatan Medan Amplas is seeded with 5,000
// employees, three of whom hold accounts. Its BKD admin imports the e-mail on file of an employee and of
// the employee's assessor's superior, makes accounts for the whole region as one job with progress, and
// both are invited by mail; each activates their account with the code in the mail. The admin sets the
// self-assessment deadline three days ahead, and the employee, whose self-assessment their assessor opened
// again, is reminded by mail and submits it with the mouse and the keyboard. The admin runs the cycle,
// calibrates a unit the predikat organisasi puts outside the curve back within it in one forum session,
// reads in the finalise dialog which units are outside the curve, and finalises. The employee appeals; the
// superior, told by mail, opens the appeal from the mail's link and decides it, and the employee is told by
// mail. Every mail is read back from the SMTP server and every step from the server's stored state.
import { startSmtp, type ReceivedMail, type TestSmtp } from "@kinerja/api/testing/smtp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, openCycleId, query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, runEvaluation, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { rateAndCheck } from "./sheets";
import { checkFit, PHONE } from "./viewport";

const REGION = "amplas";
const SIZE = 5_000;
const NEW_PASSWORD = "Durian-Amplas-2026";
/** The unit that the predikat organisasi "Butuh Perbaikan" puts outside the curve. */
const UNIT = "Kelurahan Harjosari I";

interface Person {
  id: string;
  nip: string;
  nama: string;
  email: string;
}

/** The date `days` after today in Indonesia's western time (WIB), as the deadlines are kept: YYYY-MM-DD. */
function dateInWib(days: number): string {
  return new Date(Date.now() + 7 * 60 * 60 * 1000 + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The activation code a mailed invitation carries. */
function codeIn(mail: ReceivedMail): string {
  const code = /Kode aktivasi: ([A-Z0-9-]+)/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no activation code in: ${mail.text}`);
  return code;
}

/** The first link to the portal in a mail. */
function linkIn(mail: ReceivedMail): URL {
  const link = /https?:\/\/\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no link in: ${mail.text}`);
  return new URL(link);
}

describe.skipIf(inject("chromiumMissing") !== null)(`a region of ${SIZE.toLocaleString("id-ID")} employees goes live`, () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let employee: Page;
  let superiorPage: Page;
  let cycleId: string;
  /** The assessor's team member without an account, who goes live in the test. */
  let pegawai: Person;
  /** The assessor's own superior (atasan pejabat penilai), who decides the appeal. */
  let atasan: Person;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({
      seedSize: SIZE,
      timeoutMs: 300_000,
      env: { KINERJA_SMTP_URL: smtp.url, KINERJA_MAIL_FROM: "Kinerja Medan Amplas <kinerja@amplas.uji>", KINERJA_REMINDER_EVERY_MS: "2000" },
    });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
    await signIn(admin, signInFor(server, "admin", REGION));
    cycleId = await openCycleId(admin);
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("imports the e-mails on file, makes accounts for the whole region as one job, and invites by mail those with an address", async () => {
    const assessorNip = signInFor(server, "assessor", REGION);
    const [assessor] = (await query(admin, "employee.list", { search: assessorNip, limit: 5 })).items;
    expect(assessor?.atasanNip).toBeTruthy();
    const accounts = await query(admin, "account.list", {});
    expect(accounts).toHaveLength(3);
    // The assessor's team, as the assessor reads it.
    const assessorPage = await newPage(browser, server.url);
    await signIn(assessorPage.page, assessorNip);
    const team = (await query(assessorPage.page, "employee.list", { limit: 100 })).items;
    await assessorPage.context.close();
    const member = team.find((e) => !accounts.some((a) => a.username === e.nip));
    const [superior] = (await query(admin, "employee.list", { search: assessor!.atasanNip!, limit: 5 })).items;
    if (!member || !superior) throw new Error(`the seeded assessor ${assessorNip} has no team member without an account, or no superior`);
    pegawai = { id: member.id, nip: member.nip, nama: member.nama, email: "utami.pegawai@amplas.uji" };
    atasan = { id: superior.id, nip: superior.nip, nama: superior.nama, email: "eko.atasan@amplas.uji" };
    expect(accounts.some((a) => a.username === atasan.nip)).toBe(false);

    // The register with an E-mail column, for the two, as the BKD keeps it in a spreadsheet.
    const header = ["NIP", "Nama", "Jabatan", "Jenis Jabatan", "Jenjang", "Golongan", "Status", "Unit", "NIP Atasan", "E-mail"];
    const rows = [
      [member, pegawai.email],
      [superior, atasan.email],
    ].map(([e, email]) => {
      const p = e as typeof member;
      return [p.nip, p.nama, p.jabatan, p.jenisJabatan ?? "", p.jenjang ?? "", p.golongan ?? "", p.status ?? "", p.unitId, p.atasanNip ?? "", email as string];
    });
    expect(Object.keys(member.attributes), "attributes the sheet would drop").toEqual([]);
    const csv = [header, ...rows].map((r) => r.join(";")).join("\r\n");
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Organisasi & pegawai" }).click();
    await admin.getByRole("tab", { name: "Impor" }).click();
    await admin.locator("input[type=file]").first().setInputFiles({ name: "pegawai-email.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
    await admin.getByRole("button", { name: "Impor", exact: true }).click();
    await admin.getByText("2 baris: 0 pegawai baru, 2 diperbarui.").waitFor();
    for (const person of [pegawai, atasan]) {
      const [stored] = (await query(admin, "employee.list", { search: person.nip, limit: 5 })).items;
      expect(stored?.attributes).toEqual({ email: person.email });
    }

    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Akun pengguna" }).click();
    await admin.getByRole("button", { name: "Buat akun massal" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByText("Seluruh wilayah", { exact: true }).click();
    const preview = dialog.getByTestId("bulk-preview");
    await preview.getByText(/belum punya akun/).waitFor();
    const missing = Number(/([\d.]+) belum punya akun/.exec(await preview.innerText())?.[1]?.replace(/\./g, ""));
    expect(missing).toBe(SIZE - 2);
    await dialog.getByRole("button", { name: new RegExp(`^Buat ${missing.toLocaleString("id-ID")} akun$|^Buat ${missing} akun$`) }).click();
    await dialog.getByText("Selesai", { exact: true }).waitFor({ timeout: 120_000 });
    const progress = await dialog.getByTestId("bulk-progress").innerText();
    expect(progress).toContain("2 di antaranya diundang lewat e-mail yang tercatat");
    await checkFit(admin, "go-live-bulk-accounts");
    const status = await query(admin, "account.bulkStatus", {});
    expect(status).toMatchObject({ status: "succeeded", created: missing, invited: 2, done: missing, total: missing });
    expect((await query(admin, "account.list", {})).length).toBe(SIZE + 1);
    await admin.keyboard.press("Escape");
    // The list shows a page of the region's 5,001 accounts, and more on request; the rest are found by search.
    const count = admin.getByTestId("account-count");
    await count.getByText("Menampilkan 100 dari 5.001 akun", { exact: false }).waitFor();
    expect(await admin.getByTestId("account-table").locator("tbody tr").count()).toBe(100);
    await count.getByRole("button", { name: "Tampilkan 100 lagi" }).click();
    await count.getByText("Menampilkan 200 dari 5.001 akun", { exact: false }).waitFor();
    expect(await admin.getByTestId("account-table").locator("tbody tr").count()).toBe(200);
    await admin.getByLabel("Cari akun").fill(pegawai.nip);
    await admin.getByTestId("account-table").locator("tbody tr").filter({ hasText: pegawai.nama }).waitFor();
    expect(await admin.getByTestId("account-table").locator("tbody tr").count()).toBe(1);
    expect(await count.count()).toBe(0);

    for (const person of [pegawai, atasan]) {
      const mail = await smtp.mailTo(person.email, /^Akun Kinerja Anda siap diaktifkan$/);
      expect(mail.text).toContain(`Yth. ${person.nama}`);
      expect(mail.text).toContain(`NIP: ${person.nip}`);
    }
  }, 300_000);

  /** The holder opens the link in their invitation, activates with its code and is signed in. */
  async function activateFromMail(person: Person, viewport?: { width: number; height: number }): Promise<Page> {
    const mail = await smtp.mailTo(person.email, /^Akun Kinerja Anda siap diaktifkan$/);
    const link = linkIn(mail);
    expect(link.pathname).toBe("/aktivasi");
    expect(link.port).toBe(new URL(server.url).port);
    const { page } = await newPage(browser, server.url, viewport);
    await page.goto(link.pathname);
    await page.getByRole("heading", { name: "Aktivasi akun" }).waitFor();
    await page.getByLabel(/^NIP/).fill(person.nip);
    await page.getByLabel("Kode aktivasi").fill(codeIn(mail));
    await page.getByLabel(/^Kata sandi baru/).fill(NEW_PASSWORD);
    await page.getByLabel("Ulangi kata sandi baru").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
    await page.getByRole("button", { name: "Keluar" }).waitFor({ timeout: 30_000 });
    expect(((await page.getByTestId("user-name").textContent()) ?? "").trim()).toBe(person.nama);
    // The account now takes mail at the invited address.
    const account = (await query(admin, "account.list", {})).find((a) => a.username === person.nip);
    expect(account).toMatchObject({ email: person.email, activeSessions: 1 });
    return page;
  }

  it("lets the employee and the superior activate their accounts from the mailed invitation, which signs them in", async () => {
    employee = await activateFromMail(pegawai, PHONE);
    superiorPage = await activateFromMail(atasan);
  }, 120_000);

  it("reminds the employee by mail of the self-assessment due in three days, which they then submit", async () => {
    // The seed sends every sheet; the employee's assessor opens their self-assessment again (the portal has
    // no screen for opening someone else's self-assessment, so the API does it, as the assessor).
    const form = await query(employee, "assessment.form", { cycleId, employeeId: pegawai.id, source: "self" });
    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", REGION));
    expect(form.sheet?.submittedAt).toBeTruthy();
    await mutate(assessor.page, "assessment.reopen", { assessmentId: form.sheet!.id, reason: "Penilaian diri perlu dilengkapi bukti" });
    await assessor.context.close();

    const due = dateInWib(3);
    await admin.goto(`/cycles/${cycleId}`);
    await admin.getByRole("tab", { name: "Pelaksanaan penilaian" }).click();
    const field = admin.getByLabel("Batas waktu Diri sendiri", { exact: true });
    await field.fill(due);
    await admin.getByRole("button", { name: "Simpan batas waktu Diri sendiri" }).click();
    await admin.getByText(`Batas waktu Diri sendiri: ${due}.`).waitFor();
    await admin.reload();
    await admin.getByRole("tab", { name: "Pelaksanaan penilaian" }).click();
    expect(await admin.getByLabel("Batas waktu Diri sendiri", { exact: true }).inputValue()).toBe(due);

    const reminder = await smtp.mailTo(pegawai.email, /^Pengingat: 1 lembar penilaian jatuh tempo /, 60_000);
    expect(reminder.text).toContain(`Yth. ${pegawai.nama}`);
    expect(reminder.text).toContain("3 hari lagi");
    expect(linkIn(reminder).pathname).toBe("/assessments");
    // Only the one who still owes a sheet of that deadline is reminded.
    expect(smtp.received.filter((m) => m.subject.startsWith("Pengingat:")).map((m) => m.to[0])).toEqual([pegawai.email]);

    await employee.goto(linkIn(reminder).pathname);
    const task = (await query(employee, "assessment.tasks", { cycleId })).find((t) => t.source === "self");
    if (!task) throw new Error("no self-assessment for the employee");
    await rateAndCheck(employee, task, cycleId);
    await checkFit(employee, "go-live-self-assessment");
  }, 180_000);

  it("calibrates a unit back within the curve in one session, names the units outside it when finalising, and finalises", async () => {
    await admin.goto(`/cycles/${cycleId}`);
    await runEvaluation(admin);
    const results = await query(admin, "result.list", { cycleId, limit: 1 });
    expect(results.total).toBe(SIZE);

    await admin.getByRole("tab", { name: "Kalibrasi" }).click();
    const table = admin.getByTestId("calibration-table");
    await table.getByRole("button", { name: UNIT, exact: true }).click();
    await admin.getByRole("combobox", { name: "Predikat organisasi" }).click();
    await admin.getByRole("option", { name: "Butuh Perbaikan", exact: true }).click();
    const unitRow = table.getByRole("row").filter({ has: admin.getByRole("button", { name: UNIT, exact: true }) });
    await unitRow.getByText(/batas dilanggar/).waitFor();
    const unitId = (await query(admin, "result.distribution", { cycleId })).units.find((u) => u.unitName === UNIT)!.unitId;

    await admin.getByRole("button", { name: "Usulan penyesuaian unit ini" }).click();
    const panel = admin.getByTestId("calibration-proposals");
    await panel.getByTestId("proposal-move").first().waitFor({ timeout: 60_000 });
    const proposals = await query(admin, "forum.proposals", { cycleId, unitIds: [unitId] });
    const moves = proposals.units[0]!.moves;
    expect(moves.length).toBeGreaterThan(0);
    await panel.getByTestId("proposal-preview").getByText("Dengan keputusan ini unit sesuai kurva.").waitFor();
    const reason = `Forum evaluasi ${UNIT}: sebaran predikat mengikuti predikat organisasi unit`;
    await panel.getByLabel("Alasan sesi kalibrasi").fill(reason);
    await panel.getByRole("button", { name: "Terapkan" }).click();
    await panel.waitFor({ state: "hidden", timeout: 60_000 });
    await unitRow.getByText("✓ Sesuai").waitFor();
    const stored = (await query(admin, "result.distribution", { cycleId })).units.find((u) => u.unitId === unitId)!;
    expect(stored.broken).toBe(0);
    const [session] = await query(admin, "forum.calibrations", { cycleId });
    expect(session).toMatchObject({ unitIds: [unitId], reason });
    expect(session!.moves).toHaveLength(moves.length);
    expect(session!.moves.every((m) => m.decision === "accept")).toBe(true);

    const outside = (await query(admin, "result.distribution", { cycleId })).units.filter((u) => u.broken > 0);
    await admin.getByRole("button", { name: "Finalkan siklus" }).click();
    const confirm = admin.getByRole("dialog");
    if (outside.length === 0) await confirm.getByText("Semua unit sesuai kurva distribusi.").waitFor();
    else {
      await confirm.getByText(`${outside.length} unit di luar kurva distribusi`).waitFor();
      for (const unit of outside) await confirm.getByText(unit.unitName, { exact: false }).first().waitFor();
    }
    await checkFit(admin, "go-live-finalise");
    await confirm.getByRole("button", { name: "Finalkan siklus" }).click();
    await admin.getByTestId("cycle-status").getByText("Final").waitFor();
    expect((await query(admin, "cycle.list", {})).find((c) => c.id === cycleId)?.status).toBe("finalised");

    // Everyone with an account is told; the two with an address by mail.
    const published = await smtp.mailTo(pegawai.email, /^Hasil penilaian .* telah ditetapkan$/);
    expect(linkIn(published).pathname).toBe("/me");
  }, 300_000);

  it("takes the employee's appeal to the superior, who is told by mail, opens it from the link and decides; the employee is told by mail", async () => {
    await employee.goto("/me");
    const before = ((await employee.getByTestId("explanation-predikat").textContent()) ?? "").trim();
    expect(before).not.toBe("");
    await employee.getByRole("button", { name: "Ajukan keberatan" }).click();
    await employee.getByRole("dialog").getByLabel("Alasan keberatan").fill("Bukti pelayanan administrasi triwulan IV belum diperhitungkan.");
    await employee.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
    await employee.getByText("Menunggu keputusan").waitFor();
    expect(await employee.getByTestId("appeal-decider").textContent()).toBe(`Diputus oleh atasan pejabat penilai, ${atasan.nama} (NIP ${atasan.nip}).`);
    await checkFit(employee, "go-live-appeal");

    const filed = await smtp.mailTo(atasan.email, /^Keberatan dari .* menunggu keputusan Anda$/);
    expect(filed.subject).toBe(`Keberatan dari ${pegawai.nama} menunggu keputusan Anda`);
    const link = linkIn(filed);
    expect(link.pathname).toBe("/appeals");
    await superiorPage.goto(`${link.pathname}${link.search}`);
    expect(await superiorPage.getByTestId("appeal-decider").textContent()).toBe(`Diputus oleh atasan pejabat penilai, ${atasan.nama} (NIP ${atasan.nip}).`);
    const decision = "Bukti triwulan IV sudah diperiksa dan sudah termasuk dalam penilaian.";
    await superiorPage.getByLabel("Alasan keputusan").fill(decision);
    await superiorPage.getByRole("button", { name: "Tolak keberatan" }).click();
    await superiorPage.getByText(/ditolak\./).waitFor();

    const [appeal] = (await query(superiorPage, "appeal.inbox", { status: "rejected" })).filter((a) => a.employee.nip === pegawai.nip);
    expect(appeal).toMatchObject({ status: "rejected", decisionReason: decision, decidedBy: atasan.nama, decider: { kind: "atasan", reason: "superior", nip: atasan.nip } });

    const decided = await smtp.mailTo(pegawai.email, /^Keberatan Anda atas .* telah diputus$/);
    expect(decided.text).toContain(`ditolak (${decision})`);
    await employee.goto(linkIn(decided).pathname);
    await employee.getByText("Ditolak", { exact: true }).waitFor();
    expect(((await employee.getByTestId("explanation-predikat").textContent()) ?? "").trim()).toBe(before);
  }, 180_000);
});
