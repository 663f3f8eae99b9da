// A screen at a phone's or a tablet's width: a screenshot to look at, and the checks that the page does
// not scroll sideways and no field is too narrow to read what is typed in it.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";

export const PHONE = { width: 390, height: 844 };
export const TABLET = { width: 768, height: 1024 };
/** Narrower than this, a field shows two or three characters of a number or a name. */
export const MIN_FIELD_WIDTH = 60;

export const SCREENSHOT_DIR = join(tmpdir(), "kinerja-viewport-screenshots");

export interface FitReport {
  /** How far the page is wider than the window, in CSS pixels (0 when it fits). */
  overflow: number;
  /** The elements that stick out past the window's right edge, the innermost first. */
  wide: string[];
  /** Visible fields narrower than MIN_FIELD_WIDTH: their label (or name) and width. */
  narrow: string[];
  screenshot: string;
}

/** Takes a screenshot of the page at its current width and measures what does not fit. */
export async function checkFit(page: Page, name: string): Promise<FitReport> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const screenshot = join(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path: screenshot, fullPage: true });
  const measured = await page.evaluate((minWidth) => {
    const view = document.documentElement.clientWidth;
    const scroller = document.scrollingElement ?? document.documentElement;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : "";
      const test = el.getAttribute("data-testid");
      return `${el.tagName.toLowerCase()}${id}${test ? `[data-testid=${test}]` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).slice(0, 2).join(".")}` : ""}`;
    };
    const wide: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.right <= view + 1) continue;
      // Inside a container that scrolls sideways on its own, sticking out is what it is for.
      let clipped = false;
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        if (style.overflowX !== "visible" && parent.getBoundingClientRect().right <= view + 1) {
          clipped = true;
          break;
        }
      }
      if (!clipped) wide.push(`${describe(el)} right=${Math.round(rect.right)}`);
    }
    const narrow: string[] = [];
    for (const field of document.querySelectorAll("input, select, textarea")) {
      const input = field as HTMLInputElement;
      if (["checkbox", "radio", "hidden", "file", "range", "color"].includes(input.type)) continue;
      const rect = input.getBoundingClientRect();
      const style = getComputedStyle(input);
      if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden" || style.opacity === "0") continue;
      if (rect.width >= minWidth) continue;
      const label = input.labels?.[0]?.textContent ?? input.getAttribute("aria-label") ?? input.name ?? describe(input);
      narrow.push(`${label.trim()} (${Math.round(rect.width)} px)`);
    }
    return { overflow: Math.max(0, scroller.scrollWidth - window.innerWidth), wide: wide.slice(-8).reverse(), narrow };
  }, MIN_FIELD_WIDTH);
  return { ...measured, screenshot };
}
