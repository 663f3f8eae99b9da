// Prints one closing line, "Tests: N passed, N failed[, N skipped]", after vitest's own summary,
// so any reader of the run's end sees the counts in a plain, stable form. A test that started and never
// ended (its worker process died under it) counts as failed, and is named above the line with the failed
// ones, as vitest's own summary says only that a worker exited.
import type { Reporter, TestCase, TestModule } from "vitest/node";

/** Names printed at most; the rest are counted. */
const NAMED = 20;

function name(test: TestCase): string {
  return `${test.module.moduleId.replace(`${process.cwd()}/`, "")} > ${test.fullName}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let skipped = 0;
    const failed: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed++;
        else if (state === "failed") failed.push(`failed: ${name(test)}`);
        else if (state === "pending") failed.push(`did not finish: ${name(test)}`);
        else skipped++;
      }
    }
    const named = failed.slice(0, NAMED).join("\n");
    const more = failed.length > NAMED ? `\n… and ${failed.length - NAMED} more` : "";
    const tail = skipped > 0 ? `, ${skipped} skipped` : "";
    process.stdout.write(`${named ? `\n${named}${more}\n` : ""}\nTests: ${passed} passed, ${failed.length} failed${tail}\n`);
  }
}
