// Calibration and appeals, in Debian's Chromium against the real server, in two regions whose rule files
// differ (Binjai and Pariaman). The admin gives a unit its predikat organisasi, which puts it outside the
// curve, opens "Usulan penyesuaian", changes one move, rejects one, accepts the rest, gives one reason and
// applies: the session is stored with its reason and decisions, the preview's remaining breach is what
// the server counts, and a second session that accepts the moves still proposed brings the unit within the
// curve. After finalising, the employee appeals; the assessor's superior has no account, so the BKD admin
// decides, and both read who decides, why and by when before the admin decides; the stored appeal is read
// back. Screenshots at 1366 and 390 px; axe on the proposals and the appeal.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations, type AxeViolation } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, openFirstCycle, runEvaluation, signIn } from "./portal";
import { settled } from "./screens";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

/** Each region, and a unit that the predikat organisasi "Butuh Perbaikan" puts outside the curve with moves to decide. */
const REGIONS = [
  { id: "binjai", unit: "SMP Negeri 1 Binjai", decision: "reject" as const },
  { id: "pariaman", unit: "Dinas Penanaman Modal dan PTSP", decision: "uphold" as const },
];

describe.skipIf(inject("chromiumMissing") !== null)("calibration proposals and appeals decided by the fallback", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 60 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The assessor's own assessor (atasan) is set to a colleague who holds no account. */
  async function superiorWithoutAccount(page: Page, region: string): Promise<string> {
    const assessorNip = signInFor(server, "assessor", region);
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Organisasi & pegawai" }).click();
    await page.getByLabel("Cari pegawai").fill(assessorNip);
    const row = page.getByTestId("employee-table").locator("tr", { has: page.locator("td:first-child", { hasText: new RegExp(`^${assessorNip}$`) }) });
    await row.getByRole("button", { name: /^Atur penilai untuk / }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^Pejabat penilai \(NIP\)/).click();
    const superior = page.getByRole("option").filter({ hasNotText: assessorNip }).filter({ hasNotText: signInFor(server, "employee", region) }).first();
    const nama = ((await superior.textContent()) ?? "").split(" · ")[0]?.trim() ?? "";
    await superior.click();
    await dialog.getByRole("button", { name: "Simpan" }).click();
    await row.getByText(/^\d{18}$/).filter({ hasNotText: assessorNip }).waitFor();
    const accounts = await query(page, "account.list", {});
    expect(accounts.some((a) => a.name === nama)).toBe(false);
    return nama;
  }

  /**
   * The page's critical and serious axe violations outside the header: the header's notification bell puts
   * aria-expanded on a <div> on every screen, which is the bell's to fix, not these screens'.
   */
  async function ownViolations(page: Page): Promise<AxeViolation[]> {
    const found: AxeViolation[] = [];
    for (const violation of await seriousViolations(page)) {
      const selectors = violation.nodes.map((node) => node.slice(0, node.indexOf(": ")));
      const inHeader = await page.evaluate((list) => list.map((selector) => Boolean(document.querySelector(selector)?.closest("header"))), selectors);
      const nodes = violation.nodes.filter((_, i) => !inHeader[i]);
      if (nodes.length > 0) found.push({ ...violation, nodes });
    }
    return found;
  }

  /** The move of the named employee in the open proposals. */
  function moveOf(page: Page, nama: string): Locator {
    return page.getByTestId("calibration-proposals").getByRole("group", { name: nama, exact: true });
  }

  for (const region of REGIONS) {
    describe(region.id, () => {
      let admin: Page;
      let cycleId: string;

      beforeAll(async () => {
        admin = (await newPage(browser, server.url)).page;
        await signIn(admin, signInFor(server, "admin", region.id));
      });

      it("changes one proposed move, rejects one and accepts the rest in one session with one reason, then brings the unit within the curve", async () => {
        await superiorWithoutAccount(admin, region.id);
        await openFirstCycle(admin);
        await runEvaluation(admin);
        cycleId = /\/cycles\/([^/]+)/.exec(admin.url())![1]!;
        await admin.getByRole("tab", { name: "Kalibrasi" }).click();
        const table = admin.getByTestId("calibration-table");
        await table.getByRole("button", { name: region.unit, exact: true }).click();
        await admin.getByRole("combobox", { name: "Predikat organisasi" }).click();
        await admin.getByRole("option", { name: "Butuh Perbaikan", exact: true }).click();
        const unitRow = table.getByRole("row").filter({ has: admin.getByRole("button", { name: region.unit, exact: true }) });
        await unitRow.getByText(/batas dilanggar/).waitFor();
        const unitId = (await query(admin, "result.distribution", { cycleId })).units.find((u) => u.unitName === region.unit)!.unitId;

        await admin.getByRole("button", { name: "Usulan penyesuaian unit ini" }).click();
        const panel = admin.getByTestId("calibration-proposals");
        await panel.getByTestId("proposal-move").first().waitFor();
        // The same proposals as the screen's, to name each decision's employee.
        const proposals = await query(admin, "forum.proposals", { cycleId, unitIds: [unitId] });
        const moves = proposals.units[0]!.moves;
        expect(await panel.getByTestId("proposal-move").count()).toBe(moves.length);
        const down = moves.filter((m) => m.from === "baik" && m.to === "butuh_perbaikan");
        expect(down.length).toBeGreaterThanOrEqual(2);
        const [changed, rejected] = down as [(typeof moves)[number], (typeof moves)[number]];
        expect(await moveOf(admin, changed.nama).getByTestId("proposal-arrow").textContent()).toBe("Baik → Butuh Perbaikan");

        await moveOf(admin, changed.nama).getByText("Ubah", { exact: true }).click();
        await admin.getByRole("combobox", { name: `Predikat lain untuk ${changed.nama}` }).click();
        await admin.getByRole("option", { name: "Sangat Baik", exact: true }).click();
        await moveOf(admin, rejected.nama).getByText("Tolak", { exact: true }).click();
        const reason = `Forum evaluasi ${region.unit}: sebaran predikat disesuaikan dengan kinerja unit`;
        await panel.getByLabel("Alasan sesi kalibrasi").fill(reason);
        await panel.getByTestId("proposal-summary").getByText(`${moves.length - 2} diterima, 1 diubah, 1 ditolak`).waitFor();
        // A rejected move leaves the unit short of the curve: the screen says so before anything is applied.
        const preview = await panel.getByTestId("proposal-preview").innerText();
        expect(preview).toMatch(/masih melanggar \d+ batas/);

        const violations = await ownViolations(admin);
        expect(violations, describeViolations("calibration proposals", violations)).toEqual([]);
        const fit = await checkFit(admin, `calibration-proposals-${region.id}`);
        expect(fit.overflow).toBe(0);

        await panel.getByRole("button", { name: "Terapkan" }).click();
        await admin.getByText(/^Sesi kalibrasi dicatat/).waitFor();
        await panel.waitFor({ state: "hidden" });
        const [session] = await query(admin, "forum.calibrations", { cycleId });
        expect(session).toMatchObject({ unitIds: [unitId], reason });
        const decided = new Map(session!.moves.map((m) => [m.employeeId, m]));
        expect(decided.get(changed.employeeId)).toMatchObject({ decision: "change", to: "sangat_baik" });
        expect(decided.get(rejected.employeeId)).toMatchObject({ decision: "reject", to: null });
        for (const move of moves.filter((m) => m !== changed && m !== rejected)) expect(decided.get(move.employeeId)).toMatchObject({ decision: "accept", to: move.to });
        const afterFirst = (await query(admin, "result.distribution", { cycleId })).units.find((u) => u.unitId === unitId)!;
        expect(afterFirst.broken).toBeGreaterThan(0);
        const changedResult = (await query(admin, "result.list", { cycleId, unitId, limit: 100 })).items.find((r) => r.employeeId === changed.employeeId);
        expect(changedResult?.predikat).toBe("sangat_baik");

        // The forum meets again and accepts every move still proposed.
        await admin.getByRole("button", { name: "Usulan penyesuaian unit ini" }).click();
        await panel.getByTestId("proposal-preview").getByText("Dengan keputusan ini unit sesuai kurva.").waitFor();
        const second = "Forum evaluasi lanjutan: usulan yang tersisa diterima seluruhnya";
        await panel.getByLabel("Alasan sesi kalibrasi").fill(second);
        await panel.getByRole("button", { name: "Terapkan" }).click();
        await panel.waitFor({ state: "hidden" });
        await unitRow.getByText("✓ Sesuai").waitFor();
        const stored = (await query(admin, "result.distribution", { cycleId })).units.find((u) => u.unitId === unitId)!;
        expect(stored.broken).toBe(0);
        expect(stored.checks.every((c) => !c.broken)).toBe(true);
        const sessions = await query(admin, "forum.calibrations", { cycleId });
        expect(sessions.map((s) => s.reason)).toEqual([second, reason]);
      });

      it("fits a phone: the proposals for every unit outside the curve do not scroll sideways at 390 px", async () => {
        const { context, page } = await newPage(browser, server.url, PHONE);
        await signIn(page, signInFor(server, "admin", region.id));
        await page.goto(`/cycles/${cycleId}`);
        await page.getByRole("tab", { name: "Kalibrasi" }).click();
        await page.getByTestId("curve-state").getByRole("button", { name: "Usulan penyesuaian" }).click();
        await page.getByTestId("calibration-proposals").getByTestId("proposal-move").first().waitFor();
        const fit = await checkFit(page, `calibration-proposals-${region.id}`);
        expect(fit.overflow).toBe(0);
        expect(fit.narrow).toEqual([]);
        await context.close();
      });

      it("lets the employee appeal the finalised result; the BKD admin decides it because the superior has no account", async () => {
        await admin.goto(`/cycles/${cycleId}`);
        await admin.getByRole("button", { name: "Finalkan siklus" }).click();
        await admin.getByRole("dialog").getByRole("button", { name: "Finalkan siklus" }).click();
        await admin.getByTestId("cycle-status").getByText("Final").waitFor();

        const employee = await newPage(browser, server.url);
        await signIn(employee.page, signInFor(server, "employee", region.id));
        const nama = ((await employee.page.getByTestId("user-name").textContent()) ?? "").trim();
        const before = ((await employee.page.getByTestId("explanation-predikat").textContent()) ?? "").trim();
        await employee.page.getByRole("button", { name: "Ajukan keberatan" }).click();
        await employee.page.getByRole("dialog").getByLabel("Alasan keberatan").fill("Capaian kegiatan triwulan IV belum masuk perhitungan; laporannya terlampir.");
        await employee.page.getByRole("dialog").getByRole("button", { name: "Kirim keberatan" }).click();
        await employee.page.getByText("Menunggu keputusan").waitFor();
        expect(await employee.page.getByTestId("appeal-decider").textContent()).toBe("Diputus oleh admin BKD (atasan tidak memiliki akun).");
        expect(await employee.page.getByTestId("appeal-deadline").textContent()).toMatch(/^Batas waktu putusan atasan: .+\d{4}/);
        expect(await employee.page.getByTestId("appeal-deadline").textContent()).not.toContain("sudah lewat");

        await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Keberatan" }).click();
        await admin.getByRole("navigation", { name: "Keberatan" }).getByText(nama).click();
        expect(await admin.getByTestId("appeal-decider").textContent()).toBe("Diputus oleh admin BKD (atasan tidak memiliki akun).");
        const deadline = (await admin.getByTestId("appeal-deadline").textContent()) ?? "";
        expect(deadline).toBe(await employee.page.getByTestId("appeal-deadline").textContent());
        expect(await admin.getByTestId("appeal-not-yours").count()).toBe(0);
        await settled(admin);
        const violations = await ownViolations(admin);
        expect(violations, describeViolations("appeal", violations)).toEqual([]);
        await checkFit(admin, `appeal-${region.id}`);

        const decision = region.decision === "reject" ? "Realisasi triwulan IV sudah dihitung dalam penilaian." : "Laporan triwulan IV sah; capaian dihitung ulang.";
        await admin.getByLabel("Alasan keputusan").fill(decision);
        let upheldTo: string | null = null;
        if (region.decision === "uphold") {
          await admin.getByRole("combobox", { name: "Predikat baru (bila dikabulkan)" }).click();
          const option = admin.getByRole("option").filter({ hasNotText: new RegExp(`^${before}$`) }).first();
          upheldTo = ((await option.textContent()) ?? "").trim();
          await option.click();
          await admin.getByRole("button", { name: "Kabulkan" }).click();
          await admin.getByText(/dikabulkan; hasil dinilai ulang/).waitFor();
        } else {
          await admin.getByRole("button", { name: "Tolak keberatan" }).click();
          await admin.getByText(/ditolak\./).waitFor();
        }

        const status = region.decision === "reject" ? "rejected" : "upheld";
        const appeal = (await query(admin, "appeal.inbox", { status })).find((a) => a.employee.nama === nama);
        expect(appeal).toMatchObject({ status, decisionReason: decision, decider: { kind: "admin", reason: "no_account" }, actions: [] });
        if (upheldTo) expect(appeal?.newPredikatLabel).toBe(upheldTo);

        await employee.page.reload();
        await employee.page.getByText(region.decision === "reject" ? "Ditolak" : "Dikabulkan", { exact: true }).waitFor();
        await checkFit(employee.page, `my-appeal-${region.id}`);
        await employee.context.close();

        const phone = await newPage(browser, server.url, PHONE);
        await signIn(phone.page, signInFor(server, "admin", region.id));
        await phone.page.goto("/appeals");
        await phone.page.getByRole("combobox", { name: "Status keberatan" }).click();
        await phone.page.getByRole("option", { name: "Semua" }).click();
        await phone.page.getByRole("navigation", { name: "Keberatan" }).getByText(nama).click();
        await phone.page.getByTestId("appeal-decider").waitFor();
        const fit = await checkFit(phone.page, `appeal-${region.id}`);
        expect(fit.overflow).toBe(0);
        await phone.context.close();
      });
    });
  }
});
