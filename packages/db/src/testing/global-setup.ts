// Decides once per test run which dialects the database suites run on, and says so: SQLite always,
// PostgreSQL when it answers. KINERJA_REQUIRE_POSTGRES=1 (set in CI) turns an absent PostgreSQL into a
// failure instead of a skip. Suites read the answer with `inject("dialects")`.
import type { TestProject } from "vitest/node";
import { probePostgres, TEST_POSTGRES_URL } from "./databases.js";

export default async function setup(project: TestProject): Promise<void> {
  const probe = await probePostgres();
  const where = TEST_POSTGRES_URL.replace(/:[^:@/]*@/, ":***@");
  if (!probe.ok) {
    if (process.env.KINERJA_REQUIRE_POSTGRES === "1") {
      throw new Error(`PostgreSQL not reachable at ${where} (${probe.reason}) and KINERJA_REQUIRE_POSTGRES=1 is set`);
    }
    console.log(`[${project.name}] PostgreSQL not reachable at ${where}: running SQLite only (${probe.reason})`);
    project.provide("dialects", ["sqlite"]);
    return;
  }
  console.log(`[${project.name}] database tests run on: SQLite and PostgreSQL (${where})`);
  project.provide("dialects", ["sqlite", "postgres"]);
}
