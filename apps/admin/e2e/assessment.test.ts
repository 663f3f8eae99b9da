// Rating sheets in Chromium, in each demo region: the assessor changes two ratings of a direct report,
// one with the mouse and one with the keyboard, submits, and after a reload the sheet shows the new
// values, which the API also returns as stored. The demo data arrives with every sheet submitted, so each
// change is to a value the seed did not put there. Medan Amplas asks employees to rate themselves too.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mutate, openCycleId, query } from "./api";
import { launchBrowser } from "./browser";
import { newPage, reopenIfLocked, signIn } from "./portal";
import { signInFor, startServer, type RunningServer } from "./server";
import type { RouterOutputs } from "../src/lib/trpc";

type Form = RouterOutputs["assessment"]["form"];
type Task = RouterOutputs["assessment"]["tasks"][number];
interface Change {
  indicatorId: string;
  from: number | undefined;
  to: number;
}

const REGIONS = [
  { id: "samarinda", name: "Kota Samarinda", scale: "1–5" },
  { id: "binjai", name: "Kota Binjai", scale: "1–5" },
  { id: "pariaman", name: "Kota Pariaman", scale: "0–100" },
  { id: "amplas", name: "Kecamatan Medan Amplas", scale: "1–5" },
] as const;

/** Opens the task's sheet from the list beside it. */
async function openSheet(page: Page, task: Task): Promise<void> {
  await page.getByRole("navigation", { name: "Lembar penilaian Anda" }).locator("a, button").filter({ hasText: task.ratee.nama }).first().click();
  await page.getByRole("heading", { name: task.ratee.nama, level: 3 }).waitFor();
}

/** What the sheet shows for an indicator: the checked choice, or the number in the field. */
async function shown(page: Page, indicatorId: string): Promise<number | undefined> {
  const field = page.getByTestId(`rating-${indicatorId}`);
  if ((await field.getAttribute("role")) === "radiogroup") {
    const checked = field.getByRole("radio", { checked: true });
    if ((await checked.count()) === 0) return undefined;
    return Number(await checked.evaluate((radio) => (radio instanceof HTMLInputElement ? radio.value : radio.textContent)));
  }
  const text = await field.inputValue();
  return text === "" ? undefined : Number(text);
}

/**
 * Changes the first indicator with the mouse and the second with the keyboard, each to a value other
 * than the one the sheet held, and returns what changed.
 */
async function rateTwo(page: Page, form: Form): Promise<Change[]> {
  const [first, second] = form.indicators;
  if (!first || !second) throw new Error(`the ${form.source} sheet asks for fewer than two ratings`);
  const held = form.sheet?.ratings ?? {};
  const pointer = page.getByTestId(`rating-${first.id}`);
  const keyboard = page.getByTestId(`rating-${second.id}`);

  if ((await pointer.getAttribute("role")) === "radiogroup") {
    const { min, max, step = 1 } = first.scale;
    const choices = Array.from({ length: Math.floor((max - min) / step) + 1 }, (_, i) => min + i * step);
    const to = choices.find((c) => c !== held[first.id]) as number;
    await pointer.getByRole("radio", { name: String(to), exact: true }).click();

    // Tab leaves the first group (one tab stop per group) for the second one's checked choice.
    await page.keyboard.press("Tab");
    expect(await keyboard.evaluate((group) => group.contains(document.activeElement))).toBe(true);
    const from = held[second.id];
    const index = from === undefined ? 0 : choices.indexOf(from);
    const key = index === choices.length - 1 ? "ArrowLeft" : "ArrowRight";
    await page.keyboard.press(key);
    const next = choices[key === "ArrowRight" ? index + 1 : index - 1] as number;
    return [
      { indicatorId: first.id, from: held[first.id], to },
      { indicatorId: second.id, from, to: next },
    ];
  }

  // A wide scale (0–100) is a number field: typed over, and stepped with the arrow keys.
  const from = held[first.id] ?? 50;
  const to = from >= 50 ? from - 13 : from + 13;
  await pointer.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(String(to));
  const start = held[second.id] ?? 50;
  await keyboard.click();
  const key = start >= second.scale.max - 1 ? "ArrowDown" : "ArrowUp";
  await page.keyboard.press(key);
  await page.keyboard.press(key);
  return [
    { indicatorId: first.id, from: held[first.id], to },
    { indicatorId: second.id, from: held[second.id], to: key === "ArrowUp" ? start + 2 : start - 2 },
  ];
}

/** Rates, submits, reloads and reads the sheet back, on screen and from the API. */
async function rateAndCheck(page: Page, task: Task, cycleId: string): Promise<void> {
  const key = { cycleId, employeeId: task.ratee.employeeId, source: task.source };
  await openSheet(page, task);
  const before = await query(page, "assessment.form", key);
  if (task.source === "supervisor") await reopenIfLocked(page);

  const changes = await rateTwo(page, before);
  // The guidance beside the sheet follows the indicator last touched.
  const second = before.indicators[1]!;
  await page.getByRole("complementary", { name: "Petunjuk penilaian" }).getByText(second.name, { exact: true }).waitFor();
  for (const change of changes) {
    expect(change.to).not.toBe(change.from);
    expect(await shown(page, change.indicatorId)).toBe(change.to);
  }
  await page.getByRole("button", { name: "Kirim penilaian" }).click();
  await page.getByText(/Penilaian untuk .* disimpan\./).waitFor();

  await page.reload();
  await openSheet(page, task);
  await page.getByText("Lembar ini sudah dikirim dan terkunci.", { exact: false }).waitFor();
  for (const change of changes) expect(await shown(page, change.indicatorId), change.indicatorId).toBe(change.to);

  const after = await query(page, "assessment.form", key);
  expect(after.sheet?.submittedAt).toBeTruthy();
  for (const change of changes) expect(after.sheet?.ratings[change.indicatorId], change.indicatorId).toBe(change.to);
  // The rest of the sheet is as it was.
  const untouched = Object.keys(before.sheet?.ratings ?? {}).filter((id) => !changes.some((c) => c.indicatorId === id) && before.indicators.some((i) => i.id === id));
  for (const id of untouched) expect(after.sheet?.ratings[id], id).toBe(before.sheet?.ratings[id]);
}

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
