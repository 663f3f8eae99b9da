// A rule's event, fixed at compile time: `{ type, params? }` as Rule#setEvent keeps it, copied and
// frozen so one object can be handed out by every run. With `replaceFactsInEventParams`, params that
// are fact references get the fact's value on each run (RuleResult#resolveEventParams), for passing
// and failing rules alike.
import { RuleDefinitionError } from "./errors.js";
import { compileFactReader, isFactReference, type FactReader } from "./fact-reader.js";
import { frozenRuleValue } from "./rule-value.js";
import type { Event, FactReference, Facts } from "./types.js";

export interface CompiledEvent {
  event: Event;
  /** Builds the event with fact-valued params filled in; undefined when the event never changes. */
  resolve: ((facts: Facts) => Event) | undefined;
  /** The facts `resolve` reads. */
  references: FactReference[];
}

export interface EventOptions {
  replaceFactsInEventParams: boolean;
  allowUndefinedFacts: boolean;
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
    return { event, resolve: undefined, references: [] };
  }
  const frozenParams = event.params;
  const readers: Array<[string, FactReader]> = [];
  const references: FactReference[] = [];
  for (const key of Object.keys(frozenParams)) {
    const value = frozenParams[key];
    if (!isFactReference(value)) continue;
    readers.push([key, compileFactReader(value, options.allowUndefinedFacts)]);
    references.push(value);
  }
  if (readers.length === 0) return { event, resolve: undefined, references };
  return {
    event,
    references,
    resolve: (facts) => {
      const resolved: Record<string, unknown> = Array.isArray(frozenParams)
        ? (frozenParams.slice() as unknown as Record<string, unknown>)
        : { ...frozenParams };
      for (const [key, read] of readers) resolved[key] = read(facts);
      return { type, params: resolved };
    },
  };
}
