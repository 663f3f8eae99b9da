// The employee's and the assessor's screens at a phone's width (390 px) and a tablet's (768 px): the
// page never scrolls sideways (a wide table scrolls inside its own box) and no field is too narrow to
// read. Screenshots land in SCREENSHOT_DIR (viewport.ts) to look at.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { ASSESSOR_SCREENS, EMPLOYEE_SCREENS, PLAN_EDITING, type Screen } from "./screens";
import { signInFor, startServer, type RunningServer } from "./server";
import { checkFit, PHONE, TABLET } from "./viewport";

describe.skipIf(inject("chromiumMissing") !== null)("the portal on a phone and a tablet", () => {
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

  const cases: Array<[string, "assessor" | "employee", Screen[], { width: number; height: number }]> = [
    ["an employee at 390 px", "employee", [...EMPLOYEE_SCREENS, PLAN_EDITING], PHONE],
    ["an employee at 768 px", "employee", [...EMPLOYEE_SCREENS, PLAN_EDITING], TABLET],
    ["an assessor at 390 px", "assessor", ASSESSOR_SCREENS, PHONE],
    ["an assessor at 768 px", "assessor", ASSESSOR_SCREENS, TABLET],
  ];
  it.each(cases)("fits the screens of %s", async (_who, role, screens, viewport) => {
    const { page, context } = await newPage(browser, server.url, viewport);
    await page.goto("/");
    await page.getByLabel("E-mail atau NIP").waitFor();
    const problems: string[] = [];
    const signInFit = await checkFit(page, `sign-in`);
    if (signInFit.overflow > 0 || signInFit.narrow.length > 0) problems.push(`sign-in: ${JSON.stringify(signInFit)}`);
    await signIn(page, signInFor(server, role, "binjai"));
    for (const screen of screens) {
      await screen.open(page);
      const fit = await checkFit(page, `${role}-${screen.name}`);
      if (fit.overflow > 0) problems.push(`${screen.name}: the page is ${fit.overflow} px wider than ${viewport.width} px (${fit.wide.join(", ")}); ${fit.screenshot}`);
      if (fit.narrow.length > 0) problems.push(`${screen.name}: fields too narrow: ${fit.narrow.join(", ")}; ${fit.screenshot}`);
    }
    expect(problems.join("\n"), problems.join("\n")).toBe("");
    await context.close();
  });
});
