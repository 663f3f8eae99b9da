// Calibration proposals: the predikat moves that bring one unit within the distribution curve, for the
// evaluation forum to accept, change or reject. Each step fixes the first broken bound with one move of
// one level at a time (so nobody lands lower than the curve needs):
// - too many in a predikat ("at most"): the lowest final score there moves down to the next predikat;
//   where nobody may move down, the highest score moves up out of it;
// - too few ("at least"): the lowest score above moves down into it; where nobody may, the highest score
//   below moves up into it.
// A move that would break another bound the unit meets is taken only when no other will do. Nobody moves
// more than `maxLevels` from the predikat the rules gave them, nor back the way they already moved, nor
// onto a predikat the curve does not count. Ties are broken by employee id, so the same unit always gets
// the same proposal, whatever the order it is given in.
import type { NationalPredikat, OrganisationPredikat } from "../domain/types.js";
import type { PredikatValue } from "../ruleset/schema.js";
import { emptyCounts } from "./counts.js";
import { checkBounds, type BoundCheck, type Rounding } from "./distribution.js";

/** An employee of the unit being calibrated. */
export interface CalibrationMember {
  employeeId: string;
  /** The current predikat (a rule-set id). */
  predikat: string;
  /** What the rules gave, before anyone moved it: `maxLevels` counts from here. */
  rulePredikat: string;
  /** The final score; none ranks lowest. */
  score: number | null;
}

/** A unit to calibrate: the rule set's predikat, its members, its own predikat and the limits on moves. */
export interface CalibrationInput {
  /** The rule set's predikat, best first. */
  predikat: readonly PredikatValue[];
  members: readonly CalibrationMember[];
  organisationPredikat: OrganisationPredikat;
  rounding: Rounding;
  maxLevels: number;
}

/** One employee's predikat moved by a calibration proposal. */
export interface CalibrationMove {
  employeeId: string;
  from: string;
  to: string;
}

/** The moves proposed to bring a unit within the distribution curve, and its bounds before and after. */
export interface CalibrationProposal {
  moves: CalibrationMove[];
  /** Whether the unit is within the curve once every move is applied. */
  fits: boolean;
  before: BoundCheck[];
  after: BoundCheck[];
}

interface Person {
  member: CalibrationMember;
  level: number;
  /** The levels the person may hold: within maxLevels of the rules' predikat, counted on the curve. */
  lowest: number;
  highest: number;
  /** +1 once moved down, -1 once moved up. */
  direction: number;
}

/** The unit's counts per national predikat, with people at their current levels. */
function nationalCounts(people: readonly Person[], national: ReadonlyArray<NationalPredikat | undefined>): Record<NationalPredikat, number> {
  const counts = emptyCounts();
  for (const person of people) {
    const n = national[person.level];
    if (n) counts[n]++;
  }
  return counts;
}

function brokenCount(checks: readonly BoundCheck[]): number {
  return checks.filter((c) => c.broken).length;
}

/** Lower scores first; none counts as lowest; then by employee id. */
function byScore(a: Person, b: Person): number {
  const sa = a.member.score ?? -Infinity;
  const sb = b.member.score ?? -Infinity;
  if (sa !== sb) return sa < sb ? -1 : 1;
  return a.member.employeeId < b.member.employeeId ? -1 : a.member.employeeId > b.member.employeeId ? 1 : 0;
}

interface Candidate {
  person: Person;
  to: number;
  /** Bounds broken after the move. */
  broken: number;
}

/**
 * Proposes the fewest moves, lowest scores first and by at most `maxLevels` levels from what the rules gave,
 * that bring a unit within the distribution curve; `fits` says whether they do.
 */
