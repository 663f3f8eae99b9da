// A condition node as json-rules-engine holds one: all/any/not with nested nodes, a reference to a
// named condition, or a fact condition. A run works on a copy per rule, on which it notes each
// evaluated node's `result` (and a fact condition's `factResult` and `valueResult`).
import type { Almanac } from "./almanac.js";
import type { OperatorMap } from "./operators.js";

/** The keys of a boolean node. */
export type BooleanOperator = "all" | "any" | "not";

/** What one fact condition's comparison gave. */
export interface ConditionEvaluation {
  result: boolean;
  leftHandSideValue: unknown;
  rightHandSideValue: unknown;
  operator: string;
}

/** json-rules-engine's Condition: one node of a rule's condition tree, annotated by a run. */
export class Condition {
  [key: string]: unknown;
  declare operator?: string;
  declare priority?: unknown;
  declare name?: string;
  declare fact?: string;
  declare value?: unknown;
  declare path?: string;
  declare params?: Record<string, unknown>;
  declare condition?: string;
  declare result?: boolean;
  declare factResult?: unknown;
  declare valueResult?: unknown;
  declare all?: Condition[];
  declare any?: Condition[];
  declare not?: Condition;

  constructor(properties: object) {
    if (!properties) throw new Error("Condition: constructor options required");
    const booleanOperator = Condition.booleanOperator(properties);
    Object.assign(this, properties);
    if (booleanOperator) {
      const nested = (properties as Record<string, unknown>)[booleanOperator];
      const isArray = Array.isArray(nested);
      if (booleanOperator !== "not" && !isArray) throw new Error(`"${booleanOperator}" must be an array`);
      if (booleanOperator === "not" && isArray) throw new Error(`"${booleanOperator}" cannot be an array`);
      this.operator = booleanOperator;
      // An all/any/not always has a priority within its parent, 1 unless given.
      this.priority = Number.parseInt(String((properties as { priority?: unknown }).priority), 10) || 1;
      (this as Record<string, unknown>)[booleanOperator] = isArray ? (nested as object[]).map((c) => new Condition(c)) : new Condition(nested as object);
    } else if (!Object.hasOwn(properties, "condition")) {
      for (const key of ["fact", "operator", "value"]) {
        if (!Object.hasOwn(properties, key)) throw new Error(`Condition: constructor "${key}" property required`);
      }
      // A fact condition's priority stays as written (json-rules-engine parses it only in the object it
      // was given, after copying it); without one, its fact's priority applies.
    }
  }

  /** "all", "any" or "not" for a boolean node; undefined otherwise. */
  static booleanOperator(condition: object): BooleanOperator | undefined {
    if (Object.hasOwn(condition, "any")) return "any";
    if (Object.hasOwn(condition, "all")) return "all";
    if (Object.hasOwn(condition, "not")) return "not";
    return undefined;
  }

  /** This node's boolean operator, if it is one. */
  booleanOperator(): BooleanOperator | undefined {
    return Condition.booleanOperator(this);
  }

  /** True for all/any/not. */
  isBooleanOperator(): boolean {
    return Condition.booleanOperator(this) !== undefined;
  }

  /** True for `{ condition: name }`. */
  isConditionReference(): boolean {
    return Object.hasOwn(this, "condition");
  }

  /** A deep copy for one run to annotate. */
  clone(): Condition {
    const copy = Object.create(Condition.prototype) as Condition;
    for (const key of Object.keys(this)) copy[key] = copyValue(this[key]);
    return copy;
  }

  /** The condition as JSON (or as a JSON-ready object when `stringify` is false), with any run annotations. */
  toJSON(stringify?: true): string;
  /** The condition as a JSON-ready object. */
  toJSON(stringify: false): Record<string, unknown>;
  toJSON(stringify = true): string | Record<string, unknown> {
    const props: Record<string, unknown> = {};
    if (this.priority) props.priority = this.priority;
    if (this.name) props.name = this.name;
    const operator = Condition.booleanOperator(this);
    if (operator) {
      const nested = this[operator] as Condition | Condition[];
      props[operator] = Array.isArray(nested) ? nested.map((c) => c.toJSON(false)) : nested.toJSON(false);
    } else if (this.isConditionReference()) {
      props.condition = this.condition;
    } else {
      props.operator = this.operator;
      props.value = this.value;
      props.fact = this.fact;
      if (this.factResult !== undefined) props.factResult = this.factResult;
      if (this.valueResult !== undefined) props.valueResult = this.valueResult;
      if (this.result !== undefined) props.result = this.result;
      if (this.params) props.params = this.params;
      if (this.path) props.path = this.path;
    }
    return stringify ? JSON.stringify(props) : props;
  }

  /** Compares the fact's value (at `path`) with `value` (itself a fact's value when it is `{ fact }`). */
  async evaluate(almanac: Almanac, operatorMap: OperatorMap): Promise<ConditionEvaluation> {
    if (this.isBooleanOperator()) throw new Error("Cannot evaluate() a boolean condition");
    const operator = operatorMap.get(this.operator as string);
    if (!operator) throw new Error(`Unknown operator: ${String(this.operator)}`);
    const [rightHandSideValue, leftHandSideValue] = await Promise.all([
      almanac.getValue(this.value),
      almanac.factValue(this.fact as string, this.params, this.path),
    ]);
    const result = operator.evaluate(leftHandSideValue, rightHandSideValue);
    return { result, leftHandSideValue, rightHandSideValue, operator: this.operator as string };
  }
}

/** Deep copy of rule data: conditions, arrays and plain objects are copied; anything else is shared. */
export function copyValue<T>(value: T): T {
  if (value instanceof Condition) return value.clone() as T;
  if (Array.isArray(value)) return value.map(copyValue) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = copyValue((value as Record<string, unknown>)[key]);
    return copy as T;
  }
  return value;
}
