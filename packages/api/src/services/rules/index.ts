// A region's rule sets: versions and publishing, the national baselines they extend, compiling and the compile cache, what a cycle's pinned rules say, what-if.
// The only door into this folder: routers and other folders import from here.
export * from "./rule-sets.js";
export * from "./compile.js";
export * from "./pinned-rules.js";
export * from "./what-if.js";
export * from "./cycle-rules.js";
export * from "./workflow.js";
export * from "./baselines.js";
export * from "./baseline-refs.js";
export * from "./national-baselines.js";
