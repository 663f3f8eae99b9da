// Signing in through a region's OpenID Connect provider over real HTTP, on each dialect: a real
// oidc-provider on 127.0.0.1, its login and consent pages submitted as a browser would, every redirect
// followed with the cookies a browser keeps. The NIP claim signs in as the employee of the provider's own
// region (the account linked to that employee, or one made when the region allows it); a NIP outside the
// region's register, another region's employee, a disabled provider and a tampered state are refused, each
// back on the sign-in page with its code and no session.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startOidcProvider, type TestOidcProvider } from "@kinerja/api/testing/oidc-provider";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-sso";
const NIP_OUTSIDE_EVERY_REGISTER = "197512312000122999";

/** A browser's share of the flow: cookies by host (ports share them, as in a browser) and redirects followed by hand. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (expired || pair.slice(at + 1) === "") this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
    return response;
  }

  /** Requests `url` and follows redirects as GETs; the last answer and where it was. */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let response = await this.request(url, init);
    let at = url;
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 20) throw new Error(`more than 20 redirects from ${url}`);
      at = new URL(response.headers.get("location") as string, at).toString();
      response = await this.request(at);
    }
    return { response, url: at };
  }

  /** Submits the first form of an HTML page with these fields (and its hidden ones). */
  async submit(page: { response: Response; url: string }, fields: Record<string, string>) {
    const html = await page.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form at ${page.url}: ${html.slice(0, 300)}`);
    const hidden = Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    return this.follow(new URL(action, page.url).toString(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
    });
  }
}

describe.each(inject("dialects"))("sign-in through a region's OpenID Connect provider on %s", (dialect) => {
  let server: SeededServer;
  let base: string;
  let idp: TestOidcProvider;
  const providers: Record<"binjai" | "samarinda", string> = { binjai: "", samarinda: "" };
  const nips: Record<string, string> = {};
  let binjaiAdmin: HttpClient;

  const login = (role: string, region: string) => server.running.signIns.find((s) => s.role === role && s.regionId === region)?.login as string;
  const providerInput = (name: string, clientId: string, createAccounts = false) => ({
    name,
    discoveryUrl: idp.discoveryUrl,
    clientId,
    clientSecret: `rahasia-${clientId}-yang-panjang`,
    scopes: ["profile", "nip"],
    nipClaim: "nip",
    createAccounts,
    enabled: true,
  });

  beforeAll(async () => {
    server = await startSeededServer(dialect, { password: PASSWORD, seedSize: 12 });
    base = server.running.url;
    idp = await startOidcProvider();
    const db = server.running.database.db;
    nips.binjaiWithAccount = login("employee", "binjai");
    nips.samarinda = login("employee", "samarinda");
    const withoutAccount = await db
      .selectFrom("employees as e")
      .leftJoin("user as u", (join) => join.onRef("u.employee_id", "=", "e.id"))
      .select("e.nip")
      .where("e.region_id", "=", "binjai")
      .where("u.id", "is", null)
      .orderBy("e.nip")
      .executeTakeFirstOrThrow();
    nips.binjaiWithoutAccount = withoutAccount.nip;
    expect(await db.selectFrom("employees").select("id").where("nip", "=", NIP_OUTSIDE_EVERY_REGISTER).executeTakeFirst()).toBeUndefined();

    binjaiAdmin = new HttpClient(base);
    expect(await binjaiAdmin.signIn(login("admin", "binjai"), PASSWORD)).toBe(200);
    const samarindaAdmin = new HttpClient(base);
    expect(await samarindaAdmin.signIn(login("admin", "samarinda"), PASSWORD)).toBe(200);
    providers.binjai = (await binjaiAdmin.ok(binjaiAdmin.mutate<{ id: string }>("identityProvider.create", providerInput("MyASN Binjai", "binjai")))).id;
    providers.samarinda = (await samarindaAdmin.ok(samarindaAdmin.mutate<{ id: string }>("identityProvider.create", providerInput("MyASN Samarinda", "samarinda")))).id;
    idp.configure({
      clients: (["binjai", "samarinda"] as const).map((region) => ({
        clientId: region,
        clientSecret: `rahasia-${region}-yang-panjang`,
        redirectUris: [`${base}/api/auth/sso/callback/${providers[region]}`],
      })),
      accounts: {
        "asn-binjai": { nip: nips.binjaiWithAccount, name: "Nama di SSO yang berbeda" },
        "asn-baru": { nip: nips.binjaiWithoutAccount },
        "asn-samarinda": { nip: nips.samarinda },
        "asn-asing": { nip: NIP_OUTSIDE_EVERY_REGISTER },
        "asn-tanpa-nip": { name: "Tanpa NIP" },
      },
    });
  });
  afterAll(async () => {
    await idp?.stop();
    await server?.stop();
  });

  async function startSignIn(browser: Browser, providerId: string): Promise<Response> {
    return browser.request(`${base}/api/auth/sign-in/sso`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ providerId, callbackURL: "/", errorCallbackURL: "/" }),
    });
  }

  /** The whole flow as `account` at the provider; where the browser lands and who it is signed in as. */
  async function signInAs(providerId: string, account: string, tamper?: (authorizationUrl: URL) => void) {
    const browser = new Browser();
    const started = await startSignIn(browser, providerId);
    expect(started.status).toBe(200);
    const authorizationUrl = new URL(((await started.json()) as { url: string }).url);
    expect(authorizationUrl.origin).toBe(idp.issuer);
    for (const parameter of ["state", "nonce", "code_challenge"]) expect(authorizationUrl.searchParams.get(parameter)).toBeTruthy();
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");
    tamper?.(authorizationUrl);
    const loginPage = await browser.follow(authorizationUrl.toString());
    expect(loginPage.response.status).toBe(200);
    const consentPage = await browser.submit(loginPage, { login: account, password: "sandi-di-penyedia" });
    const landed = await browser.submit(consentPage, {});
    const session = await browser.request(`${base}/api/auth/get-session`);
    const signedIn = (await session.json()) as { user: { id: string; employeeId: string | null; regionId: string | null; role: string } } | null;
    return { landed: new URL(landed.url), signedIn };
  }

  async function employeeId(region: string, nip: string): Promise<string> {
    const row = await server.running.database.db.selectFrom("employees").select("id").where("region_id", "=", region).where("nip", "=", nip).executeTakeFirstOrThrow();
    return row.id;
  }

  it("signs in as the employee whose NIP the provider states, through the account linked to them", async () => {
    const { landed, signedIn } = await signInAs(providers.binjai, "asn-binjai");
    expect(landed.origin).toBe(base);
    expect(landed.pathname).toBe("/");
    expect(landed.searchParams.get("sso_error")).toBeNull();
    const expected = await employeeId("binjai", nips.binjaiWithAccount as string);
    expect(signedIn?.user).toMatchObject({ employeeId: expected, regionId: "binjai", role: "employee" });
    const account = await server.running.database.db.selectFrom("user").select(["id", "name"]).where("employee_id", "=", expected).execute();
    expect(account.map((a) => a.id)).toEqual([signedIn?.user.id]);
    expect(account[0]?.name).not.toBe("Nama di SSO yang berbeda");
    const link = await server.running.database.db
      .selectFrom("account")
      .select(["user_id", "account_id"])
      .where("provider_id", "=", `oidc:${providers.binjai}`)
      .execute();
    expect(link).toEqual([{ user_id: signedIn?.user.id, account_id: "asn-binjai" }]);
  });

  it("refuses an employee with no account unless the region lets one be made, then makes it at sign-in", async () => {
    const refused = await signInAs(providers.binjai, "asn-baru");
    expect(refused.landed.searchParams.get("sso_error")).toBe("no_account");
    expect(refused.signedIn).toBeNull();

    const current = await binjaiAdmin.ok(binjaiAdmin.query<Array<{ id: string }>>("identityProvider.list", {}));
    expect(current.map((p) => p.id)).toEqual([providers.binjai]);
    await binjaiAdmin.ok(binjaiAdmin.mutate("identityProvider.update", { id: providers.binjai, ...providerInput("MyASN Binjai", "binjai", true), clientSecret: "" }));

    const made = await signInAs(providers.binjai, "asn-baru");
    expect(made.landed.searchParams.get("sso_error")).toBeNull();
    const expected = await employeeId("binjai", nips.binjaiWithoutAccount as string);
    expect(made.signedIn?.user).toMatchObject({ employeeId: expected, regionId: "binjai", role: "employee" });
    const accounts = await server.running.database.db.selectFrom("user").select(["id", "username", "role"]).where("employee_id", "=", expected).execute();
    expect(accounts).toEqual([{ id: made.signedIn?.user.id, username: nips.binjaiWithoutAccount, role: "employee" }]);
  });

  it("never signs another region's employee in through a region's provider", async () => {
    const { landed, signedIn } = await signInAs(providers.binjai, "asn-samarinda");
    expect(landed.searchParams.get("sso_error")).toBe("nip_not_registered");
    expect(signedIn).toBeNull();
    // The same person through their own region's provider is signed in, to their own region.
    const own = await signInAs(providers.samarinda, "asn-samarinda");
    expect(own.signedIn?.user).toMatchObject({ regionId: "samarinda", employeeId: await employeeId("samarinda", nips.samarinda as string) });
  });

  it("refuses a NIP outside the region's register and a sign-in with no NIP claim", async () => {
    const outside = await signInAs(providers.binjai, "asn-asing");
    expect(outside.landed.searchParams.get("sso_error")).toBe("nip_not_registered");
    expect(outside.signedIn).toBeNull();
    const none = await signInAs(providers.binjai, "asn-tanpa-nip");
    expect(none.landed.searchParams.get("sso_error")).toBe("nip_missing");
    expect(none.signedIn).toBeNull();
  });

  it("refuses a tampered state: no session, back on the sign-in page", async () => {
    const { landed, signedIn } = await signInAs(providers.binjai, "asn-binjai", (url) => {
      const state = url.searchParams.get("state") as string;
      url.searchParams.set("state", `${state.slice(0, -4)}AAAA`);
    });
    expect(landed.origin).toBe(base);
    expect(landed.pathname).toBe("/");
    expect(landed.searchParams.get("sso_error")).toBe("state_invalid");
    expect(signedIn).toBeNull();
  });

  it("never reads the client secret back, and a disabled provider signs nobody in", async () => {
    const listed = await binjaiAdmin.fetch(`/trpc/identityProvider.list?input=${encodeURIComponent(JSON.stringify({}))}`);
    const text = await listed.text();
    expect(text).toContain('"hasClientSecret":true');
    expect(text).not.toContain("rahasia-binjai");

    // A sign-in begun before the provider was disabled is refused when it returns.
    const browser = new Browser();
    const started = await startSignIn(browser, providers.binjai);
    const url = ((await started.json()) as { url: string }).url;
    await binjaiAdmin.ok(binjaiAdmin.mutate("identityProvider.update", { id: providers.binjai, ...providerInput("MyASN Binjai", "binjai"), enabled: false }));
    const loginPage = await browser.follow(url);
    const consentPage = await browser.submit(loginPage, { login: "asn-binjai", password: "sandi-di-penyedia" });
    const landed = await browser.submit(consentPage, {});
    expect(new URL(landed.url).searchParams.get("sso_error")).toBe("provider_unavailable");
    expect(await (await browser.request(`${base}/api/auth/get-session`)).json()).toBeNull();

    const refused = await startSignIn(new Browser(), providers.binjai);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining("dinonaktifkan") });
    const offered = (await (await fetch(`${base}/api/auth/sso/providers`)).json()) as Array<{ id: string }>;
    expect(offered.map((p) => p.id)).toEqual([providers.samarinda]);
  });
});
