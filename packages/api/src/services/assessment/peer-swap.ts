// The admin's view of peer assignments across a cycle and the bulk swap: several assignments chosen at
// once, each rater among them replaced by one colleague, with one reason that the audit log keeps. A swap
// is whole or not at all: a replacement who may not rate one of the employees (themself, their superior or
// report, outside the cycle, already their peer) or a rater who already began a sheet refuses the lot.
import type { PeerAssignmentMethod } from "@kinerja/db";
import { now } from "@kinerja/db";
import type { Scope } from "../access/index.js";
import { cycleUnitIds, findCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { unitSubtree } from "../organisation/index.js";
import { mayRate } from "./peer-assignment.js";

export interface PeerAssignmentView {
  employeeId: string;
  employeeNip: string;
  employeeNama: string;
  unitId: string;
  peerId: string;
  peerNip: string;
  peerNama: string;
  method: PeerAssignmentMethod;
  /** Whether the peer has begun their sheet on the employee (such an assignment cannot be swapped). */
  started: boolean;
}

/** The assignments of a cycle in which `peerId` rates, or of the employees of a unit (with the units below it). */
export async function listPeerAssignments(scope: Scope, input: { cycleId: string; peerId?: string; unitId?: string }): Promise<PeerAssignmentView[]> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  if (!input.peerId && !input.unitId) throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan peerId (rekan penilai) atau unitId" });
  let query = db
    .selectFrom("peer_assignments as pa")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "pa.region_id").onRef("e.id", "=", "pa.employee_id"))
    .innerJoin("employees as p", (join) => join.onRef("p.region_id", "=", "pa.region_id").onRef("p.id", "=", "pa.peer_employee_id"))
    .leftJoin("assessments as a", (join) =>
      join
        .onRef("a.region_id", "=", "pa.region_id")
        .onRef("a.cycle_id", "=", "pa.cycle_id")
        .onRef("a.employee_id", "=", "pa.employee_id")
        .onRef("a.rater", "=", "p.nip")
        .on("a.source", "=", "peer"),
    )
    .select(["e.id as employeeId", "e.nip as employeeNip", "e.nama as employeeNama", "e.unit_id as unitId"])
    .select(["p.id as peerId", "p.nip as peerNip", "p.nama as peerNama", "pa.method", "a.id as assessmentId"])
    .where("pa.region_id", "=", regionId)
    .where("pa.cycle_id", "=", cycle.id);
  if (input.peerId) query = query.where("pa.peer_employee_id", "=", input.peerId);
  if (input.unitId) query = query.where("e.unit_id", "in", await unitSubtree(db, regionId, input.unitId));
  const rows = await query.orderBy("e.nama").orderBy("p.nama").execute();
  return rows.map(({ assessmentId, ...r }) => ({ ...r, started: assessmentId !== null }));
}

export interface PeerSwap {
  cycleId: string;
  assignments: Array<{ employeeId: string; peerId: string }>;
  /** The colleague who rates in their place. */
  newPeerId: string;
  reason: string;
}

