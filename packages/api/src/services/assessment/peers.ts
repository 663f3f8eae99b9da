// The peers chosen to rate an employee in a cycle, by the admin or the employee's assessor, within the
// rule set's workflow.peers.min/max. The rated employee never learns who they are: the employee cannot
// list their own peers, and their views of sheets and feedback leave peer identities out.
import { raterSourceLabel, sourcesOfSet } from "@kinerja/core";
import { now, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployee, requireReviewer, withDb, type Scope } from "../access/index.js";
import { assertInCycle, cycleUnitIds, findCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { notify } from "../notifications/index.js";
import { cycleRules, indicatorSetsOf } from "../rules/index.js";

export interface PeerView {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  unitId: string;
  /** Whether this peer has submitted their sheet on the employee. */
  submitted: boolean;
}

export interface PeerList {
  employeeId: string;
  min: number;
  max: number;
  peers: PeerView[];
}

async function peersOf(db: Kysely<Database>, regionId: string, cycleId: string, employeeId: string): Promise<PeerView[]> {
  const rows = await db
    .selectFrom("peer_assignments")
    .innerJoin("employees", (join) =>
      join.onRef("employees.region_id", "=", "peer_assignments.region_id").onRef("employees.id", "=", "peer_assignments.peer_employee_id"),
    )
    .leftJoin("assessments", (join) =>
      join
        .onRef("assessments.region_id", "=", "peer_assignments.region_id")
        .onRef("assessments.cycle_id", "=", "peer_assignments.cycle_id")
        .onRef("assessments.employee_id", "=", "peer_assignments.employee_id")
        .onRef("assessments.rater", "=", "employees.nip")
        .on("assessments.source", "=", "peer"),
    )
    .select(["employees.id", "employees.nip", "employees.nama", "employees.jabatan", "employees.unit_id", "assessments.submitted_at"])
    .where("peer_assignments.region_id", "=", regionId)
    .where("peer_assignments.cycle_id", "=", cycleId)
    .where("peer_assignments.employee_id", "=", employeeId)
    .orderBy("employees.nama")
    .execute();
  return rows.map((r) => ({ employeeId: r.id, nip: r.nip, nama: r.nama, jabatan: r.jabatan, unitId: r.unit_id, submitted: r.submitted_at !== null }));
}

/** The employee whose peers the signed-in person manages: their assessor or the admin, never the employee. */
async function manage(scope: Scope, employeeId: string, action: string): Promise<EmployeeRow> {
  const employee = await findEmployee(scope.db, scope.regionId, employeeId);
  await requireReviewer(scope, employee, action, "Identitas rekan penilai dirahasiakan dari pegawai yang dinilai");
  return employee;
}

/** The peers of an employee: for the admin and the employee's assessor. */
export async function listPeers(scope: Scope, input: { cycleId: string; employeeId: string }): Promise<PeerList> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  await manage(scope, input.employeeId, "melihat rekan penilai");
  const { peers } = (await cycleRules(db, cycle)).ruleSet.workflow;
  return { employeeId: input.employeeId, min: peers.min, max: peers.max, peers: await peersOf(db, regionId, cycle.id, input.employeeId) };
}

