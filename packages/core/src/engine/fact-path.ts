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

/** The path's property names, or undefined when jsonpath-plus must evaluate it. */
export function plainPathSegments(path: unknown): string[] | undefined {
  if (typeof path !== "string") return undefined;
  const segments = JSONPath.toPathArray(path);
  if (segments[0] === "$" && segments.length > 1) segments.shift();
  if (segments.length === 1 && segments[0] === "$") return [];
  return segments.every(isPlainSegment) ? segments : undefined;
}

/**
 * jsonpath-plus follows a property only when the current value is truthy and has it as an own
 * property (strings have own indices and `length`), and a path with no match gives undefined.
 */
function step(value: unknown, key: string): unknown {
  return value && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export function compileFactPath(path: unknown): PathAccessor {
  const segments = plainPathSegments(path);
  if (segments === undefined) return (json) => JSONPath({ path: path as string, json, wrap: false }) as unknown;
  const [first, second] = segments;
  switch (segments.length) {
    case 0:
      return (json) => json;
    case 1:
      return (json) => step(json, first!);
    case 2:
      return (json) => step(step(json, first!), second!);
    default:
      return (json) => {
        let value: unknown = json;
        for (const key of segments) value = step(value, key);
        return value;
      };
  }
}
