// A condition's `path` (JSONPath) compiled into a function of the fact value. json-rules-engine runs
// `JSONPath({ path, json, wrap: false })` from jsonpath-plus on every read; a path made only of plain
// property names and indices (`$.a.b`, `$.a[0]`, `$['a']`) is compiled here into direct property
// reads that give the same result, and every other path still goes to jsonpath-plus.
import { JSONPath } from "jsonpath-plus";

export type PathAccessor = (factValue: object) => unknown;

/** jsonpath-plus's slice syntax `[start:end:step]`. */
const SLICE = /^(-?\d*):(-?\d*):?(\d*)$/u;

/**
 * True when jsonpath-plus's `_trace` would treat the segment as a property to follow and nothing else:
 * not `*`, `..`, `^`, `~`, `$`, a slice, a filter or script `(…)`, a type selector `@…`, an escaped
 * `` `name ``, or a union `a,b`.
 */
function isPlainSegment(segment: string): boolean {
  if (segment === "*" || segment === ".." || segment === "^" || segment === "~" || segment === "$") return false;
  if (SLICE.test(segment) || segment.includes(",")) return false;
  const first = segment[0];
  return first !== "?" && first !== "(" && first !== "@" && first !== "`";
}

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

/** The path's steps, or undefined when jsonpath-plus must evaluate it. */
export function plainPathSegments(path: unknown): PathStep[] | undefined {
  if (typeof path !== "string") return undefined;
  const segments = JSONPath.toPathArray(path);
  if (segments[0] === "$" && segments.length > 1) segments.shift();
  if (segments.length === 1 && segments[0] === "$") return [];
  if (!segments.every(isPlainSegment)) return undefined;
  return segments.map((key) => ({ key, inherited: BUILT_IN_PROTOTYPES.some((prototype) => key in prototype) }));
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

export function compileFactPath(path: unknown): PathAccessor {
  const steps = plainPathSegments(path);
  if (steps === undefined) return (json) => JSONPath({ path: path as string, json, wrap: false }) as unknown;
  return (json) => followPath(json, steps);
}
