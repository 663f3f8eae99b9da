// The compiled path of Engine#run: the engine's rules compiled by compileRules, run synchronously on
// constant facts. A run's events are copies of what compileRules gives (whose events are frozen and
// shared by every run), so a caller may change them as json-rules-engine's; its rule results and
// almanac are built only when read, from compileRules' explanation of the same facts.
import { compileRules } from "../jsonpath.js";
import type { BooleanConditionTrace, CompiledRules, ConditionTrace, Event, Facts, FactConditionTrace, NotConditionTrace, RuleProperties, TopLevelCondition } from "../types.js";
import { Almanac } from "./almanac.js";
import { copyValue, type Condition } from "./condition.js";
import type { Engine, EngineResult } from "./engine.js";
import { RuleResult } from "./rule-result.js";

/** The engine's rules and named conditions compiled, or null when compileRules refuses them. */
export function compileEngineRules(engine: Engine): CompiledRules | null {
  const rules: RuleProperties[] = engine.rules.map((rule) => ({
    conditions: rule.conditions.toJSON(false) as unknown as TopLevelCondition,
    event: rule.ruleEvent,
    priority: rule.priority,
    ...(rule.name === undefined ? {} : { name: rule.name as string }),
  }));
  const conditions: Record<string, TopLevelCondition> = {};
  for (const [name, condition] of engine.conditions) conditions[name] = condition.toJSON(false) as unknown as TopLevelCondition;
  try {
    return compileRules(rules, {
      allowUndefinedFacts: engine.allowUndefinedFacts,
      allowUndefinedConditions: engine.allowUndefinedConditions,
      replaceFactsInEventParams: engine.replaceFactsInEventParams,
      pathResolver: engine.pathResolver,
      conditions,
    });
  } catch {
    return null;
  }
}

/** One compiled run; throws what the run would reject with. */
export function compiledRun(compiled: CompiledRules, facts: Facts, engine: Engine): EngineResult {
  const outcome = compiled.run(facts);
  return new CompiledRunResult(outcome.events.map(copyEvent), outcome.failureEvents.map(copyEvent), compiled, facts, engine);
}

/** A compiled run's result: the events now, the rule results and almanac when first read. */
class CompiledRunResult implements EngineResult {
  private ruleResults: RuleResult[] | undefined;
  private runAlmanac: Almanac | undefined;

  constructor(
    readonly events: Event[],
    readonly failureEvents: Event[],
    private readonly compiled: CompiledRules,
    private readonly facts: Facts,
    private readonly engine: Engine,
  ) {}

  get results(): RuleResult[] {
    return this.allResults().filter((result) => result.result);
  }

  get failureResults(): RuleResult[] {
    return this.allResults().filter((result) => !result.result);
  }

  get almanac(): Almanac {
    return (this.runAlmanac ??= almanacOf(this.engine, this.facts, this.events, this.failureEvents, this.allResults()));
  }

  private allResults(): RuleResult[] {
    return (this.ruleResults ??= explainedResults(this.compiled, this.facts, this.engine));
  }
}

/** A fresh copy of an event of the compiled rules (plain JSON-like data). */
function copyEvent(event: Event): Event {
  const params = event.params;
  if (params === undefined) return { type: event.type };
  const copy: Record<string, unknown> = {};
  for (const key in params) {
    const value = params[key];
    copy[key] = value !== null && typeof value === "object" ? copyValue(value) : value;
  }
  return { type: event.type, params: copy };
}

function almanacOf(engine: Engine, facts: Facts, events: Event[], failureEvents: Event[], results: RuleResult[]): Almanac {
  const almanac = new Almanac({ allowUndefinedFacts: engine.allowUndefinedFacts, pathResolver: engine.pathResolver });
  for (const factId in facts) almanac.addFact(factId, facts[factId]);
  for (const event of events) almanac.addEvent(event, "success");
  for (const event of failureEvents) almanac.addEvent(event, "failure");
  for (const result of results) almanac.addResult(result);
  return almanac;
}

/** Rule results, highest priority first, each a copy of the rule's conditions annotated from the trace. */
function explainedResults(compiled: CompiledRules, facts: Facts, engine: Engine): RuleResult[] {
  const rules = engine.rules;
  return compiled.explain(facts).map((trace) => {
    const rule = rules[trace.index]!;
    const ruleResult = new RuleResult(rule.conditions, trace.event, rule.priority, rule.name);
    annotate(ruleResult.conditions, trace.conditions, true, engine);
    ruleResult.setResult(trace.fired);
    return ruleResult;
  });
}

/**
 * Notes on `node` what the trace says it gave, as a json-rules-engine run would note it: no result on
 * an all/any/not at the root, a reference replaced by a copy of the condition it names.
 */
function annotate(node: Condition, trace: ConditionTrace, root: boolean, engine: Engine): void {
  // A node the run did not reach keeps what the rule says (a reference is not replaced).
  if (trace.result === undefined) return;
  if (node.isConditionReference()) {
    const named = trace.kind === "condition" && trace.resolved ? engine.conditionNamed(node.condition as string) : undefined;
    if (named && trace.kind === "condition") {
      delete node.condition;
      Object.assign(node, named.clone());
      annotate(node, trace.resolved!, false, engine);
    } else node.result = trace.result;
    return;
  }
  const operator = node.booleanOperator();
  if (!root) node.result = trace.result;
  if (operator === "not") annotate(node.not!, (trace as NotConditionTrace).condition, false, engine);
  else if (operator) {
    const traces = (trace as BooleanConditionTrace).conditions;
    node[operator]!.forEach((child, i) => annotate(child, traces[i]!, false, engine));
  } else {
    node.factResult = (trace as FactConditionTrace).factResult;
    node.valueResult = (trace as FactConditionTrace).valueResult;
  }
}
