// JSONPath for paths that are not plain names and indices, as json-rules-engine reads them: jsonpath-plus,
// first result unwrapped. The package's main entry compiles rules with it by default; the lean
// `@kinerja/core/engine` entry leaves it out of a browser bundle unless an app passes it.
import { JSONPath } from "jsonpath-plus";
import { compileCondition as compileConditionWith } from "./condition.js";
import { compileRules as compileRulesWith } from "./rules.js";
import type { CompileOptions, CompiledRules, ConditionOptions, Facts, NestedCondition, PathResolver, RuleProperties } from "./types.js";

/** Reads a JSONPath (`$..a`, `$.a[*]`, filters) in a fact's value with jsonpath-plus, as json-rules-engine does; pass it as `pathResolver`. */
export const jsonPathResolver: PathResolver = (json, path) => JSONPath({ path, json, wrap: false }) as unknown;

/** compileRules with jsonpath-plus reading any path that is not plain, unless `options.pathResolver` says otherwise. */
export function compileRules(rules: readonly RuleProperties[], options: CompileOptions = {}): CompiledRules {
  return compileRulesWith(rules, { ...options, pathResolver: options.pathResolver ?? jsonPathResolver });
}

/** compileCondition with jsonpath-plus reading any path that is not plain, unless `options.pathResolver` says otherwise. */
export function compileCondition(condition: NestedCondition, options: ConditionOptions = {}): (facts: Facts) => boolean {
  return compileConditionWith(condition, { ...options, pathResolver: options.pathResolver ?? jsonPathResolver });
}