/** Replaces the peers of an employee while the cycle is a draft or open. */
export async function setPeers(scope: Scope, input: { cycleId: string; employeeId: string; peerIds: string[] }): Promise<PeerList> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft" && cycle.status !== "open") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; rekan penilai hanya ditetapkan saat siklus draf atau dibuka` });
    }
    const employee = await manage(withDb(scope, trx), input.employeeId, "menetapkan rekan penilai");
    await assertInCycle(trx, cycle, employee);
    const compiled = await cycleRules(trx, cycle);
    const { min, max } = compiled.ruleSet.workflow.peers;
    const peerIds = [...new Set(input.peerIds)];
    const set = (await indicatorSetsOf(trx, cycle, compiled, [employee])).get(employee.id);
    if (peerIds.length > 0 && set && !sourcesOfSet(compiled.ruleSet, set).has("peer")) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Aturan wilayah ini tidak memakai penilaian dari ${raterSourceLabel("peer")} untuk set indikator ${set.name}; rekan penilai tidak perlu ditetapkan`,
      });
    }
    if (peerIds.length < min || peerIds.length > max) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Jumlah rekan penilai untuk ${employee.nama} ${peerIds.length}; yang diharapkan: ${min} sampai ${max} orang (workflow.peers aturan wilayah)`,
      });
    }
    const peers = peerIds.length
      ? await trx.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "in", peerIds).execute()
      : [];
    const missing = peerIds.filter((id) => !peers.some((p) => p.id === id));
    if (missing.length > 0) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai ${missing.join(", ")} tidak ditemukan` });
    const units = await cycleUnitIds(trx, cycle);
    const assigned = new Set((await peersOf(trx, regionId, cycle.id, employee.id)).map((p) => p.employeeId));
    for (const peer of peers) {
      const problem =
        peer.left_at !== null && !assigned.has(peer.id)
          ? "sudah keluar dari wilayah ini (tidak ada lagi di SIASN)"
          : peer.id === employee.id
          ? "tidak bisa menjadi rekan penilai dirinya sendiri"
          : peer.nip === employee.atasan_nip
            ? `adalah atasan langsungnya dan menilai sebagai ${raterSourceLabel("supervisor")}`
            : peer.atasan_nip === employee.nip
              ? `adalah bawahannya dan menilai sebagai ${raterSourceLabel("subordinate")}`
              : units && !units.includes(peer.unit_id)
                ? `tidak termasuk siklus ini (unit ${peer.unit_id})`
                : null;
      if (problem) throw new DomainError({ code: "BAD_REQUEST", message: `${peer.nama} (${peer.nip}) ${problem}; yang diharapkan: rekan sejawat dalam siklus yang sama` });
    }
    const before = await peersOf(trx, regionId, cycle.id, employee.id);
    const removed = before.filter((p) => !peerIds.includes(p.employeeId));
    const started = removed.length
      ? await trx
          .selectFrom("assessments")
          .select("rater")
          .where("region_id", "=", regionId)
          .where("cycle_id", "=", cycle.id)
          .where("employee_id", "=", employee.id)
          .where("source", "=", "peer")
          .where("rater", "in", removed.map((p) => p.nip))
          .execute()
      : [];
    if (started.length > 0) {
      const names = removed.filter((p) => started.some((s) => s.rater === p.nip)).map((p) => p.nama);
      throw new DomainError({ code: "CONFLICT", message: `${names.join(", ")} sudah mulai mengisi penilaian rekan untuk ${employee.nama}; tidak bisa dilepas` });
    }
    await trx
      .deleteFrom("peer_assignments")
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "=", employee.id)
      .execute();
    if (peerIds.length > 0) {
      const at = now();
      await trx
        .insertInto("peer_assignments")
        .values(peerIds.map((peer) => ({ region_id: regionId, cycle_id: cycle.id, employee_id: employee.id, peer_employee_id: peer, assigned_by: actor.id, created_at: at })))
        .execute();
    }
    const after = await peersOf(trx, regionId, cycle.id, employee.id);
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.setPeers",
      entity: "employee",
      entityId: employee.id,
      before: { cycleId: cycle.id, peers: before.map((p) => p.nip) },
      after: { cycleId: cycle.id, peers: after.map((p) => p.nip) },
    });
    const added = peerIds.filter((peer) => !before.some((p) => p.employeeId === peer));
    if (added.length > 0) {
      await notify(trx, {
        regionId,
        kind: "peer_assigned",
        employeeIds: added,
        values: { nama_pegawai: employee.nama, siklus: cycle.name },
        link: "/assessments",
      });
    }
    return { employeeId: employee.id, min, max, peers: after };
  });
}
