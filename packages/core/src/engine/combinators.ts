// all/any over priority groups, as json-rules-engine's Rule#prioritizeAndRun evaluates them: groups run
// highest priority first and stop once the outcome is decided, but every member of a group is
// evaluated, because the engine awaits a group with Promise.all — so an undefined fact in any member
// fails the run even when another member already decided the group.
import type { Facts } from "./types.js";

export type Predicate = (facts: Facts) => boolean;

export function allOf(groups: readonly (readonly Predicate[])[]): Predicate {
  const steps = groups.map(everyMember);
  if (steps.length === 1) return steps[0]!;
  return (facts) => {
    for (const step of steps) if (!step(facts)) return false;
    return true;
  };
}

export function anyOf(groups: readonly (readonly Predicate[])[]): Predicate {
  const steps = groups.map(someMember);
  if (steps.length === 1) return steps[0]!;
  return (facts) => {
    for (const step of steps) if (step(facts)) return true;
    return false;
  };
}

// The operand order below (later members first, then the saved result) makes every member run.
function everyMember(members: readonly Predicate[]): Predicate {
  const [a, b, c] = members;
  switch (members.length) {
    case 1:
      return a!;
    case 2:
      return (facts) => {
        const first = a!(facts);
        return b!(facts) && first;
      };
    case 3:
      return (facts) => {
        const first = a!(facts);
        const second = b!(facts);
        return c!(facts) && first && second;
      };
    default:
      return (facts) => {
        let passed = true;
        for (const member of members) if (!member(facts)) passed = false;
        return passed;
      };
  }
}

function someMember(members: readonly Predicate[]): Predicate {
  const [a, b, c] = members;
  switch (members.length) {
    case 1:
      return a!;
    case 2:
      return (facts) => {
        const first = a!(facts);
        return b!(facts) || first;
      };
    case 3:
      return (facts) => {
        const first = a!(facts);
        const second = b!(facts);
        return c!(facts) || first || second;
      };
    default:
      return (facts) => {
        let passed = false;
        for (const member of members) if (member(facts)) passed = true;
        return passed;
      };
  }
}
