/**
 * @kinerja/core/evaluator: what an app that evaluates appraisals needs, and no more: compile a resolved
 * rule set, evaluate and explain appraisals, and read the results in words. The rule-file tooling (schema,
 * checks, JSON Schema, input validation) is in @kinerja/core/rule-files.
 *
 * @module @kinerja/core/evaluator
 */
export * from "./domain/index.js";
export * from "./evaluate/index.js";
export type * from "./ruleset/schema.js";
