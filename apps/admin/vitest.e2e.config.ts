// End-to-end tests of the admin portal ("admin-e2e"): Debian's Chromium, driven by playwright-core,
// against the real server started on a temporary SQLite database. The global setup checks Chromium
// and builds the app when dist/ is missing or older than the sources.
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "admin-e2e",
    environment: "node",
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["e2e/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
