// Operators specialised for a constant `value`, known when the rule is compiled: the test closes over
// the value and takes only the fact value. Each specialisation must agree with the general form in
// comparison.ts for that value; anything not specialised falls back to the general form. The
// commonest conditions (an undecorated operator) also get the fact read fused into the same closure.
//
// The constant is the compiler's private copy of the rule's value (json-rules-engine compares against
// a clone too), so an object in it is never identical to a fact value: equality can only match primitives.
import {
  compileComparison,
  greaterThan,
  greaterThanInclusive,
  indexOfIn,
  isNumeric,
  lessThan,
  lessThanInclusive,
  type Comparison,
} from "./comparison.js";
import type { Predicate } from "./combinators.js";
import type { FactReader } from "./fact-reader.js";
import { slotValue } from "./fact-slots.js";
import type { BaseOperator, OperatorChain } from "./operators.js";

export type FactTest = (factValue: unknown) => boolean;

/** Above this many candidates a Set beats Array#indexOf. */
const SET_THRESHOLD = 8;

export function compileConstantTest(chain: OperatorChain, value: unknown): FactTest {
  return specialise(chain, 0, value);
}

/** A fact condition with a constant value, reading the fact from its slot (or with `read` when SLOW). */
export function compileConstantCondition(chain: OperatorChain, value: unknown, slot: number, read: FactReader): Predicate {
  const fused = chain.decorators.length === 0 ? fusedBaseTest(chain.base, value, slot, read) : undefined;
  if (fused) return fused;
  const test = compileConstantTest(chain, value);
  return (state) => test(slotValue(state, slot, read));
}

/** The forms of baseTest below with the slot read in the same closure: one call per condition instead of two. */
function fusedBaseTest(base: BaseOperator, value: unknown, slot: number, read: FactReader): Predicate | undefined {
  switch (base) {
    case "equal":
      return (state) => slotValue(state, slot, read) === value;
    case "notEqual":
      return (state) => slotValue(state, slot, read) !== value;
    case "in":
    case "notIn": {
      const candidates = arrayCandidates(value);
      if (candidates === undefined || candidates.length > SET_THRESHOLD) return undefined;
      const found = base === "in";
      return (state) => {
        const fv = slotValue(state, slot, read);
        for (const candidate of candidates) if (candidate === fv) return found;
        return !found;
      };
    }
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive": {
      if (typeof value !== "number") return undefined;
      // The comparison is spelled out rather than called through RELATIONAL: a call here costs as
      // much as the rest of the condition.
      return (state) => {
        const fv = slotValue(state, slot, read) as number;
        if (typeof fv !== "number" && !isNumeric(fv)) return false;
        switch (base) {
          case "lessThan":
            return fv < value;
          case "lessThanInclusive":
            return fv <= value;
          case "greaterThan":
            return fv > value;
          case "greaterThanInclusive":
            return fv >= value;
        }
      };
    }
    default:
      return undefined;
  }
}

const RELATIONAL = { lessThan, lessThanInclusive, greaterThan, greaterThanInclusive };

function specialise(chain: OperatorChain, from: number, value: unknown): FactTest {
  const decorator = chain.decorators[from];
  if (decorator === undefined) return baseTest(chain.base, value) ?? general(chain, from, value);
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

/** The base operator against a constant, or undefined to use the general form. */
function baseTest(base: BaseOperator, value: unknown): FactTest | undefined {
  switch (base) {
    case "equal":
      return (fv) => fv === value;
    case "notEqual":
      return (fv) => fv !== value;
    case "in":
      return membership(value);
    case "notIn": {
      const isIn = membership(value);
      return isIn && ((fv) => !isIn(fv));
    }
    case "contains":
      return (fv) => Array.isArray(fv) && fv.indexOf(value) > -1;
    case "doesNotContain":
      return (fv) => Array.isArray(fv) && fv.indexOf(value) === -1;
    case "lessThan":
    case "lessThanInclusive":
    case "greaterThan":
    case "greaterThanInclusive":
      return numeric(value, RELATIONAL[base]);
  }
}

/** `value.indexOf(fv) > -1` for an array or string value; other values throw, so they take the general form. */
function membership(value: unknown): FactTest | undefined {
  if (typeof value === "string") return (fv) => indexOfIn(value, fv) > -1;
  const candidates = arrayCandidates(value);
  if (candidates === undefined) return undefined;
  if (candidates.length > SET_THRESHOLD) {
    // Set#has is SameValueZero; without NaN among the candidates that is the same as ===.
    const set = new Set<unknown>(candidates);
    return (fv) => set.has(fv);
  }
  return (fv) => {
    for (const candidate of candidates) if (candidate === fv) return true;
    return false;
  };
}

/** The items of an array value that indexOf (===) can find: objects are private copies and NaN equals nothing. */
function arrayCandidates(value: unknown): unknown[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item: unknown) => isPrimitive(item) && !Number.isNaN(item));
}

/** A number constant: the fact passes the parseFloat validator by being a non-NaN number, and NaN compares false anyway. */
function numeric(value: unknown, compare: Comparison): FactTest | undefined {
  if (typeof value !== "number") return undefined;
  return (fv) => (typeof fv === "number" ? compare(fv, value) : isNumeric(fv) && compare(fv, value));
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}
