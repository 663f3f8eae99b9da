// The work of the period: plans (SKP), work entries and their evidence, realisasi, continuous feedback, performance dialogues.
// The only door into this folder: routers and other folders import from here.
export * from "./plan-view.js";
export { PLAN_STATUS_LABEL, type IkiInput, type PlanDecision, type RhkInput } from "./plan-rules.js";
export { getPlan, listPlans } from "./plan-queries.js";
export { createPlan, decidePlan, linkRhk, savePlan, submitPlan } from "./plan-commands.js";
export * from "./plan-waiting.js";
export * from "./work-entries.js";
export * from "./work-progress.js";
export * from "./evidence.js";
export * from "./realisasi.js";
export * from "./feedback.js";
export * from "./dialogues.js";
