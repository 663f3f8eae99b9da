// The rule-file format and everything that turns a file into a checked rule set: parse, resolve
// `extends`, static checks, and the JSON Schema for editors.
export * from "./schema.js";
export * from "./errors.js";
export * from "./facts.js";
export { jsonSyntaxIssue, parseRuleFile, parseRuleFileText } from "./parse.js";
export { findJsonSyntaxError, type JsonSyntaxError } from "./json-syntax.js";
export { RULE_FILE_LIMITS, ruleFileLimitIssues, ruleSetSizeIssues, type RuleFileLimits } from "./limits.js";
export { FACT_PATH_EXPECTED, factPathProblem, factPathSteps } from "./json-path.js";
export { resolveRuleSet, resolveRulePath, loadRuleSet, type LoadRuleFile, type LoadRuleSetOptions, type ResolveRuleSetOptions } from "./resolve.js";
export { checkRuleSet } from "./check.js";
export { ruleFileJsonSchema, RULE_FILE_SCHEMA_ID } from "./json-schema.js";
export { appraisalInputSchema, appraisalInputJsonSchema, validateInput, type InputValidation } from "./input-schema.js";
export { ratersOf, raterWeightsOf } from "./raters.js";
export * from "./read.js";
export * from "./values.js";
