// Assessment sheets, their rules, peers, deadlines, reminders, rater quality, and the appraisal input built from them.
// The only door into this folder: routers and other folders import from here.
export * from "./sheet-rules.js";
export type { AssessmentView } from "./sheets.js";
export * from "./assessment-queries.js";
export * from "./assessment-commands.js";
export * from "./peers.js";
export { lackingPeers, lackingPeersOf, type LackingPeers, type LackingPerson } from "./peer-needs.js";
export * from "./peer-jobs.js";
export * from "./peer-swap.js";
export * from "./deadlines.js";
export { expectedSheets, setsOf, type CycleSets, type ExpectedSheet, type Person } from "./expected-sheets.js";
export * from "./reminders.js";
export * from "./rater-quality.js";
export * from "./appraisal-inputs.js";
export { resultsOfRuns } from "./history.js";
