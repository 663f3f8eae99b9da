// Choosing peers automatically, as a plan over plain data (no database), so it is tested by its properties.
// People are grouped by what the rule file says makes two of them peers (same unit, same level). Within a
// group the members stand in a ring, shuffled by the seed; each employee takes the next colleagues along
// the ring. Without exclusions that is a circulant: everyone rates exactly as many as rate them, and with
// fewer peers each than half the group no two people rate each other. Where the ring is broken (someone's
// superior or report in the group, assignments already made by hand) the walk goes on past them, first
// under a load cap, then one above it, and only then accepts a pair who rate each other.

export interface PeerCandidate {
  id: string;
  nip: string;
  atasanNip: string | null;
  /** Equal for people who may rate each other (unit and level, as the rule says). */
  group: string;
  /** Whether this person is to be given peers (their indicator set uses peer ratings). */
  needsPeers: boolean;
}

export interface PeerPlanInput {
  people: readonly PeerCandidate[];
  /** Assignments already made (kept as they are): rated employee and the peer rating them. */
  existing: ReadonlyArray<{ employeeId: string; peerId: string }>;
  /** Peers each person who needs them should have, counting those already assigned. */
  count: number;
  seed: string;
}

export interface PeerShortfall {
  employeeId: string;
  /** Peers the person has after the plan. */
  assigned: number;
  /** Colleagues in their group who may rate them at all: not themself, their superior or their reports. */
  eligible: number;
}

export interface PeerPlan {
  /** New assignments, by rated employee in the order they were planned. */
  added: Array<{ employeeId: string; peerId: string }>;
  /** People left with fewer than `count` peers. */
  short: PeerShortfall[];
}

/** A 32-bit hash of the text (FNV-1a), to seed the shuffle. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and the same on every platform. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Whether one may rate the other at all: not the same person, nor superior and report either way. */
export function mayRate(ratee: Pick<PeerCandidate, "id" | "nip" | "atasanNip">, peer: Pick<PeerCandidate, "id" | "nip" | "atasanNip">): boolean {
  return peer.id !== ratee.id && peer.nip !== ratee.atasanNip && peer.atasanNip !== ratee.nip;
}

export function planPeers(input: PeerPlanInput): PeerPlan {
  const { count, seed } = input;
  const ratersOf = new Map<string, Set<string>>();
  const load = new Map<string, number>();
  for (const { employeeId, peerId } of input.existing) {
    const raters = ratersOf.get(employeeId) ?? new Set<string>();
    if (raters.has(peerId)) continue;
    raters.add(peerId);
    ratersOf.set(employeeId, raters);
    load.set(peerId, (load.get(peerId) ?? 0) + 1);
  }
  const groups = new Map<string, PeerCandidate[]>();
  for (const person of input.people) {
    const members = groups.get(person.group);
    if (members) members.push(person);
    else groups.set(person.group, [person]);
  }
  const added: PeerPlan["added"] = [];
  const short: PeerShortfall[] = [];
  for (const group of [...groups.keys()].sort()) {
    const ring = shuffled(
      [...(groups.get(group) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      random(hash(`${seed}\u0000${group}`)),
    );
    const size = ring.length;
    const assigned = (p: PeerCandidate) => ratersOf.get(p.id)?.size ?? 0;
    const wanting = ring.filter((p) => p.needsPeers);
    const demand = wanting.reduce((sum, p) => sum + Math.max(0, count - assigned(p)), 0);
    const held = ring.reduce((sum, p) => sum + (load.get(p.id) ?? 0), 0);
    const cap = size > 1 ? Math.ceil((demand + held) / size) : 0;
    const passes = [
      { cap, mutual: false },
      { cap: cap + 1, mutual: false },
      { cap: cap + 1, mutual: true },
    ];
    for (const pass of passes) {
      for (let i = 0; i < size; i++) {
        const ratee = ring[i] as PeerCandidate;
        if (!ratee.needsPeers) continue;
        let raters = ratersOf.get(ratee.id);
        for (let step = 1; step < size && (raters?.size ?? 0) < count; step++) {
          const peer = ring[(i + step) % size] as PeerCandidate;
          if (!mayRate(ratee, peer) || raters?.has(peer.id) || (load.get(peer.id) ?? 0) >= pass.cap) continue;
          if (!pass.mutual && ratersOf.get(peer.id)?.has(ratee.id)) continue;
          if (!raters) ratersOf.set(ratee.id, (raters = new Set()));
          raters.add(peer.id);
          load.set(peer.id, (load.get(peer.id) ?? 0) + 1);
          added.push({ employeeId: ratee.id, peerId: peer.id });
        }
      }
    }
    for (const ratee of wanting) {
      const has = assigned(ratee);
      if (has < count) short.push({ employeeId: ratee.id, assigned: has, eligible: ring.filter((p) => mayRate(ratee, p)).length });
    }
  }
  return { added, short };
}
