// Reading a fact the way json-rules-engine's Almanac#factValue does, without promises or caches: look
// the fact up, call it if it is a function, then apply `path` when the value is an object.
import { UndefinedFactError } from "./errors.js";
import { compileFactPath } from "./fact-path.js";
import type { FactReference, Facts, PathResolver } from "./types.js";

/** Reads one fact (called when a function, narrowed by its path) from the run's facts. */
export type FactReader = (facts: Facts) => unknown;

/** Where a fact is read from: a condition (`fact`, `path`, `params`) or a FactReference value or event param. */
export interface FactSource {
  fact: unknown;
  path?: unknown;
  params?: unknown;
}

/** json-rules-engine's test (Almanac#getValue) for "this value names a fact". */
export function isFactReference(value: unknown): value is FactReference {
  return value !== null && typeof value === "object" && Object.hasOwn(value, "fact");
}

/** How facts are read: what a missing fact does, and what reads a path that is not plain. */
export interface FactReadOptions {
  allowUndefinedFacts: boolean;
  pathResolver: PathResolver | undefined;
}

/** The reader of `source`; `pointer` is where the source is, for a path that cannot be compiled. */
export function compileFactReader(source: FactSource, options: FactReadOptions, pointer = ""): FactReader {
  const read = compileLookup(source, options.allowUndefinedFacts);
  if (!source.path) return read;
  const accessor = compileFactPath(source.path, options.pathResolver, `${pointer}/path`);
  // A path on a value that is not an object is ignored and the value itself is compared.
  return (facts) => {
    const value = read(facts);
    return typeof value === "object" && value !== null ? accessor(value) : value;
  };
}

function compileLookup(source: FactSource, allowUndefinedFacts: boolean): FactReader {
  const id = source.fact;
  const params = source.params;
  const missing = allowUndefinedFacts
    ? () => undefined
    : () => {
        throw new UndefinedFactError(id);
      };
  // json-rules-engine keys its facts by the object's (string) keys, so no other id can be found.
  if (typeof id !== "string") return missing;
  const resolve = (value: unknown): unknown =>
    typeof value === "function" ? callFactFunction(id, value as FactFunction, params) : value;
  // A fact named like an Object.prototype member ("constructor") must be an own property to count.
  if (id in Object.prototype) return (facts) => (Object.hasOwn(facts, id) ? resolve(facts[id]) : missing());
  return (facts) => {
    const value = facts[id];
    if (value === undefined) return Object.hasOwn(facts, id) ? undefined : missing();
    return resolve(value);
  };
}

type FactFunction = (params: unknown) => unknown;

/**
 * json-rules-engine treats a function-valued fact as computed: it calls it with the condition's params
 * (and its almanac, which compiled rules do not have) and awaits the result. Here it is called
 * synchronously; a promise cannot be awaited, so it is refused.
 */
function callFactFunction(id: string, fn: FactFunction, params: unknown): unknown {
  const value = fn(params === undefined ? {} : params);
  if (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function") {
    throw new TypeError(`Fact ${id} returned a promise; compiled rules are synchronous, so pass the fact's value instead`);
  }
  return value;
}
