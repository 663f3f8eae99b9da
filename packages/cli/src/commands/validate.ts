// `kinerja validate <files…>`: every problem in every file, with file, JSON pointer and what was expected.
import { formatIssue } from "@kinerja/core";
import { eachRuleFile } from "../rule-files.js";

export function validate(files: string[], log: (line: string) => void): number {
  let failed = 0;
  const unreadable = eachRuleFile(files, log, ({ file, issues }) => {
    for (const issue of issues) log(formatIssue(issue));
    const errors = issues.filter((i) => i.severity === "error").length;
    if (errors > 0) {
      failed++;
      log(`✗ ${file}: ${errors} kesalahan`);
      return;
    }
    const warnings = issues.length - errors;
    log(`✓ ${file}: sah${warnings > 0 ? ` (${warnings} peringatan)` : ""}`);
  });
  return failed + unreadable === 0 ? 0 : 1;
}
