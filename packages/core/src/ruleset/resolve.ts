// Building a rule set from a rule file and the files it `extends`: a region states only what differs
// from the national baseline. No file access here: callers inject how a referenced file is loaded.
import { checkRuleSet } from "./check.js";
import { RuleSetError, pointer, type RuleIssue } from "./errors.js";
import { parseRuleFile } from "./parse.js";
import { CURVE_DEFAULTS, RATERS_DEFAULTS, WORKFLOW_DEFAULTS, type RuleFile, type RuleSet } from "./schema.js";

/**
 * Loads the rule file an `extends` entry names. `path` is where the entry points, already resolved against the
 * including file; `ref` is the entry as written and `from` the including file, for the loader's own messages.
 * It returns the file's JSON as read (JSON.parse's answer), which is parsed and checked here, or a RuleFile
 * parsed already: `(path) => JSON.parse(readFileSync(path, "utf8"))` is enough.
 */
export type LoadRuleFile = (path: string, ref: string, from: string) => unknown;

/** A rule file's parts, with `extends` and `$schema` (which are about the file, not the rules) removed. */
type RuleParts = Omit<RuleFile, "extends" | "$schema">;

const URL_ROOT = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*/;

/**
 * The path of `ref` relative to the file `from`, with "." and ".." folded: ("rules/medan/amplas.json",
 * "../national/base.json") → "rules/national/base.json". Works on "/"-separated paths and URLs alike.
 */
export function resolveRulePath(from: string, ref: string): string {
  const root = URL_ROOT.exec(ref)?.[0] ?? (ref.startsWith("/") ? "" : URL_ROOT.exec(from)?.[0]);
  let joined: string;
  if (URL_ROOT.test(ref) || ref.startsWith("/")) joined = ref.slice(root?.length ?? 0);
  else joined = `${from.slice(root?.length ?? 0, from.lastIndexOf("/") + 1)}${ref}`;
  const absolute = joined.startsWith("/");
  const segments: string[] = [];
  for (const segment of joined.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && segments.length && segments.at(-1) !== "..") segments.pop();
    else if (segment !== ".." || !absolute) segments.push(segment);
  }
  return `${root ?? ""}${absolute ? "/" : ""}${segments.join("/")}`;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Key-by-key override of a plain object: the child's keys win, the parent's other keys stay. */
function overlay<T extends object>(parent: T | undefined, child: T | undefined): T | undefined {
  if (!parent || !child) return child ?? parent;
  return { ...parent, ...defined(child) };
}

