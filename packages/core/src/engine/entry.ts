/**
 * @kinerja/core/engine: json-rules-engine's rule, condition and event grammar compiled into synchronous
 * closures, without a JSONPath implementation (a path that is not plain names and indices needs
 * `pathResolver`, e.g. jsonPathResolver from @kinerja/core/jsonpath). See index.ts for where it differs
 * from json-rules-engine.
 *
 * @module @kinerja/core/engine
 */
export type * from "./types.js";
export { compileRules } from "./rules.js";
export { compileCondition } from "./condition.js";
export { compileFactPath, followPath, plainPathSegments, type PathAccessor, type PathStep } from "./fact-path.js";
export { compileFactReader, isFactReference, type FactReader, type FactReadOptions, type FactSource } from "./fact-reader.js";
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
