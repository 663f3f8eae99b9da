// An account's life in the portal: Debian's Chromium against the real server. A region's admin disables
// an employee's account with real clicks, the employee's open page loses its session and their sign-in is
// refused in Indonesian, and the admin enables the account again; the account list and the API show the
// stored status after a reload.
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { PASSWORD, signInFor, startServer, type RunningServer } from "./server";

describe.skipIf(inject("chromiumMissing") !== null)("an account's life in the portal", () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Page;
  let employee: Page;
  let nip: string;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    admin = (await newPage(browser, server.url)).page;
    employee = (await newPage(browser, server.url)).page;
    nip = signInFor(server, "employee", "binjai");
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The employee's row in the account list. */
  const row = (): Locator => admin.getByTestId("account-table").getByRole("row").filter({ hasText: nip });

  async function act(action: "Nonaktifkan" | "Aktifkan"): Promise<void> {
    await row().getByRole("button", { name: /^Tindakan untuk / }).click();
    await admin.getByRole("menuitem", { name: action }).click();
    await admin.getByRole("dialog").getByRole("button", { name: action }).click();
    await admin.getByRole("dialog").waitFor({ state: "detached" });
  }

  async function stored() {
    const account = (await query(admin, "account.list", {})).find((a) => a.username === nip);
    if (!account) throw new Error(`no account ${nip} in the list`);
    return account;
  }

  it("disables the employee's account: the open session ends and signing in is refused in the page", async () => {
    await signIn(employee, nip);
    await signIn(admin, signInFor(server, "admin", "binjai"));
    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Akun pengguna" }).click();
    await row().getByTestId("account-status").getByText("Aktif", { exact: true }).waitFor();

    await act("Nonaktifkan");
    await row().getByTestId("account-status").getByText("Nonaktif").waitFor();
    await admin.reload();
    await row().getByTestId("account-status").getByText("Nonaktif").waitFor();
    const disabled = await stored();
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.activeSessions).toBe(0);

    await employee.reload();
    await employee.getByRole("button", { name: "Masuk" }).waitFor();
    await employee.getByLabel("E-mail atau NIP").fill(nip);
    await employee.getByLabel("Kata sandi").fill(PASSWORD);
    await employee.getByRole("button", { name: "Masuk" }).click();
    await employee.getByRole("alert").getByText("Akun Anda dinonaktifkan. Hubungi admin BKPSDM wilayah Anda").waitFor();
    expect(await employee.getByRole("button", { name: "Keluar" }).count()).toBe(0);
  });

  it("enables it again: the list shows it active after a reload and the employee signs in", async () => {
    await act("Aktifkan");
    await row().getByTestId("account-status").getByText("Aktif", { exact: true }).waitFor();
    await admin.reload();
    await row().getByTestId("account-status").getByText("Aktif", { exact: true }).waitFor();
    expect((await stored()).disabledAt).toBeNull();

    await signIn(employee, nip);
    await employee.getByRole("heading", { name: "Hasil saya" }).waitFor();
  });
});
