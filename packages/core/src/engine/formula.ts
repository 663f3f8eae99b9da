// The fast path of a run. When every fact a rule set reads is present and plain (no slot is SLOW) and
// a rule's conditions are all quiet (see quiet.ts), nothing can throw, so json-rules-engine's order
// of evaluation (priority groups, Promise.all) cannot change the outcome: the rule is just a boolean
// formula over its conditions. Each distinct condition is then evaluated once per run into a results
// array, and each rule's formula is read off it — by plain functions the engine inlines, instead of a
// closure call per condition. Rules that do not qualify, and runs that are not clean, take the exact
// path (the compiled condition tree).
import type { Predicate } from "./combinators.js";
import type { CompiledCondition, CompiledFactCondition } from "./condition.js";
import { passes, type SimpleTest } from "./constant-test.js";
import type { FactSlots, SlotState } from "./fact-slots.js";

/** A condition evaluated once per clean run. */
interface FormulaCondition {
  slot: number;
  /** Evaluated inline when set; otherwise `evaluate` is called. */
  simple: SimpleTest | undefined;
  evaluate: Predicate;
}

const CONDITION = 0;
const ALL = 1;
const ANY = 2;
const NOT = 3;
const CONSTANT = 4;

/** A node of a rule's formula; every field is always present so the shape never varies. */
export interface Formula {
  kind: number;
  /** For CONDITION: its index in the results. */
  index: number;
  /** For CONSTANT. */
  value: boolean;
  /** For ALL, ANY (the operands) and NOT (one operand). */
  operands: Formula[];
}

/** Collects the distinct conditions of the rules that qualify for the fast path. */
export class FormulaBuilder {
  readonly conditions: FormulaCondition[] = [];
  private readonly byNode = new Map<CompiledFactCondition, number>();
  private readonly byContent = new Map<string, number>();

  constructor(
    private readonly slots: FactSlots,
    private readonly allowUndefinedConditions: boolean,
  ) {}

  /** The rule's formula, or undefined when a condition could throw (so the exact path must run). */
  formulaOf(node: CompiledCondition): Formula | undefined {
    switch (node.kind) {
      case "fact": {
        if (node.quiet === undefined || !node.quiet.every((slot) => this.slots.isFilled(slot))) return undefined;
        return formula(CONDITION, this.indexOf(node), false, []);
      }
      case "all":
      case "any": {
        const operands: Formula[] = [];
        for (const child of node.conditions) {
          const operand = this.formulaOf(child);
          if (operand === undefined) return undefined;
          operands.push(operand);
        }
        return formula(node.kind === "all" ? ALL : ANY, 0, false, operands);
      }
      case "not": {
        const operand = this.formulaOf(node.condition);
        return operand && formula(NOT, 0, false, [operand]);
      }
      case "condition":
        if (node.resolved) return this.formulaOf(node.resolved);
        return this.allowUndefinedConditions ? formula(CONSTANT, 0, false, []) : undefined;
    }
  }

  private indexOf(node: CompiledFactCondition): number {
    const known = this.byNode.get(node);
    if (known !== undefined) return known;
    // The same condition written in several rules (e.g. `jenisJabatan equal fungsional`) is evaluated once.
    const key = node.simple ? contentKey(node.slot, node.operator, node.simple.value) : undefined;
    const index = (key === undefined ? undefined : this.byContent.get(key)) ?? this.conditions.length;
    if (index === this.conditions.length) this.conditions.push({ slot: node.slot, simple: node.simple, evaluate: node.evaluate });
    if (key !== undefined) this.byContent.set(key, index);
    this.byNode.set(node, index);
    return index;
  }
}

function formula(kind: number, index: number, value: boolean, operands: Formula[]): Formula {
  return { kind, index, value, operands };
}

/** A key equal for conditions that must give equal results, or undefined for values not worth comparing. */
function contentKey(slot: number, operator: unknown, value: unknown): string | undefined {
  const plain = (item: unknown) =>
    typeof item === "string" || typeof item === "boolean" || item === null || (typeof item === "number" && Number.isFinite(item));
  if (!plain(value) && !(Array.isArray(value) && value.every(plain))) return undefined;
  return JSON.stringify([slot, operator, value]);
}

/** Evaluates every distinct condition for this (clean) run. */
export function evaluateConditions(conditions: readonly FormulaCondition[], state: SlotState, results: boolean[]): void {
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i]!;
    results[i] = condition.simple !== undefined ? passes(condition.simple, state[condition.slot]) : condition.evaluate(state);
  }
}

export function evaluateFormula(node: Formula, results: readonly boolean[]): boolean {
  switch (node.kind) {
    case CONDITION:
      return results[node.index]!;
    case ALL:
      for (const operand of node.operands) {
        if (!(operand.kind === CONDITION ? results[operand.index]! : evaluateFormula(operand, results))) return false;
      }
      return true;
    case ANY:
      // json-rules-engine passes an empty any, like an empty all.
      if (node.operands.length === 0) return true;
      for (const operand of node.operands) {
        if (operand.kind === CONDITION ? results[operand.index]! : evaluateFormula(operand, results)) return true;
      }
      return false;
    case NOT:
      return !evaluateFormula(node.operands[0]!, results);
    default:
      return node.value;
  }
}
