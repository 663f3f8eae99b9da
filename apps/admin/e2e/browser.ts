// Debian's Chromium driven by playwright-core (never a downloaded browser), headless, with the flags a
// container needs.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.KINERJA_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why Chromium cannot be used here, with what to do about it; null when it is there. */
export function chromiumMissing(): string | null {
  if (existsSync(CHROMIUM)) return null;
  return (
    `Chromium not found at ${CHROMIUM}. The portal's browser tests drive Debian's Chromium: ` +
    "install it with `apt-get update && apt-get install -y chromium`, or set KINERJA_CHROMIUM to its path."
  );
}

/** Set where a missing Chromium must fail the run rather than skip the browser tests. */
export function chromiumRequired(): boolean {
  return process.env.CI === "true" || process.env.CI === "1" || process.env.KINERJA_REQUIRE_CHROMIUM === "1";
}

export function assertChromium(): void {
  const missing = chromiumMissing();
  if (missing) throw new Error(missing);
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}
