// Rating sheets as a person fills them in the portal: opening a sheet from the list beside it, reading
// what it shows, changing ratings with the mouse and the keyboard, and sending it, then reading it back on
// screen after a reload and from the API.
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { query } from "./api";
import { reopenIfLocked } from "./portal";
import type { RouterOutputs } from "../src/lib/trpc";

export type Form = RouterOutputs["assessment"]["form"];
export type Task = RouterOutputs["assessment"]["tasks"][number];
export interface Change {
  indicatorId: string;
  from: number | undefined;
  to: number;
}

/** Opens the task's sheet from the list beside it. */
export async function openSheet(page: Page, task: Task): Promise<void> {
  await page.getByRole("navigation", { name: "Lembar penilaian Anda" }).locator("a, button").filter({ hasText: task.ratee.nama }).first().click();
  await page.getByRole("heading", { name: task.ratee.nama, level: 3 }).waitFor();
}

/** What the sheet shows for an indicator: the checked choice, or the number in the field. */
export async function shown(page: Page, indicatorId: string): Promise<number | undefined> {
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
export async function rateTwo(page: Page, form: Form): Promise<Change[]> {
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
export async function rateAndCheck(page: Page, task: Task, cycleId: string): Promise<void> {
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

