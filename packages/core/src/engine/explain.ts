// explain: walks a compiled rule's condition tree in json-rules-engine's order (priority groups, every
// member of a group) and records each node's inputs and result. Fact conditions are decided by their
// compiled `evaluate`, the closures a run uses, so a trace cannot disagree with a run on them; only
// the walk over groups is repeated here, and the differential test checks it against runs.
import { isNumeric } from "./comparison.js";
import { passes, passesSource } from "./constant-test.js";
import { generate } from "./generated.js";
import { slotValue, type SlotState } from "./fact-slots.js";
import type { CompiledBooleanCondition, CompiledCondition, CompiledFactCondition, CompiledRule } from "./nodes.js";
import type {
  BooleanConditionTrace,
  ConditionReferenceTrace,
  ConditionTrace,
  Event,
  FactConditionTrace,
  Facts,
  NotConditionTrace,
  RuleTrace,
} from "./types.js";

/** `resolveEvent` fills in the event's fact-valued params; by default from the facts object in `state[0]`. */
export function explainRule(
  rule: CompiledRule,
  state: SlotState,
  resolveEvent: ((state: SlotState) => Event) | undefined = rule.resolveEvent && ((s) => rule.resolveEvent!(s[0] as Facts)),
): RuleTrace {
  const conditions = skeleton(rule.conditions);
  const trace: RuleTrace = { index: rule.index, priority: rule.priority, fired: false, event: rule.event, conditions };
  if (rule.name !== undefined) trace.name = rule.name;
  try {
    trace.fired = fill(rule.conditions, conditions, state);
    if (resolveEvent) trace.event = resolveEvent(state);
  } catch (error) {
    trace.error = messageOf(error);
  }
  return trace;
}

/**
 * The conditions of explainRule's trace for a clean run (no slot SLOW) of a rule with a formula (no
 * condition can throw): the same trace, key for key, built in one walk with no try/catch per node. Undefined
 * when something threw after all; explainRule then tells what.
 */
export function cleanConditionTrace(rule: CompiledRule, state: SlotState): ConditionTrace | undefined {
  try {
    return traceClean(rule.conditions, state);
  } catch {
    return undefined;
  }
}

/**
 * traceClean for one rule's conditions written out as JavaScript, when every node is of the shapes it
 * builds in one literal (facts with no name, path or params; all/any of one priority group; not; named
 * conditions resolved): the same reads in the same order, the same objects key for key. Null otherwise, or
 * where code may not be generated; `cleanConditionTrace` then runs. Like it, the caller catches a throw, and
 * it is called on clean runs only (no slot SLOW).
 */
