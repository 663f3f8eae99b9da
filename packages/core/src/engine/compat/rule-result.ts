// What a run says about one rule: its conditions annotated with what each evaluated node gave, its
// event (params filled in from facts when `replaceFactsInEventParams` is on), and whether it passed.
import type { Event } from "../types.js";
import type { Almanac } from "./almanac.js";
import { copyValue, type Condition } from "./condition.js";

/** json-rules-engine's RuleResult: what one run says about one rule. */
export class RuleResult {
  conditions: Condition;
  event: Event;
  priority: number;
  name: unknown;
  /** null until the rule has been evaluated; then what its conditions gave (a custom operator's truthy value as it is). */
  result: boolean | null = null;

  constructor(conditions: Condition, event: Event, priority: number, name: unknown) {
    this.conditions = copyValue(conditions);
    this.event = copyValue(event);
    this.priority = priority;
    this.name = copyValue(name);
  }

  /** Notes whether the rule passed. */
  setResult(result: boolean): void {
    this.result = result;
  }

  /** Replaces each `{ fact, path?, params? }` event param by that fact's value. */
  async resolveEventParams(almanac: Almanac): Promise<void> {
    const params = this.event.params;
    if (params === null || typeof params !== "object") return;
    await Promise.all(
      Object.keys(params).map(async (key) => {
        params[key] = await almanac.getValue(params[key]);
      }),
    );
  }

  /** The result as JSON, or as a JSON-ready object when `stringify` is false. */
  toJSON(stringify?: true): string;
  /** The result as a JSON-ready object. */
  toJSON(stringify: false): Record<string, unknown>;
  toJSON(stringify = true): string | Record<string, unknown> {
    const props = { conditions: this.conditions.toJSON(false), event: this.event, priority: this.priority, name: this.name, result: this.result };
    return stringify ? JSON.stringify(props) : props;
  }
}
