// Where the API meets @kinerja/core: a stored rule set's content is validated, resolved (on the national
// baseline version it extends), compiled and hashed here, and compiled rule sets are cached by content hash (content never changes under a hash).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { DomainError, unstorableText } from "../lib/index.js";
import { parseBaselineRef } from "./baseline-refs.js";
import {
  checkRuleSet,
  compileRuleSet,
  loadRuleSet,
  parseRuleFile,
  pointer,
  resolveRuleSet,
  ruleFileLimitIssues,
  RuleSetError,
  runTestCases,
  type CaseResult,
  type CompiledRuleSet,
  type RuleIssue,
  type RuleSet,
} from "@kinerja/core";

/** The first issues as one line for a message: `pointer: message; …`. */
export function issueList(issues: readonly RuleIssue[], max = 5): string {
  return issues
    .slice(0, max)
    .map((i) => `${i.pointer || "/"}: ${i.message}`)
    .join("; ");
}

/**
 * Refuses content past the rule-file limits (size, depth, rules, conditions) with 400, before anything
 * walks it: hashing, storing, the schema and the checks all recurse as deep as the content goes. Then
 * refuses a key or a text PostgreSQL's jsonb cannot hold (NUL, a lone surrogate), naming where it is.
 */
export function refuseOverLimits(content: unknown, file: string): void {
  const issues = ruleFileLimitIssues(content, file);
  if (issues.length) throw new DomainError({ code: "BAD_REQUEST", message: `Rule set melewati batas berkas aturan: ${issueList(issues)}` });
  const unstorable = firstUnstorable(content);
  if (unstorable) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Rule set memuat ${unstorable.problem} di ${unstorable.pointer || "/"}; hapus karakter itu` });
  }
}

/** The first key or text that cannot be stored, and where; walked without recursion (the depth is bounded already). */
function firstUnstorable(content: unknown): { pointer: string; problem: string } | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value: content, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = unstorableText(value);
      if (problem) return { pointer: pointer(...path), problem };
    } else if (Array.isArray(value)) {
      value.forEach((child, i) => stack.push({ value: child, path: [...path, i] }));
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        const problem = unstorableText(key);
        if (problem) return { pointer: pointer(...path, key), problem };
        stack.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: unknown): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** A resolved rule set stored as a self-contained rule file: `sources` (the files it came from) is dropped. */
export function storedContent(ruleSet: RuleSet): Record<string, unknown> {
  const { sources: _sources, ...content } = ruleSet;
  return content;
}

export interface Validation {
  /** True when no issue is an error. */
  ok: boolean;
  issues: RuleIssue[];
  ruleSet: RuleSet | null;
}

function issuesOf(error: unknown, file: string): RuleIssue[] {
  if (error instanceof RuleSetError) return error.issues;
  const message = error instanceof Error ? error.message : String(error);
  return [{ file, pointer: "", message, severity: "error" }];
}

/**
 * Validates stored content: the schema, then (when it parses) the static checks and compilation. Content
 * may extend national baseline versions by name (`"national:pp-30-2019@2"`); `baselines` holds their
 * content by that name (see baselinesFor), and any other `extends` is an error.
 */
export function validateContent(content: unknown, file: string, baselines: ReadonlyMap<string, unknown> = new Map()): Validation {
  let ruleSet: RuleSet;
  try {
    const parsed = parseRuleFile(content, file);
    // Checked below, where warnings are kept too.
    ruleSet = resolveRuleSet(parsed, file, (_path, ref) => baselineContent(baselines, ref, file), { check: false });
  } catch (error) {
    return { ok: false, issues: issuesOf(error, file), ruleSet: null };
  }
  const issues = checkRuleSet(ruleSet, file);
  if (!issues.some((i) => i.severity === "error")) {
    try {
      compiledFor(ruleSet);
    } catch (error) {
      issues.push(...issuesOf(error, file));
    }
  }
  return { ok: !issues.some((i) => i.severity === "error"), issues, ruleSet };
}

/** The stored baseline an `extends` entry names, or an error saying what may be named. */
function baselineContent(baselines: ReadonlyMap<string, unknown>, ref: string, file: string): unknown {
  const content = baselines.get(ref);
  if (content !== undefined) return content;
  const named = parseBaselineRef(ref);
  const message = named
    ? `baseline nasional ${named.baselineId} versi ${named.version} tidak ada; yang diharapkan: versi yang sudah diterbitkan operator nasional`
    : `extends "${ref}" tidak dikenal; yang diharapkan: versi baseline nasional, mis. "national:pp-30-2019@1"`;
  const messageEn = named
    ? `national baseline ${named.baselineId} version ${named.version} does not exist; expected a version the national operator has published`
    : `unknown extends "${ref}"; expected a national baseline version, e.g. "national:pp-30-2019@1"`;
  throw new RuleSetError([{ file, pointer: "/extends", message, messageEn, severity: "error" }]);
}

const cache = new Map<string, CompiledRuleSet>();
const CACHE_SIZE = 32;

/** Compiles a rule set that validated without errors (see validateContent). */
export function compiledFor(ruleSet: RuleSet): CompiledRuleSet {
  const hash = contentHash(storedContent(ruleSet));
  const hit = cache.get(hash);
  if (hit) return hit;
  const compiled = compileRuleSet(ruleSet);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(hash, compiled);
  return compiled;
}

/** Compiles stored content; throws RuleSetError when it is not a usable rule set. */
export function compileContent(content: unknown, file: string, baselines?: ReadonlyMap<string, unknown>): CompiledRuleSet {
  const validation = validateContent(content, file, baselines);
  if (!validation.ok || !validation.ruleSet) throw new RuleSetError(validation.issues.filter((i) => i.severity === "error"));
  return compiledFor(validation.ruleSet);
}

export interface TestSummary {
  passed: number;
  failed: number;
  cases: Array<{ name: string; passed: boolean; message: string }>;
}

export function testContent(compiled: CompiledRuleSet): TestSummary {
  const results: CaseResult[] = runTestCases(compiled);
  return {
    passed: results.filter((r) => r.passed).length,
    failed: results.filter((r) => !r.passed).length,
    cases: results.map((r) => ({ name: r.name, passed: r.passed, message: r.message })),
  };
}

/** Reads a rule file from disk (resolving `extends` beside it) as content ready to store. */
export function loadRuleFile(path: string): { content: Record<string, unknown>; ruleSet: RuleSet; issues: RuleIssue[] } {
  const { ruleSet, issues } = loadRuleSet(path, (file) => JSON.parse(readFileSync(file, "utf8")) as unknown);
  return { content: storedContent(ruleSet), ruleSet, issues };
}
