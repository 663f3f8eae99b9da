// The main screens of each role, opened as a person would: the list the accessibility and the phone
// tests walk. Each opens the screen and waits until its data is shown.
import type { Page } from "playwright-core";
import { openFirstCycle, runEvaluation } from "./portal";

export interface Screen {
  name: string;
  open(page: Page): Promise<void>;
}

/** Waits for the screen's heading, then up to 30 s until no part of the page says it is loading. */
export async function settled(page: Page): Promise<void> {
  await page.getByRole("heading").first().waitFor();
  await page.waitForFunction(() => document.querySelector("[aria-busy='true']") === null, undefined, { timeout: 30_000 }).catch(() => undefined);
}

async function go(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await settled(page);
}

export async function cycleTab(page: Page, tab: string): Promise<void> {
  await openFirstCycle(page);
  let link = page.getByRole("tab", { name: tab });
  if (!(await link.isVisible())) {
    await page.getByRole("tab", { name: "Pelaksanaan" }).click().catch(() => undefined);
    await runEvaluation(page);
    link = page.getByRole("tab", { name: tab });
  }
  await link.click();
  await settled(page);
}

export const ADMIN_SCREENS: Screen[] = [
  { name: "dashboard", open: (page) => go(page, "/") },
  { name: "rules", open: (page) => go(page, "/rules") },
  { name: "people", open: (page) => go(page, "/organisation") },
  { name: "cycles", open: (page) => go(page, "/cycles") },
  { name: "results", open: (page) => cycleTab(page, "Hasil") },
  { name: "calibration", open: (page) => cycleTab(page, "Kalibrasi") },
];

export const ASSESSOR_SCREENS: Screen[] = [
  { name: "assessments", open: (page) => go(page, "/assessments") },
  { name: "team", open: (page) => go(page, "/team") },
  { name: "my-plan", open: (page) => go(page, "/plan") },
  { name: "my-result", open: (page) => go(page, "/me") },
];

export const EMPLOYEE_SCREENS: Screen[] = [
  { name: "my-result", open: (page) => go(page, "/me") },
  { name: "my-plan", open: (page) => go(page, "/plan") },
  { name: "assessments", open: (page) => go(page, "/assessments") },
];

/** The employee's SKP as it is being written: a plan started if there is none, and one more RHK row. */
export const PLAN_EDITING: Screen = {
  name: "my-plan-editing",
  async open(page) {
    await go(page, "/plan");
    const start = page.getByRole("button", { name: "Mulai SKP" });
    if (await start.isVisible()) await start.click();
    await page.getByRole("button", { name: "Tambah RHK" }).click();
    await page.getByRole("textbox", { name: "IKI" }).last().waitFor();
  },
};
