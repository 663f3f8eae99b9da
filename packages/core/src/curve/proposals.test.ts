import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NATIONAL_PREDIKAT, ORGANISATION_PREDIKAT, type OrganisationPredikat } from "../domain/types.js";
import type { PredikatValue } from "../ruleset/schema.js";
import { countNationalPredikat } from "./counts.js";
import { checkDistribution, type Rounding } from "./distribution.js";
import { proposeCalibration, type CalibrationInput, type CalibrationMember } from "./proposals.js";

/** The national scale (PermenPANRB 6/2022, Medan, Binjai, Pariaman). */
const NATIONAL: PredikatValue[] = NATIONAL_PREDIKAT.map((id) => ({ id, label: id, national: id }));
/** PP 30/2019 and PP 46/2011 name the middle predikat Cukup and count it as Butuh Perbaikan. */
const WITH_CUKUP: PredikatValue[] = [
  { id: "sangat_baik", label: "Sangat Baik", national: "sangat_baik" },
  { id: "baik", label: "Baik", national: "baik" },
  { id: "cukup", label: "Cukup", national: "butuh_perbaikan" },
  { id: "kurang", label: "Kurang", national: "kurang" },
  { id: "buruk", label: "Buruk", national: "sangat_kurang" },
];

function member(n: number, predikat: string, score: number | null = 90 - n / 10, rulePredikat = predikat): CalibrationMember {
  return { employeeId: `e${String(n).padStart(3, "0")}`, predikat, rulePredikat, score };
}

function applied(input: CalibrationInput, moves: Array<{ employeeId: string; to: string }>): Array<{ predikat: string }> {
  const to = new Map(moves.map((m) => [m.employeeId, m.to]));
  return input.members.map((m) => ({ predikat: to.get(m.employeeId) ?? m.predikat }));
}

function brokenAfter(input: CalibrationInput, moves: Array<{ employeeId: string; to: string }>) {
  const { counts } = countNationalPredikat(applied(input, moves), input.predikat);
  return checkDistribution({ counts, organisationPredikat: input.organisationPredikat, rounding: input.rounding });
}

describe("proposeCalibration", () => {
  it("a unit of 50 with 21 Sangat Baik against a limit of 5: the 16 lowest scores move down", () => {
    const members = [
      ...Array.from({ length: 21 }, (_, i) => member(i, "sangat_baik", 80 + i)),
      ...Array.from({ length: 29 }, (_, i) => member(100 + i, "butuh_perbaikan", 60)),
    ];
    const input: CalibrationInput = { predikat: NATIONAL, members, organisationPredikat: "butuh_perbaikan", rounding: "round", maxLevels: 2 };
    const proposal = proposeCalibration(input);
    expect(proposal.before.find((c) => c.label.id === "Sangat Baik paling banyak 10%")).toMatchObject({ allowed: 5, actual: 21, broken: true });
    expect(proposal.fits).toBe(true);
    // Butuh Perbaikan (29 of 50) owes one more: the lowest Sangat Baik goes there; the next 15 to Baik.
    expect(proposal.moves).toEqual(
      members.slice(0, 16).map((m, i) => ({ employeeId: m.employeeId, from: "sangat_baik", to: i === 0 ? "butuh_perbaikan" : "baik" })),
    );
    expect(brokenAfter(input, proposal.moves)).toEqual([]);
  });

  it("moves nobody further than the curve needs: Istimewa, 10 Sangat Baik, three move to Baik", () => {
    const members = Array.from({ length: 10 }, (_, i) => member(i, "sangat_baik", 100 - i));
    const proposal = proposeCalibration({ predikat: NATIONAL, members, organisationPredikat: "istimewa", rounding: "round", maxLevels: 2 });
    expect(proposal.moves).toEqual(["e007", "e008", "e009"].map((employeeId) => ({ employeeId, from: "sangat_baik", to: "baik" })));
    expect(proposal.fits).toBe(true);
  });

  it("a Baik unit owes one Butuh Perbaikan or Kurang: the lowest Baik moves down one level", () => {
    const members = [member(1, "sangat_baik", 95), member(2, "baik", 80), member(3, "baik", 70), member(4, "baik", 85)];
    const proposal = proposeCalibration({ predikat: NATIONAL, members, organisationPredikat: "baik", rounding: "round", maxLevels: 1 });
    expect(proposal.moves).toEqual([{ employeeId: "e003", from: "baik", to: "butuh_perbaikan" }]);
  });

  it("on a Cukup scale the forum moves people to Cukup, which counts as Butuh Perbaikan", () => {
    const members = [member(1, "baik", 80), member(2, "baik", 70), member(3, "baik", 85)];
    const proposal = proposeCalibration({ predikat: WITH_CUKUP, members, organisationPredikat: "baik", rounding: "round", maxLevels: 1 });
    expect(proposal.moves).toEqual([{ employeeId: "e002", from: "baik", to: "cukup" }]);
    expect(proposal.fits).toBe(true);
  });

  it("measures maxLevels from the rules' predikat, not from an earlier adjustment", () => {
    const members = [member(1, "baik", 70, "sangat_baik"), member(2, "baik", 80), member(3, "baik", 90)];
    const proposal = proposeCalibration({ predikat: NATIONAL, members, organisationPredikat: "baik", rounding: "round", maxLevels: 1 });
    // e001 was already moved down from Sangat Baik: it may not go further; the next lowest does.
    expect(proposal.moves).toEqual([{ employeeId: "e002", from: "baik", to: "butuh_perbaikan" }]);
  });

  it("with maxLevels 0 proposes nothing and says the unit stays outside the curve", () => {
    const members = Array.from({ length: 4 }, (_, i) => member(i, "baik"));
    const proposal = proposeCalibration({ predikat: NATIONAL, members, organisationPredikat: "baik", rounding: "round", maxLevels: 0 });
    expect(proposal.moves).toEqual([]);
    expect(proposal.fits).toBe(false);
  });

  it("leaves a predikat the curve does not count where it is", () => {
    const scale: PredikatValue[] = [...NATIONAL.slice(0, 2), { id: "khusus", label: "Khusus" }, ...NATIONAL.slice(2)];
    const members = [member(1, "khusus", 10), member(2, "baik", 70), member(3, "baik", 80)];
    // Khusus lies between Baik and Butuh Perbaikan: two levels down, and never a place to move to.
    const proposal = proposeCalibration({ predikat: scale, members, organisationPredikat: "baik", rounding: "round", maxLevels: 2 });
    expect(proposal.moves).toEqual([{ employeeId: "e002", from: "baik", to: "butuh_perbaikan" }]);
  });

  it("breaks equal scores by employee id", () => {
    const members = [member(3, "baik", 70), member(1, "baik", 70), member(2, "baik", 70)];
    const proposal = proposeCalibration({ predikat: NATIONAL, members, organisationPredikat: "baik", rounding: "round", maxLevels: 1 });
    expect(proposal.moves.map((m) => m.employeeId)).toEqual(["e001"]);
  });
});

