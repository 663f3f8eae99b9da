// Who still lacks peers in a cycle, and why: everyone whose indicator set is rated by peers and who has
// fewer than the rule's peers.min, each with the colleagues who could rate them under the rule file's
// peer rule (workflow.peers.assign: same unit, same level, never themself, their superior or their reports).
// Where there are fewer such colleagues than needed, no assignment can help and the reason says so;
// otherwise the automatic assignment or a manual choice still can. The same reading feeds the job.
import { peerAssignmentRule, peerLevelLabel, peerLevelOf, sourcesOfSet, type CompiledRuleSet, type PeerAssignmentRule } from "@kinerja/core";
import type { CycleRow, Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Scope } from "../access/index.js";
import { cycleUnitIds, findCycle } from "../cycles/index.js";
import { unitSubtree } from "../organisation/index.js";
import { cycleRules, indicatorSetsOf } from "../rules/index.js";
import { mayRate, type PeerCandidate } from "./peer-assignment.js";

/** A cycle's employees as the peer rule sees them, with the assignments already made. */
export interface PeerWorld {
  compiled: CompiledRuleSet;
  rule: PeerAssignmentRule;
  employees: EmployeeRow[];
  candidates: PeerCandidate[];
  /** The assignments that still give a rating (heldAssignments). */
  existing: Array<{ employeeId: string; peerId: string }>;
}

/** The group key: unit (where the rule keeps peers in the unit) and level. */
export function peerGroup(rule: PeerAssignmentRule, e: EmployeeRow): string {
  const level = peerLevelOf(rule, { jenisJabatan: e.jenis_jabatan, jenjang: e.jenjang, golongan: e.golongan });
  return `${rule.from === "unit" ? e.unit_id : ""}\u0000${level}`;
}

/** Reads the cycle's employees and assignments; only those in `unitId`'s subtree (if given) are to get peers. */
export async function peerWorld(db: Kysely<Database>, cycle: CycleRow, unitId?: string | null): Promise<PeerWorld> {
  const regionId = cycle.region_id;
  const compiled = await cycleRules(db, cycle);
  const rule = peerAssignmentRule(compiled.ruleSet);
  const units = await cycleUnitIds(db, cycle);
  // Those who left the region neither rate nor need peers any more.
  let query = db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("left_at", "is", null);
  if (units) query = query.where("unit_id", "in", units.length > 0 ? units : [""]);
  const employees = await query.orderBy("id").execute();
  const within = unitId ? new Set(await unitSubtree(db, regionId, unitId)) : null;
  const sets = await indicatorSetsOf(db, cycle, compiled, employees);
  const candidates = employees.map((e): PeerCandidate => {
    const set = sets.get(e.id);
    return {
      id: e.id,
      nip: e.nip,
      atasanNip: e.atasan_nip,
      group: peerGroup(rule, e),
      needsPeers: (within === null || within.has(e.unit_id)) && set !== undefined && sourcesOfSet(compiled.ruleSet, set).has("peer"),
    };
  });
  const existing = await heldAssignments(db, cycle);
  return { compiled, rule, employees, candidates, existing };
}

/**
 * The cycle's peer assignments that still give a rating: the peer works here, or rated before they left. One
 * to a peer who left without rating is kept in the table (the record of who was asked) but counts for nothing,
 * so the person lacks that peer again and the assignment job fills the place.
 */
export async function heldAssignments(
  db: Kysely<Database>,
  cycle: CycleRow,
  employeeIds?: readonly string[],
): Promise<Array<{ employeeId: string; peerId: string }>> {
  let query = db
    .selectFrom("peer_assignments as a")
    .innerJoin("employees as peer", (join) => join.onRef("peer.region_id", "=", "a.region_id").onRef("peer.id", "=", "a.peer_employee_id"))
    .select(["a.employee_id", "a.peer_employee_id", "peer.nip", "peer.left_at"])
    .where("a.region_id", "=", cycle.region_id)
    .where("a.cycle_id", "=", cycle.id);
  if (employeeIds) query = query.where("a.employee_id", "in", employeeIds.length > 0 ? [...employeeIds] : [""]);
  const rows = await query.execute();
  const goneNips = [...new Set(rows.filter((r) => r.left_at !== null).map((r) => r.nip))];
  const rated = new Set(
    goneNips.length === 0
      ? []
      : (
          await db
            .selectFrom("assessments")
            .select(["employee_id", "rater"])
            .where("region_id", "=", cycle.region_id)
            .where("cycle_id", "=", cycle.id)
            .where("source", "=", "peer")
            .where("submitted_at", "is not", null)
            .where("rater", "in", goneNips)
            .$if(employeeIds !== undefined, (q) => q.where("employee_id", "in", [...(employeeIds ?? []), ""]))
            .execute()
        ).map((r) => `${r.employee_id}\u0000${r.rater}`),
  );
  return rows
    .filter((r) => r.left_at === null || rated.has(`${r.employee_id}\u0000${r.nip}`))
    .map((r) => ({ employeeId: r.employee_id, peerId: r.peer_employee_id }));
}

