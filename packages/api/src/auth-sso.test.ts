// The id_token checks a region's provider gets from better-auth's generic OAuth plugin, as built for a
// sign-in (buildSsoProvider), against a real oidc-provider's discovery and keys: a token signed with the
// provider's own key is still refused when its issuer, audience or nonce is not the expected one, or when
// another key signed it.
import { generateKeyPairSync, createSign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import { createAuth } from "./auth.js";
import { buildSsoProvider } from "./auth-sso.js";
import { startOidcProvider, type TestOidcProvider } from "./testing/oidc-provider.js";

const CLIENT = { clientId: "kinerja-uji", clientSecret: "rahasia-klien-uji-yang-panjang", redirectUris: ["http://127.0.0.1:1/api/auth/sso/callback/p1"] };
const NONCE = "nonce-uji-yang-acak";

describe.each(inject("dialects"))("id_token checks of a region's provider on %s", (dialect) => {
  let database: TestDatabase;
  let idp: TestOidcProvider;
  let provider: NonNullable<Awaited<ReturnType<typeof buildSsoProvider>>>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    idp = await startOidcProvider();
    idp.configure({ clients: [CLIENT], accounts: {} });
    const context = await createAuth({ db: database.db, dialect, secret: "uji-rahasia-yang-cukup-panjang-32-karakter" }).$context;
    const at = new Date().toISOString();
    // The context a request sees; its options type is this configuration's, which the plugin's init widens.
    const built = await buildSsoProvider(context as unknown as Parameters<typeof buildSsoProvider>[0], {
      region_id: "binjai",
      id: "p1",
      name: "SSO Uji",
      discovery_url: idp.discoveryUrl,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      scopes: "profile nip",
      nip_claim: "nip",
      create_accounts: 0,
      disabled_at: null,
      updated_by: null,
      created_at: at,
      updated_at: at,
    });
    if (!built) throw new Error("the provider was not built from discovery");
    provider = built;
  });
  afterAll(async () => {
    await idp?.stop();
    await database?.dispose();
  });

  const claims = (changes: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { iss: idp.issuer, sub: "pegawai-1", aud: CLIENT.clientId, iat: now, exp: now + 300, nonce: NONCE, email: "p@uji.invalid", nip: "198001012005011001", ...changes };
  };
  const userInfo = (idToken: string) => provider.getUserInfo({ idToken, expectedIdTokenNonce: NONCE });

  it("takes the issuer and keys from discovery and accepts the provider's own token", async () => {
    expect(provider.issuer).toBe(idp.issuer);
    const info = await userInfo(idp.sign(claims()));
    expect(info?.data).toMatchObject({ sub: "pegawai-1", nip: "198001012005011001" });
  });

  it("refuses a token from another issuer, for another client, or for another sign-in", async () => {
    expect(await userInfo(idp.sign(claims({ iss: "http://127.0.0.1:9/penerbit-lain" })))).toBeNull();
    expect(await userInfo(idp.sign(claims({ aud: "klien-lain" })))).toBeNull();
    expect(await userInfo(idp.sign(claims({ nonce: "nonce-lain" })))).toBeNull();
    expect(await userInfo(idp.sign(claims({ exp: Math.floor(Date.now() / 1000) - 3600 })))).toBeNull();
  });

  it("refuses a token signed with a key that is not the provider's, and an unsigned one", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const genuine = idp.sign(claims());
    const [header, payload] = genuine.split(".") as [string, string];
    const forged = createSign("RSA-SHA256").update(`${header}.${payload}`).sign(privateKey).toString("base64url");
    expect(await userInfo(`${header}.${payload}.${forged}`)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    expect(await userInfo(`${none}.${payload}.`)).toBeNull();
  });
});
