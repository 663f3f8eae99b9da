// `kinerja validate <files…>`: every problem in every file, with file, JSON pointer and what was expected.
import { formatIssue, RuleSetError } from "@kinerja/core";
import { isRuleFileSchema, loadRuleFile } from "../rule-files.js";

export function validate(files: string[], log: (line: string) => void): number {
  let failed = 0;
  for (const path of files) {
    if (isRuleFileSchema(path)) {
      log(`- ${path}: JSON Schema berkas aturan, dilewati`);
      continue;
    }
    try {
      const { file, issues } = loadRuleFile(path);
      const errors = issues.filter((i) => i.severity === "error");
      for (const issue of issues) log(formatIssue(issue));
      if (errors.length > 0) {
        failed++;
        log(`✗ ${file}: ${errors.length} kesalahan`);
      } else {
        const warnings = issues.length - errors.length;
        log(`✓ ${file}: sah${warnings > 0 ? ` (${warnings} peringatan)` : ""}`);
      }
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      failed++;
      for (const issue of error.issues) log(formatIssue(issue));
      log(`✗ ${path}: tidak dapat dibaca`);
    }
  }
  return failed === 0 ? 0 : 1;
}
