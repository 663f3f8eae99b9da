// Problems found in a rule file, each naming the file, the JSON pointer of the bad value, what was
// wrong and what was expected, so a BKD admin can find and fix it without reading code.

export type IssueSeverity = "error" | "warning";

export interface RuleIssue {
  file: string;
  /** RFC 6901 JSON pointer into the file, "" for the whole document. */
  pointer: string;
  /** What was wrong, then what was expected. */
  message: string;
  severity: IssueSeverity;
}

export function formatIssue(issue: RuleIssue): string {
  const tag = issue.severity === "warning" ? " (peringatan)" : "";
  return `${issue.file}: ${issue.pointer || "/"}: ${issue.message}${tag}`;
}

export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/** Thrown when a rule file cannot be used; `issues` lists every problem found, not only the first. */
export class RuleSetError extends Error {
  readonly issues: RuleIssue[];
  constructor(issues: RuleIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "RuleSetError";
    this.issues = issues;
  }
}

/** Thrown when one appraisal's inputs cannot be evaluated under a rule set (a user mistake, not a bug). */
export class AppraisalError extends Error {
  readonly nip: string;
  constructor(nip: string, message: string) {
    super(`${nip}: ${message}`);
    this.name = "AppraisalError";
    this.nip = nip;
  }
}
