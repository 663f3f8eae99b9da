// Problems found in a rule file, each naming the file, the JSON pointer of the bad value, what was
// wrong and what was expected, so a BKD admin can find and fix it without reading code.
//
// Language: an issue speaks Indonesian in `message`, as the evaluator and the rest of the product do, and
// carries the same text in English in `messageEn`. Both are built in one pass, so a reader picks one with
// issueMessage() (the portal by its language) without running the checks again, and every existing reader
// of `message` (the CLI, the API's errors) keeps working. The static checks (check.ts, check-decisions.ts,
// check-conditions.ts), the schema, syntax, size and `extends` messages (zod-issues.ts, json-syntax.ts via
// parse.ts, limits.ts, resolve.ts) give both; the compiler's issues (evaluate/) are Indonesian only.
import type { Lang } from "../domain/types.js";

/** An error stops a rule set from being used; a warning does not. */
export type IssueSeverity = "error" | "warning";

/** One message in each language. */
export type Texts = Record<Lang, string>;

/** A problem found in a rule file: the file, the JSON pointer, what was wrong and what was expected. */
export interface RuleIssue {
  file: string;
  /** RFC 6901 JSON pointer into the file, "" for the whole document. */
  pointer: string;
  /** What was wrong, then what was expected. */
  message: string;
  /** The message in English, where the check that found the issue gives one (every check of ruleset/ does). */
  messageEn?: string;
  severity: IssueSeverity;
}

/** The issue's message in `lang`; the Indonesian one where no English one was given. */
export function issueMessage(issue: RuleIssue, lang: Lang = "id"): string {
  return lang === "en" ? (issue.messageEn ?? issue.message) : issue.message;
}

/** One line for a person: file, pointer and the Indonesian message. */
export function formatIssue(issue: RuleIssue): string {
  const tag = issue.severity === "warning" ? " (peringatan)" : "";
  return `${issue.file}: ${issue.pointer || "/"}: ${issue.message}${tag}`;
}

/** An RFC 6901 JSON pointer from its segments: ("indicatorSets", 0, "id") → "/indicatorSets/0/id". */
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
