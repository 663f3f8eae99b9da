// The facts of one appraisal as an array: every fact the rule set can read has a slot, numbered once when
// the rule set is compiled and shared with its compiled conditions and outcome rules, so a stage writes
// `facts[slot]` and a condition reads it, with no lookup by name and no copy between stages.
//
// Slot 0 is null while every fact is plain data. A function given as a fact value (the engine calls it
// as a computed fact) is kept by name in an object at slot 0 and its slot reads SLOW, so conditions take
// the engine's exact path for that appraisal.
import { SLOW, SlotCompiler, type SlotState } from "../engine/slot-compiler.js";
import type { Facts } from "./context.js";

export type FactState = SlotState;

export class FactTable {
  readonly conditions: SlotCompiler;
  private readonly template: Facts;
  private readonly named: Array<[string, number]>;
  private initial: FactState | null = null;
  /** Path slots follow a fact set after the input facts, so they are read again before each condition. */
  private latePaths = false;

  constructor(template: Facts, conditions: SlotCompiler) {
    this.template = template;
    this.conditions = conditions;
    this.named = Object.keys(template).map((name) => [name, conditions.factSlot(name)]);
  }

  slot(name: string): number {
    return this.conditions.factSlot(name);
  }

  /**
   * Called once every stage is compiled (stages add slots as they compile): from then on `start` gives
   * each appraisal its state. `inputFacts` are the facts set before any condition is read.
   */
  seal(inputFacts: ReadonlySet<string>): void {
    const state = this.conditions.newState();
    for (const [name, slot] of this.named) state[slot] = this.template[name];
    const slots = this.conditions.factSlots();
    // A fact no stage sets reads as missing, as it did from a fact map without it.
    const complete = [...slots.values()].every((slot) => state[slot] !== SLOW);
    state[0] = complete ? null : {};
    const inputSlots = new Set([...inputFacts].map((name) => slots.get(name)));
    this.latePaths = this.conditions.pathBases().some((slot) => !inputSlots.has(slot));
    this.initial = state;
  }

  start(): FactState {
    return this.initial!.slice();
  }

  /** Sets a fact from the appraisal's input, which may be a function (a computed fact). */
  put(facts: FactState, slot: number, name: string, value: unknown): void {
    if (typeof value !== "function") {
      facts[slot] = value;
      return;
    }
    facts[slot] = SLOW;
    const slow = (facts[0] ??= {}) as Facts;
    slow[name] = value;
  }

  /** A fact's value as given, for messages and explanations. */
  get(facts: FactState, slot: number, name: string): unknown {
    const value = facts[slot];
    return value === SLOW ? (facts[0] as Facts)[name] : value;
  }

  /** Reads the path slots after the input facts are set, and before each condition when a later fact has a path. */
  fillPaths(facts: FactState, late: boolean): void {
    if (!late || this.latePaths) this.conditions.fillPaths(facts);
  }

  /** The fact map: every fact by name, in the template's order. */
  toFacts(facts: FactState): Facts {
    const map: Facts = { ...this.template };
    for (const [name, slot] of this.named) map[name] = this.get(facts, slot, name);
    return map;
  }
}

/**
 * The same text as a property name the engine has already interned: names read from a rule file are
 * string values, and reading `object[name]` with one in a hot loop would hash it on every read.
 */
export function propertyKey(name: string): string {
  return Object.keys({ [name]: true })[0]!;
}

/** Whether no slot is SLOW, as `FactSlots#fill` reports it: conditions may then take their fast path. */
export function clean(facts: FactState): boolean {
  return facts[0] === null;
}
