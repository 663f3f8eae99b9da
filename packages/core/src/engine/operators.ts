// Operator names: the built-in operators and decorators of json-rules-engine 7.3, and how a name such
// as "not:someFact:equal" splits into decorators and a base operator. The static rule checker uses
// these lists to flag unknown operators before a rule file is ever run.

/** json-rules-engine's built-in operators. */
export const KNOWN_OPERATORS = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
] as const;
/** One of json-rules-engine's built-in operators. */
export type BaseOperator = (typeof KNOWN_OPERATORS)[number];

/** json-rules-engine's built-in operator decorators. */
export const KNOWN_DECORATORS = ["someFact", "someValue", "everyFact", "everyValue", "swap", "not"] as const;
/** One of json-rules-engine's operator decorators, written before an operator: "not:equal". */
export type Decorator = (typeof KNOWN_DECORATORS)[number];

/** A parsed operator name: decorators outermost first, then the operator they wrap. */
export interface OperatorChain {
  decorators: readonly Decorator[];
  base: BaseOperator;
}

const operatorSet: ReadonlySet<unknown> = new Set(KNOWN_OPERATORS);
const decoratorSet: ReadonlySet<unknown> = new Set(KNOWN_DECORATORS);

function isBaseOperator(name: string): name is BaseOperator {
  return operatorSet.has(name);
}

function isDecorator(name: string): name is Decorator {
  return decoratorSet.has(name);
}

/**
 * Splits an operator name the way json-rules-engine's OperatorMap.get does: strip "decorator:" prefixes
 * until a known operator remains. Undefined when a prefix is not a decorator or nothing known remains.
 */
export function parseOperatorName(name: unknown): OperatorChain | undefined {
  if (typeof name !== "string") return undefined;
  const decorators: Decorator[] = [];
  let rest = name;
  while (!isBaseOperator(rest)) {
    const colon = rest.indexOf(":");
    if (colon <= 0) return undefined;
    const decorator = rest.slice(0, colon);
    if (!isDecorator(decorator)) return undefined;
    decorators.push(decorator);
    rest = rest.slice(colon + 1);
  }
  return { decorators, base: rest };
}

/** True for any name json-rules-engine resolves with its default operators and decorators. */
export function isKnownOperator(name: string): boolean {
  return parseOperatorName(name) !== undefined;
}
