// The rules engine: json-rules-engine's rule, condition and event grammar, compiled once into
// synchronous closures that give the same results as json-rules-engine 7.3's Engine#run.
export type * from "./types.js";
export { compileRules, type CompiledRule } from "./rules.js";
export {
  compileCondition,
  type CompiledCondition,
  type CompiledFactCondition,
  type CompiledBooleanCondition,
  type CompiledNotCondition,
  type CompiledConditionReference,
  type Predicate,
} from "./condition.js";
export { compileFactPath, followPath, plainPathSegments, type PathAccessor } from "./fact-path.js";
export { compileFactReader, isFactReference, type FactReader, type FactSource } from "./fact-reader.js";
export {
  KNOWN_OPERATORS,
  KNOWN_DECORATORS,
  isKnownOperator,
  parseOperatorName,
  type BaseOperator,
  type Decorator,
  type OperatorChain,
} from "./operators.js";
export { UndefinedFactError, UndefinedConditionError, UnknownOperatorError, RuleDefinitionError } from "./errors.js";