const unitArb = (maxSize: number) =>
  fc.record({
    scale: fc.constantFrom(NATIONAL, WITH_CUKUP),
    organisationPredikat: fc.constantFrom<OrganisationPredikat>(...ORGANISATION_PREDIKAT),
    rounding: fc.constantFrom<Rounding>("floor", "round", "ceil"),
    maxLevels: fc.integer({ min: 0, max: 2 }),
    people: fc.array(
      fc.record({ level: fc.integer({ min: 0, max: 4 }), shift: fc.integer({ min: -2, max: 2 }), score: fc.option(fc.integer({ min: 0, max: 120 })) }),
      { maxLength: maxSize },
    ),
  });

type Unit = ReturnType<typeof unitArb> extends fc.Arbitrary<infer T> ? T : never;

function inputOf(unit: Unit): CalibrationInput {
  const ids = unit.scale.map((p) => p.id);
  const members = unit.people.map((p, i) => {
    // The current predikat lies within maxLevels of the rules' one, as the forum's adjustments keep it.
    const shift = Math.max(-unit.maxLevels, Math.min(unit.maxLevels, p.shift));
    const current = Math.max(0, Math.min(4, p.level + shift));
    return member(i, ids[current]!, p.score, ids[p.level]!);
  });
  return { predikat: unit.scale, members, organisationPredikat: unit.organisationPredikat, rounding: unit.rounding, maxLevels: unit.maxLevels };
}

/** Whether any choice of predikat, each within maxLevels of the rules' one, puts the unit within the curve. */
function feasible(input: CalibrationInput): boolean {
  const ids = input.predikat.map((p) => p.id);
  const options = input.members.map((m) => {
    const base = ids.indexOf(m.rulePredikat);
    return ids.filter((_, i) => Math.abs(i - base) <= input.maxLevels);
  });
  const chosen: string[] = [];
  const search = (i: number): boolean => {
    if (i === options.length) {
      const { counts } = countNationalPredikat(chosen.map((predikat) => ({ predikat })), input.predikat);
      return checkDistribution({ counts, organisationPredikat: input.organisationPredikat, rounding: input.rounding }).length === 0;
    }
    for (const option of options[i]!) {
      chosen[i] = option;
      if (search(i + 1)) return true;
    }
    return false;
  };
  return search(0);
}

describe("proposeCalibration properties", () => {
  it("moves nobody more than maxLevels from the rules' predikat, and says truly whether the unit fits", () => {
    fc.assert(
      fc.property(unitArb(40), (unit) => {
        const input = inputOf(unit);
        const proposal = proposeCalibration(input);
        const ids = input.predikat.map((p) => p.id);
        for (const move of proposal.moves) {
          const m = input.members.find((x) => x.employeeId === move.employeeId)!;
          expect(Math.abs(ids.indexOf(move.to) - ids.indexOf(m.rulePredikat))).toBeLessThanOrEqual(input.maxLevels);
          expect(move.to).not.toBe(move.from);
        }
        expect(proposal.fits).toBe(brokenAfter(input, proposal.moves).length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it("brings the unit within the curve whenever some choice within maxLevels would", () => {
    fc.assert(
      fc.property(unitArb(6), (unit) => {
        const input = inputOf(unit);
        expect(proposeCalibration(input).fits).toBe(feasible(input));
      }),
      { numRuns: 1500 },
    );
  });

  it("gives the same moves whatever order the unit is listed in", () => {
    fc.assert(
      fc.property(unitArb(30), fc.integer(), (unit, seed) => {
        const input = inputOf(unit);
        const shuffled = [...input.members].sort((a, b) => ((hash(a.employeeId, seed) - hash(b.employeeId, seed)) || (a.employeeId < b.employeeId ? -1 : 1)));
        expect(proposeCalibration({ ...input, members: shuffled }).moves).toEqual(proposeCalibration(input).moves);
      }),
      { numRuns: 200 },
    );
  });

  it("proposes nothing for a unit already within the curve", () => {
    fc.assert(
      fc.property(unitArb(30), (unit) => {
        const input = inputOf(unit);
        const proposal = proposeCalibration(input);
        if (proposal.before.every((c) => !c.broken)) expect(proposal.moves).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

function hash(text: string, seed: number): number {
  let h = seed | 0;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 2654435761);
  return h;
}
