// The fast path of a run. When every fact a rule set reads is present and plain (no slot is SLOW) and
// a rule's conditions are all quiet (see quiet.ts), nothing can throw, so json-rules-engine's order of
// evaluation (priority groups, every member of a group) cannot change the outcome: the rule is just a
// boolean formula over its conditions, evaluated left to right with ordinary short-circuiting. The
// formula is plain data read by one small recursive function, which the engine inlines into the run
// loop, and undecorated conditions are evaluated inline by `passes` — no closure call per condition.
// Rules that do not qualify, and runs that are not clean, take the exact path (the condition tree).
import { isNumeric } from "./comparison.js";
import { passes, passesSource } from "./constant-test.js";
import { generate } from "./generated.js";
import type { FactSlots, SlotState } from "./fact-slots.js";
import type { CompiledCondition, CompiledFactCondition, Formula } from "./nodes.js";

const CONDITION = 0;
const ALL = 1;
const ANY = 2;
const NOT = 3;
const CONSTANT = 4;

/** The one object literal every node is made by, so `evaluateFormula` always sees one shape. */
function node(kind: number, operands: Formula[] = [], value = false, condition?: CompiledFactCondition): Formula {
  return {
    kind,
    simple: condition?.simple,
    slot: condition?.slot ?? 0,
    evaluate: condition?.evaluate,
    value,
    operands,
  };
}

/** The condition tree as a formula, or undefined when a condition could throw (so the exact path must run). */
export function formulaOf(tree: CompiledCondition, slots: FactSlots, allowUndefinedConditions: boolean): Formula | undefined {
  switch (tree.kind) {
    case "fact": {
      if (tree.quiet === undefined || !tree.quiet.every((slot) => slots.isFilled(slot))) return undefined;
      return node(CONDITION, [], false, tree);
    }
    case "all":
    case "any": {
      const operands: Formula[] = [];
      for (const child of tree.conditions) {
        const operand = formulaOf(child, slots, allowUndefinedConditions);
        if (operand === undefined) return undefined;
        operands.push(operand);
      }
      // One operand decides all and any alike.
      return operands.length === 1 ? operands[0] : node(tree.kind === "all" ? ALL : ANY, operands);
    }
    case "not": {
      const operand = formulaOf(tree.condition, slots, allowUndefinedConditions);
      return operand && node(NOT, [operand]);
    }
    case "condition":
      if (tree.resolved) return formulaOf(tree.resolved, slots, allowUndefinedConditions);
      return allowUndefinedConditions ? node(CONSTANT) : undefined;
  }
}

/** Evaluates a formula on a clean run's state. */
export function evaluateFormula(formula: Formula, state: SlotState): boolean {
  const operands = formula.operands;
  switch (formula.kind) {
    case CONDITION:
      return condition(formula, state);
    case ALL:
      for (let i = 0; i < operands.length; i++) {
        const operand = operands[i]!;
        if (!(operand.kind === CONDITION ? condition(operand, state) : evaluateFormula(operand, state))) return false;
      }
      return true;
    case ANY:
      // json-rules-engine passes an empty any, like an empty all.
      if (operands.length === 0) return true;
      for (let i = 0; i < operands.length; i++) {
        const operand = operands[i]!;
        if (operand.kind === CONDITION ? condition(operand, state) : evaluateFormula(operand, state)) return true;
      }
      return false;
    case NOT:
      return !evaluateFormula(operands[0]!, state);
    default:
      return formula.value;
  }
}

function condition(formula: Formula, state: SlotState): boolean {
  return formula.simple !== undefined ? passes(formula.simple, state[formula.slot]) : formula.evaluate!(state);
}

/**
 * A formula written out as one JavaScript function of a clean run's state, evaluating as `evaluateFormula`
 * does: the same conditions, left to right, with the same short-circuits; constants as JSON literals
 * (`passesSource`), conditions that are not simple called as they are. Null where code may not be generated.
 */
export function generatedFormula(formula: Formula): ((state: SlotState) => boolean) | null {
  const { source, tests, evaluators } = formulaSource(formula, { state: "state", tests: "tests", evaluators: "evaluators" });
  return generate(["const { passes, isNumeric, tests, evaluators } = h;", `return function formula(state) { return ${source}; };`].join("\n"), {
    passes,
    isNumeric,
    tests,
    evaluators,
  });
}

/**
 * A formula as one JavaScript expression of a clean run's state, named `names.state`, reading its constant
 * tests from the array named `names.tests` and calling the conditions that are not simple from
 * `names.evaluators` (the arrays returned, to hand to the code), with `passes` and `isNumeric` in scope.
 */
export function formulaSource(
  formula: Formula,
  names: { state: string; tests: string; evaluators: string },
): { source: string; tests: unknown[]; evaluators: unknown[] } {
  const tests: unknown[] = [];
  const evaluators: unknown[] = [];
  const source = (f: Formula): string => {
    switch (f.kind) {
      case CONDITION:
        if (f.simple === undefined) {
          evaluators.push(f.evaluate);
          return `${names.evaluators}[${evaluators.length - 1}](${names.state})`;
        }
        tests.push(f.simple);
        return `(${passesSource(f.simple, `${names.state}[${f.slot}]`, `${names.tests}[${tests.length - 1}]`, { passes: "passes", isNumeric: "isNumeric" })})`;
      case ALL:
        return f.operands.length === 0 ? "true" : `(${f.operands.map(source).join(" && ")})`;
      case ANY:
        return f.operands.length === 0 ? "true" : `(${f.operands.map(source).join(" || ")})`;
      case NOT:
        return `!${source(f.operands[0]!)}`;
      default:
        return f.value ? "true" : "false";
    }
  };
  return { source: source(formula), tests, evaluators };
}
