// Operators specialised for a constant `value`, known when the rule is compiled. Each specialisation
// must agree with the general form in comparison.ts for that value; anything not specialised falls
// back to the general form.
//
// The undecorated operators — nearly every condition in practice — become a SimpleTest: plain data
// that one small function, `passes`, evaluates. The engine inlines `passes` wherever it is called,
// so these conditions cost no closure call on the fast path (see formula.ts).
//
// The constant is the compiler's private copy of the rule's value (json-rules-engine compares against
// a clone too), so an object in it is never identical to a fact value: equality can only match primitives.
import type { Predicate } from "./combinators.js";
import { compileComparison, indexOfIn, isNumeric } from "./comparison.js";
import type { FactReader } from "./fact-reader.js";
import { slotValue } from "./fact-slots.js";
import type { BaseOperator, OperatorChain } from "./operators.js";

export type FactTest = (factValue: unknown) => boolean;

const EQUAL = 0;
const NOT_EQUAL = 1;
const IN = 2;
const NOT_IN = 3;
const CONTAINS = 4;
const DOES_NOT_CONTAIN = 5;
const LESS_THAN = 6;
const LESS_THAN_INCLUSIVE = 7;
const GREATER_THAN = 8;
const GREATER_THAN_INCLUSIVE = 9;

const OP_CODES: Record<BaseOperator, number> = {
  equal: EQUAL,
  notEqual: NOT_EQUAL,
  in: IN,
  notIn: NOT_IN,
  contains: CONTAINS,
  doesNotContain: DOES_NOT_CONTAIN,
  lessThan: LESS_THAN,
  lessThanInclusive: LESS_THAN_INCLUSIVE,
  greaterThan: GREATER_THAN,
  greaterThanInclusive: GREATER_THAN_INCLUSIVE,
};

/** Above this many candidates a Set beats a scan. */
const SET_THRESHOLD = 8;

/** An undecorated operator against a constant. Every field is always present, so the shape never varies. */
export interface SimpleTest {
  op: number;
  value: unknown;
  /** For in/notIn against a list: the items indexOf could find (objects are private copies; NaN equals nothing). */
  candidates: readonly unknown[];
  /** The candidates as a Set, when there are many; Set#has (SameValueZero) is === once NaN is left out. */
  set: ReadonlySet<unknown> | undefined;
  /** For in/notIn against a string: `text.indexOf(fact)`, which converts the fact to a string. */
  text: string | undefined;
}

/** The SimpleTest for `base` against `value`, or undefined when the general form must run (it may throw). */
export function simpleTest(base: BaseOperator, value: unknown): SimpleTest | undefined {
  const op = OP_CODES[base];
  // One object literal for every test, so `passes` always sees one shape.
  const test = (candidates: readonly unknown[], text: string | undefined): SimpleTest => ({
    op,
    value,
    candidates,
    set: candidates.length > SET_THRESHOLD ? new Set(candidates) : undefined,
    text,
  });
  if (base !== "in" && base !== "notIn") return test([], undefined);
  if (typeof value === "string") return test([], value);
  if (!Array.isArray(value)) return undefined;
  return test(value.filter((item: unknown) => isPrimitive(item) && !Number.isNaN(item)), undefined);
}

/** Whether the fact value passes `test`. Kept small and closure-free so the engine inlines it. */
export function passes(test: SimpleTest, fv: unknown): boolean {
  const value = test.value as number;
  switch (test.op) {
    case EQUAL:
      return fv === value;
    case NOT_EQUAL:
      return fv !== value;
    case IN:
      return isMember(test, fv);
    case NOT_IN:
      return !isMember(test, fv);
    case CONTAINS:
      return Array.isArray(fv) && fv.indexOf(value) > -1;
    case DOES_NOT_CONTAIN:
      return Array.isArray(fv) && fv.indexOf(value) === -1;
    // json-rules-engine's parseFloat validator, then JavaScript's comparison of the unconverted values.
    case LESS_THAN:
      return isNumber(fv) && (fv as number) < value;
    case LESS_THAN_INCLUSIVE:
      return isNumber(fv) && (fv as number) <= value;
    case GREATER_THAN:
      return isNumber(fv) && (fv as number) > value;
    default:
      return isNumber(fv) && (fv as number) >= value;
  }
}

/** The validator's verdict, answered without parseFloat for numbers (all pass but NaN, which compares false anyway). */
function isNumber(fv: unknown): boolean {
  return typeof fv === "number" || isNumeric(fv);
}

