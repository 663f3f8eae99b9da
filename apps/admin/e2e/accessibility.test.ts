// axe-core on every main screen of each role, in Chromium against the real server: no critical and no
// serious violation (names for buttons and fields, contrast, focus inside hidden parts, …).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { ADMIN_SCREENS, ASSESSOR_SCREENS, EMPLOYEE_SCREENS, type Screen } from "./screens";
import { signInFor, startServer, type RunningServer } from "./server";

describe.skipIf(inject("chromiumMissing") !== null)("accessibility of the main screens", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 30 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("has no critical or serious violation on the sign-in page", async () => {
    const { page, context } = await newPage(browser, server.url);
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").waitFor();
    const violations = await seriousViolations(page);
    expect(violations, describeViolations("sign-in", violations)).toEqual([]);
    await context.close();
  });

  const roles: Array<[string, "admin" | "assessor" | "employee", Screen[]]> = [
    ["the region's admin", "admin", ADMIN_SCREENS],
    ["an assessor", "assessor", ASSESSOR_SCREENS],
    ["an employee", "employee", EMPLOYEE_SCREENS],
  ];
  it.each(roles)("has no critical or serious violation on the screens of %s", async (_who, role, screens) => {
    const { page, context } = await newPage(browser, server.url);
    await signIn(page, signInFor(server, role, "binjai"));
    const found: string[] = [];
    for (const screen of screens) {
      await screen.open(page);
      const violations = await seriousViolations(page);
      if (violations.length > 0) found.push(describeViolations(`${role} ${screen.name}`, violations));
    }
    expect(found.join("\n"), found.join("\n")).toBe("");
    await context.close();
  });
});
