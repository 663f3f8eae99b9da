// Sign-in through a region's OpenID Connect provider in Debian's Chromium: a real oidc-provider on 127.0.0.1
// (its own login and consent pages), the real server on a fresh database. Binjai's admin adds the provider on
// the settings screen with real clicks and keys, registers the redirect URI the screen shows at the provider,
// tests the connection and signs out; the sign-in page then offers the provider's button, and an employee
// who completes the provider's login and consent lands in the portal as themself, as the server's session
// says too. A NIP outside the region's register comes back refused, the reason in Indonesian on the sign-in
// page; a disabled provider's button is gone. Screenshots at 1366 and 390 px.
import { startOidcProvider, type TestOidcProvider } from "@kinerja/api/testing/oidc-provider";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

const CLIENT_ID = "kinerja-binjai";
const CLIENT_SECRET = "rahasia-klien-binjai-yang-panjang";
const PROVIDER_NAME = "MyASN Binjai";
const SSO_BUTTON = `Masuk dengan ${PROVIDER_NAME} (Kota Binjai)`;
const NIP_OUTSIDE_EVERY_REGISTER = "197512312000122999";

interface Session {
  user: { name: string; username: string | null; role: string; regionId: string | null };
}

async function session(page: Page): Promise<Session | null> {
  const response = await page.request.get("/api/auth/get-session");
  return (await response.json()) as Session | null;
}