export function generatedTrace(rule: CompiledRule): ((state: SlotState) => ConditionTrace) | null {
  const nodes: CompiledCondition[] = [];
  const tests: unknown[] = [];
  const lines: string[] = [];
  let plain = true;
  const walk = (node: CompiledCondition): string => {
    const k = nodes.push(node) - 1;
    const t = `t${k}`;
    const n = `nodes[${k}]`;
    if (node.name !== undefined) plain = false;
    switch (node.kind) {
      case "fact": {
        if (node.path !== undefined || node.params !== undefined) plain = false;
        // On a clean run no slot is SLOW, so slotValue would give the slot's own value: it is read directly. A
        // constant (no value slot) is the same object on every run, read once below.
        if (node.valueSlot !== undefined) lines.push(`const vr${k} = state[${node.valueSlot}];`);
        lines.push(`const fr${k} = state[${node.slot}];`);
        let result = `${n}.evaluate(state)`;
        if (node.simple !== undefined) {
          tests.push(node.simple);
          result = passesSource(node.simple, `fr${k}`, `tests[${tests.length - 1}]`, { passes: "passes", isNumeric: "isNumeric" });
        }
        lines.push(
          `const ${t} = { kind: "fact", priority: p${k}, fact: f${k}, operator: o${k}, value: v${k}, valueResult: vr${k}, factResult: fr${k}, result: ${result} };`,
        );
        return t;
      }
      case "all":
      case "any": {
        const { conditions } = node;
        if (conditions.length > 1 && node.groups.length !== 1) plain = false;
        const children = conditions.map(walk);
        const join = node.kind === "all" ? " && " : " || ";
        // Every condition is evaluated (above); the outcome is read from their results.
        const outcome = children.length === 0 ? "true" : children.map((c) => `${c}.result`).join(join);
        lines.push(`const ${t} = { kind: ${JSON.stringify(node.kind)}, priority: p${k}, conditions: [${children.join(", ")}], result: ${children.length === 1 ? `${children[0]}.result` : `(${outcome})`} };`);
        return t;
      }
      case "not": {
        const child = walk(node.condition);
        lines.push(`const ${t} = { kind: "not", priority: p${k}, condition: ${child}, result: !${child}.result };`);
        return t;
      }
      case "condition": {
        if (!node.resolved) {
          plain = false;
          return t;
        }
        const child = walk(node.resolved);
        lines.push(`const ${t} = { kind: "condition", priority: p${k}, condition: c${k}, resolved: ${child}, result: ${child}.result };`);
        return t;
      }
    }
  };
  const top = walk(rule.conditions);
  if (!plain) return null;
  return generate(
    [
      "const { nodes, tests, passes, isNumeric } = h;",
      // What each node's trace copies from the node, read once here rather than on every run.
      ...nodes.map((node, k) =>
        node.kind === "fact"
          ? `const p${k} = nodes[${k}].priority, f${k} = nodes[${k}].fact, o${k} = nodes[${k}].operator, v${k} = nodes[${k}].value${node.valueSlot === undefined ? `, vr${k} = nodes[${k}].readValue()` : ""};`
          : node.kind === "condition"
            ? `const p${k} = nodes[${k}].priority, c${k} = String(nodes[${k}].condition);`
            : `const p${k} = nodes[${k}].priority;`,
      ),
      "return function trace(state) {",
      ...lines,
      `return ${top};`,
      "};",
    ].join("\n"),
    { nodes, tests, passes, isNumeric },
  );
}

/** skeleton and fill in one: the node's trace with its result, each object made with all its keys at once. */
function traceClean(node: CompiledCondition, state: SlotState): ConditionTrace {
  switch (node.kind) {
    case "fact": {
      // Read in fill's order: the value compared against, the fact, then the result.
      const valueResult = node.valueSlot === undefined ? node.readValue(state[0] as Facts) : slotValue(state, node.valueSlot, node.readValue);
      const factResult = slotValue(state, node.slot, node.readFact);
      // An undecorated test is `passes` on the slot, as `evaluate` would apply it on a clean run.
      const result = node.simple !== undefined ? passes(node.simple, factResult) : node.evaluate(state);
      if (node.name === undefined && node.path === undefined && node.params === undefined) {
        const { priority, fact, operator, value } = node;
        return { kind: "fact", priority, fact, operator, value, valueResult, factResult, result };
      }
      const trace = skeleton(node) as FactConditionTrace;
      trace.valueResult = valueResult;
      trace.factResult = factResult;
      trace.result = result;
      return trace;
    }
    case "all":
    case "any": {
      const { kind, conditions } = node;
      let traces: ConditionTrace[];
      let outcome: boolean;
      if (conditions.length === 0) {
        traces = [];
        outcome = true;
      } else if (conditions.length === 1) {
        const only = traceClean(conditions[0]!, state);
        traces = [only];
        outcome = only.result!;
      } else if (node.groups.length === 1) {
        // One group (no priorities): every condition is evaluated, in the order written.
        traces = [];
        let every = true;
        let some = false;
        for (let i = 0; i < conditions.length; i++) {
          const trace = traceClean(conditions[i]!, state);
          traces.push(trace);
          every &&= trace.result!;
          some ||= trace.result!;
        }
        outcome = kind === "all" ? every : some;
      } else {
        const evaluated = new Array<ConditionTrace | undefined>(conditions.length).fill(undefined);
        outcome = kind === "all";
        for (const group of node.groups) {
          if (kind === "all" ? !outcome : outcome) break;
          // Every member of a group is evaluated, as fillGroups does.
          let every = true;
          let some = false;
          for (let g = 0; g < group.length; g++) {
            const i = group[g]!;
            const trace = traceClean(conditions[i]!, state);
            evaluated[i] = trace;
            every &&= trace.result!;
            some ||= trace.result!;
          }
          outcome = kind === "all" ? every : some;
        }
        traces = evaluated.map((trace, i) => trace ?? skeleton(conditions[i]!));
      }
      return node.name === undefined
        ? { kind, priority: node.priority, conditions: traces, result: outcome }
        : { kind, name: node.name as string, priority: node.priority, conditions: traces, result: outcome };
    }
    case "not": {
      const condition = traceClean(node.condition, state);
      return node.name === undefined
        ? { kind: "not", priority: node.priority, condition, result: !condition.result }
        : { kind: "not", name: node.name as string, priority: node.priority, condition, result: !condition.result };
    }
    case "condition": {
      if (!node.resolved || node.name !== undefined) {
        const trace = skeleton(node) as ConditionReferenceTrace;
        if (node.resolved) trace.resolved = traceClean(node.resolved, state);
        trace.result = node.resolved ? trace.resolved!.result! : node.evaluate(state);
        return trace;
      }
      const resolved = traceClean(node.resolved, state);
      return { kind: "condition", priority: node.priority, condition: String(node.condition), resolved, result: resolved.result! };
    }
  }
}

