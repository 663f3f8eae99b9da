// API & Webhook in the portal, in Debian's Chromium against the real server: Binjai's admin makes a token
// with real clicks, the test reads it from the page and calls /api/v1 with it, comparing the answer with
// what the portal's own API says; the admin registers a webhook to a receiver the test starts on loopback,
// sends a test ping that the receiver verifies by its signature, and sees it delivered in the log; then
// revokes the token, and the same call answers 401. Screenshots at 1366 and 390 px; axe finds nothing serious.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@kinerja/api";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { query } from "./api";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE } from "./viewport";

async function screenshots(page: Page, name: string, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/public-api-${name}-1366.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/public-api-${name}-390.png`, fullPage: true });
  const fit = await checkFit(page, `public-api-${name}`);
  await page.setViewportSize({ width: 1366, height: 900 });
  expect(fit.overflow, fit.wide.join("\n")).toBe(0);
}

describe.skipIf(inject("chromiumMissing") !== null)("API & Webhook in the portal", () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: Server;
  const received: Array<{ event: string; verified: boolean }> = [];
  let secret = "";

  beforeAll(async () => {
    server = await startServer({ seedSize: 12 });
    browser = await launchBrowser();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const signature = req.headers["kinerja-signature"] as string | undefined;
        const timestamp = req.headers["kinerja-timestamp"] as string | undefined;
        received.push({ event: String(req.headers["kinerja-event"]), verified: verifyWebhook(secret, { signature, timestamp }, body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    receiver?.close();
    await browser?.close();
    await server?.stop();
  });

  it("makes a token that reads the region's cycles over /api/v1, sends a verified webhook, and revokes the token", async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, "admin", "binjai"));
    await page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "API & Webhook" }).click();
    await page.getByRole("heading", { name: "Token API" }).waitFor();

    await page.getByLabel("Nama token").fill("Sistem TPP");
    await page.getByRole("checkbox", { name: "cycles:read" }).check();
    await page.getByRole("button", { name: "Buat token" }).click();
    const token = (await page.getByTestId("new-token").innerText()).trim();
    expect(token).toMatch(/^kin_[A-Za-z0-9_-]{43}$/);
    const row = page.getByTestId("api-tokens").getByRole("row").filter({ hasText: "Sistem TPP" });
    await row.waitFor();
    expect(await row.innerText()).toContain(token.slice(0, 10));
    expect(await row.innerText()).not.toContain(token.slice(10));

    const call = () => fetch(`${server.url}/api/v1/cycles`, { headers: { authorization: `Bearer ${token}` } });
    const answer = await call();
    expect(answer.status).toBe(200);
    const cycles = (await answer.json()) as Array<{ id: string; name: string }>;
    const portal = await query(page, "cycle.list", {});
    expect(cycles.map((c) => [c.id, c.name])).toEqual(portal.map((c) => [c.id, c.name]));
    await page.reload();
    await expect.poll(async () => await row.innerText()).not.toContain("Belum pernah");

    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/kinerja`;
    await page.getByLabel("URL penerima").fill(url);
    await page.getByRole("button", { name: "Daftarkan" }).click();
    secret = (await page.getByTestId("webhook-secret").innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const hook = page.getByTestId("webhooks").getByRole("row").filter({ hasText: url });
    await hook.getByRole("button", { name: "Uji" }).click();
    const log = page.getByTestId("webhook-deliveries").getByRole("row").filter({ hasText: "ping" });
    await expect.poll(async () => (await log.count()) > 0 && (await log.first().innerText()), { timeout: 20_000 }).toMatch(/terkirim/i);
    expect(await log.first().innerText()).toContain("204");
    expect(received).toEqual([{ event: "ping", verified: true }]);
    await screenshots(page, "screen", page.getByTestId("webhook-deliveries"));
    const violations = await seriousViolations(page);
    expect(violations, describeViolations("API & Webhook", violations)).toEqual([]);

    await row.getByRole("button", { name: "Cabut token Sistem TPP" }).click();
    await row.getByText("Dicabut", { exact: false }).waitFor();
    expect((await call()).status).toBe(401);
    const tokens = await query(page, "integration.tokens", {});
    expect(tokens.find((t) => t.name === "Sistem TPP")?.revokedAt).not.toBeNull();
  });
});
