// Reading one rule file: JSON text → validated RuleFile, or a RuleSetError listing every problem with
// its JSON pointer. No file access here: callers read the text (from disk, a request, a browser upload).
import { RuleSetError, type RuleIssue } from "./errors.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { ruleFileLimitIssues } from "./limits.js";
import { ruleFileSchema, type RuleFile } from "./schema.js";
import { explainZodIssues } from "./zod-issues.js";

/**
 * Validates already-parsed JSON as a rule file; `file` names it in every issue. A file past RULE_FILE_LIMITS
 * is refused before the schema, which would recurse as deep as the file goes.
 */
export function parseRuleFile(json: unknown, file: string): RuleFile {
  const overLimits = ruleFileLimitIssues(json, file);
  if (overLimits.length) throw new RuleSetError(overLimits);
  const result = ruleFileSchema.safeParse(json);
  if (result.success) return result.data;
  throw new RuleSetError(explainZodIssues(result.error.issues, ruleFileSchema, json, file));
}

/** Where and why a text is not JSON: line, column and pointer from findJsonSyntaxError, in both languages. */
function syntaxIssue(source: string, file: string, error: unknown): RuleIssue {
  const syntax = findJsonSyntaxError(source);
  const reason = error instanceof Error ? error.message : String(error);
  const [message, messageEn] = syntax
    ? [`baris ${syntax.line}, kolom ${syntax.column}: ${syntax.message}`, `line ${syntax.line}, column ${syntax.column}: ${syntax.messageEn}`]
    : [`bukan JSON yang sah: ${reason}`, `not valid JSON: ${reason}`];
  return { file, pointer: syntax?.pointer ?? "", message, messageEn, severity: "error" };
}

const withoutBom = (text: string) => (text.startsWith("\uFEFF") ? text.slice(1) : text);

/** The issue of a text that is not valid JSON, as parseRuleFileText reports it; undefined when it parses. */
export function jsonSyntaxIssue(text: string, file: string): RuleIssue | undefined {
  const source = withoutBom(text);
  try {
    JSON.parse(source);
    return undefined;
  } catch (error) {
    return syntaxIssue(source, file, error);
  }
}

/** Parses JSON text (a leading byte-order mark is allowed) and validates it as a rule file. */
export function parseRuleFileText(text: string, file: string): RuleFile {
  const source = withoutBom(text);
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new RuleSetError([syntaxIssue(source, file, error)]);
  }
  return parseRuleFile(json, file);
}
