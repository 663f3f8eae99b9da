// Evaluation: compile a resolved rule set once, then evaluate, explain and test appraisals with it.
export { compileRuleSet, type CompiledRuleSet } from "./compile.js";
export { renderExplanation, renderCondition, formatNumber } from "./explain.js";
export { actualExpectation, runTestCases, type CaseResult } from "./cases.js";
export { trainingRule } from "./outcomes.js";
export { PERIOD_MONTHS } from "./input-facts.js";
export type * from "./steps.js";
export { describeExplanation, factLabel, humanise, outcomeText, tppPercent, valueLabel, type LabelSource } from "./plain.js";
