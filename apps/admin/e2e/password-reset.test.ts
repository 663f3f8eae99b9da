// A forgotten password, in Debian's Chromium against the real server, which sends its mail to a real SMTP
// server the test starts on loopback: from the sign-in page's "Lupa kata sandi?" the admin asks for a link
// with their e-mail, reads it in the mail that arrives, sets a new password there (a weak one refused with
// the policy's reason first), and signs in with it; the old password and the used link no longer work. A NIP
// without an account gets the same answer. Screenshots at 1366 and 390 px; nothing scrolls sideways.
import { startSmtp, type TestSmtp } from "@kinerja/api/testing/smtp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const NEW_PASSWORD = "Salak-Pondoh-Binjai-2026";

describe.skipIf(inject("chromiumMissing") !== null)("a forgotten password reset by a mailed link", () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let login: string;
  let link: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ seedSize: 12, env: { KINERJA_SMTP_URL: smtp.url, KINERJA_MAIL_FROM: "Kinerja <kinerja@binjai.uji>" } });
    browser = await launchBrowser();
    page = (await newPage(browser, server.url)).page;
    login = signInFor(server, "admin", "binjai");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  async function askForLink(who: string): Promise<void> {
    await page.goto("/");
    await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
    await page.getByRole("heading", { name: "Lupa kata sandi" }).waitFor();
    await page.getByLabel("E-mail atau NIP").fill(who);
    await page.getByRole("button", { name: "Kirim tautan" }).click();
    await page.getByTestId("reset-sent").waitFor();
  }

  it("mails a link to the account's address, answering a NIP without an account alike", async () => {
    await askForLink("199912312020121999");
    const unknownAnswer = await page.getByTestId("reset-sent").innerText();
    await checkFit(page, "password-reset-sent");
    await page.setViewportSize(PHONE);
    expect((await checkFit(page, "password-reset-sent")).overflow).toBe(0);
    await page.setViewportSize({ width: 1366, height: 900 });

    await askForLink(login);
    expect(await page.getByTestId("reset-sent").innerText()).toBe(unknownAnswer);
    const [mail] = await smtp.waitFor(1);
    // Only the account that exists got mail.
    expect(smtp.received).toHaveLength(1);
    expect(mail!.to).toEqual([login]);
    expect(mail!.subject).toBe("Atur ulang kata sandi Kinerja");
    link = /https?:\/\/\S+/.exec(mail!.text)?.[0] ?? "";
    expect(link).toContain("/api/auth/reset-password/");
  });

  it("sets a new password from the link under the policy, signs in with it, and the old password and the link fail", async () => {
    await page.goto(link);
    await page.waitForURL(/\/atur-ulang-sandi\?token=/);
    await page.getByRole("heading", { name: "Buat kata sandi baru" }).waitFor();
    await page.getByLabel(/^Kata sandi baru/).fill("password123");
    await page.getByLabel("Ulangi kata sandi baru").fill("password123");
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    const refusal = page.getByRole("alert");
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/kata sandi/i);
    await checkFit(page, "password-reset-new");

    await page.getByLabel(/^Kata sandi baru/).fill(NEW_PASSWORD);
    await page.getByLabel("Ulangi kata sandi baru").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Simpan kata sandi" }).click();
    await page.getByTestId("reset-done").waitFor();
    await page.getByRole("link", { name: "Masuk" }).click();
    await signIn(page, login, NEW_PASSWORD);
    expect(await page.getByRole("button", { name: "Keluar" }).isVisible()).toBe(true);

    const other = (await newPage(browser, server.url)).page;
    await other.goto("/");
    await other.getByLabel("E-mail atau NIP").fill(login);
    await other.getByLabel("Kata sandi").fill(PASSWORD);
    await other.getByRole("button", { name: "Masuk" }).click();
    await other.getByRole("alert").waitFor();
    expect(await other.getByRole("button", { name: "Keluar" }).isVisible()).toBe(false);

    await other.goto(link);
    await other.getByText("Tautan ini tidak berlaku lagi").waitFor();
    await other.getByRole("link", { name: "Minta tautan baru" }).waitFor();
  });
});
