// The JSON grammar of json-rules-engine rules, conditions and events, declared here so the engine
// does not depend on json-rules-engine at run time or type level. Rule files written for
// json-rules-engine are valid input unchanged.

/** Runtime facts: fact name → value. A fact whose value is a function is called (see fact-reader.ts). */
export type Facts = Record<string, unknown>;

/** `{ fact, path?, params? }` used as a condition's `value` or an event param: "the value of that fact". */
export interface FactReference {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
}

/** A leaf: compare the fact (optionally narrowed by a JSONPath `path`) with `value` using `operator`. */
export interface ConditionProperties {
  fact: string;
  /** A built-in operator, optionally prefixed by decorators: "lessThan", "not:in", "someFact:equal". */
  operator: string;
  /** A constant, or a FactReference to compare against another fact. */
  value: unknown;
  path?: string;
  params?: Record<string, unknown>;
  priority?: number;
  name?: string;
}

/** A reference to a condition registered by name (`options.conditions`). */
export interface ConditionReference {
  condition: string;
  priority?: number;
  name?: string;
}

/** Holds when every nested condition holds. */
export interface AllConditions {
  all: NestedCondition[];
  priority?: number;
  name?: string;
}

/** Holds when at least one nested condition holds. */
export interface AnyConditions {
  any: NestedCondition[];
  priority?: number;
  name?: string;
}

/** Holds when the nested condition does not. */
export interface NotConditions {
  not: NestedCondition;
  priority?: number;
  name?: string;
}

/** What a rule's `conditions` (and a named condition) must be. */
export type TopLevelCondition = AllConditions | AnyConditions | NotConditions | ConditionReference;

/** Anything that may appear inside all/any/not. */
export type NestedCondition = ConditionProperties | TopLevelCondition;

/** What a rule gives when its conditions hold: a type and optional params. */
export interface Event {
  type: string;
  params?: Record<string, unknown>;
}

/** A json-rules-engine rule: conditions, the event they give, and an optional name and priority. */
export interface RuleProperties {
  conditions: TopLevelCondition;
  event: Event;
  name?: string;
  /** Higher runs first; default 1; must be greater than zero. */
  priority?: number;
}

/** json-rules-engine's `pathResolver`: reads `path` in a fact's (object) value. */
export type PathResolver = (value: object, path: string) => unknown;

/** How conditions are compiled: undefined facts and conditions, named conditions, the path reader. */
export interface ConditionOptions {
  /** A missing fact reads as `undefined` instead of failing the run with "Undefined fact: X". */
  allowUndefinedFacts?: boolean;
  /**
   * Reads a `path` that is not plain names and indices (`$..a`, `$.a[*]`, filters). Without one such a
   * path is refused when compiling; the package's main entry passes jsonpath-plus, as json-rules-engine does.
   */
  pathResolver?: PathResolver;
  /** A reference to an unknown named condition is false instead of failing the run. */
  allowUndefinedConditions?: boolean;
  /** Named conditions, referenced as `{ condition: "name" }`. */
  conditions?: Record<string, TopLevelCondition>;
}

/** The options of compileRules: those of conditions, and whether event params read facts. */
export interface CompileOptions extends ConditionOptions {
  /** Event params of the form `{ fact, path?, params? }` are replaced by that fact's value. */
  replaceFactsInEventParams?: boolean;
}

/** What a run of compiled rules gives, as json-rules-engine's `Engine#run` does. */
export interface RunResult {
  /** Events of the rules that passed, highest priority first. */
  events: Event[];
  /** Events of the rules that did not pass, highest priority first. */
  failureEvents: Event[];
}

/** One evaluated (or skipped) node of a rule's condition tree, as `explain` reports it. */
export type ConditionTrace = FactConditionTrace | BooleanConditionTrace | NotConditionTrace | ConditionReferenceTrace;

interface TraceBase {
  name?: string;
  priority?: unknown;
  /** Absent when the node was not evaluated (short-circuited by an earlier priority group). */
  result?: boolean;
  /** Set on the node whose evaluation failed the rule. */
  error?: string;
}

/** A leaf condition in a trace: the fact, path, operator and value, what each read, and the result. */
export interface FactConditionTrace extends TraceBase {
  kind: "fact";
  fact: unknown;
  path?: unknown;
  params?: unknown;
  operator: unknown;
  /** The `value` as written in the rule. */
  value: unknown;
  /** The value compared against: `value` itself, or the referenced fact's value. */
  valueResult?: unknown;
  /** The fact's value after `path`. */
  factResult?: unknown;
}

/** An `all` or `any` in a trace, with its nested conditions. */
export interface BooleanConditionTrace extends TraceBase {
  kind: "all" | "any";
  /** In the order written, not in evaluation order. */
  conditions: ConditionTrace[];
}

/** A `not` in a trace, with the condition it negates. */
export interface NotConditionTrace extends TraceBase {
  kind: "not";
  condition: ConditionTrace;
}

/** A reference to a named condition in a trace, with that condition's own trace. */
export interface ConditionReferenceTrace extends TraceBase {
  kind: "condition";
  condition: string;
  /** The named condition's tree; absent when no condition has that name. */
  resolved?: ConditionTrace;
}

/** One rule in a trace: whether it fired, its event and its condition tree. */
export interface RuleTrace {
  /** Position of the rule in the array given to compileRules. */
  index: number;
  name?: string;
  priority: number;
  fired: boolean;
  event: Event;
  conditions: ConditionTrace;
  /** Why the run would fail on this rule (e.g. "Undefined fact: score.kualitas"). */
  error?: string;
}

/** Rules compiled by compileRules: run them on facts, or explain a run. */
export interface CompiledRules {
  /** Evaluates every rule against the facts, like json-rules-engine's `Engine#run`, synchronously. */
  run(facts: Facts): RunResult;
  /** Evaluates again and reports, per rule, each condition's inputs and result. For diagnostics, not the hot path. */
  explain(facts: Facts): RuleTrace[];
}
