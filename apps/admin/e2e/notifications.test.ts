// Notifications in Debian's Chromium against the real server: an employee submits their SKP with real
// clicks; their assessor signs in, reads the bell's unread count, opens the panel, clicks the notification,
// lands on the team page where the SKP waits, and the count goes down, as the server's stored count says
// too. The employee then chooses to be told in the portal only, then by a daily digest, which the stored
// preference confirms each time. The region's admin rewords the "SKP approved" notification with a preview
// and sets the reminder days on the settings screen, each read back from the server; when the assessor
// approves the SKP, the employee's bell tells them in the region's words.
// Screenshots of the open panel and of "Akun saya" at 1366 and 390 px; neither scrolls sideways.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

/** The unread count the bell shows: its number, from its visible badge and its accessible name alike. */
async function bellCount(page: Page): Promise<number> {
  const bell = page.getByTestId("notification-bell");
  const name = (await bell.getAttribute("aria-label")) ?? "";
  const named = /(\d+) belum dibaca/.exec(name)?.[1];
  const badge = page.locator(".mantine-Indicator-root", { has: bell }).locator(".mantine-Indicator-indicator");
  if (named === undefined) {
    expect(name).toBe("Pemberitahuan");
    expect(await badge.isVisible()).toBe(false);
    return 0;
  }
  expect((await badge.innerText()).trim()).toBe(named);
  return Number(named);
}