/** Items with the same key replace the parent's in place; new ones are appended in the child's order. */
function mergeBy<T>(parent: T[] | undefined, child: T[] | undefined, key: (item: T) => string): T[] | undefined {
  if (!parent || !child) return child ?? parent;
  const replacements = new Map(child.map((item) => [key(item), item]));
  const merged = parent.map((item) => replacements.get(key(item)) ?? item);
  const inherited = new Set(parent.map(key));
  return [...merged, ...child.filter((item) => !inherited.has(key(item)))];
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** Lays `child` over `parent`; the rules for each part are those of the rule-file format (see below). */
type WorkflowParts = RuleParts["workflow"];

/** Workflow sections merge key by key, so `calibration: { maxLevels }` keeps an inherited `forum`. */
function mergeWorkflow(parent: WorkflowParts, child: WorkflowParts): WorkflowParts {
  if (!parent || !child) return child ?? parent;
  const merged: NonNullable<WorkflowParts> = { ...parent };
  for (const key of Object.keys(child) as Array<keyof NonNullable<WorkflowParts>>) {
    merged[key] = { ...parent[key], ...defined(child[key] ?? {}) } as never;
  }
  return merged;
}

function mergeParts(parent: RuleParts, child: RuleParts): RuleParts {
  const byId = (item: { id: string }) => item.id;
  const legalBasis =
    parent.legalBasis || child.legalBasis ? unique([...(parent.legalBasis ?? []), ...(child.legalBasis ?? [])]) : undefined;
  return defined({
    ...parent,
    ...defined(child),
    legalBasis,
    // Records keyed by name: a child entry replaces the parent's entry of that name whole.
    scales: overlay(parent.scales, child.scales),
    facts: overlay(parent.facts, child.facts),
    conditions: overlay(parent.conditions, child.conditions),
    // Plain objects: key by key, so `raters: { missing }` keeps the inherited weights.
    raters: overlay(parent.raters, child.raters),
    axes: overlay(parent.axes, child.axes),
    curve: overlay(parent.curve, child.curve),
    period: overlay(parent.period, child.period),
    workflow: mergeWorkflow(parent.workflow, child.workflow),
    indicatorSets: mergeBy(parent.indicatorSets, child.indicatorSets, byId),
    decisions: mergeBy(parent.decisions, child.decisions, byId),
    calculations: mergeBy(parent.calculations, child.calculations, byId),
    axisVariants: mergeBy(parent.axisVariants, child.axisVariants, byId),
    predikat: mergeBy(parent.predikat, child.predikat, byId),
    outcomes: mergeBy(parent.outcomes, child.outcomes, (rule) => rule.name),
    // Test cases are not inherited: a parent's cases were written against the parent's bands and
    // weights, which the child may have changed, so each file states the cases it answers for.
    tests: child.tests,
  }) as RuleParts;
}

interface Resolved {
  parts: RuleParts;
  sources: string[];
}

function load(loader: LoadRuleFile, ref: string, from: string, where: string, path: string): RuleFile {
  let json: unknown;
  try {
    json = loader(path, ref, from);
  } catch (error) {
    if (error instanceof RuleSetError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuleSetError([
      {
        file: from,
        pointer: where,
        message: `"${ref}" (${path}) tidak dapat dibaca: ${reason}; yang diharapkan: jalur berkas aturan, relatif terhadap berkas ini`,
        messageEn: `cannot read "${ref}" (${path}): ${reason}; expected the path of a rule file, relative to this file`,
        severity: "error",
      },
    ]);
  }
  return parseRuleFile(json, path);
}

function resolveChain(file: RuleFile, fileName: string, loader: LoadRuleFile, chain: string[]): Resolved {
  // `checkWith` speaks only of the file it is written in (see loadRuleSet): a parent's is dropped.
  const { extends: parents, $schema: _schema, checkWith: _checkWith, ...own } = file;
  const refs = parents === undefined ? [] : typeof parents === "string" ? [parents] : parents;
  let base: Resolved | undefined;
  refs.forEach((ref, index) => {
    const where = typeof parents === "string" ? pointer("extends") : pointer("extends", index);
    const path = resolveRulePath(fileName, ref);
    const seen = chain.indexOf(path);
    if (seen >= 0) {
      const cycle = [...chain.slice(seen), path].join(" → ");
      throw new RuleSetError([
        {
          file: fileName,
          pointer: where,
          message: `extends berputar melingkar: ${cycle}; yang diharapkan: rantai berkas yang berakhir pada berkas tanpa extends`,
          messageEn: `extends goes round in a circle: ${cycle}; expected a chain of files that ends in one without extends`,
          severity: "error",
        },
      ]);
    }
    const parent = resolveChain(load(loader, ref, fileName, where, path), path, loader, [...chain, path]);
    base = base
      ? { parts: mergeParts(base.parts, parent.parts), sources: unique([...base.sources, ...parent.sources]) }
      : parent;
  });
  if (!base) return { parts: own, sources: [fileName] };
  return { parts: mergeParts(base.parts, own), sources: unique([...base.sources, fileName]) };
}

/** Options of resolveRuleSet. */
export interface ResolveRuleSetOptions {
  /** Run the static checks and throw on an error they find (default true); false for callers that check later. */
  check?: boolean;
}

/**
 * Resolves `extends` (left to right, each parent itself resolved first, so with `extends: [a, b]` b's parts
 * win over a's) and fills what no file in the chain gives, so every part an evaluation needs is present.
 * `file` is the rule file's JSON as read, or a RuleFile parsed already. `sources` lists the files used,
 * parents first, `fileName` last. Throws RuleSetError when a file cannot be read or parsed, `extends` goes in
 * a circle, or (unless `check: false`) the static checks find an error; loadRuleSet returns the warnings too.
 */
export function resolveRuleSet(file: unknown, fileName: string, load: LoadRuleFile, opts: ResolveRuleSetOptions = {}): RuleSet {
  const ruleSet = resolveParsed(parseRuleFile(file, fileName), fileName, load);
  if (opts.check !== false) {
    const errors = checkRuleSet(ruleSet, fileName).filter((issue) => issue.severity === "error");
    if (errors.length > 0) throw new RuleSetError(errors);
  }
  return ruleSet;
}

function resolveParsed(file: RuleFile, fileName: string, load: LoadRuleFile): RuleSet {
  const { parts, sources } = resolveChain(file, fileName, load, [fileName]);
  return {
    ...parts,
    scales: parts.scales ?? {},
    facts: parts.facts ?? {},
    conditions: parts.conditions ?? {},
    // An indicator with its own rater weights is rated by exactly those sources.
    indicatorSets: (parts.indicatorSets ?? []).map((set) => ({
      ...set,
      indicators: set.indicators.map((indicator) =>
        indicator.raterWeights && !indicator.raters
          ? { ...indicator, raters: Object.keys(indicator.raterWeights) as NonNullable<typeof indicator.raters> }
          : indicator,
      ),
    })),
    predikat: parts.predikat ?? [],
    decisions: parts.decisions ?? [],
    calculations: parts.calculations ?? [],
    outcomes: parts.outcomes ?? [],
    tests: parts.tests ?? [],
    raters: { ...RATERS_DEFAULTS, ...defined(parts.raters ?? {}) },
    curve: { ...CURVE_DEFAULTS, ...defined(parts.curve ?? {}) },
    workflow: {
      planning: { ...WORKFLOW_DEFAULTS.planning, ...defined(parts.workflow?.planning ?? {}) },
      evidence: { ...WORKFLOW_DEFAULTS.evidence, ...defined(parts.workflow?.evidence ?? {}) },
      peers: { ...WORKFLOW_DEFAULTS.peers, ...defined(parts.workflow?.peers ?? {}) },
      calibration: { ...WORKFLOW_DEFAULTS.calibration, ...defined(parts.workflow?.calibration ?? {}) },
      appeals: { ...WORKFLOW_DEFAULTS.appeals, ...defined(parts.workflow?.appeals ?? {}) },
    },
    sources,
  };
}

/** Options of loadRuleSet. */
export interface LoadRuleSetOptions {
  /** Run the static checks (default true); false returns no issues, for callers that check later. */
  check?: boolean;
}

/**
 * Reads, validates and resolves a rule file and the files it extends, then checks the result.
 * `readJson` returns a file's parsed JSON (it may throw a RuleSetError of its own, e.g. from
 * parseRuleFileText). Throws RuleSetError when a file cannot be read, parsed or resolved; problems the
 * static checks find are returned as `issues` (errors and warnings), for the caller to judge.
 */
export function loadRuleSet(
  fileName: string,
  readJson: (path: string) => unknown,
  opts: LoadRuleSetOptions = {},
): { ruleSet: RuleSet; issues: RuleIssue[] } {
  const read = (path: string): RuleFile => parseRuleFile(readJson(path), path);
  let root: RuleFile;
  try {
    root = read(fileName);
  } catch (error) {
    if (error instanceof RuleSetError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new RuleSetError([
      { file: fileName, pointer: "", message: `berkas tidak dapat dibaca: ${reason}`, messageEn: `cannot read the file: ${reason}`, severity: "error" },
    ]);
  }
  // A part meant to be extended (e.g. a discipline table) is checked and tested on top of the file it
  // names, as a region that extends both would use it.
  if (root.checkWith !== undefined) {
    const own = root.extends === undefined ? [] : typeof root.extends === "string" ? [root.extends] : root.extends;
    root = { ...root, extends: [root.checkWith, ...own] };
  }
  const ruleSet = resolveParsed(root, fileName, (path) => read(path));
  return { ruleSet, issues: opts.check === false ? [] : checkRuleSet(ruleSet, fileName) };
}
