// The shipped rule files (rules/*.json and rules/national/*.json), bent at random and read back: keys
// deleted and renamed, values retyped, swapped with others of the file, nested past the limits, text
// truncated. Reading (parse, extends, static checks) must only ever report issues (RuleSetError), never
// throw anything else nor take longer than BOUND_MS; a bent file the checks pass must compile. The seed
// and the counts are printed; KINERJA_FUZZ_SEED=<seed> repeats a run. KINERJA_LONG_TESTS=1 (CI) bends
// 5,000 files, otherwise 300.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRuleSet } from "../evaluate/compile.js";
import { RuleSetError } from "./errors.js";
import { parseRuleFileText } from "./parse.js";
import { loadRuleSet } from "./resolve.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const SEED = Number(process.env.KINERJA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.KINERJA_FUZZ_INPUTS ?? (LONG ? 5_000 : 300));
/** Generous: the machine running the tests is shared. */
const BOUND_MS = 5_000;

const RULES = fileURLToPath(new URL("../../../../rules/", import.meta.url));
const FILES = [
  ...readdirSync(RULES).filter((name) => name.endsWith(".json") && name !== "ruleset.schema.json"),
  ...readdirSync(`${RULES}national`).map((name) => `national/${name}`),
].map((name) => `rules/${name}`);
const ORIGINALS = new Map(FILES.map((file) => [file, JSON.parse(readFileSync(`${RULES}${file.slice("rules/".length)}`, "utf8")) as unknown]));

type Json = unknown;
type Container = Record<string, Json> | Json[];
type Path = Array<string | number>;

const isContainer = (value: Json): value is Container => typeof value === "object" && value !== null;

const pick = <T,>(g: fc.GeneratorValue, items: readonly T[]): T => items[g(fc.nat, items.length - 1)] as T;

/** A path found by walking down from the root, one random child at a time, stopping one time in five. */
function randomPath(g: fc.GeneratorValue, root: Json): Path {
  const path: Path = [];
  let value = root;
  while (isContainer(value) && g(fc.nat, 99) < 80) {
    const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    if (!keys.length) break;
    const key = pick(g, keys);
    path.push(key);
    value = (value as Record<string | number, Json>)[key];
  }
  return path;
}

function at(root: Json, path: Path): Json {
  let value = root;
  for (const key of path) value = (value as Record<string | number, Json>)[key];
  return value;
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (!path.length) return value;
  (at(root, path.slice(0, -1)) as Record<string | number, Json>)[path.at(-1)!] = value;
  return root;
}

const WRONG: readonly Json[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, "", "x", "\u0000", "%E0%A4%A", "$.a[?(@.b)]", "__proto__", [], {}, [null], { all: [] }];
const KEYS = ["__proto__", "constructor", "extends", "all", "any", "not", "fact", "path", "value", "condition", "id", "", "$ref", "x"];

/** A copy, unless the value is nested too deep for structuredClone (which recurses); copies keep the tree a tree. */
function clone(value: Json): { ok: true; value: Json } | { ok: false; value?: undefined } {
  try {
    return { ok: true, value: structuredClone(value) };
  } catch {
    return { ok: false };
  }
}

/** The ways a document is bent: each takes the document and a path in it and returns the document. */
type Bend = (g: fc.GeneratorValue, root: Json, path: Path) => Json;

