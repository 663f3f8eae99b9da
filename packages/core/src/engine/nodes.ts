// The compiled forms of a rule and its conditions, shared by the compilers (condition.ts,
// fact-condition.ts, formula.ts, rules.ts) and by explain.ts. Types only, so the modules that build the
// nodes and those that walk them depend on this file and not on each other.
import type { Member, Predicate } from "./combinators.js";
import type { SimpleTest } from "./constant-test.js";
import type { FactParam } from "./event.js";
import type { FactReader } from "./fact-reader.js";
import type { Event, Facts } from "./types.js";

/** What every compiled node has: an evaluator, its quiet slots, and its place among its siblings. */
export interface NodeBase extends Member {
  /** The priority that places this node in its parent's groups. */
  priority: unknown;
  name: unknown;
}

export interface CompiledFactCondition extends NodeBase {
  kind: "fact";
  fact: unknown;
  path: unknown;
  params: unknown;
  operator: unknown;
  value: unknown;
  readFact: FactReader;
  /** The value compared against: the constant, or the referenced fact read at run time. */
  readValue: FactReader;
  /** Where a run's state holds the referenced fact compared against; undefined for a constant. */
  valueSlot: number | undefined;
  /** Where a run's state holds the fact's value (after `path`). */
  slot: number;
  /** The condition as plain data, when it is an undecorated operator against a constant. */
  simple: SimpleTest | undefined;
}

export interface CompiledBooleanCondition extends NodeBase {
  kind: "all" | "any";
  /** In the order written. */
  conditions: CompiledCondition[];
  /** Indices into `conditions` in priority groups, highest first, as they are evaluated. */
  groups: number[][];
}

export interface CompiledNotCondition extends NodeBase {
  kind: "not";
  condition: CompiledCondition;
}

export interface CompiledConditionReference extends NodeBase {
  kind: "condition";
  condition: unknown;
  /** The named condition, or undefined when there is none by that name. */
  resolved: CompiledCondition | undefined;
}

export type CompiledCondition =
  | CompiledFactCondition
  | CompiledBooleanCondition
  | CompiledNotCondition
  | CompiledConditionReference;

/** A node of a rule's formula (formula.ts); every field is always present so the shape never varies. */
export interface Formula {
  kind: number;
  /** CONDITION: evaluated inline when set, else by calling `evaluate`. */
  simple: SimpleTest | undefined;
  /** CONDITION: where the fact's value is in the run's state. */
  slot: number;
  evaluate: Predicate | undefined;
  /** CONSTANT. */
  value: boolean;
  /** ALL and ANY: the operands; NOT: its one operand. */
  operands: Formula[];
}

export interface CompiledRule {
  /** Position in the array given to compileRules. */
  index: number;
  name: string | undefined;
  priority: number;
  conditions: CompiledCondition;
  /** The rule as a boolean formula, for clean runs; undefined when a condition could throw. */
  formula: Formula | undefined;
  event: Event;
  resolveEvent: ((facts: Facts) => Event) | undefined;
  /** The event's fact-valued params, which `resolveEvent` fills in. */
  factParams: FactParam[];
}
