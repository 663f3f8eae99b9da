// Rating sheets in Chromium, in each demo region: the assessor changes two ratings of a direct report,
// one with the mouse and one with the keyboard, submits, and after a reload the sheet shows the new
// values, which the API also returns as stored. The demo data arrives with every sheet submitted, so each
// change is to a value the seed did not put there. Medan Amplas asks employees to rate themselves too.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, openCycleId, query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import { rateAndCheck } from "./sheets";

const REGIONS = [
  { id: "samarinda", name: "Kota Samarinda", scale: "1–5" },
  { id: "binjai", name: "Kota Binjai", scale: "1–5" },
  { id: "pariaman", name: "Kota Pariaman", scale: "0–100" },
  { id: "amplas", name: "Kecamatan Medan Amplas", scale: "1–5" },
] as const;

describe.skipIf(inject("chromiumMissing") !== null)("rating sheets in a browser, in every demo region", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ seedSize: 40 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const region of REGIONS) {
    it(`lets ${region.name}'s assessor change a direct report's ratings (${region.scale}) with the mouse and the keyboard`, async () => {
      const { page, context } = await newPage(browser, server.url);
      await signIn(page, signInFor(server, "assessor", region.id));
      await page.getByRole("heading", { name: "Penilaian saya" }).waitFor();
      const cycleId = await openCycleId(page);
      const task = (await query(page, "assessment.tasks", { cycleId })).find((t) => t.source === "supervisor");
      if (!task) throw new Error(`no direct report to rate in ${region.name}`);
      await rateAndCheck(page, task, cycleId);
      await context.close();
    });
  }

  it("lets a Medan Amplas employee change their self-assessment once the assessor has opened it again", async () => {
    const employee = await newPage(browser, server.url);
    await signIn(employee.page, signInFor(server, "employee", "amplas"));
    const cycleId = await openCycleId(employee.page);
    const task = (await query(employee.page, "assessment.tasks", { cycleId })).find((t) => t.source === "self");
    if (!task) throw new Error("no self-assessment in Medan Amplas");
    const sheet = (await query(employee.page, "assessment.form", { cycleId, employeeId: task.ratee.employeeId, source: "self" })).sheet;

    // The seed submits every sheet; the employee's assessor opens this one again (the portal has no
    // screen for reopening someone else's self-assessment, so the API does it).
    const assessor = await newPage(browser, server.url);
    await signIn(assessor.page, signInFor(server, "assessor", "amplas"));
    if (sheet?.submittedAt) await mutate(assessor.page, "assessment.reopen", { assessmentId: sheet.id, reason: "Penilaian diri perlu ditinjau ulang" });
    await assessor.context.close();

    await employee.page.getByRole("navigation", { name: "Navigasi" }).getByRole("link", { name: "Penilaian saya" }).click();
    // An employee is not told to rate the employees they supervise.
    await employee.page.getByText(/^Isi lembar penilaian yang diminta dari Anda/).waitFor();
    expect(await employee.page.getByText(/pegawai yang Anda bina/).count()).toBe(0);
    await rateAndCheck(employee.page, task, cycleId);
    await employee.context.close();
  });
});
