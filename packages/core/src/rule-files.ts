/**
 * @kinerja/core/rule-files: the rule-file format and its tooling: parse, resolve `extends`, the static
 * checks, the rule file's and the appraisal input's schemas (zod and JSON Schema) and validateInput.
 *
 * @module @kinerja/core/rule-files
 */
export * from "./ruleset/index.js";
