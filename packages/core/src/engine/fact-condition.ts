// A fact condition — `{ fact, path?, params?, operator, value }` — compiled: how to read its fact and
// its value, the predicate, whether it can throw (quiet.ts), and, for an undecorated operator against
// a constant, the plain-data form the fast path evaluates inline (constant-test.ts).
import type { Predicate } from "./combinators.js";
import { compileComparison } from "./comparison.js";
import { compileConstantCondition } from "./constant-test.js";
import { RuleDefinitionError, UnknownOperatorError } from "./errors.js";
import { compileFactReader, isFactReference, type FactReadOptions } from "./fact-reader.js";
import { slotValue, type FactSlots } from "./fact-slots.js";
import { parseOperatorName } from "./operators.js";
import type { CompiledFactCondition } from "./nodes.js";
import { leafPriority } from "./priority.js";
import { operatorIsQuiet } from "./quiet.js";
import { copyRuleValue } from "./rule-value.js";

export function compileFactCondition(
  condition: Record<string, unknown>,
  pointer: string,
  slots: FactSlots,
  read: FactReadOptions,
): CompiledFactCondition {
  for (const key of ["fact", "operator", "value"]) {
    if (!Object.hasOwn(condition, key)) throw new RuleDefinitionError(pointer, `a fact condition requires "${key}"`);
  }
  const { fact, path, params, operator, value } = condition;
  const source = condition as { fact: unknown };
  const readFact = compileFactReader(source, read, pointer);
  const slot = slots.slotFor(source);
  const chain = parseOperatorName(operator);
  const base = { kind: "fact", priority: leafPriority(condition.priority), name: condition.name, fact, path, params, operator, value, readFact, slot } as const;

  if (isFactReference(value)) {
    const readValue = compileFactReader(value, read, `${pointer}/value`);
    const valueSlot = slots.slotFor(value);
    const compare = chain && compileComparison(chain);
    // The engine resolves the value before the fact, so its error is the one reported.
    const evaluate: Predicate = compare
      ? (state) => {
          const expected = slotValue(state, valueSlot, readValue);
          return compare(slotValue(state, slot, readFact), expected);
        }
      : unknownOperator(operator);
    const quiet = chain && operatorIsQuiet(chain, { known: false }) ? [slot, valueSlot] : undefined;
    return { ...base, readValue, valueSlot, simple: undefined, quiet, evaluate };
  }

  const constant = copyRuleValue(value);
  const readValue = () => constant;
  if (!chain) return { ...base, readValue, valueSlot: undefined, simple: undefined, quiet: undefined, evaluate: unknownOperator(operator) };
  const { evaluate, simple } = compileConstantCondition(chain, constant, slot, readFact);
  const quiet = operatorIsQuiet(chain, { known: true, value: constant }) ? [slot] : undefined;
  return { ...base, readValue, valueSlot: undefined, simple, quiet, evaluate };
}

/** json-rules-engine accepts a rule with an unknown operator and fails only when the condition is evaluated. */
function unknownOperator(operator: unknown): Predicate {
  return () => {
    throw new UnknownOperatorError(operator);
  };
}
