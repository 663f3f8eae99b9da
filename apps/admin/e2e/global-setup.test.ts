// The browser tests' global setup where Chromium is missing: the tests are skipped and the run says how
// to install it, unless CI=true or KINERJA_REQUIRE_CHROMIUM=1 asks for a failure. Needs no browser.
import type { TestProject } from "vitest/node";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const NOWHERE = "/nonexistent/chromium";
const VARIABLES = ["KINERJA_CHROMIUM", "CI", "KINERJA_REQUIRE_CHROMIUM"] as const;

async function runSetup(): Promise<Map<string, unknown>> {
  // The Chromium path is read when the module loads.
  vi.resetModules();
  const { default: setup } = await import("./global-setup");
  const provided = new Map<string, unknown>();
  await setup({ name: "admin-e2e", provide: (key: string, value: unknown) => provided.set(key, value) } as unknown as TestProject);
  return provided;
}

describe("the browser tests' global setup without Chromium", () => {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

  beforeEach(() => {
    process.env.KINERJA_CHROMIUM = NOWHERE;
    delete process.env.CI;
    delete process.env.KINERJA_REQUIRE_CHROMIUM;
  });

  afterEach(() => {
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    vi.restoreAllMocks();
  });

  it("skips the browser tests and says how to install Chromium", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const provided = await runSetup();
    expect(provided.get("chromiumMissing")).toMatch(new RegExp(`Chromium not found at ${NOWHERE}.*apt-get install -y chromium`));
    expect(log).toHaveBeenCalledWith(expect.stringContaining("[admin-e2e] browser tests skipped: Chromium not found"));
  });

  it.each([
    ["CI", "true"],
    ["KINERJA_REQUIRE_CHROMIUM", "1"],
  ])("fails the run where %s=%s", async (name, value) => {
    process.env[name] = value;
    await expect(runSetup()).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium.*apt-get install -y chromium.*fails the run/);
  });
});
