// Two admins editing the same rule draft in two browsers: the first save wins, the second is told, may
// compare the two, and reloading gives the first admin's change, which is what is stored. Publishing is
// held to the same rule: a draft saved by someone else since it was opened is not published unseen.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";

const REGION = "pariaman";

describe.skipIf(inject("chromiumMissing") !== null)("two admins saving the same rule draft", () => {
  let server: RunningServer;
  let browser: Browser;
  let first: Page;
  let second: Page;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    first = (await newPage(browser, server.url)).page;
    second = (await newPage(browser, server.url)).page;
    for (const page of [first, second]) {
      // The rules screen checks the whole rule set in the browser as it opens, which takes a while on a busy machine.
      page.setDefaultTimeout(60_000);
      await signIn(page, signInFor(server, "admin", REGION));
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openRules(page: Page): Promise<void> {
    await page.goto("/rules");
    await page.getByLabel("Nama aturan", { exact: true }).waitFor();
  }

  async function rename(page: Page, name: string): Promise<void> {
    await page.getByRole("tab", { name: "Formulir" }).click();
    await page.getByLabel("Nama aturan", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Simpan draf" }).click();
  }

  const storedDraft = async (page: Page) => (await query(page, "ruleSet.list", {})).find((v) => v.status === "draft");

  it("shows the second save the conflict, and reloading loads the first admin's change", { timeout: 300_000 }, async () => {
    await openRules(first);
    await rename(first, "Draf bersama");
    await first.getByText("Draf versi 2 disimpan.").waitFor();

    // Both now have draft version 2 open, at revision 1.
    await openRules(second);
    await second.getByText(/Versi 2: Draf bersama/).waitFor();

    await rename(first, "Perubahan admin pertama");
    await expect.poll(async () => (await storedDraft(first))?.revision).toBe(2);
    expect(await storedDraft(first)).toMatchObject({ version: 2, name: "Perubahan admin pertama" });

    await rename(second, "Perubahan admin kedua");
    const dialog = second.getByRole("dialog", { name: "Draf ini sudah diubah orang lain" });
    await dialog.getByText(/sudah disimpan orang lain sejak Anda membukanya/).waitFor();
    expect(await storedDraft(second)).toMatchObject({ revision: 2, name: "Perubahan admin pertama" });

    await dialog.getByRole("button", { name: "Bandingkan" }).click();
    const diff = dialog.getByTestId("conflict-diff");
    const row = diff.getByRole("row").filter({ hasText: "/name" });
    await row.waitFor();
    expect(await row.textContent()).toContain('"Perubahan admin pertama""Perubahan admin kedua"');

    await dialog.getByRole("button", { name: "Muat ulang" }).click();
    await dialog.waitFor({ state: "hidden" });
    await second.getByRole("tab", { name: "Formulir" }).click();
    expect(await second.getByLabel("Nama aturan", { exact: true }).inputValue()).toBe("Perubahan admin pertama");
    expect(await second.getByText("Ada perubahan yang belum disimpan").count()).toBe(0);

    // Reloaded, the second admin saves over the first admin's change knowingly.
    await rename(second, "Perubahan admin kedua");
    await expect.poll(async () => (await storedDraft(second))?.revision).toBe(3);
    expect(await storedDraft(second)).toMatchObject({ version: 2, name: "Perubahan admin kedua" });
    expect(await dialog.count()).toBe(0);
  });

  it("refuses to publish a draft the other admin saved since it was opened, and publishes it once reloaded", { timeout: 300_000 }, async () => {
    const version2 = async (page: Page) => (await query(page, "ruleSet.list", {})).find((v) => v.version === 2);
    await openRules(first);
    await openRules(second);
    await second.getByText(/Versi 2: Perubahan admin kedua/).waitFor();
    const opened = (await version2(first))?.revision;

    await rename(second, "Diubah sebelum terbit");
    await expect.poll(async () => (await version2(second))?.revision).toBe((opened ?? 0) + 1);

    const publish = async () => {
      await first.getByRole("button", { name: "Terbitkan", exact: true }).click();
      const confirm = first.getByRole("dialog", { name: /^Terbitkan versi 2/ });
      await confirm.getByRole("button", { name: "Terbitkan", exact: true }).click();
    };
    await publish();
    const conflict = first.getByRole("dialog", { name: "Draf ini sudah diubah orang lain" });
    await conflict.getByText(/sudah disimpan orang lain sejak Anda membukanya \(Anda hendak menerbitkan revisi/).waitFor();
    expect(await version2(first)).toMatchObject({ status: "draft", publishedAt: null, name: "Diubah sebelum terbit" });

    await conflict.getByRole("button", { name: "Muat ulang" }).click();
    await conflict.waitFor({ state: "hidden" });
    await first.getByRole("tab", { name: "Formulir" }).click();
    expect(await first.getByLabel("Nama aturan", { exact: true }).inputValue()).toBe("Diubah sebelum terbit");
    await publish();
    await first.getByText("Versi 2 diterbitkan.").waitFor();
    expect(await version2(first)).toMatchObject({ status: "published", name: "Diubah sebelum terbit", revision: (opened ?? 0) + 1 });
  });
});
