// all/any over priority groups, as json-rules-engine's Rule#prioritizeAndRun evaluates them: groups run
// highest priority first and stop once the outcome is decided. Within a group the engine evaluates
// every member (it awaits them with Promise.all), so after a member decides the group, the rest still
// run unless they cannot throw this run (see quiet.ts): an undefined fact in any member fails the run.
import { SLOW, type SlotState } from "./fact-slots.js";

/** A compiled condition: decides on one run's slot state (see fact-slots.ts). */
export type Predicate = (state: SlotState) => boolean;

export interface Member {
  evaluate: Predicate;
  /** Slots that, when none is SLOW, make evaluation unable to throw; undefined when it may throw anyway. */
  quiet: readonly number[] | undefined;
}

export function allOf(groups: readonly (readonly Member[])[]): Predicate {
  const steps = groups.map((group) => groupOf(group, false));
  if (steps.length === 1) return steps[0]!;
  return (state) => {
    for (const step of steps) if (!step(state)) return false;
    return true;
  };
}

export function anyOf(groups: readonly (readonly Member[])[]): Predicate {
  const steps = groups.map((group) => groupOf(group, true));
  if (steps.length === 1) return steps[0]!;
  return (state) => {
    for (const step of steps) if (step(state)) return true;
    return false;
  };
}

/** True when `quiet` says the member cannot throw on this state, so it need not run. */
function canSkip(quiet: readonly number[] | undefined, state: SlotState): boolean {
  if (quiet === undefined) return false;
  for (let i = 0; i < quiet.length; i++) if (state[quiet[i]!] === SLOW) return false;
  return true;
}

/** One priority group; `decisive` is the member result that decides it: false for all, true for any. */
function groupOf(members: readonly Member[], decisive: boolean): Predicate {
  if (members.length === 1) return members[0]!.evaluate;
  const evaluators = members.map((member) => member.evaluate);
  const quiet = members.map((member) => member.quiet);
  return (state) => {
    for (let i = 0; i < evaluators.length; i++) {
      if (evaluators[i]!(state) !== decisive) continue;
      for (let j = i + 1; j < evaluators.length; j++) if (!canSkip(quiet[j], state)) evaluators[j]!(state);
      return decisive;
    }
    return !decisive;
  };
}
