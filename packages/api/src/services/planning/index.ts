// The work of the period: plans (SKP), work entries and their evidence, realisasi, continuous feedback, performance dialogues.
// The only door into this folder: routers and other folders import from here.
export * from "./plans.js";
export * from "./plan-waiting.js";
export * from "./work-entries.js";
export * from "./evidence.js";
export * from "./realisasi.js";
export * from "./feedback.js";
export * from "./dialogues.js";
