// Before the browser tests: Chromium must be there, and the app built. Without Chromium the tests are
// skipped and the run says why, as the database tests do without PostgreSQL; where CI=true or
// KINERJA_REQUIRE_CHROMIUM=1 is set, a missing Chromium fails the run instead. Test files read the answer
// with `inject("chromiumMissing")`.
import type { TestProject } from "vitest/node";
import { chromiumMissing, chromiumRequired } from "./browser";
import { ensureBuilt } from "./build";

declare module "vitest" {
  export interface ProvidedContext {
    /** Why the browser tests cannot run (Chromium missing), or null. */
    chromiumMissing: string | null;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const missing = chromiumMissing();
  if (missing && chromiumRequired()) throw new Error(`${missing} A missing Chromium fails the run where CI=true or KINERJA_REQUIRE_CHROMIUM=1 is set.`);
  project.provide("chromiumMissing", missing);
  if (missing) {
    console.log(`[${project.name}] browser tests skipped: ${missing}`);
    return;
  }
  await ensureBuilt((text) => console.log(text));
}
