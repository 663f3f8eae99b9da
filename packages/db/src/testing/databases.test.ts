import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { TEST_POSTGRES_URL_VARIABLE, testPostgresUrl } from "./databases.js";

describe("the tests' PostgreSQL", () => {
  it("is read from the variable the README and CI set", () => {
    expect(TEST_POSTGRES_URL_VARIABLE).toBe("KINERJA_TEST_POSTGRES_URL");
    expect(testPostgresUrl({ KINERJA_TEST_POSTGRES_URL: "postgres://lain@10.0.0.9:6543/uji" })).toBe("postgres://lain@10.0.0.9:6543/uji");
    expect(testPostgresUrl({})).toBe("postgres://postgres@127.0.0.1:5432/test");
  });

  it("is what a test process started with the variable connects to", () => {
    const printed = execFileSync(
      process.execPath,
      ["--import", "tsx", "-e", 'import("./src/testing/databases.ts").then((m) => console.log(m.TEST_POSTGRES_URL))'],
      { cwd: new URL("../..", import.meta.url), env: { ...process.env, KINERJA_TEST_POSTGRES_URL: "postgres://lain@10.0.0.9:6543/uji" }, encoding: "utf8" },
    );
    expect(printed.trim()).toBe("postgres://lain@10.0.0.9:6543/uji");
  });
});
