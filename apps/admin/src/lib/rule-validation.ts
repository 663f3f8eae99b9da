// Rule-file validation in the browser, the same steps the server takes before it publishes: JSON syntax,
// the schema, the static checks, compilation, and the file's own test cases. Every issue is placed in
// the text by its JSON pointer, so the editor can underline the bad value where it stands.
import {
  actualExpectation,
  checkRuleSet,
  compileRuleSet,
  jsonSyntaxIssue,
  parseRuleFile,
  resolveRuleSet,
  RuleSetError,
  runTestCases,
  type CaseResult,
  type RuleIssue,
  type RuleSet,
  type TestCase,
} from "@kinerja/core";
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";

export interface PlacedIssue extends RuleIssue {
  /** Character offsets in the text that the issue is about. */
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
}

export interface RuleValidation {
  /** The parsed JSON, when the text is valid JSON. */
  content: Record<string, unknown> | null;
  ruleSet: RuleSet | null;
  issues: PlacedIssue[];
  /** The embedded cases, run when the rule set compiles. */
  tests: CaseResult[] | null;
  /** For each failing case (by index), its actual result as an `expect`, to accept as the new expectation. */
  actual: Array<TestCase["expect"] | null> | null;
  /** No error (warnings allowed) and every case passes. */
  ok: boolean;
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer.replace(/^\//, "").split("/").map(decodeSegment);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The text range a JSON pointer names: the property (key and value) or array item it points at. An
 * object or array is marked on its first line only, so one issue does not underline a whole block.
 * A pointer to something missing falls back to the nearest part that exists.
 */
export function pointerRange(text: string, pointer: string, tree: Node | undefined = parseTree(text)): { from: number; to: number } {
  if (!tree) return { from: 0, to: Math.min(text.length, 1) };
  let node: Node = tree;
  let marked: Node = tree;
  for (const segment of pointerSegments(pointer)) {
    let next: Node | undefined;
    let mark: Node | undefined;
    if (node.type === "object") {
      const property = node.children?.find((p) => p.children?.[0]?.value === segment);
      next = property?.children?.[1];
      mark = property;
    } else if (node.type === "array" && /^\d+$/.test(segment)) {
      next = node.children?.[Number(segment)];
      mark = next;
    }
    if (!next || !mark) break;
    node = next;
    marked = mark;
  }
  const from = marked.offset;
  let to = marked.offset + marked.length;
  if (node.type === "object" || node.type === "array") {
    const newline = text.indexOf("\n", from);
    if (newline > from && newline < to) to = newline;
  }
  return { from, to: Math.max(to, from + 1) };
}

function place(text: string, tree: Node | undefined, issue: RuleIssue): PlacedIssue {
  const { from, to } = pointerRange(text, issue.pointer, tree);
  return { ...issue, from, to, line: lineOf(text, from) };
}

/** jsonc-parser places each error; the first is told as the server tells it, in both languages (jsonSyntaxIssue). */
function syntaxIssues(text: string, errors: ParseError[], file: string): PlacedIssue[] {
  const told = jsonSyntaxIssue(text, file);
  return errors.map((error, i) => ({
    file,
    pointer: "",
    ...(i === 0 && told ? { message: told.message, messageEn: told.messageEn } : { message: `JSON: ${printParseErrorCode(error.error)}` }),
    severity: "error" as const,
    from: error.offset,
    to: Math.min(text.length, error.offset + Math.max(error.length, 1)),
    line: lineOf(text, error.offset),
  }));
}

function issuesOf(error: unknown, file: string): RuleIssue[] {
  if (error instanceof RuleSetError) return error.issues;
  return [{ file, pointer: "", message: error instanceof Error ? error.message : String(error), severity: "error" }];
}

/**
 * Validates a rule file's text as the server would store it: self-contained, or extending a national
 * baseline version by name (`"national:pp-30-2019@2"`), whose content `baselines` holds by that name.
 */
export function validateRuleText(text: string, file: string, baselines: ReadonlyMap<string, unknown> = new Map()): RuleValidation {
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) return { content: null, ruleSet: null, issues: syntaxIssues(text, errors, file), tests: null, actual: null, ok: false };
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    const issue: RuleIssue = {
      file,
      pointer: "",
      message: "isi berkas harus berupa objek JSON { … }",
      messageEn: "the file must hold a JSON object { … }",
      severity: "error",
    };
    return { content: null, ruleSet: null, issues: [place(text, undefined, issue)], tests: null, actual: null, ok: false };
  }
  const content = json as Record<string, unknown>;
  const tree = parseTree(text);
  const placed = (list: RuleIssue[]) => list.map((issue) => place(text, tree, issue));

  let ruleSet: RuleSet;
  try {
    const parsed = parseRuleFile(content, file);
    // Checked below, where warnings are kept too.
    ruleSet = resolveRuleSet(
      parsed,
      file,
      (_path, ref) => {
        const baseline = baselines.get(ref);
        if (baseline !== undefined) return baseline;
        throw new RuleSetError([
          {
            file,
            pointer: "/extends",
            message: `extends "${ref}" tidak dikenal; yang diharapkan: versi baseline nasional yang terbit, mis. "national:pp-30-2019@1"`,
            messageEn: `unknown extends "${ref}"; expected a published national baseline version, e.g. "national:pp-30-2019@1"`,
            severity: "error",
          },
        ]);
      },
      { check: false },
    );
  } catch (error) {
    return { content, ruleSet: null, issues: placed(issuesOf(error, file)), tests: null, actual: null, ok: false };
  }

  const issues = checkRuleSet(ruleSet, file);
  let tests: CaseResult[] | null = null;
  let actual: RuleValidation["actual"] = null;
  if (!issues.some((i) => i.severity === "error")) {
    try {
      const compiled = compileRuleSet(ruleSet);
      const results = runTestCases(compiled);
      actual = results.map((c, i) => (c.passed ? null : actualExpectation(compiled, ruleSet.tests[i] as TestCase)));
      tests = results;
    } catch (error) {
      issues.push(...issuesOf(error, file));
    }
  }
  const hasError = issues.some((i) => i.severity === "error");
  return {
    content,
    ruleSet,
    issues: placed(issues),
    tests,
    actual,
    ok: !hasError && (tests ?? []).every((c) => c.passed),
  };
}