function isMember(test: SimpleTest, fv: unknown): boolean {
  if (test.text !== undefined) return indexOfIn(test.text, fv) > -1;
  if (test.set !== undefined) return test.set.has(fv);
  const candidates = test.candidates;
  for (let i = 0; i < candidates.length; i++) if (candidates[i] === fv) return true;
  return false;
}

/** A fact condition with a constant value, reading the fact from its slot (or with `read` when SLOW). */
export function compileConstantCondition(
  chain: OperatorChain,
  value: unknown,
  slot: number,
  read: FactReader,
): { evaluate: Predicate; simple: SimpleTest | undefined } {
  const simple = chain.decorators.length === 0 ? simpleTest(chain.base, value) : undefined;
  if (simple) return { evaluate: (state) => passes(simple, slotValue(state, slot, read)), simple };
  const test = compileConstantTest(chain, value);
  return { evaluate: (state) => test(slotValue(state, slot, read)), simple: undefined };
}

export function compileConstantTest(chain: OperatorChain, value: unknown): FactTest {
  return specialise(chain, 0, value);
}

function specialise(chain: OperatorChain, from: number, value: unknown): FactTest {
  const decorator = chain.decorators[from];
  if (decorator === undefined) {
    const simple = simpleTest(chain.base, value);
    return simple ? (fv) => passes(simple, fv) : general(chain, from, value);
  }
  switch (decorator) {
    case "not": {
      const inner = specialise(chain, from + 1, value);
      return (fv) => !inner(fv);
    }
    case "someFact": {
      const inner = specialise(chain, from + 1, value);
      return (fv) => Array.isArray(fv) && fv.some(inner);
    }
    case "everyFact": {
      const inner = specialise(chain, from + 1, value);
      return (fv) => Array.isArray(fv) && fv.every(inner);
    }
    case "someValue": {
      if (!Array.isArray(value)) break;
      const tests = value.map((item: unknown) => specialise(chain, from + 1, item));
      return (fv) => {
        for (const test of tests) if (test(fv)) return true;
        return false;
      };
    }
    case "everyValue": {
      if (!Array.isArray(value)) break;
      const tests = value.map((item: unknown) => specialise(chain, from + 1, item));
      return (fv) => {
        for (const test of tests) if (!test(fv)) return false;
        return true;
      };
    }
    case "swap":
      break;
  }
  return general(chain, from, value);
}

function general(chain: OperatorChain, from: number, value: unknown): FactTest {
  const comparison = compileComparison(chain, from);
  return (fv) => comparison(fv, value);
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

/** A finite number, string, boolean or null: a value JSON writes as itself. */
function isLiteral(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

const RELATIONS = [" < ", " <= ", " > ", " >= "];

/**
 * `passes(test, x)` as a JavaScript expression over the variable `x`, for code written out per rule set: the
 * constant as a JSON literal, the same tests in the same order. Where that is not plain (a text or Set
 * membership, contains, a constant that is not a literal) the expression calls `passes` with `self`, the
 * source of an expression giving the test itself. `helpers` names `passes` and `isNumeric` in that code.
 */
export function passesSource(test: SimpleTest, x: string, self: string, helpers: { passes: string; isNumeric: string }): string {
  const general = `${helpers.passes}(${self}, ${x})`;
  const value = test.value;
  switch (test.op) {
    case EQUAL:
    case NOT_EQUAL:
      if (!isLiteral(value)) return general;
      return `${x} ${test.op === EQUAL ? "===" : "!=="} ${JSON.stringify(value)}`;
    case IN:
    case NOT_IN: {
      if (test.text !== undefined || test.set !== undefined || !test.candidates.every(isLiteral)) return general;
      const member = test.candidates.length === 0 ? "false" : test.candidates.map((c) => `${x} === ${JSON.stringify(c)}`).join(" || ");
      return test.op === IN ? `(${member})` : `!(${member})`;
    }
    case LESS_THAN:
    case LESS_THAN_INCLUSIVE:
    case GREATER_THAN:
    case GREATER_THAN_INCLUSIVE: {
      if (typeof value !== "number" || !Number.isFinite(value)) return general;
      const compare = `${x}${RELATIONS[test.op - LESS_THAN]}${JSON.stringify(value)}`;
      return `(typeof ${x} === "number" ? ${compare} : ${helpers.isNumeric}(${x}) && ${compare})`;
    }
    default:
      return general;
  }
}
