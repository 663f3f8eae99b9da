// The general form of every operator: (factValue, jsonValue) → boolean, written as json-rules-engine
// 7.3 writes it (engine-default-operators.js, engine-default-operator-decorators.js): a fact-value
// validator, then the callback. Used when the compared value is only known at run time (a fact
// reference) and as the reference that the specialised tests in constant-test.ts must agree with.
import type { BaseOperator, Decorator, OperatorChain } from "./operators.js";

export type Comparison = (factValue: unknown, jsonValue: unknown) => boolean;
type Validator = (factValue: unknown) => boolean;
type DecoratorCallback = (factValue: unknown, jsonValue: unknown, next: Comparison) => boolean;

interface OperatorDefinition {
  validator: Validator | undefined;
  callback: Comparison;
}

interface DecoratorDefinition {
  validator: Validator | undefined;
  callback: DecoratorCallback;
}

/** json-rules-engine's numberValidator: anything parseFloat can read a number from, e.g. 5, "5", "5px", [5]. */
export function isNumeric(factValue: unknown): boolean {
  return !Number.isNaN(Number.parseFloat(factValue as string));
}

/**
 * `container.indexOf(item)` exactly as JavaScript runs it: an array compares strictly, a string
 * coerces `item` to a string, and anything without indexOf throws the TypeError json-rules-engine throws.
 */
export function indexOfIn(container: unknown, item: unknown): number {
  return (container as { indexOf(item: unknown): number }).indexOf(item);
}

// JavaScript's relational operators on whatever the values are (numbers, numeric strings, arrays…);
// json-rules-engine applies them to unconverted values, so the casts only quiet the type checker.
const lessThan: Comparison = (a, b) => (a as number) < (b as number);
const lessThanInclusive: Comparison = (a, b) => (a as number) <= (b as number);
const greaterThan: Comparison = (a, b) => (a as number) > (b as number);
const greaterThanInclusive: Comparison = (a, b) => (a as number) >= (b as number);

type Iterable = { some(test: (item: unknown) => boolean): boolean; every(test: (item: unknown) => boolean): boolean };

const OPERATORS: Record<BaseOperator, OperatorDefinition> = {
  equal: { validator: undefined, callback: (a, b) => a === b },
  notEqual: { validator: undefined, callback: (a, b) => a !== b },
  in: { validator: undefined, callback: (a, b) => indexOfIn(b, a) > -1 },
  notIn: { validator: undefined, callback: (a, b) => indexOfIn(b, a) === -1 },
  contains: { validator: Array.isArray, callback: (a, b) => indexOfIn(a, b) > -1 },
  doesNotContain: { validator: Array.isArray, callback: (a, b) => indexOfIn(a, b) === -1 },
  lessThan: { validator: isNumeric, callback: lessThan },
  lessThanInclusive: { validator: isNumeric, callback: lessThanInclusive },
  greaterThan: { validator: isNumeric, callback: greaterThan },
  greaterThanInclusive: { validator: isNumeric, callback: greaterThanInclusive },
};

// someValue/everyValue call `.some`/`.every` on the value without checking it is an array, so a
// string value throws there, as it does in json-rules-engine.
const DECORATORS: Record<Decorator, DecoratorDefinition> = {
  someFact: { validator: Array.isArray, callback: (fv, jv, next) => (fv as Iterable).some((item) => next(item, jv)) },
  someValue: { validator: undefined, callback: (fv, jv, next) => (jv as Iterable).some((item) => next(fv, item)) },
  everyFact: { validator: Array.isArray, callback: (fv, jv, next) => (fv as Iterable).every((item) => next(item, jv)) },
  everyValue: { validator: undefined, callback: (fv, jv, next) => (jv as Iterable).every((item) => next(fv, item)) },
  swap: { validator: undefined, callback: (fv, jv, next) => next(jv, fv) },
  not: { validator: undefined, callback: (fv, jv, next) => !next(fv, jv) },
};

function withValidator(validator: Validator | undefined, callback: Comparison): Comparison {
  return validator === undefined ? callback : (fv, jv) => validator(fv) && callback(fv, jv);
}

/** The base operator of `chain`, then its decorators from the innermost out, as OperatorDecorator.decorate nests them. */
export function compileComparison(chain: OperatorChain, from = 0): Comparison {
  const base = OPERATORS[chain.base];
  let comparison = withValidator(base.validator, base.callback);
  for (let i = chain.decorators.length - 1; i >= from; i--) {
    const decorator = DECORATORS[chain.decorators[i]!];
    const next = comparison;
    comparison = withValidator(decorator.validator, (fv, jv) => decorator.callback(fv, jv, next));
  }
  return comparison;
}
