// Mail that failed, in Debian's Chromium against the real server, which mails a real SMTP server the test
// starts on loopback, trying each mail twice, 300 ms apart. The mail server refuses the password link the
// region's admin asks for at both tries; the admin finds it under Pengaturan → Surat gagal with the mail
// server's answer and the tries, sends it again with one click, and the mail arrives. The stored outbox is
// read back at each step. Screenshots at 1366 and 390 px; the screen does not scroll sideways on a phone.
import { startSmtp, type TestSmtp } from "@kinerja/api/testing/smtp";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const SUBJECT = "Atur ulang kata sandi Kinerja";

describe.skipIf(inject("chromiumMissing") !== null)("mail the mail server refused, shown to the admin and sent again", () => {
  let smtp: TestSmtp;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let login: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({
      seedSize: 12,
      env: { KINERJA_SMTP_URL: smtp.url, KINERJA_MAIL_FROM: "Kinerja <kinerja@binjai.uji>", KINERJA_MAIL_ATTEMPTS: "2", KINERJA_MAIL_RETRY_MS: "300" },
    });
    browser = await launchBrowser();
    page = (await newPage(browser, server.url)).page;
    login = signInFor(server, "admin", "binjai");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  it("shows the admin a mail refused at every try, with the mail server's answer, and sends it again with one click", async () => {
    smtp.refuse(2);
    await page.goto("/");
    await page.getByRole("link", { name: "Lupa kata sandi?" }).click();
    await page.getByLabel("E-mail atau NIP").fill(login);
    await page.getByRole("button", { name: "Kirim tautan" }).click();
    await page.getByTestId("reset-sent").waitFor();

    await signIn(page, login);
    await expect.poll(async () => (await query(page, "notification.outbox", undefined)).failed.length, { timeout: 30_000 }).toBe(1);
    const [failed] = (await query(page, "notification.outbox", undefined)).failed;
    expect(failed).toMatchObject({ to: login, subject: SUBJECT, attempts: 2 });
    expect(failed?.error).toContain("Server sibuk, coba lagi nanti");
    expect(smtp.received).toEqual([]);

    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Pengaturan" }).click();
    await page.getByRole("tab", { name: "Surat gagal" }).click();
    const table = page.getByTestId("failed-mail");
    const row = table.getByRole("row").filter({ hasText: SUBJECT });
    await row.waitFor();
    const cells = await row.getByRole("cell").allInnerTexts();
    expect(cells.slice(1, 4)).toEqual([login, SUBJECT, "2"]);
    expect(cells[4]).toContain("Server sibuk, coba lagi nanti");
    await checkFit(page, "failed-mail");
    // On a phone, as it loads there: the table scrolls in its own box, the page does not.
    await page.setViewportSize(PHONE);
    await page.reload();
    await page.getByRole("tab", { name: "Surat gagal" }).click();
    await row.waitFor();
    expect((await checkFit(page, "failed-mail")).overflow).toBe(0);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.reload();
    await page.getByRole("tab", { name: "Surat gagal" }).click();

    await row.getByRole("button", { name: `Kirim lagi «${SUBJECT}» kepada ${login}` }).click();
    await page.getByText("1 surat dimasukkan kembali ke antrean.").waitFor();
    const mail = await smtp.mailTo(login, new RegExp(`^${SUBJECT}$`));
    expect(mail.text).toContain("/api/auth/reset-password/");
    expect(smtp.received).toHaveLength(1);
    await expect.poll(async () => (await query(page, "notification.outbox", undefined)).failed.length).toBe(0);
    await page.reload();
    await page.getByRole("tab", { name: "Surat gagal" }).click();
    await page.getByText("Tidak ada surat yang gagal").waitFor();
  });
});
