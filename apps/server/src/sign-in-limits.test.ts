// Guessing passwords over real HTTP, on each dialect, with limits set through the environment (3 failures
// per account, 6 per address): a locked account answers 429 with Retry-After and an Indonesian message; the
// address is the connection's, whatever X-Forwarded-For or the header the server sets for better-auth
// claim; a weak new password is refused in Indonesian. And which address a request comes from, through a
// trusted reverse proxy or not.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { clientAddress, trustedProxyList } from "./client-address.js";
import { configFromEnv } from "./config.js";
import { HttpClient } from "./testing/http-client.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";

const PASSWORD = "sandi-uji-batas";
const OPERATOR = "operator@kinerja.local";

describe.each(inject("dialects"))("sign-in limits over HTTP on %s", (dialect) => {
  let server: SeededServer;
  let base: string;
  const login = (role: string) => server.running.signIns.find((s) => s.role === role && s.regionId === "binjai")?.login as string;

  beforeAll(async () => {
    server = await startSeededServer(dialect, {
      password: PASSWORD,
      seedSize: 12,
      configure: (config) => ({
        ...config,
        signInLimits: configFromEnv({
          BETTER_AUTH_SECRET: "uji-rahasia-yang-cukup-panjang-32-karakter",
          KINERJA_SIGN_IN_ACCOUNT_FAILURES: "3",
          KINERJA_SIGN_IN_ADDRESS_FAILURES: "6",
        }).signInLimits,
      }),
    });
    base = server.running.url;
  });
  afterAll(async () => {
    await server?.stop();
  });

  function signIn(email: string, password: string, headers: Record<string, string> = {}) {
    return fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...headers },
      body: JSON.stringify({ email, password }),
    });
  }

  it("refuses a weak new password in Indonesian", async () => {
    const employee = new HttpClient(base);
    expect(await employee.signIn(login("employee"), PASSWORD)).toBe(200);
    const change = (newPassword: string) =>
      employee.fetch("/api/auth/change-password", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ currentPassword: PASSWORD, newPassword }),
      });
    const common = await change("Indonesia2025");
    expect(common.status).toBe(400);
    expect(await common.json()).toMatchObject({ code: "PASSWORD_TOO_COMMON", message: expect.stringContaining("paling sering dipakai") });
    const long = await change("Sungai Mahakam ".repeat(700));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ code: "PASSWORD_TOO_LONG", message: "Kata sandi paling banyak 128 karakter." });
  });

  it("locks an account: the right password answers 429 with Retry-After and the reason in Indonesian", async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(OPERATOR, "salah-sandi")).status).toBe(401);
    const locked = await signIn(OPERATOR, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("900");
    expect(await locked.json()).toEqual({
      code: "SIGN_IN_LOCKED",
      message: "Terlalu banyak percobaan masuk. Akun dikunci sementara; coba lagi dalam 15 menit.",
    });
  });

  it("counts the connection's address, whatever the request claims it is", async () => {
    // Three more failures (six from this address), each posing as somewhere else.
    for (let i = 1; i <= 3; i++) {
      const claimed = `203.0.113.${i}`;
      const response = await signIn(`tamu${i}@contoh.test`, "salah-sandi", { "x-forwarded-for": claimed, "x-kinerja-client-address": claimed });
      expect(response.status).toBe(401);
    }
    const refused = await signIn(login("admin"), PASSWORD, { "x-forwarded-for": "198.51.100.9", "x-kinerja-client-address": "198.51.100.9" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(await refused.json()).toEqual({
      code: "SIGN_IN_ADDRESS_LIMITED",
      message: "Terlalu banyak percobaan masuk dari alamat jaringan Anda. Coba lagi dalam 10 menit.",
    });
  });
});

describe("the client's address", () => {
  let server: Server;
  let base: string;
  let trusted: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => res.end(clientAddress(req, trustedProxyList(trusted)) ?? "-"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const seen = async (forwardedFor?: string) =>
    (await fetch(base, { headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor } })).text();

  it("is the connection's when no proxy is trusted, whatever X-Forwarded-For says", async () => {
    trusted = [];
    expect(await seen()).toBe("127.0.0.1");
    expect(await seen("203.0.113.7")).toBe("127.0.0.1");
  });

  it("is read from X-Forwarded-For past trusted proxies only, never further left", async () => {
    trusted = ["127.0.0.0/8", "10.0.0.5"];
    expect(await seen("203.0.113.7")).toBe("203.0.113.7");
    // The client wrote 198.51.100.1 itself; the trusted proxies appended 203.0.113.7 and 10.0.0.5.
    expect(await seen("198.51.100.1, 203.0.113.7, 10.0.0.5")).toBe("203.0.113.7");
    expect(await seen()).toBe("127.0.0.1");
  });
});