const BENDS: Record<string, Bend> = {
  "delete a key": (g, root, path) => {
    const parent = at(root, path.slice(0, -1));
    if (!path.length || !isContainer(parent)) return root;
    if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
    else delete parent[path.at(-1) as string];
    return root;
  },
  "change a type": (g, root, path) => setAt(root, path, pick(g, WRONG)),
  "rename a key": (g, root, path) => {
    const parent = at(root, path.slice(0, -1));
    if (!path.length || !isContainer(parent) || Array.isArray(parent)) return root;
    const value = parent[path.at(-1) as string];
    delete parent[path.at(-1) as string];
    Object.defineProperty(parent, pick(g, KEYS), { value, enumerable: true, configurable: true, writable: true });
    return root;
  },
  "swap two values": (g, root, path) => {
    const other = randomPath(g, root);
    const within = (inner: Path, outer: Path) => outer.every((key, i) => inner[i] === key);
    if (within(path, other) || within(other, path)) return root;
    const a = at(root, path);
    const b = at(root, other);
    return setAt(setAt(root, path, b), other, a);
  },
  "copy a value elsewhere": (g, root, path) => {
    const copy = clone(at(root, randomPath(g, root)));
    return copy.ok ? setAt(root, path, copy.value) : root;
  },
  "nest it deeper": (g, root, path) => {
    let value = at(root, path);
    const depth = pick(g, [2, 10, 63, 64, 65, 200, 5_000]);
    const wrap = pick(g, ["all", "any", "not", "array"] as const);
    for (let i = 0; i < depth; i++) value = wrap === "array" ? [value] : wrap === "not" ? { not: value } : { [wrap]: [value] };
    return setAt(root, path, value);
  },
  "repeat an item": (g, root, path) => {
    const value = at(root, path);
    if (!Array.isArray(value) || !value.length) return root;
    const copies = pick(g, [1, 10, 1_000]);
    const copy = clone(value[0]);
    if (copy.ok) value.push(...Array.from({ length: copies }, () => clone(copy.value).value));
    return root;
  },
  "bend a number": (g, root, path) => {
    const value = at(root, path);
    return typeof value === "number" ? setAt(root, path, pick(g, [0, -0, -1, value + 1, value * 1000, -value, 1e308, 5e-324, 0.1 + 0.2])) : root;
  },
};

type Outcome = "read" | "issues" | "compiled" | "compile issues";

interface Failure {
  file: string;
  bends: string[];
  error: string;
}

describe(`rule files bent at random (seed ${SEED}, KINERJA_FUZZ_SEED=${SEED} repeats it)`, () => {
  it(`read back with issues, never an exception, within ${BOUND_MS} ms each`, () => {
    const failures: Failure[] = [];
    const outcomes = new Map<Outcome | "text", number>();
    const count = (outcome: Outcome | "text") => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    let slowest = 0;

    fc.assert(
      fc.property(fc.gen(), (g) => {
        const file = pick(g, FILES);
        let document = structuredClone(ORIGINALS.get(file));
        const bends: string[] = [];
        for (let n = g(fc.integer, { min: 1, max: 5 }); n > 0; n--) {
          const name = pick(g, Object.keys(BENDS));
          const path = randomPath(g, document);
          bends.push(`${name} at /${path.join("/")}`);
          document = BENDS[name]!(g, document, path);
        }
        const started = performance.now();
        try {
          // The bent file is read as it would be from disk; the files it extends are read unbent.
          const read = (path: string) => {
            if (path === file) return document;
            if (!ORIGINALS.has(path)) throw new Error(`no rule file at ${path}`);
            return structuredClone(ORIGINALS.get(path));
          };
          const { ruleSet, issues } = loadRuleSet(file, read);
          count("read");
          if (!issues.some((issue) => issue.severity === "error")) {
            try {
              compileRuleSet(ruleSet);
              count("compiled");
            } catch (error) {
              if (!(error instanceof RuleSetError)) throw error;
              count("compile issues");
            }
          }
        } catch (error) {
          if (error instanceof RuleSetError) count("issues");
          else failures.push({ file, bends, error: error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 4).join(" | ") : String(error) });
        }
        // The same file as text, cut short at a random place: a syntax error with a line and column.
        const text = JSON.stringify(ORIGINALS.get(file), null, 2);
        const cut = text.slice(0, g(fc.nat, text.length - 1));
        try {
          parseRuleFileText(cut, file);
        } catch (error) {
          if (!(error instanceof RuleSetError)) failures.push({ file, bends: [`text cut at ${cut.length}`], error: String(error) });
        }
        count("text");
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        if (ms > BOUND_MS) failures.push({ file, bends, error: `took ${Math.round(ms)} ms` });
      }),
      { seed: SEED, numRuns: RUNS },
    );

    console.log(
      `[rule-file fuzz] seed ${SEED}: ${RUNS} bent files (${[...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")}); slowest ${Math.round(slowest)} ms`,
    );
    expect(failures).toEqual([]);
  }, 3_600_000);
});
