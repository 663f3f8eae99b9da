// Compiles a json-rules-engine condition tree into nodes that each carry a synchronous `evaluate`.
// The nodes keep what the rule said (fact, operator, children in written order) so `explain` can
// walk the same tree and report on it using the very same evaluators.
import { allOf, anyOf, type Predicate } from "./combinators.js";
import { RuleDefinitionError, UndefinedConditionError, pointerTo } from "./errors.js";
import { compileFactCondition } from "./fact-condition.js";
import { FactSlots, slotRunner } from "./fact-slots.js";
import { evaluateFormula, formulaOf } from "./formula.js";
import type { CompiledCondition, CompiledConditionReference } from "./nodes.js";
import { booleanPriority, leafPriority, prioritise } from "./priority.js";
import type { ConditionOptions, Facts, NestedCondition } from "./types.js";
import type { FactReadOptions } from "./fact-reader.js";

type ConditionObject = Record<string, unknown>;

const ROOT_KEYS = ["all", "any", "not", "condition"];
const ROOT_PROBLEM = '"conditions" root must contain a single instance of "all", "any", "not", or "condition"';

/**
 * Compiles conditions under one set of options, into one table of fact slots. Named conditions are
 * compiled once, when the compiler is made, and shared by every reference to them.
 */
export class ConditionCompiler {
  readonly slots: FactSlots;
  private readonly read: FactReadOptions;
  private readonly allowUndefinedConditions: boolean;
  private readonly namedSources: Record<string, unknown>;
  private readonly named = new Map<string, CompiledCondition>();
  /** Names being compiled, to refuse a condition that refers back to itself. */
  private readonly compiling: string[] = [];

  constructor(options: ConditionOptions = {}) {
    this.read = { allowUndefinedFacts: options.allowUndefinedFacts ?? false, pathResolver: options.pathResolver };
    this.allowUndefinedConditions = options.allowUndefinedConditions ?? false;
    this.namedSources = options.conditions ?? {};
    this.slots = new FactSlots(this.read.allowUndefinedFacts);
    for (const name of Object.keys(this.namedSources)) this.compileNamed(name);
  }

  /** A rule's `conditions`: all, any, not or a named-condition reference, chosen as Rule#evaluate chooses. */
  compileRoot(condition: unknown, pointer: string): CompiledCondition {
    if (!isObject(condition) || !ROOT_KEYS.some((key) => Object.hasOwn(condition, key))) {
      throw new RuleDefinitionError(pointer, ROOT_PROBLEM);
    }
    const kind = booleanKind(condition);
    return kind ? this.compileBoolean(condition, kind, pointer) : this.compileReference(condition);
  }

  /** A condition inside all/any/not (or standing alone): a reference, all/any/not, or a fact condition. */
  compileNested(condition: unknown, pointer: string): CompiledCondition {
    if (!condition) throw new RuleDefinitionError(pointer, "a condition is required here");
    if (!isObject(condition)) {
      throw new RuleDefinitionError(pointer, 'expected a condition object with "fact", "operator" and "value"');
    }
    if (Object.hasOwn(condition, "condition")) return this.compileReference(condition);
    const kind = booleanKind(condition);
    return kind
      ? this.compileBoolean(condition, kind, pointer)
      : compileFactCondition(condition, pointer, this.slots, this.read);
  }

  private compileBoolean(condition: ConditionObject, kind: "all" | "any" | "not", pointer: string): CompiledCondition {
    const priority = booleanPriority(condition.priority);
    const children = condition[kind];
    const childPointer = pointerTo(pointer, kind);
    if (kind === "not") {
      if (Array.isArray(children)) throw new RuleDefinitionError(childPointer, '"not" cannot be an array');
      const child = this.compileNested(children, childPointer);
      const inner = child.evaluate;
      return { kind, priority, name: condition.name, condition: child, quiet: child.quiet, evaluate: (state) => !inner(state) };
    }
    if (!Array.isArray(children)) throw new RuleDefinitionError(childPointer, `"${kind}" must be an array`);
    const conditions = children.map((child, i) => this.compileNested(child, pointerTo(childPointer, i)));
    const groups = prioritise(
      conditions.map((_, i) => i),
      (i) => conditions[i]!.priority,
    );
    return { kind, priority, name: condition.name, conditions, groups, quiet: quietAll(conditions), evaluate: combine(kind, conditions) };
  }