/**
 * How many of a person's group may rate them (mayRate): the group less themself, their superior and their
 * reports, counted from maps so a region-wide group of 50,000 costs no more than a small one.
 */
export function eligibleCounter(candidates: readonly PeerCandidate[]): (c: PeerCandidate) => number {
  const size = new Map<string, number>();
  const byNip = new Map<string, PeerCandidate>();
  const reports = new Map<string, number>();
  for (const c of candidates) {
    size.set(c.group, (size.get(c.group) ?? 0) + 1);
    byNip.set(c.nip, c);
    if (c.atasanNip) reports.set(`${c.group}\u0000${c.atasanNip}`, (reports.get(`${c.group}\u0000${c.atasanNip}`) ?? 0) + 1);
  }
  return (c) => {
    const atasan = c.atasanNip ? byNip.get(c.atasanNip) : undefined;
    const atasanHere = atasan && atasan.group === c.group && atasan.id !== c.id && mayRate(c, atasan) === false ? 1 : 0;
    const ownReports = (reports.get(`${c.group}\u0000${c.nip}`) ?? 0) - (c.atasanNip === c.nip ? 1 : 0);
    return (size.get(c.group) ?? 1) - 1 - atasanHere - ownReports;
  };
}

export interface LackingPerson {
  employeeId: string;
  nip: string;
  nama: string;
  unitId: string;
  unitName: string;
  assigned: number;
  /** Colleagues the rule allows to rate them. */
  eligible: number;
  /** Whether assignment can still give them peers.min peers (false: too few colleagues under the rule). */
  satisfiable: boolean;
  reason: string;
}

export interface LackingPeers {
  min: number;
  count: number;
  /** How many lack peers, and how many of them no assignment can help. */
  total: number;
  unsatisfiable: number;
  people: LackingPerson[];
}

/** Everyone in the cycle (or a unit) with fewer peers than peers.min, unsatisfiable first, then by name. */
export async function lackingPeersOf(db: Kysely<Database>, cycle: CycleRow, unitId?: string | null): Promise<LackingPeers> {
  const world = await peerWorld(db, cycle, unitId);
  const { rule } = world;
  const assigned = new Map<string, number>();
  for (const a of world.existing) assigned.set(a.employeeId, (assigned.get(a.employeeId) ?? 0) + 1);
  const eligibleFor = eligibleCounter(world.candidates);
  const unitNames = new Map(
    (await db.selectFrom("units").select(["id", "name"]).where("region_id", "=", cycle.region_id).execute()).map((u) => [u.id, u.name]),
  );
  const byId = new Map(world.employees.map((e) => [e.id, e]));
  const people: LackingPerson[] = [];
  if (rule.min > 0) {
    for (const c of world.candidates) {
      const has = assigned.get(c.id) ?? 0;
      if (!c.needsPeers || has >= rule.min) continue;
      const e = byId.get(c.id) as EmployeeRow;
      const eligible = eligibleFor(c);
      const unitName = unitNames.get(e.unit_id) ?? e.unit_id;
      const level = peerLevelOf(rule, { jenisJabatan: e.jenis_jabatan, jenjang: e.jenjang, golongan: e.golongan });
      const where = `${rule.from === "unit" ? `di ${unitName}` : "di siklus ini"}${rule.level === "any" ? "" : ` dengan ${peerLevelLabel(rule)} yang sama (${level || "tidak tercatat"})`}`;
      const satisfiable = eligible >= rule.min;
      const reason = satisfiable
        ? `Baru ${has} dari ${rule.min} rekan penilai; ada ${eligible} rekan ${where} yang bisa ditetapkan`
        : `Hanya ${eligible} rekan ${where} selain dirinya, atasan dan bawahannya; dibutuhkan paling sedikit ${rule.min}`;
      people.push({ employeeId: e.id, nip: e.nip, nama: e.nama, unitId: e.unit_id, unitName, assigned: has, eligible, satisfiable, reason });
    }
  }
  people.sort((a, b) => Number(a.satisfiable) - Number(b.satisfiable) || a.nama.localeCompare(b.nama) || a.nip.localeCompare(b.nip));
  return {
    min: rule.min,
    count: rule.count,
    total: people.length,
    unsatisfiable: people.filter((p) => !p.satisfiable).length,
    people,
  };
}

/** For the admin: who still lacks peers in the cycle, or in a unit of it. */
export async function lackingPeers(scope: Scope, input: { cycleId: string; unitId?: string }): Promise<LackingPeers> {
  const cycle = await findCycle(scope.db, scope.regionId, input.cycleId);
  return lackingPeersOf(scope.db, cycle, input.unitId ?? null);
}
