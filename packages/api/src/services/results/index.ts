// Results and their runs and revisions, people's adjustments, the evaluation forum and its calibration
// sessions, appeals and follow-up.
// The only door into this folder: routers and other folders import from here.
export * from "./results.js";
export * from "./runs.js";
export * from "./explanations.js";
export * from "./revisions.js";
export * from "./adjustments.js";
export * from "./forum.js";
export * from "./forum-member.js";
export * from "./appeals.js";
export * from "./calibration.js";
export * from "./follow-up.js";
export * from "./judgement.js";
