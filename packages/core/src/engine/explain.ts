// explain: walks a compiled rule's condition tree in json-rules-engine's order (priority groups, every
// member of a group) and records each node's inputs and result. Fact conditions are decided by their
// compiled `evaluate`, the closures a run uses, so a trace cannot disagree with a run on them; only
// the walk over groups is repeated here, and the differential test checks it against runs.
import type { SlotState } from "./fact-slots.js";
import type { CompiledCondition, CompiledFactCondition, CompiledRule } from "./nodes.js";
import { prioritise } from "./priority.js";
import type {
  BooleanConditionTrace,
  ConditionReferenceTrace,
  ConditionTrace,
  FactConditionTrace,
  Facts,
  NotConditionTrace,
  RuleTrace,
} from "./types.js";

export function explainRule(rule: CompiledRule, state: SlotState): RuleTrace {
  const facts = state[0] as Facts;
  const conditions = skeleton(rule.conditions);
  const trace: RuleTrace = { index: rule.index, priority: rule.priority, fired: false, event: rule.event, conditions };
  if (rule.name !== undefined) trace.name = rule.name;
  try {
    trace.fired = fill(rule.conditions, conditions, state);
    if (rule.resolveEvent) trace.event = rule.resolveEvent(facts);
  } catch (error) {
    trace.error = messageOf(error);
  }
  return trace;
}

/** The trace of a node before evaluation: what the rule says, with no results. */
function skeleton(node: CompiledCondition): ConditionTrace {
  const base: { name?: string; priority?: unknown } = {};
  if (node.name !== undefined) base.name = node.name as string;
  base.priority = node.priority;
  switch (node.kind) {
    case "fact": {
      const trace: FactConditionTrace = { kind: "fact", ...base, fact: node.fact, operator: node.operator, value: node.value };
      if (node.path !== undefined) trace.path = node.path;
      if (node.params !== undefined) trace.params = node.params;
      return trace;
    }
    case "all":
    case "any":
      return { kind: node.kind, ...base, conditions: node.conditions.map(skeleton) };
    case "not":
      return { kind: "not", ...base, condition: skeleton(node.condition) };
    case "condition":
      return {
        kind: "condition",
        ...base,
        condition: String(node.condition),
        ...(node.resolved ? { resolved: skeleton(node.resolved) } : {}),
      };
  }
}

/**
 * Evaluates `node` as a run does, writing results into `trace`; rethrows what the run would throw,
 * after noting the message on the node that threw it.
 */
function fill(node: CompiledCondition, trace: ConditionTrace, state: SlotState): boolean {
  let result: boolean;
  switch (node.kind) {
    case "fact":
      result = failingHere(trace, () => fillFact(node, trace as FactConditionTrace, state));
      break;
    case "not":
      result = !fill(node.condition, (trace as NotConditionTrace).condition, state);
      break;
    case "condition": {
      const inner = (trace as ConditionReferenceTrace).resolved;
      result = node.resolved && inner ? fill(node.resolved, inner, state) : failingHere(trace, () => node.evaluate(state));
      break;
    }
    case "all":
    case "any":
      result = fillGroups(node.kind, node.conditions, (trace as BooleanConditionTrace).conditions, state);
      break;
  }
  trace.result = result;
  return result;
}

function fillFact(node: CompiledFactCondition, trace: FactConditionTrace, state: SlotState): boolean {
  const facts = state[0] as Facts;
  trace.valueResult = node.readValue(facts);
  trace.factResult = node.readFact(facts);
  return node.evaluate(state);
}

function fillGroups(
  kind: "all" | "any",
  nodes: readonly CompiledCondition[],
  traces: readonly ConditionTrace[],
  state: SlotState,
): boolean {
  if (nodes.length === 0) return true;
  const indexed = nodes.map((node, i) => ({ node, trace: traces[i]! }));
  if (indexed.length === 1) return fill(indexed[0]!.node, indexed[0]!.trace, state);
  let outcome = kind === "all";
  for (const group of prioritise(indexed, (entry) => entry.node.priority)) {
    if (kind === "all" ? !outcome : outcome) break;
    // Every member of a group is evaluated; the first failure is rethrown once all have been tried.
    let failure: { error: unknown } | undefined;
    const results = group.map((entry) => {
      try {
        return fill(entry.node, entry.trace, state);
      } catch (error) {
        failure ??= { error };
        return false;
      }
    });
    if (failure) throw failure.error;
    outcome = kind === "all" ? results.every(Boolean) : results.some(Boolean);
  }
  return outcome;
}

function failingHere(trace: ConditionTrace, evaluate: () => boolean): boolean {
  try {
    return evaluate();
  } catch (error) {
    trace.error = messageOf(error);
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
