// Which operators cannot throw. json-rules-engine evaluates every member of a priority group (it
// awaits them with Promise.all), so a member evaluated after the group's outcome is decided still
// fails the run if it throws. A member whose operator cannot throw, and whose facts are present and
// plain this run, changes nothing by running, so the group evaluators may skip it.
//
// "Cannot throw" holds for JSON-like fact values (primitives, arrays, plain objects); a symbol, or an
// object whose string conversion throws, can still make a relational or string operator throw.
import type { BaseOperator, OperatorChain } from "./operators.js";

/** The value compared against, when it is a constant known at compile time. */
export type Operand = { known: true; value: unknown } | { known: false };

export function operatorIsQuiet(chain: OperatorChain, jsonValue: Operand, from = 0): boolean {
  const decorator = chain.decorators[from];
  if (decorator === undefined) return baseIsQuiet(chain.base, jsonValue);
  switch (decorator) {
    case "not":
    case "someFact":
    case "everyFact":
      return operatorIsQuiet(chain, jsonValue, from + 1);
    case "someValue":
    case "everyValue": {
      // `.some`/`.every` are called on the value itself: quiet only over a constant list.
      if (!jsonValue.known || !Array.isArray(jsonValue.value)) return false;
      return jsonValue.value.every((item: unknown) => operatorIsQuiet(chain, { known: true, value: item }, from + 1));
    }
    case "swap":
      // The fact value becomes the compared-against value.
      return operatorIsQuiet(chain, { known: false }, from + 1);
  }
}

function baseIsQuiet(base: BaseOperator, jsonValue: Operand): boolean {
  if (base !== "in" && base !== "notIn") return true;
  // `value.indexOf(fact)` throws unless the value is a list or a string.
  return jsonValue.known && (Array.isArray(jsonValue.value) || typeof jsonValue.value === "string");
}
