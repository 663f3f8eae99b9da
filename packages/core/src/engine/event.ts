// A rule's event, fixed at compile time: `{ type, params? }` as Rule#setEvent keeps it, copied and
// frozen so one object can be handed out by every run. With `replaceFactsInEventParams`, params that
// are fact references get the fact's value on each run (RuleResult#resolveEventParams), for passing
// and failing rules alike.
import { RuleDefinitionError } from "./errors.js";
import { compileFactReader, isFactReference, type FactReader, type FactReadOptions } from "./fact-reader.js";
import { generate } from "./generated.js";
import { frozenRuleValue } from "./rule-value.js";
import type { Event, FactReference, Facts } from "./types.js";

export interface CompiledEvent {
  event: Event;
  /** Builds the event with fact-valued params filled in; undefined when the event never changes. */
  resolve: ((facts: Facts) => Event) | undefined;
  /** The facts `resolve` reads. */
  references: FactReference[];
  /** The params that are fact references: their key, the reference and its reader, in the order of the params. */
  factParams: FactParam[];
}

export interface FactParam {
  key: string;
  reference: FactReference;
  read: FactReader;
}

/**
 * A copy of the event (json-rules-engine copies the params) with each fact-valued param replaced by `valueOf` it.
 * `params` is what is copied: the event's own (frozen) params, or paramsTemplate of them, which copies faster.
 */
export function eventWith(
  event: Event,
  factParams: readonly FactParam[],
  valueOf: (param: FactParam, index: number) => unknown,
  params: Record<string, unknown> = event.params!,
): Event {
  const resolved: Record<string, unknown> = Array.isArray(params) ? (params.slice() as unknown as Record<string, unknown>) : { ...params };
  for (let i = 0; i < factParams.length; i++) resolved[factParams[i]!.key] = valueOf(factParams[i]!, i);
  return { type: event.type, params: resolved };
}

/**
 * The event's params as an unfrozen shallow copy, made once, for eventWith to copy on each run: V8 copies a
 * frozen object's properties one by one, an ordinary one with its layout at once. The values are the same.
 */
export function paramsTemplate(event: Event): Record<string, unknown> {
  const params = event.params!;
  return Array.isArray(params) ? params : { ...params };
}

export interface EventOptions extends FactReadOptions {
  replaceFactsInEventParams: boolean;
}

export function compileEvent(source: unknown, pointer: string, options: EventOptions): CompiledEvent {
  const given = source || { type: "unknown" };
  if (typeof given !== "object" || !Object.hasOwn(given, "type")) {
    throw new RuleDefinitionError(pointer, 'an event requires a "type"');
  }
  const { type, params } = given as { type: string; params?: unknown };
  // Falsy params are dropped, as json-rules-engine drops them.
  const event: Event = params ? { type, params: frozenRuleValue(params) as Record<string, unknown> } : { type };
  Object.freeze(event);
  if (!options.replaceFactsInEventParams || typeof event.params !== "object" || event.params === null) {
    return { event, resolve: undefined, references: [], factParams: [] };
  }
  const frozenParams = event.params;
  const factParams: FactParam[] = [];
  for (const key of Object.keys(frozenParams)) {
    const value = frozenParams[key];
    if (!isFactReference(value)) continue;
    factParams.push({ key, reference: value, read: compileFactReader(value, options, `${pointer}/params/${key}`) });
  }
  const references = factParams.map((param) => param.reference);
  if (factParams.length === 0) return { event, resolve: undefined, references, factParams };
  return {
    event,
    references,
    factParams,
    resolve: (facts) => eventWith(event, factParams, (param) => param.read(facts)),
  };
}

/**
 * eventWith for one event written out as JavaScript: the params as one object literal in the template's key
 * order, each fact-valued param read by `valueOf(state, index)` in the same order. Null for params that are
 * an array or name `__proto__` (which a literal would not copy as it is), or where code may not be generated.
 */
export function generatedEvent<S>(
  event: Event,
  factParams: readonly FactParam[],
  template: Record<string, unknown>,
  valueOf: (state: S, index: number) => unknown,
  rule?: string,
): ((state: S) => Event) | null {
  if (Array.isArray(template)) return null;
  const keys = Object.keys(template);
  if (keys.includes("__proto__")) return null;
  const fact = new Map(factParams.map((param, i) => [param.key, i]));
  const entries = keys.map((key) => {
    const i = fact.get(key);
    return `${JSON.stringify(key)}: ${i === undefined ? `template[${JSON.stringify(key)}]` : `valueOf(state, ${i})`}`;
  });
  // With `rule`, the outcome event `{ type, params, rule }` the evaluator reports, in one object.
  const named = rule === undefined ? "" : `, rule: ${JSON.stringify(rule)}`;
  return generate(`const { event, template, valueOf } = h;\nreturn function event_(state) { return { type: event.type, params: { ${entries.join(", ")} }${named} }; };`, {
    event,
    template,
    valueOf,
  });
}
