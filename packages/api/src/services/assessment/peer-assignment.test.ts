import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planPeers, type PeerCandidate, type PeerPlanInput } from "./peer-assignment.js";

interface World {
  people: PeerCandidate[];
  count: number;
  seed: string;
}

/** Groups of colleagues; with `bosses`, some members' superior is another member of their group. */
function world(options: { bosses: boolean; minSize?: number }) {
  return fc
    .record({
      sizes: fc.array(fc.integer({ min: options.minSize ?? 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      count: fc.integer({ min: 1, max: 5 }),
      seed: fc.string({ maxLength: 8 }),
      bossOf: fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
      skip: fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
    })
    .map(({ sizes, count, seed, bossOf, skip }): World => {
      const people: PeerCandidate[] = [];
      sizes.forEach((size, g) => {
        const start = people.length;
        for (let k = 0; k < size; k++) {
          const n = start + k;
          // A superior earlier in the same group, so the relation is a forest.
          const boss = options.bosses && k > 0 && (bossOf[n % 200] ?? 0) % 3 === 0 ? people[start + ((bossOf[n % 200] ?? 0) % k)] : undefined;
          people.push({
            id: `e${String(n).padStart(4, "0")}`,
            nip: `nip${n}`,
            atasanNip: boss ? boss.nip : `outside${g}`,
            group: `g${g}`,
            needsPeers: !(skip[n % 200] ?? false) || !options.bosses,
          });
        }
      });
      return { people, count, seed };
    });
}

function plan(w: World, existing: PeerPlanInput["existing"] = []) {
  return planPeers({ people: w.people, existing, count: w.count, seed: w.seed });
}

function byId(w: World): Map<string, PeerCandidate> {
  return new Map(w.people.map((p) => [p.id, p]));
}

describe("planPeers", () => {
  it("never makes anyone their own peer, nor a superior or report, and only pairs people of one group", () => {
    fc.assert(
      fc.property(world({ bosses: true }), (w) => {
        const people = byId(w);
        for (const { employeeId, peerId } of plan(w).added) {
          const ratee = people.get(employeeId)!;
          const peer = people.get(peerId)!;
          expect(peerId).not.toBe(employeeId);
          expect(peer.nip).not.toBe(ratee.atasanNip);
          expect(peer.atasanNip).not.toBe(ratee.nip);
          expect(peer.group).toBe(ratee.group);
          expect(ratee.needsPeers).toBe(true);
        }
      }),
    );
  });

  it("gives everyone N peers where the group allows it, and lists the rest as short with how many could rate them", () => {
    fc.assert(
      fc.property(world({ bosses: false }), (w) => {
        const result = plan(w);
        const given = new Map<string, number>();
        for (const a of result.added) given.set(a.employeeId, (given.get(a.employeeId) ?? 0) + 1);
        const sizes = new Map<string, number>();
        for (const p of w.people) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
        for (const p of w.people) {
          const possible = Math.min(w.count, (sizes.get(p.group) ?? 1) - 1);
          expect(given.get(p.id) ?? 0).toBe(possible);
        }
        const short = w.people.filter((p) => (sizes.get(p.group) ?? 1) - 1 < w.count);
        expect(result.short.map((s) => s.employeeId).sort()).toEqual(short.map((p) => p.id).sort());
        for (const s of result.short) expect(s.eligible).toBe((sizes.get(byId(w).get(s.employeeId)!.group) ?? 1) - 1);
      }),
    );
  });

  it("balances the load: no one rates more than ceil(N × people needing peers / group size) + 1", () => {
    fc.assert(
      fc.property(world({ bosses: true }), (w) => {
        const load = new Map<string, number>();
        for (const a of plan(w).added) load.set(a.peerId, (load.get(a.peerId) ?? 0) + 1);
        const groups = new Map<string, PeerCandidate[]>();
        for (const p of w.people) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
        for (const members of groups.values()) {
          const needing = members.filter((p) => p.needsPeers).length;
          const bound = Math.ceil((w.count * needing) / members.length) + 1;
          for (const p of members) expect(load.get(p.id) ?? 0).toBeLessThanOrEqual(bound);
        }
      }),
    );
  });

  it("makes no pair who rate each other where the group is large enough to avoid it", () => {
    fc.assert(
      fc.property(world({ bosses: false }), (w) => {
        const pairs = new Set(plan(w).added.map((a) => `${a.employeeId}>${a.peerId}`));
        const sizes = new Map<string, number>();
        for (const p of w.people) sizes.set(p.group, (sizes.get(p.group) ?? 0) + 1);
        for (const key of pairs) {
          const [a, b] = key.split(">") as [string, string];
          const group = byId(w).get(a)!.group;
          if ((sizes.get(group) ?? 0) > 2 * w.count) expect(pairs.has(`${b}>${a}`)).toBe(false);
        }
      }),
    );
  });

  it("pairs two people who can only rate each other (a unit of 2)", () => {
    const people: PeerCandidate[] = [
      { id: "a", nip: "1", atasanNip: null, group: "u", needsPeers: true },
      { id: "b", nip: "2", atasanNip: null, group: "u", needsPeers: true },
    ];
    const result = planPeers({ people, existing: [], count: 2, seed: "x" });
    expect(result.added).toEqual(expect.arrayContaining([{ employeeId: "a", peerId: "b" }, { employeeId: "b", peerId: "a" }]));
    expect(result.short).toEqual([
      { employeeId: expect.any(String), assigned: 1, eligible: 1 },
      { employeeId: expect.any(String), assigned: 1, eligible: 1 },
    ]);
  });

  it("is deterministic for a seed, whatever order the people come in, and differs with the seed", () => {
    fc.assert(
      fc.property(world({ bosses: true }), (w) => {
        const first = plan(w);
        expect(planPeers({ people: [...w.people].reverse(), existing: [], count: w.count, seed: w.seed })).toEqual(first);
      }),
    );
    const big: World = { people: Array.from({ length: 30 }, (_, n) => ({ id: `p${n}`, nip: `${n}`, atasanNip: null, group: "g", needsPeers: true })), count: 2, seed: "a" };
    expect(plan({ ...big, seed: "b" }).added).not.toEqual(plan(big).added);
  });

  it("keeps assignments already made and only tops people up to N", () => {
    fc.assert(
      fc.property(world({ bosses: false, minSize: 4 }), (w) => {
        const first = w.people[0]!;
        const mate = w.people.find((p) => p.group === first.group && p.id !== first.id)!;
        const existing = [{ employeeId: first.id, peerId: mate.id }];
        const result = plan(w, existing);
        expect(result.added).not.toContainEqual(existing[0]);
        const mine = result.added.filter((a) => a.employeeId === first.id).length;
        expect(mine).toBe(Math.min(w.count, w.people.filter((p) => p.group === first.group).length - 1) - 1);
      }),
    );
  });
});
