// Fact slots: every fact (and every fact + plain path) the compiled conditions read is looked up once
// per run into an array, so conditions read `state[slot]` instead of repeating a property lookup by
// a run-time name (slow in V8: the lookup site sees every fact name). Reading plain data up front
// changes nothing observable; what could (a missing fact that must fail the run, a function fact that
// must be called with a condition's params) is left as SLOW for the condition's own reader.
import { followPath, plainPathSegments, type PathStep } from "./fact-path.js";
import type { FactReader, FactSource } from "./fact-reader.js";
import type { Facts } from "./types.js";

/** A slot whose value the condition must read itself, with its FactReader. */
export const SLOW: unique symbol = Symbol("read the fact the slow way");

/** Per-run values: index 0 holds the facts object, the rest the slots. */
export type SlotState = unknown[];

interface FactEntry {
  id: string;
  slot: number;
  /** Named like an Object.prototype member, so it counts only as an own property. */
  ownOnly: boolean;
}

interface PathEntry {
  slot: number;
  factSlot: number;
  steps: PathStep[];
}

export class FactSlots {
  private readonly missing: undefined | typeof SLOW;
  private readonly factSlots = new Map<string, number>();
  private readonly pathSlots = new Map<string, number>();
  private readonly factEntries: FactEntry[] = [];
  private readonly pathEntries: PathEntry[] = [];
  private slowSlot: number | undefined;
  private size = 1;

  constructor(allowUndefinedFacts: boolean) {
    this.missing = allowUndefinedFacts ? undefined : SLOW;
  }

  /**
   * The slot holding what `source` reads: its fact, or its fact after a plain path, or SLOW always.
   * The fact itself is read into a slot in every case, so that `fill` reports a run as clean only
   * when every fact the conditions and events may read is present and not a function.
   */
  slotFor(source: FactSource): number {
    const id = source.fact;
    if (typeof id !== "string") return this.alwaysSlow();
    const factSlot = this.factSlot(id);
    if (!source.path) return factSlot;
    const steps = plainPathSegments(source.path);
    return steps ? this.pathSlot(id, steps) : this.alwaysSlow();
  }

  newState(): SlotState {
    return Array.from({ length: this.size }, () => SLOW);
  }

  /** Reads this run's facts into `state`; true when no slot is SLOW, so nothing read can throw. */
  fill(state: SlotState, facts: Facts): boolean {
    state[0] = facts;
    let clean = true;
    const entries = this.factEntries;
    for (let i = 0; i < entries.length; i++) {
      const { id, slot, ownOnly } = entries[i]!;
      const value = facts[id];
      // Only an undefined value (or a name Object.prototype also has) needs the own-property check.
      const present = (value !== undefined && !ownOnly) || Object.hasOwn(facts, id);
      if (!present) {
        state[slot] = this.missing;
        if (this.missing === SLOW) clean = false;
      } else if (typeof value === "function") {
        state[slot] = SLOW;
        clean = false;
      } else state[slot] = value;
    }
    if (this.pathEntries.length > 0) this.fillPaths(state);
    return clean;
  }

  /** Reads every path slot from the fact slot it follows, for a state whose fact slots are already set. */
  fillPaths(state: SlotState): void {
    const paths = this.pathEntries;
    for (let i = 0; i < paths.length; i++) {
      const { slot, factSlot, steps } = paths[i]!;
      const value = state[factSlot];
      // As Almanac#factValue: a path applies to objects only; anything else is compared as it is.
      state[slot] = typeof value === "object" && value !== null ? followPath(value, steps) : value;
    }
  }

  /** The fact slots, by fact name, in the order they were first read. */
  factNames(): ReadonlyMap<string, number> {
    return this.factSlots;
  }

  /** The fact slots that path slots follow. */
  pathBases(): number[] {
    return this.pathEntries.map((entry) => entry.factSlot);
  }

  /** True for slots `fill` writes; the one slot that is always SLOW is not. */
  isFilled(slot: number): boolean {
    return slot !== this.slowSlot;
  }

  private factSlot(id: string): number {
    let slot = this.factSlots.get(id);
    if (slot === undefined) {
      slot = this.size++;
      this.factSlots.set(id, slot);
      this.factEntries.push({ id, slot, ownOnly: id in Object.prototype });
    }
    return slot;
  }

  private pathSlot(id: string, steps: PathStep[]): number {
    const key = JSON.stringify([id, steps.map((step) => step.key)]);
    let slot = this.pathSlots.get(key);
    if (slot === undefined) {
      slot = this.size++;
      this.pathSlots.set(key, slot);
      this.pathEntries.push({ slot, factSlot: this.factSlot(id), steps });
    }
    return slot;
  }

  private alwaysSlow(): number {
    this.slowSlot ??= this.size++;
    return this.slowSlot;
  }
}

/** The value in `slot`, or, when it is SLOW, what the condition's own reader gives. */
export function slotValue(state: SlotState, slot: number, read: FactReader): unknown {
  const value = state[slot];
  return value === SLOW ? read(state[0] as Facts) : value;
}

/**
 * A function of the facts that reads them into a slot state and hands it to `body`, with whether the
 * run is clean. One state is reused from run to run. A run that starts while another is under way
 * — a function fact calling back into the same rules — gets its own; only a run that is not clean
 * can call a function fact, so only such a run needs guarding.
 */
export function slotRunner<T>(slots: FactSlots, body: (state: SlotState, clean: boolean) => T): (facts: Facts) => T {
  const shared = slots.newState();
  let busy = false;
  return (facts) => {
    if (busy) {
      const own = slots.newState();
      return body(own, slots.fill(own, facts));
    }
    if (slots.fill(shared, facts)) return body(shared, true);
    busy = true;
    try {
      return body(shared, false);
    } finally {
      busy = false;
    }
  };
}