/** From the sign-in page through the provider's own login and consent forms, as the person would. */
async function signInThroughProvider(page: Page, account: string): Promise<void> {
  await page.goto("/");
  await page.getByRole("button", { name: SSO_BUTTON }).click();
  await page.locator("input[name=login]").waitFor();
  expect(new URL(page.url()).pathname).not.toBe("/");
  await page.locator("input[name=login]").fill(account);
  await page.locator("input[name=password]").fill("sandi-di-penyedia");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe.skipIf(inject("chromiumMissing") !== null)("signing in through the region's OpenID Connect provider", () => {
  let server: RunningServer;
  let browser: Browser;
  let idp: TestOidcProvider;
  let admin: Page;
  let employeeNip: string;
  let employeeName: string;

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    idp = await startOidcProvider();
    admin = (await newPage(browser, server.url)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    await server?.stop();
  });

  it("lets the region's admin add the provider on the settings screen, its secret never read back", async () => {
    employeeNip = signInFor(server, "employee", "binjai");
    await signIn(admin, signInFor(server, "admin", "binjai"));
    const account = (await query(admin, "account.list", {})).find((a) => a.username === employeeNip);
    employeeName = account?.name ?? "";
    expect(employeeName).not.toBe("");

    await admin.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Pengaturan", exact: true }).click();
    await admin.getByRole("tab", { name: "Masuk lewat SSO", selected: true }).waitFor();
    await admin.getByText("Belum ada penyedia identitas").waitFor();
    await admin.getByRole("button", { name: "Tambah penyedia" }).click();
    const form = admin.getByTestId("provider-form");
    // Saved empty, the form names what is missing and nothing is stored.
    await form.getByRole("button", { name: "Simpan" }).click();
    await form.getByText("Isi client secret dari penyedia").waitFor();
    expect(await query(admin, "identityProvider.list", {})).toEqual([]);

    await form.getByLabel("Nama penyedia").fill(PROVIDER_NAME);
    await form.getByLabel("URL discovery").fill(idp.discoveryUrl);
    await form.getByLabel("Client ID").fill(CLIENT_ID);
    await form.getByLabel("Client secret").fill(CLIENT_SECRET);
    await form.getByLabel("Scope").fill("profile nip");
    await form.getByLabel("Klaim NIP").fill("nip");
    await checkFit(admin, "sso-settings-form");
    const formViolations = await seriousViolations(admin);
    expect(formViolations, describeViolations("provider form", formViolations)).toEqual([]);
    await form.getByRole("button", { name: "Simpan" }).click();
    await admin.getByText(`Penyedia ${PROVIDER_NAME} disimpan.`).waitFor();

    const card = admin.getByTestId("identity-provider");
    await card.getByRole("heading", { name: PROVIDER_NAME }).waitFor();
    expect(await card.getByTestId("provider-status").textContent()).toBe("Aktif");
    await card.getByText("tersimpan", { exact: true }).waitFor();
    const stored = await query(admin, "identityProvider.list", {});
    expect(stored).toEqual([
      expect.objectContaining({ name: PROVIDER_NAME, discoveryUrl: idp.discoveryUrl, clientId: CLIENT_ID, hasClientSecret: true, scopes: ["profile", "nip"], nipClaim: "nip", enabled: true, createAccounts: false }),
    ]);
    expect(JSON.stringify(stored)).not.toContain(CLIENT_SECRET);
    expect(await admin.content()).not.toContain(CLIENT_SECRET);

    // The provider learns the client and the redirect URI the screen says to register.
    const redirectUri = ((await card.getByTestId("callback-url").textContent()) ?? "").trim();
    expect(redirectUri).toBe(`${server.url}/api/auth/sso/callback/${stored[0]?.id}`);
    idp.configure({
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] }],
      accounts: {
        "asn-binjai": { nip: employeeNip, name: "Nama di penyedia" },
        "asn-asing": { nip: NIP_OUTSIDE_EVERY_REGISTER },
      },
    });
    await card.getByRole("button", { name: "Uji koneksi" }).click();
    await card.getByTestId("discovery-check").getByText(`Terhubung ke ${idp.issuer}`).waitFor();

    // An edit that leaves the secret blank keeps the stored one (the sign-in below needs it).
    await card.getByRole("button", { name: "Ubah" }).click();
    const secret = admin.getByTestId("provider-form").getByLabel("Client secret");
    expect(await secret.inputValue()).toBe("");
    expect(await secret.getAttribute("placeholder")).toBe("tersimpan");
    await admin.getByTestId("provider-form").getByRole("button", { name: "Simpan" }).click();
    await admin.getByText(`Penyedia ${PROVIDER_NAME} disimpan.`).first().waitFor();
    expect((await query(admin, "identityProvider.list", {}))[0]).toMatchObject({ hasClientSecret: true, enabled: true });
    await card.waitFor();
    await checkFit(admin, "sso-settings");
    const cardViolations = await seriousViolations(admin);
    expect(cardViolations, describeViolations("provider settings", cardViolations)).toEqual([]);

    const phone = await newPage(browser, server.url, PHONE);
    await signIn(phone.page, signInFor(server, "admin", "binjai"));
    await phone.page.goto("/settings");
    await phone.page.getByTestId("identity-provider").getByTestId("callback-url").waitFor();
    const fit = await checkFit(phone.page, "sso-settings");
    expect(fit.overflow, fit.wide.join("\n")).toBe(0);
    await phone.context.close();

    await admin.getByRole("button", { name: "Keluar" }).click();
    await admin.getByRole("button", { name: SSO_BUTTON }).waitFor();
  });

  it("signs an employee in through the provider's login and consent, as the employee of that NIP", async () => {
    const { page, context } = await newPage(browser, server.url);
    await page.goto("/");
    await page.getByRole("button", { name: SSO_BUTTON }).waitFor();
    await checkFit(page, "sso-sign-in");
    await signInThroughProvider(page, "asn-binjai");

    await page.getByRole("button", { name: "Keluar" }).waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    expect(((await page.getByTestId("user-name").textContent()) ?? "").trim()).toBe(employeeName);
    expect(await session(page)).toMatchObject({ user: { name: employeeName, username: employeeNip, role: "employee", regionId: "binjai" } });
    await context.close();
  });

  it("refuses a NIP outside the region's register, saying why in Indonesian on the sign-in page", async () => {
    const { page, context } = await newPage(browser, server.url, PHONE);
    await signInThroughProvider(page, "asn-asing");
    const refusal = page.getByRole("alert").filter({ hasText: "Tidak bisa masuk lewat penyedia identitas" });
    await refusal.getByText("NIP Anda tidak terdaftar sebagai pegawai di wilayah penyedia ini. Hubungi admin BKPSDM wilayah Anda.").waitFor();
    expect(new URL(page.url()).origin).toBe(server.url);
    // The code is taken off the address, so a reload does not show it again.
    expect(new URL(page.url()).searchParams.get("sso_error")).toBeNull();
    expect(await session(page)).toBeNull();
    await page.getByLabel("E-mail atau NIP").waitFor();
    const refusedViolations = await seriousViolations(page);
    expect(refusedViolations, describeViolations("refused sign-in", refusedViolations)).toEqual([]);
    const fit = await checkFit(page, "sso-refused");
    expect(fit.overflow, fit.wide.join("\n")).toBe(0);
    await context.close();
  });

  it("takes a disabled provider's button off the sign-in page", async () => {
    await signIn(admin, signInFor(server, "admin", "binjai"));
    await admin.goto("/settings");
    const card = admin.getByTestId("identity-provider");
    await card.getByRole("button", { name: "Nonaktifkan" }).click();
    await card.getByTestId("provider-status").getByText("Nonaktif").waitFor();
    expect((await query(admin, "identityProvider.list", {}))[0]).toMatchObject({ enabled: false, hasClientSecret: true });

    const { page, context } = await newPage(browser, server.url);
    const offered = page.waitForResponse((response) => response.url().endsWith("/api/auth/sso/providers"));
    await page.goto("/");
    expect(await (await offered).json()).toEqual([]);
    await page.getByLabel("E-mail atau NIP").waitFor();
    expect(await page.getByRole("button", { name: SSO_BUTTON }).count()).toBe(0);
    await context.close();
  });
});
