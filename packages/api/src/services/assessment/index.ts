// Assessment sheets, their rules, peers, deadlines, rater quality, and the appraisal input built from them.
// The only door into this folder: routers and other folders import from here.
export * from "./assessments.js";
export * from "./sheet-rules.js";
export * from "./peers.js";
export * from "./deadlines.js";
export * from "./rater-quality.js";
export * from "./appraisal-inputs.js";