describe.skipIf(inject("chromiumMissing") !== null)("notifications: the bell and how to be told", () => {
  let server: RunningServer;
  let browser: Browser;
  let employee: Page;
  let employeeName: string;
  let assessor: Page;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    employee = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("tells the assessor of a submitted SKP under the bell, opens where to act, and counts it read", async () => {
    await signIn(employee, signInFor(server, "employee", "binjai"));
    employeeName = ((await employee.getByTestId("user-name").textContent()) ?? "").trim();
    expect(employeeName).not.toBe("");
    await employee.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "SKP & catatan kerja saya" }).click();
    await employee.getByRole("button", { name: "Mulai SKP" }).click();
    await employee.getByRole("button", { name: "Tambah RHK" }).click();
    await employee.getByLabel("Rencana hasil kerja").fill("Terselenggaranya layanan kepegawaian tepat waktu");
    await employee.getByLabel("IKI", { exact: true }).fill("Persentase layanan selesai tepat waktu");
    await employee.getByLabel("Target").fill("90");
    await employee.getByRole("button", { name: "Ajukan ke pejabat penilai" }).click();
    await employee.getByTestId("plan-status").getByText("Diajukan").waitFor();

    assessor = (await newPage(browser, server.url)).page;
    await signIn(assessor, signInFor(server, "assessor", "binjai"));
    const bell = assessor.getByTestId("notification-bell");
    await bell.and(assessor.locator("[aria-label$='belum dibaca']")).waitFor();
    const before = await bellCount(assessor);
    expect(before).toBeGreaterThanOrEqual(1);
    expect(await query(assessor, "notification.unreadCount", undefined)).toBe(before);

    await bell.click();
    const item = assessor.getByTestId("notification-item").filter({ hasText: `SKP ${employeeName} menunggu persetujuan Anda` });
    await item.getByText("Baru").waitFor();
    await checkFit(assessor, "notification-panel");
    const panelViolations = await seriousViolations(assessor);
    expect(panelViolations, describeViolations("notification panel", panelViolations)).toEqual([]);
    await item.click();
    await assessor.waitForURL(/\/team$/);
    // The team page, where the submitted SKP waits for the assessor's decision.
    await assessor.getByRole("navigation", { name: "SKP" }).getByText(employeeName).first().waitFor();
    await bell.and(assessor.locator(before === 1 ? "[aria-label='Pemberitahuan']" : `[aria-label='Pemberitahuan, ${before - 1} belum dibaca']`)).waitFor();
    expect(await bellCount(assessor)).toBe(before - 1);
    expect(await query(assessor, "notification.unreadCount", undefined)).toBe(before - 1);
    const stored = await query(assessor, "notification.inbox", { limit: 50 });
    const opened = stored.items.find((n) => n.title === `SKP ${employeeName} menunggu persetujuan Anda`);
    expect(opened).toMatchObject({ read: true, link: "/team", kind: "plan_submitted" });

    // Opened again, the panel shows it read.
    await bell.click();
    await item.waitFor();
    await expect.poll(() => item.getByText("Baru").count()).toBe(0);
    await assessor.keyboard.press("Escape");
  });

  it("lets the employee choose the portal only, then a daily digest, as the server then stores", async () => {
    const before = await query(employee, "notification.preference", undefined);
    expect(before.email).toBe(true);
    await employee.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Akun saya" }).click();
    const preferences = employee.locator("#pemberitahuan");
    const portalOnly = preferences.getByRole("radio", { name: "Portal saja" });
    await portalOnly.click();
    await employee.getByText("Cara pemberitahuan disimpan.").waitFor();
    expect(await query(employee, "notification.preference", undefined)).toMatchObject({ email: false });

    await employee.reload();
    await portalOnly.waitFor();
    expect(await portalOnly.isChecked()).toBe(true);
    expect(await preferences.getByRole("radio", { name: "E-mail dan portal" }).isChecked()).toBe(false);
    const digest = preferences.getByRole("switch", { name: /Satu e-mail ringkasan sehari/ });
    expect(await digest.isDisabled()).toBe(true);

    // Mail again, as one digest a day.
    await preferences.getByRole("radio", { name: "E-mail dan portal" }).click();
    await expect.poll(() => digest.isDisabled()).toBe(false);
    await digest.click({ force: true });
    await expect.poll(() => query(employee, "notification.preference", undefined)).toMatchObject({ email: true, digest: true });
    // The switch shows the stored choice once the save has been read back.
    await expect.poll(() => digest.isChecked()).toBe(true);
    const preferenceViolations = await seriousViolations(employee);
    expect(preferenceViolations, describeViolations("notification preferences", preferenceViolations)).toEqual([]);
    const wide = await checkFit(employee, "notification-preferences");
    expect(wide.overflow).toBe(0);
  });

  it("lets the region's admin reword a notification with a preview, set the reminder days and read the mail queue", async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "admin", "binjai"));
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Pengaturan", exact: true }).click();

    await page.getByRole("tab", { name: "Templat pemberitahuan" }).click();
    const editor = page.getByTestId("template-editor");
    await editor.getByRole("heading", { name: "SKP diajukan (kepada pejabat penilai)" }).waitFor();
    await page.getByTestId("template-kind").click();
    await page.getByRole("option", { name: "SKP disetujui (kepada pegawai)" }).click();
    await editor.getByRole("heading", { name: "SKP disetujui (kepada pegawai)" }).waitFor();
    const subject = editor.getByLabel("Subjek");
    expect(await subject.inputValue()).toBe("SKP Anda untuk {{siklus}} disetujui");
    // A placeholder the kind does not offer is refused by name before anything is stored.
    await subject.fill("SKP {{nama_pegawai}} untuk {{siklus}} disetujui");
    await editor.getByRole("button", { name: "Pratinjau" }).click();
    await editor.getByRole("alert").getByText(/Placeholder \{\{nama_pegawai\}\} pada subjek/).waitFor();
    await subject.fill("Selamat, SKP {{siklus}} Anda disetujui");
    await editor.getByRole("button", { name: "Pratinjau" }).click();
    await editor.getByTestId("template-preview").getByText("Selamat, SKP Penilaian Tahunan 2026 Anda disetujui").waitFor();
    await editor.getByRole("button", { name: "Simpan" }).click();
    await page.getByText("Templat «SKP disetujui (kepada pegawai)» disimpan.").waitFor();
    const templates = await query(page, "notification.templates", {});
    expect(templates.find((t) => t.kind === "plan_approved")).toMatchObject({ custom: true, subject: "Selamat, SKP {{siklus}} Anda disetujui" });
    expect(templates.find((t) => t.kind === "plan_submitted")).toMatchObject({ custom: false });
    await editor.getByText("diubah wilayah").waitFor();
    await checkFit(page, "settings-templates");
    const templateViolations = await seriousViolations(page);
    expect(templateViolations, describeViolations("notification templates", templateViolations)).toEqual([]);

    await page.getByRole("tab", { name: "Jadwal pengingat" }).click();
    const before = page.getByLabel("Hari sebelum batas waktu");
    expect(await before.inputValue()).toBe("3, 1");
    await before.fill("7, 0");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText("Isi bilangan bulat 1 sampai 60, dipisah koma").waitFor();
    expect(await query(page, "notification.schedule", {})).toEqual({ daysBefore: [3, 1], daysAfter: [1, 3, 7] });
    await before.fill("2, 7");
    await page.getByLabel("Hari sesudah batas waktu").fill("5 2");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText("Jadwal pengingat disimpan.").waitFor();
    expect(await query(page, "notification.schedule", {})).toEqual({ daysBefore: [7, 2], daysAfter: [2, 5] });
    expect(await before.inputValue()).toBe("7, 2");

    await page.getByRole("tab", { name: "Surat gagal" }).click();
    const outbox = await query(page, "notification.outbox", {});
    await page.getByTestId("mail-waiting").getByText(`${outbox.waiting} surat menunggu dikirim.`).waitFor();
    // The test server has no mail transport: mail waits, and the screen says why.
    expect(outbox.mailConfigured).toBe(false);
    await page.getByText("Server belum diatur untuk mengirim e-mail").waitFor();
    await page.getByText("Tidak ada surat yang gagal").waitFor();

    const phone = await newPage(browser, server.url, PHONE);
    await signIn(phone.page, signInFor(server, "admin", "binjai"));
    await phone.page.goto("/settings");
    const tabs = [
      ["Templat pemberitahuan", "settings-templates", phone.page.getByTestId("template-editor")],
      ["Jadwal pengingat", "settings-schedule", phone.page.getByLabel("Hari sebelum batas waktu")],
      ["Surat gagal", "settings-mail", phone.page.getByTestId("mail-waiting")],
    ] as const;
    for (const [tab, name, shown] of tabs) {
      await phone.page.getByRole("tab", { name: tab }).click();
      await shown.waitFor();
      const fit = await checkFit(phone.page, name);
      expect(fit.overflow, `${tab}: ${fit.wide.join("\n")}`).toBe(0);
    }
    await phone.context.close();
  });

  it("tells the employee in the region's own words when the assessor approves their SKP", async () => {
    // The assessor is on the team page the notification opened.
    await assessor.getByRole("navigation", { name: "SKP" }).getByText(employeeName).first().click();
    await assessor.getByRole("button", { name: "Setujui" }).click();
    await assessor.getByRole("dialog").getByRole("button", { name: "Simpan keputusan" }).click();
    await assessor.getByText(/SKP .* disetujui\./).waitFor();

    const cycle = (await query(employee, "cycle.list", {})).find((c) => c.status === "open");
    const title = `Selamat, SKP ${cycle?.name} Anda disetujui`;
    await employee.reload();
    const bell = employee.getByTestId("notification-bell");
    await bell.and(employee.locator("[aria-label$='belum dibaca']")).waitFor();
    await bell.click();
    await employee.getByTestId("notification-item").filter({ hasText: title }).click();
    await employee.waitForURL(/\/plan$/);
    await employee.getByTestId("plan-status").getByText("Disetujui").waitFor();
    const stored = await query(employee, "notification.inbox", { limit: 50 });
    expect(stored.items.find((n) => n.kind === "plan_approved")).toMatchObject({ title, read: true, link: "/plan" });
  });

  it("keeps the bell and sign-out in reach of the national operator on a phone, the region choice in the menu", async () => {
    const { page, context } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "operator", null));
    await page.getByRole("button", { name: "Kota Binjai", exact: true }).click();
    for (const control of [page.getByTestId("notification-bell"), page.getByRole("button", { name: "Keluar" })]) {
      const box = await control.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width).toBe(true);
    }
    await page.getByRole("button", { name: "Buka menu" }).click();
    const region = page.getByRole("navigation", { name: "Navigasi" }).getByTestId("region-switch");
    await region.and(page.locator("[value='Kota Binjai']")).waitFor();
    const fit = await checkFit(page, "operator-menu");
    expect(fit.overflow, fit.wide.join("\n")).toBe(0);
    await context.close();
  });

  it("fits the bell and its panel on a phone", async () => {
    const { page } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "assessor", "binjai"));
    await page.getByRole("button", { name: "Keluar" }).waitFor();
    const bell = page.getByTestId("notification-bell");
    await bell.click();
    await page.getByTestId("notification-item").first().waitFor();
    const panel = await page.locator(".mantine-Popover-dropdown").boundingBox();
    expect(panel && panel.x >= 0 && panel.x + panel.width <= PHONE.width).toBe(true);
    const fit = await checkFit(page, "notification-panel");
    expect(fit.overflow, fit.wide.join("\n")).toBe(0);
    // The panel's link opens "Akun saya" at the notification settings, in view below the password form.
    await page.getByRole("button", { name: "Atur cara diberi tahu" }).click();
    await page.waitForURL(/\/account#pemberitahuan$/);
    const preferences = page.locator("#pemberitahuan");
    await expect.poll(async () => (await preferences.boundingBox())?.y ?? -1).toBeLessThan(PHONE.height / 2);
    // Below the fixed header (60 px), not under it.
    expect(await preferences.boundingBox().then((box) => box?.y ?? -1)).toBeGreaterThanOrEqual(60);
    const account = await checkFit(page, "notification-preferences");
    expect(account.overflow, account.wide.join("\n")).toBe(0);
  });
});
