/**
 * @kinerja/core: appraisal domain types and the rules engine. No I/O and no Node-only API, so it runs
 * in Node and in a browser alike.
 *
 * @module @kinerja/core
 */
export * from "./domain/index.js";
export * from "./engine/index.js";
export * from "./ruleset/index.js";
export * from "./evaluate/index.js";
export * from "./curve/index.js";
export * from "./demo/index.js";
export * from "./whatif/index.js";
export * from "./periods/index.js";
export * from "./calculators/index.js";
