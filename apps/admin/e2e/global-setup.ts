// Before the browser tests: Chromium must be there (a clear failure when it is not), and the app built.
import { assertChromium } from "./browser";
import { ensureBuilt } from "./build";

export default async function setup(): Promise<void> {
  assertChromium();
  await ensureBuilt((text) => console.log(text));
}
