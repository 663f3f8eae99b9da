// `kinerja test <files…>`: runs each rule file's embedded cases and says which failed and how.
import { compileRuleSet, formatIssue, RuleSetError, runTestCases } from "@kinerja/core";
import { isRuleFileSchema, loadRuleFile } from "../rule-files.js";

export function test(files: string[], log: (line: string) => void): number {
  let passed = 0;
  let failed = 0;
  for (const path of files) {
    if (isRuleFileSchema(path)) {
      log(`- ${path}: JSON Schema berkas aturan, dilewati`);
      continue;
    }
    try {
      const { file, ruleSet, issues } = loadRuleFile(path);
      const errors = issues.filter((i) => i.severity === "error");
      if (errors.length > 0) {
        for (const issue of errors) log(formatIssue(issue));
        log(`✗ ${file}: tidak sah, kasus uji tidak dijalankan`);
        failed++;
        continue;
      }
      const results = runTestCases(compileRuleSet(ruleSet));
      const bad = results.filter((r) => !r.passed);
      for (const r of bad) log(`  ✗ ${r.name}: ${r.message}`);
      passed += results.length - bad.length;
      failed += bad.length;
      log(`${bad.length === 0 ? "✓" : "✗"} ${file}: ${results.length - bad.length}/${results.length} kasus lulus`);
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      for (const issue of error.issues) log(formatIssue(issue));
      failed++;
    }
  }
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
