// Guessing a password in the portal: Debian's Chromium against the real server. After five wrong passwords
// the account is locked, and the right password then shows the server's reason in Indonesian, with how long
// to wait, instead of signing in.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { newPage } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";

describe.skipIf(inject("chromiumMissing") !== null)("a locked account in the portal", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    page = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function submit(password: string): Promise<number> {
    await page.getByRole("textbox", { name: "Kata sandi" }).fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/")),
      page.getByRole("button", { name: "Masuk" }).click(),
    ]);
    return response.status();
  }

  it("says the account is locked for 15 minutes when the right password follows five wrong ones", async () => {
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").fill(signInFor(server, "admin", "binjai"));
    for (let i = 0; i < 5; i++) expect(await submit("bukan-sandinya")).toBe(401);
    await page.getByText("E-mail/NIP atau kata sandi salah.").waitFor();

    expect(await submit(PASSWORD)).toBe(429);
    const alert = page.getByRole("alert");
    await alert.getByText("Terlalu banyak percobaan masuk. Akun dikunci sementara; coba lagi dalam 15 menit.").waitFor();
    expect(await page.getByRole("button", { name: "Keluar" }).count()).toBe(0);
  });
});
