// Loading a rule file for a command that needs a usable one: problems are printed, not thrown.
import { formatIssue, RuleSetError } from "@kinerja/core";
import { loadRuleFile, type LoadedRuleFile } from "../rule-files.js";

export function loadUsableRuleFile(path: string, log: (line: string) => void): LoadedRuleFile | null {
  try {
    const loaded = loadRuleFile(path);
    const errors = loaded.issues.filter((i) => i.severity === "error");
    if (errors.length === 0) return loaded;
    for (const issue of errors) log(formatIssue(issue));
    log(`✗ ${loaded.file}: tidak sah, perbaiki kesalahan di atas lebih dahulu`);
    return null;
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    for (const issue of error.issues) log(formatIssue(issue));
    return null;
  }
}
