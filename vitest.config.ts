// One vitest run over every package and app, so the suite ends with one summary.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "apps/admin/vitest.e2e.config.ts"],
    reporters: ["default", "./scripts/summary-reporter.ts"],
  },
});