export function proposeCalibration(input: CalibrationInput): CalibrationProposal {
  const levels = input.predikat.map((p) => p.id);
  const national = input.predikat.map((p) => p.national);
  const maxLevels = Math.max(0, input.maxLevels);
  const check = (counts: Record<NationalPredikat, number>) => checkBounds({ counts, organisationPredikat: input.organisationPredikat, rounding: input.rounding });

  const people: Person[] = [];
  for (const member of input.members) {
    const level = levels.indexOf(member.predikat);
    if (level < 0 || !national[level]) continue;
    const base = levels.indexOf(member.rulePredikat) >= 0 ? levels.indexOf(member.rulePredikat) : level;
    people.push({ member, level, lowest: Math.min(levels.length - 1, base + maxLevels), highest: Math.max(0, base - maxLevels), direction: 0 });
  }
  people.sort(byScore);
  const counted = (level: number) => level >= 0 && level < levels.length && national[level] !== undefined;
  const start = new Map(people.map((p) => [p, p.level]));
  const before = check(nationalCounts(people, national));

  const moveFor = (bound: BoundCheck): Candidate | null => {
    const inBound = (level: number) => counted(level) && bound.bound.predikat.includes(national[level]!);
    const boundLevels = levels.map((_, i) => i).filter(inBound);
    const candidates: Candidate[] = [];
    const consider = (person: Person, to: number | undefined) => {
      if (to === undefined) return;
      const from = person.level;
      person.level = to;
      const broken = brokenCount(check(nationalCounts(people, national)));
      person.level = from;
      candidates.push({ person, to, broken });
    };
    // Fewest bounds broken after the move; then a move down before one up; then the lowest score moves
    // down, the highest up.
    const rank = (c: Candidate) => [c.broken, c.to > c.person.level ? 0 : 1] as const;
    const better = (a: Candidate, b: Candidate): number => {
      const [ra, rb] = [rank(a), rank(b)];
      if (ra[0] !== rb[0]) return ra[0] - rb[0];
      if (ra[1] !== rb[1]) return ra[1] - rb[1];
      return ra[1] === 0 ? byScore(a.person, b.person) : byScore(b.person, a.person);
    };
    for (const person of people) {
      const { level } = person;
      const reachable = (to: number) => counted(to) && to >= person.highest && to <= person.lowest;
      const mayDown = person.direction >= 0;
      const mayUp = person.direction <= 0;
      if (bound.bound.kind === "atMost" && inBound(level)) {
        if (mayDown) consider(person, range(level + 1, person.lowest).find((t) => reachable(t) && !inBound(t)));
        if (mayUp) consider(person, range(level - 1, person.highest).find((t) => reachable(t) && !inBound(t)));
      }
      if (bound.bound.kind === "atLeast" && !inBound(level)) {
        const above = boundLevels.length > 0 && level < boundLevels[0]!;
        if (above && mayDown) consider(person, boundLevels.find(reachable));
        if (!above && mayUp) consider(person, [...boundLevels].reverse().find(reachable));
      }
    }
    return candidates.sort(better)[0] ?? null;
  };

  for (;;) {
    const broken = check(nationalCounts(people, national)).filter((c) => c.broken);
    let moved = false;
    for (const bound of broken) {
      const move = moveFor(bound);
      if (!move) continue;
      move.person.direction = move.to > move.person.level ? 1 : -1;
      // One level at a time toward the target, so the curve is looked at again after each.
      move.person.level += move.person.direction * Math.min(1, Math.abs(move.to - move.person.level));
      while (!counted(move.person.level)) move.person.level += move.person.direction;
      moved = true;
      break;
    }
    if (!moved) break;
  }

  const after = check(nationalCounts(people, national));
  const moves = people
    .filter((p) => p.level !== start.get(p))
    .map((p) => ({ employeeId: p.member.employeeId, from: p.member.predikat, to: levels[p.level]! }))
    .sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
  return { moves, fits: brokenCount(after) === 0, before, after };
}

/** The whole numbers from `from` toward `to`, both included. */
function range(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i++) out.push(i);
  else for (let i = from; i >= to; i--) out.push(i);
  return out;
}