  private compileReference(condition: ConditionObject): CompiledConditionReference {
    const name = condition.condition;
    const resolved = typeof name === "string" && Object.hasOwn(this.namedSources, name) ? this.compileNamed(name) : undefined;
    let evaluate: Predicate;
    if (resolved) evaluate = resolved.evaluate;
    else if (this.allowUndefinedConditions) evaluate = () => false;
    else
      evaluate = () => {
        throw new UndefinedConditionError(name);
      };
    const quiet = resolved ? resolved.quiet : this.allowUndefinedConditions ? [] : undefined;
    const priority = leafPriority(condition.priority);
    return { kind: "condition", priority, name: condition.name, condition: name, resolved, quiet, evaluate };
  }

  private compileNamed(name: string): CompiledCondition {
    const done = this.named.get(name);
    if (done) return done;
    const pointer = pointerTo("/conditions", name);
    if (this.compiling.includes(name)) {
      const cycle = [...this.compiling.slice(this.compiling.indexOf(name)), name].join(" → ");
      throw new RuleDefinitionError(pointer, `named conditions refer to each other in a cycle: ${cycle}`);
    }
    if (!name) throw new RuleDefinitionError(pointer, "a named condition requires a name");
    this.compiling.push(name);
    // Once resolved, a reference is evaluated as a nested condition (Rule#realize → evaluateCondition).
    const source = this.namedSources[name];
    if (!isObject(source) || !ROOT_KEYS.some((key) => Object.hasOwn(source, key))) {
      throw new RuleDefinitionError(pointer, ROOT_PROBLEM);
    }
    const compiled = this.compileNested(source, pointer);
    this.compiling.pop();
    this.named.set(name, compiled);
    return compiled;
  }
}

/** Which of all/any/not a condition is, checked in json-rules-engine's order. */
function booleanKind(condition: ConditionObject): "all" | "any" | "not" | undefined {
  if (Object.hasOwn(condition, "any")) return "any";
  if (Object.hasOwn(condition, "all")) return "all";
  if (Object.hasOwn(condition, "not")) return "not";
  return undefined;
}

function combine(kind: "all" | "any", conditions: readonly CompiledCondition[]): Predicate {
  // No condition passes both all and any; one condition is evaluated alone, without grouping.
  if (conditions.length === 0) return () => true;
  if (conditions.length === 1) return conditions[0]!.evaluate;
  const groups = prioritise(conditions, (c) => c.priority);
  return kind === "all" ? allOf(groups) : anyOf(groups);
}

/** The union of the members' quiet slots, or undefined when any member may throw regardless. */
function quietAll(conditions: readonly CompiledCondition[]): number[] | undefined {
  const slots = new Set<number>();
  for (const condition of conditions) {
    if (condition.quiet === undefined) return undefined;
    for (const slot of condition.quiet) slots.add(slot);
  }
  return [...slots];
}

function isObject(value: unknown): value is ConditionObject {
  return typeof value === "object" && value !== null;
}

/** Compiles one condition (a fact condition, all/any/not, or a reference) into a predicate over facts. */
export function compileCondition(condition: NestedCondition, options: ConditionOptions = {}): (facts: Facts) => boolean {
  const compiler = new ConditionCompiler(options);
  const tree = compiler.compileNested(condition, "");
  const formula = formulaOf(tree, compiler.slots, options.allowUndefinedConditions ?? false);
  const withState = slotRunner(compiler.slots, (state, clean) =>
    clean && formula !== undefined ? evaluateFormula(formula, state) : tree.evaluate(state),
  );
  return withState;
}
