/**
 * @kinerja/core/json-rules-engine: json-rules-engine's `Engine`, `Rule`, `Fact`, `Almanac`, `Operator`
 * and `OperatorDecorator` with the same API, running rules through compileRules whenever a run's facts,
 * operators and listeners allow it. Switching is one import; docs/json-rules-engine.md lists what differs.
 *
 * @module @kinerja/core/json-rules-engine
 */
import { Engine, type EngineOptions } from "./engine.js";
import type { Rule, RuleProperties } from "./rule.js";

export { Engine, READY, RUNNING, FINISHED, type EngineOptions, type EngineResult, type RunOptions } from "./engine.js";
export { Rule, type RuleProperties, type RuleEngine } from "./rule.js";
export type { Listener } from "./emitter.js";
export { RuleResult } from "./rule-result.js";
export { Condition, type ConditionEvaluation, type BooleanOperator } from "./condition.js";
export { Fact, type FactFunction, type DynamicFactCallback, type FactOptions } from "./fact.js";
export { Almanac, type AlmanacOptions } from "./almanac.js";
export { Operator, OperatorDecorator, OperatorMap, type OperatorEvaluator, type DecoratorEvaluator, type FactValueValidator } from "./operators.js";
export { UndefinedFactError } from "../errors.js";
export type { Event, PathResolver, TopLevelCondition, NestedCondition, ConditionProperties, AllConditions, AnyConditions, NotConditions, ConditionReference } from "../types.js";

/** `new Engine(rules, options)`, as json-rules-engine's default export. */
export default function engineFactory(rules?: ReadonlyArray<RuleProperties | Rule>, options?: EngineOptions): Engine {
  return new Engine(rules, options);
}
