// Security headers on every kind of response the server gives (API, auth, health, files of the portal,
// errors), and the https-only parts (Strict-Transport-Security, Secure cookies) exactly when the public
// URL is https. Over real HTTP.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, type Running } from "./start.js";
import { startSeededServer, type SeededServer } from "./testing/seeded-server.js";
import { startServerProcess } from "./testing/server-process.js";

const PASSWORD = "sandi-uji-tajuk";
const PUBLIC_URL = "https://kinerja.example.go.id";

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(response.headers.get("x-frame-options")).toBe("DENY");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
}

describe("security headers", () => {
  let server: SeededServer;
  let withApp: Running;
  let base: string;

  beforeAll(async () => {
    server = await startSeededServer("sqlite", { password: PASSWORD, seedSize: 12 });
    base = server.running.url;
    const dist = join(server.scratch, "admin-dist");
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Kinerja</title>");
    writeFileSync(join(dist, "assets", "app-1234.js"), "console.log('kinerja')");
    withApp = await start({ ...server.config, adminDist: dist, seed: false }, { log: () => undefined }, () => undefined);
  });
  afterAll(async () => {
    await withApp?.stop(1_000);
    await server?.stop();
  });

  it("are on API, auth, health, error and home page answers, without HSTS over plain http", async () => {
    const answers = await Promise.all([
      fetch(`${base}/health`),
      fetch(`${base}/`),
      fetch(`${base}/trpc/region.list`),
      fetch(`${base}/api/auth/get-session`),
      fetch(`${base}/export/cycles/x/results.csv`),
      fetch(`${base}/tidak-ada`, { method: "POST" }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 200, 401, 404]);
    for (const response of answers) {
      expectSecurityHeaders(response);
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("are on the portal's files", async () => {
    for (const path of ["/", "/siklus/123", "/assets/app-1234.js"]) {
      const response = await fetch(`${withApp.url}${path}`);
      expect(response.status).toBe(200);
      expectSecurityHeaders(response);
    }
  });

  it("add HSTS and Secure session cookies when the public URL is https", async () => {
    const https = await start({ ...server.config, baseURL: PUBLIC_URL, seed: false }, { log: () => undefined }, () => undefined);
    try {
      const health = await fetch(`${https.url}/health`);
      expectSecurityHeaders(health);
      expect(health.headers.get("strict-transport-security")).toBe("max-age=31536000");

      const signIn = await fetch(`${https.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: PUBLIC_URL },
        body: JSON.stringify({ email: "operator@kinerja.local", password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const cookies = signIn.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
    } finally {
      await https.stop(1_000);
    }

    const plain = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ email: "operator@kinerja.local", password: PASSWORD }),
    });
    expect(plain.status).toBe(200);
    for (const cookie of plain.headers.getSetCookie()) expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("keeps session cookies usable on a plain-http server run with NODE_ENV=production", async () => {
    const process = await startServerProcess({
      NODE_ENV: "production",
      DATABASE_URL: `file:${join(server.scratch, "production.db")}`,
      KINERJA_SECRET_FILE: join(server.scratch, "secret"),
      KINERJA_SEED_SIZE: "12",
      KINERJA_SEED_PASSWORD: PASSWORD,
      KINERJA_ADMIN_DIST: join(server.scratch, "no-admin-build"),
    });
    try {
      const signIn = await fetch(`${process.url}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: process.url },
        body: JSON.stringify({ email: "operator@kinerja.local", password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      const cookies = signIn.headers.getSetCookie();
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*Secure|__Secure-/i);
    } finally {
      await process.stop();
    }
  });
});
