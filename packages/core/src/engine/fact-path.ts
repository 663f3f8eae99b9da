// A condition's `path` (JSONPath) compiled into a function of the fact value. json-rules-engine runs
// `JSONPath({ path, json, wrap: false })` from jsonpath-plus on every read; a path made only of plain
// property names and indices (`$.a.b`, `$.a[0]`, `$['a']`) is compiled here into direct property
// reads that give the same result. Every other path goes to the `pathResolver` the rules were compiled
// with (jsonpath-plus in the package's main entry, see jsonpath.ts), so this file does not carry a
// JSONPath implementation into a browser bundle that needs none.
import { RuleDefinitionError } from "./errors.js";
import type { PathResolver } from "./types.js";

/** Reads a path, compiled once, in a fact's value. */
export type PathAccessor = (factValue: object) => unknown;

/**
 * The plain paths read here: an optional `$`, then `.name`, `[index]` or `['quoted name']` steps (a quoted
 * name: letters and digits of any script, space, _ . -, but not `..`, which jsonpath-plus reads as descent
 * into every level even when quoted; a path without `$` starts with a name). Anything
 * else, even a path jsonpath-plus would also read as plain steps, is left to the resolver: it gives the same
 * result, only slower.
 */
const FIRST = /^(?:\$|[A-Za-z_][A-Za-z0-9_]*)/u;
const STEP = /^(?:\.([A-Za-z0-9_]+)|\[(\d+)\]|\['([\p{L}\p{N} _.-]+)'\]|\["([\p{L}\p{N} _.-]+)"\])/u;

/** One property a plain path follows. */
export interface PathStep {
  key: string;
  /** Some built-in prototype has a property by this name, so being found is not enough: it must be own. */
  inherited: boolean;
}

const BUILT_IN_PROTOTYPES: readonly object[] = [
  Object.prototype,
  Array.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  BigInt.prototype,
];

/** The path's steps (the segments jsonpath-plus would follow), or undefined when the resolver must evaluate it. */
export function plainPathSegments(path: unknown): PathStep[] | undefined {
  if (typeof path !== "string") return undefined;
  const first = FIRST.exec(path);
  if (!first) return undefined;
  const keys = first[0] === "$" ? [] : [first[0]];
  let rest = path.slice(first[0].length);
  while (rest.length > 0) {
    const step = STEP.exec(rest);
    if (!step) return undefined;
    const key = (step[1] ?? step[2] ?? step[3] ?? step[4])!;
    if (key === "..") return undefined;
    keys.push(key);
    rest = rest.slice(step[0].length);
  }
  return keys.map((key) => ({ key, inherited: BUILT_IN_PROTOTYPES.some((prototype) => key in prototype) }));
}

/**
 * jsonpath-plus follows a property only when the current value is truthy and has it as an own
 * property (strings have own indices and `length`); a path with no match gives undefined. For a
 * JSON-like value a property no built-in prototype has is own whenever it is found, which saves
 * the own-property check on every step but the rare ones like `length` or `constructor`.
 */
export function followPath(value: unknown, steps: readonly PathStep[]): unknown {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    if (!value) return undefined;
    if (step.inherited && !Object.hasOwn(value, step.key)) return undefined;
    value = (value as Record<string, unknown>)[step.key];
  }
  return value;
}

/**
 * The path as a function of the fact value: plain paths read directly, others through `resolver`. A path
 * that needs a resolver when none is given is refused here, when the rules are compiled.
 */
export function compileFactPath(path: unknown, resolver: PathResolver | undefined, pointer = ""): PathAccessor {
  const steps = plainPathSegments(path);
  if (steps !== undefined) return (json) => followPath(json, steps);
  if (typeof path === "string" && resolver) return (json) => resolver(json, path);
  throw new RuleDefinitionError(
    pointer,
    `path ${JSON.stringify(path)} is not made of plain names and indices ($.a.b, $.a[0], $['a']), so it needs a JSONPath ` +
      "implementation: pass { pathResolver } (jsonPathResolver from @kinerja/core/jsonpath, or your own (value, path) => result)",
  );
}