/** Replaces the rater of every chosen assignment by one colleague, in one transaction, with one audited reason. */
export async function swapPeers(scope: Scope, input: PeerSwap): Promise<PeerAssignmentView[]> {
  const { regionId, actor } = scope;
  const reason = input.reason.trim();
  if (!reason) throw new DomainError({ code: "BAD_REQUEST", message: "Alasan penggantian rekan penilai wajib diisi", pointer: "/reason" });
  const chosen = [...new Map(input.assignments.map((a) => [`${a.employeeId}:${a.peerId}`, a])).values()];
  if (chosen.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Pilih paling sedikit satu penugasan rekan penilai", pointer: "/assignments" });
  await scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft" && cycle.status !== "open") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; rekan penilai hanya diganti saat siklus draf atau dibuka` });
    }
    const ids = [...new Set([input.newPeerId, ...chosen.flatMap((a) => [a.employeeId, a.peerId])])];
    const people = new Map(
      (await trx.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "in", ids).execute()).map((e) => [e.id, e]),
    );
    const replacement = people.get(input.newPeerId);
    if (!replacement) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai ${input.newPeerId} tidak ditemukan`, pointer: "/newPeerId" });
    if (replacement.left_at !== null) {
      throw new DomainError({ code: "BAD_REQUEST", message: `${replacement.nama} (${replacement.nip}) sudah keluar dari wilayah ini; yang diharapkan: rekan yang masih bekerja`, pointer: "/newPeerId" });
    }
    const units = await cycleUnitIds(trx, cycle);
    if (units && !units.includes(replacement.unit_id)) {
      throw new DomainError({ code: "BAD_REQUEST", message: `${replacement.nama} (${replacement.nip}) tidak termasuk siklus ini (unit ${replacement.unit_id})`, pointer: "/newPeerId" });
    }
    const existing = await trx
      .selectFrom("peer_assignments")
      .select(["employee_id", "peer_employee_id"])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "in", [...new Set(chosen.map((a) => a.employeeId))])
      .execute();
    const has = (employeeId: string, peerId: string) => existing.some((r) => r.employee_id === employeeId && r.peer_employee_id === peerId);
    const problems: string[] = [];
    chosen.forEach((a, i) => {
      const ratee = people.get(a.employeeId);
      const old = people.get(a.peerId);
      if (!ratee || !old || !has(a.employeeId, a.peerId)) {
        problems.push(`penugasan ${i + 1} tidak ditemukan di siklus ini`);
        return;
      }
      const peer = { id: replacement.id, nip: replacement.nip, atasanNip: replacement.atasan_nip };
      if (replacement.id === old.id) problems.push(`${old.nama} sudah menilai ${ratee.nama}`);
      else if (!mayRate({ id: ratee.id, nip: ratee.nip, atasanNip: ratee.atasan_nip }, peer)) {
        problems.push(`${replacement.nama} tidak boleh menilai ${ratee.nama} (dirinya sendiri, atasan atau bawahannya)`);
      } else if (has(a.employeeId, replacement.id)) problems.push(`${replacement.nama} sudah menjadi rekan penilai ${ratee.nama}`);
    });
    const targets = new Set(chosen.map((a) => a.employeeId));
    if (targets.size !== chosen.length && problems.length === 0) problems.push(`${replacement.nama} tidak bisa menggantikan dua rekan penilai pegawai yang sama`);
    if (problems.length > 0) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Penggantian rekan penilai ditolak: ${problems.slice(0, 5).join("; ")}`, pointer: "/assignments" });
    }
    const started = await trx
      .selectFrom("assessments")
      .select(["employee_id", "rater"])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("source", "=", "peer")
      .where("employee_id", "in", [...targets])
      .execute();
    const begun = chosen.filter((a) => started.some((s) => s.employee_id === a.employeeId && s.rater === people.get(a.peerId)?.nip));
    if (begun.length > 0) {
      const names = begun.map((a) => `${people.get(a.peerId)?.nama} untuk ${people.get(a.employeeId)?.nama}`);
      throw new DomainError({ code: "CONFLICT", message: `Sudah mulai mengisi penilaian rekan: ${names.slice(0, 5).join("; ")}; tidak bisa diganti` });
    }
    for (const a of chosen) {
      await trx
        .deleteFrom("peer_assignments")
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("employee_id", "=", a.employeeId)
        .where("peer_employee_id", "=", a.peerId)
        .execute();
    }
    const at = now();
    await trx
      .insertInto("peer_assignments")
      .values(
        chosen.map((a) => ({
          region_id: regionId,
          cycle_id: cycle.id,
          employee_id: a.employeeId,
          peer_employee_id: replacement.id,
          assigned_by: actor.id,
          created_at: at,
          method: "swap" as const,
        })),
      )
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.swapPeers",
      entity: "cycle",
      entityId: cycle.id,
      before: { pairs: chosen.map((a) => ({ employee: people.get(a.employeeId)?.nip, peer: people.get(a.peerId)?.nip })) },
      after: { pairs: chosen.map((a) => ({ employee: people.get(a.employeeId)?.nip, peer: replacement.nip })), reason },
    });
  });
  return listPeerAssignments(scope, { cycleId: input.cycleId, peerId: input.newPeerId });
}
