// Accounts in bulk, in Debian's Chromium against the real server: a region's admin makes accounts for a unit
// with real clicks, follows the job to its end and downloads the CSV of activation codes; an employee named
// in it activates their account in a fresh browser with the code from the file, sets a password and is
// signed in, which the server's stored account and sessions confirm; the same code then fails. Screenshots
// of the bulk dialog and the activation page at 1366 and 390 px; neither scrolls sideways on a phone.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { readCsv } from "./downloads";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const NEW_PASSWORD = "Rambutan-Binjai-2026";

describe.skipIf(inject("chromiumMissing") !== null)("accounts in bulk, activated by their holders", () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let rows: string[][];

  beforeAll(async () => {
    server = await startServer({ seedSize: 24 });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The activation page, reached from the sign-in page's link, filled in and sent. */
  async function activate(page: Page, nip: string, code: string): Promise<void> {
    await page.goto("/");
    await page.getByRole("link", { name: "Aktivasi akun" }).click();
    await page.getByRole("heading", { name: "Aktivasi akun" }).waitFor();
    await page.getByLabel(/^NIP/).fill(nip);
    await page.getByLabel("Kode aktivasi").fill(code);
    await page.getByLabel(/^Kata sandi baru/).fill(NEW_PASSWORD);
    await page.getByLabel("Ulangi kata sandi baru").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Aktifkan dan masuk" }).click();
  }

  it("makes accounts for a unit, shows the job's progress to its end, and hands out the codes as a CSV", async () => {
    await signIn(admin, signInFor(server, "admin", "binjai"));
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Akun pengguna" }).click();
    await admin.getByRole("button", { name: "Buat akun massal" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("Unit kerja").click();
    await admin.getByRole("option", { name: /Dinas Pendidikan$/ }).click();
    const preview = dialog.getByTestId("bulk-preview");
    await preview.getByText(/belum punya akun/).waitFor();
    const missing = Number(/(\d+) belum punya akun/.exec(await preview.innerText())?.[1]);
    expect(missing).toBeGreaterThan(0);
    await checkFit(admin, "bulk-accounts-dialog");

    await dialog.getByRole("button", { name: `Buat ${missing} akun` }).click();
    await dialog.getByText("Selesai", { exact: true }).waitFor({ timeout: 60_000 });
    await dialog.getByTestId("bulk-progress").getByText(`${missing} dari ${missing} pegawai diproses, ${missing} akun dibuat.`).waitFor();

    const [download] = await Promise.all([admin.waitForEvent("download"), dialog.getByRole("link", { name: "Unduh daftar kode (CSV)" }).click()]);
    rows = readCsv(readFileSync(await download.path(), "utf8"));
    expect(rows[0]).toEqual(["NIP", "Nama", "Unit", "Kode aktivasi", "Berlaku sampai"]);
    expect(rows.length - 1).toBe(missing);
    const status = await query(admin, "account.bulkStatus", {});
    expect(status).toMatchObject({ status: "succeeded", created: missing, handoutsAvailable: true });
    const accounts = await query(admin, "account.list", {});
    for (const [nip] of rows.slice(1)) expect(accounts.some((a) => a.username === nip)).toBe(true);
    await checkFit(admin, "bulk-accounts-done");
  });

  it("lets the employee activate their account with the code from the file, which signs them in; the code then fails", async () => {
    const [nip, nama, , code] = rows[1] as string[];
    const { context, page } = await newPage(browser, server.url);
    await activate(page, nip as string, code as string);
    await page.getByRole("button", { name: "Keluar" }).waitFor({ timeout: 30_000 });
    // The server holds the new session and the account, signed in by its NIP.
    const sessions = await query(page, "account.sessions", undefined);
    expect(sessions.length).toBe(1);
    const account = (await query(admin, "account.list", {})).find((a) => a.username === nip);
    expect(account).toMatchObject({ name: nama, activeSessions: 1 });
    await context.close();

    const again = await newPage(browser, server.url, PHONE);
    await again.page.goto("/aktivasi");
    await again.page.getByRole("heading", { name: "Aktivasi akun" }).waitFor();
    expect((await checkFit(again.page, "activation")).overflow).toBe(0);
    await activate(again.page, nip as string, code as string);
    await again.page.getByRole("alert").getByText("Kode aktivasi ini sudah dipakai").waitFor();
    expect(await again.page.getByRole("button", { name: "Keluar" }).count()).toBe(0);
    await again.context.close();
  });

  it("fits a phone: the bulk dialog does not scroll sideways at 390 px", async () => {
    const { context, page } = await newPage(browser, server.url, PHONE);
    await signIn(page, signInFor(server, "admin", "binjai"));
    await page.goto("/accounts");
    await page.getByRole("button", { name: "Buat akun massal" }).click();
    await page.getByRole("dialog").getByTestId("bulk-job").waitFor();
    const fit = await checkFit(page, "bulk-accounts-dialog");
    expect(fit.wide).toEqual([]);
    expect(fit.narrow).toEqual([]);
    await context.close();
  });
});