/**
 * The trace of a node before evaluation: what the rule says, with no results. Built key by key rather
 * than by spreading, as an explanation builds one per condition of every rule.
 */
function skeleton(node: CompiledCondition): ConditionTrace {
  const trace: Record<string, unknown> = { kind: node.kind };
  if (node.name !== undefined) trace.name = node.name;
  trace.priority = node.priority;
  switch (node.kind) {
    case "fact":
      trace.fact = node.fact;
      trace.operator = node.operator;
      trace.value = node.value;
      if (node.path !== undefined) trace.path = node.path;
      if (node.params !== undefined) trace.params = node.params;
      break;
    case "all":
    case "any":
      trace.conditions = node.conditions.map(skeleton);
      break;
    case "not":
      trace.condition = skeleton(node.condition);
      break;
    case "condition":
      trace.condition = String(node.condition);
      if (node.resolved) trace.resolved = skeleton(node.resolved);
      break;
  }
  return trace as unknown as ConditionTrace;
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
      result = fillGroups(node, (trace as BooleanConditionTrace).conditions, state);
      break;
  }
  trace.result = result;
  return result;
}

function fillFact(node: CompiledFactCondition, trace: FactConditionTrace, state: SlotState): boolean {
  // Read as the run reads them: from their slots, or by name when a slot is SLOW.
  trace.valueResult = node.valueSlot === undefined ? node.readValue(state[0] as Facts) : slotValue(state, node.valueSlot, node.readValue);
  trace.factResult = slotValue(state, node.slot, node.readFact);
  return node.evaluate(state);
}

function fillGroups(node: CompiledBooleanCondition, traces: readonly ConditionTrace[], state: SlotState): boolean {
  const { kind, conditions } = node;
  if (conditions.length === 0) return true;
  if (conditions.length === 1) return fill(conditions[0]!, traces[0]!, state);
  let outcome = kind === "all";
  for (const group of node.groups) {
    if (kind === "all" ? !outcome : outcome) break;
    // Every member of a group is evaluated; the first failure is rethrown once all have been tried.
    let failure: { error: unknown } | undefined;
    const results = group.map((i) => {
      try {
        return fill(conditions[i]!, traces[i]!, state);
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
