// Reads rule files from disk for the CLI: the core stays free of I/O, so file access is injected here.
import { readFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { formatIssue, loadRuleSet, parseRuleFileText, RULE_FILE_SCHEMA_ID, RuleSetError, type RuleIssue, type RuleSet } from "@kinerja/core";

export interface LoadedRuleFile {
  file: string;
  ruleSet: RuleSet;
  issues: RuleIssue[];
}

/** Shown in messages: the path as the user typed it, relative to where they stand. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel || basename(path);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RuleSetError([
      {
        file: displayPath(path),
        pointer: "",
        message: code === "ENOENT" ? "file not found, expected a rule file (.json)" : `cannot be read (${code})`,
        severity: "error",
      },
    ]);
  }
  return parseRuleFileText(text, displayPath(path));
}

/** Loads, resolves (`extends`) and checks one rule file. Throws RuleSetError when it cannot be used at all. */
export function loadRuleFile(path: string): LoadedRuleFile {
  const absolute = resolve(path);
  const root = dirname(absolute);
  const { ruleSet, issues } = loadRuleSet(basename(absolute), (ref) => readJson(resolve(root, ref)));
  return { file: displayPath(absolute), ruleSet, issues };
}

/**
 * True for the rule files' JSON Schema (rules/ruleset.schema.json), which sits among the rule files so
 * editors find it: `kinerja validate rules/*.json` passes over it instead of reporting it.
 */
export function isRuleFileSchema(path: string): boolean {
  try {
    const json = JSON.parse(readFileSync(path, "utf8")) as { $id?: unknown };
    return json.$id === RULE_FILE_SCHEMA_ID;
  } catch {
    return false;
  }
}

/**
 * Loads each named rule file in turn and hands it to `visit`, passing over the JSON Schema and reporting a
 * file that cannot be read at all (with its problems) instead of stopping. Returns how many could not be read.
 */
export function eachRuleFile(paths: string[], log: (line: string) => void, visit: (loaded: LoadedRuleFile) => void): number {
  let unreadable = 0;
  for (const path of paths) {
    if (isRuleFileSchema(path)) {
      log(`- ${path}: JSON Schema berkas aturan, dilewati`);
      continue;
    }
    let loaded: LoadedRuleFile;
    try {
      loaded = loadRuleFile(path);
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      unreadable++;
      for (const issue of error.issues) log(formatIssue(issue));
      log(`✗ ${path}: tidak dapat dibaca`);
      continue;
    }
    visit(loaded);
  }
  return unreadable;
}
