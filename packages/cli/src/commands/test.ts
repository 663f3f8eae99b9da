// `kinerja test <files…>`: runs each rule file's embedded cases and says which failed and how.
import { compileRuleSet, formatIssue, runTestCases } from "@kinerja/core";
import { eachRuleFile } from "../rule-files.js";

export function test(files: string[], log: (line: string) => void): number {
  let passed = 0;
  let failed = 0;
  const unreadable = eachRuleFile(files, log, ({ file, ruleSet, issues }) => {
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) {
      for (const issue of errors) log(formatIssue(issue));
      log(`✗ ${file}: tidak sah, kasus uji tidak dijalankan`);
      failed++;
      return;
    }
    const results = runTestCases(compileRuleSet(ruleSet));
    const bad = results.filter((r) => !r.passed);
    for (const r of bad) log(`  ✗ ${r.name}: ${r.message}`);
    passed += results.length - bad.length;
    failed += bad.length;
    log(`${bad.length === 0 ? "✓" : "✗"} ${file}: ${results.length - bad.length}/${results.length} kasus lulus`);
  });
  failed += unreadable;
  log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}
