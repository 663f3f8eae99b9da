// Calibration at scale: for every unit outside the distribution curve, the moves core proposes to bring it
// within (`proposeCalibration`: lowest final scores first, each within workflow.calibration.maxLevels of the
// rules' predikat). The forum accepts, changes (another predikat within the limit) or rejects each move in
// one session with one written reason; the session is applied in one transaction as one new result version
// (revisions.ts), recorded in calibration_sessions with every proposed move and what became of it, and in
// the audit log. A finalised cycle is never calibrated: its results change only through an upheld appeal.
import { predikatDistance, predikatLabel, predikatWithin, proposeCalibration, type BoundCheck, type OrganisationPredikat, type PredikatValue } from "@kinerja/core";
import { newId, now, parseJson, toJson, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, withDb, type Scope } from "../access/index.js";
import { findCycle, lockCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { evaluatedCycle, requireReason } from "./forum.js";
import { regionDistribution, type UnitDistribution } from "./results.js";
import { reviseResults, type PredikatChange } from "./revisions.js";

export interface ProposedMove {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  score: number | null;
  from: string;
  fromLabel: string;
  to: string;
  toLabel: string;
  /** What the rules gave: the forum may set any predikat within maxLevels of it. */
  rulePredikat: string;
  /** The predikat the forum may pick instead of the proposed one, best first. */
  allowedPredikat: Array<{ id: string; label: string }>;
}

export interface UnitProposal {
  unitId: string;
  unitName: string;
  organisationPredikat: OrganisationPredikat;
  total: number;
  before: BoundCheck[];
  /** The bounds once every proposed move is applied. */
  after: BoundCheck[];
  /** Whether the moves bring the unit within the curve (false: the limit of maxLevels does not allow it). */
  fits: boolean;
  moves: ProposedMove[];
}

export interface CalibrationProposals {
  cycle: { id: string; name: string; status: string };
  /** The result version the proposals are made on; applying names it, so a change since is not overwritten. */
  runId: string | null;
  forum: { enabled: boolean; maxLevels: number };
  predikat: PredikatValue[];
  units: UnitProposal[];
}

export type CalibrationDecision = "accept" | "change" | "reject";

export interface CalibrationSessionView {
  id: string;
  unitIds: string[];
  moves: Array<{ employeeId: string; unitId: string; from: string; proposed: string; to: string | null; decision: CalibrationDecision }>;
  reason: string;
  runId: string | null;
  actorName: string;
  at: string;
}

interface Member {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  unitId: string;
  predikat: string;
  rulePredikat: string;
  score: number | null;
}

/** The current results of the units, with the predikat the rules gave each (before any adjustment). */
async function membersOf(db: Kysely<Database>, cycle: CycleRow, unitIds: readonly string[]): Promise<Member[]> {
  if (!cycle.current_run_id || unitIds.length === 0) return [];
  const rows = await db
    .selectFrom("results")
    .select(["employee_id", "nip", "nama", "jabatan", "unit_id", "predikat", "score"])
    .where("region_id", "=", cycle.region_id)
    .where("run_id", "=", cycle.current_run_id)
    .where("unit_id", "in", [...unitIds])
    .where("predikat", "is not", null)
    .execute();
  const first = new Map<string, string>();
  const adjustments = await db
    .selectFrom("predikat_adjustments")
    .select(["employee_id", "from_value"])
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .orderBy("id")
    .execute();
  for (const a of adjustments) if (a.from_value !== null && !first.has(a.employee_id)) first.set(a.employee_id, a.from_value);
  return rows.map((r) => ({
    employeeId: r.employee_id,
    nip: r.nip,
    nama: r.nama,
    jabatan: r.jabatan,
    unitId: r.unit_id,
    predikat: r.predikat as string,
    rulePredikat: first.get(r.employee_id) ?? (r.predikat as string),
    score: r.score,
  }));
}

async function proposalsFor(db: Kysely<Database>, cycle: CycleRow, unitIds?: readonly string[]): Promise<CalibrationProposals> {
  const { ruleSet } = await cycleRules(db, cycle);
  const { calibration } = ruleSet.workflow;
  const distribution = await regionDistribution(db, cycle.region_id, { cycleId: cycle.id });
  const units = distribution.units.filter((u) => (unitIds ? unitIds.includes(u.unitId) : u.broken > 0));
  const members = await membersOf(db, cycle, units.map((u) => u.unitId));
  const choices = (from: string) => predikatWithin(ruleSet, from, calibration.maxLevels).map((id) => ({ id, label: predikatLabel(ruleSet, id) }));
  const proposed = (unit: UnitDistribution): UnitProposal => {
    const own = members.filter((m) => m.unitId === unit.unitId);
    const byId = new Map(own.map((m) => [m.employeeId, m]));
    const proposal = proposeCalibration({
      predikat: ruleSet.predikat,
      members: own,
      organisationPredikat: unit.organisationPredikat,
      rounding: ruleSet.curve.rounding,
      maxLevels: calibration.forum ? calibration.maxLevels : 0,
    });
    const moves = proposal.moves
      .map((move): ProposedMove => {
        const m = byId.get(move.employeeId)!;
        return {
          employeeId: m.employeeId,
          nip: m.nip,
          nama: m.nama,
          jabatan: m.jabatan,
          score: m.score,
          from: move.from,
          fromLabel: predikatLabel(ruleSet, move.from),
          to: move.to,
          toLabel: predikatLabel(ruleSet, move.to),
          rulePredikat: m.rulePredikat,
          allowedPredikat: choices(m.rulePredikat),
        };
      })
      .sort((a, b) => (a.score ?? -Infinity) - (b.score ?? -Infinity) || a.nama.localeCompare(b.nama) || (a.employeeId < b.employeeId ? -1 : 1));
    return {
      unitId: unit.unitId,
      unitName: unit.unitName,
      organisationPredikat: unit.organisationPredikat,
      total: unit.total,
      before: proposal.before,
      after: proposal.after,
      fits: proposal.fits,
      moves,
    };
  };
  return {
    cycle: { id: cycle.id, name: cycle.name, status: cycle.status },
    runId: cycle.current_run_id,
    forum: { enabled: calibration.forum, maxLevels: calibration.maxLevels },
    predikat: ruleSet.predikat,
    units: units.map(proposed),
  };
}

/** The moves that bring each named unit (by default every unit outside the curve) within it. */
export async function calibrationProposals(scope: Scope, input: { cycleId: string; unitIds?: string[] }): Promise<CalibrationProposals> {
  requireAdmin(scope, "menyusun usulan kalibrasi");
  const cycle = await findCycle(scope.db, scope.regionId, input.cycleId);
  return proposalsFor(scope.db, cycle, input.unitIds);
}

export interface CalibrationSessionInput {
  cycleId: string;
  /** The result version the proposals were read on. */
  runId: string;
  unitIds: string[];
  /** One reason for the whole session. */
  reason: string;
  /** What the forum decided on each proposed move; a move not named is rejected. */
  decisions: Array<{ employeeId: string; decision: CalibrationDecision; predikat?: string }>;
}

export interface CalibrationOutcome {
  session: CalibrationSessionView;
  runVersion: number | null;
  /** The units as stored after the session, checked against the curve. */
  units: UnitDistribution[];
}

/** Applies one forum session's decisions on the proposals: one transaction, one new result version. */
export async function applyCalibration(scope: Scope, input: CalibrationSessionInput): Promise<CalibrationOutcome> {
  requireAdmin(scope, "menetapkan hasil kalibrasi");
  const { regionId, actor } = scope;
  const reason = requireReason(input.reason, "Kalibrasi forum evaluasi");
  if (input.unitIds.length === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Kalibrasi memerlukan paling sedikit satu unit" });
  const outcome = await scope.db.transaction().execute(async (trx) => {
    // Locking the cycle first means two sessions never build on the same version.
    await lockCycle(trx, regionId, input.cycleId);
    const cycle = await evaluatedCycle(trx, regionId, input.cycleId);
    const { ruleSet } = await cycleRules(trx, cycle);
    const { calibration } = ruleSet.workflow;
    if (!calibration.forum) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Aturan wilayah ini tidak memakai forum evaluasi (workflow.calibration.forum = false)" });
    }
    if (cycle.current_run_id !== input.runId) {
      throw new DomainError({
        code: "CONFLICT",
        message: "Hasil siklus ini sudah berubah sejak usulan dibuka (ada versi hasil yang lebih baru); muat ulang usulan lalu putuskan lagi",
      });
    }
    const proposals = await proposalsFor(trx, cycle, input.unitIds);
    const missing = input.unitIds.filter((id) => !proposals.units.some((u) => u.unitId === id));
    if (missing.length > 0) throw new DomainError({ code: "NOT_FOUND", message: `Unit ${missing.join(", ")} tidak punya hasil pada siklus ini` });
    const proposed = new Map(proposals.units.flatMap((u) => u.moves.map((m) => [m.employeeId, { ...m, unitId: u.unitId }] as const)));
    const decided = new Map<string, CalibrationSessionInput["decisions"][number]>();
    for (const [i, d] of input.decisions.entries()) {
      if (!proposed.has(d.employeeId)) {
        throw new DomainError({
          code: "BAD_REQUEST",
          message: `Keputusan ke-${i + 1}: pegawai ${d.employeeId} tidak termasuk usulan kalibrasi unit yang dipilih; muat ulang usulan`,
          pointer: `/decisions/${i}/employeeId`,
        });
      }
      if (decided.has(d.employeeId)) {
        throw new DomainError({ code: "BAD_REQUEST", message: `Keputusan ke-${i + 1}: pegawai ${d.employeeId} sudah diputus di atas`, pointer: `/decisions/${i}` });
      }
      decided.set(d.employeeId, d);
    }
    const moves: CalibrationSessionView["moves"] = [];
    const changes: PredikatChange[] = [];
    for (const move of proposed.values()) {
      const d = decided.get(move.employeeId);
      const decision: CalibrationDecision = d?.decision ?? "reject";
      let to: string | null = null;
      if (decision === "accept") to = move.to;
      if (decision === "change") {
        const i = input.decisions.indexOf(d!);
        const distance = d?.predikat ? predikatDistance(ruleSet, d.predikat, move.rulePredikat) : null;
        if (!d?.predikat || distance === null || distance > calibration.maxLevels) {
          throw new DomainError({
            code: "BAD_REQUEST",
            message:
              `Keputusan ke-${i + 1} (${move.nama}): predikat ${d?.predikat ?? "(kosong)"} di luar batas ${calibration.maxLevels} tingkat dari hasil aturan ` +
              `(${predikatLabel(ruleSet, move.rulePredikat)}); yang boleh: ${move.allowedPredikat.map((p) => p.label).join(", ")}`,
            pointer: `/decisions/${i}/predikat`,
          });
        }
        to = d.predikat;
      }
      moves.push({ employeeId: move.employeeId, unitId: move.unitId, from: move.from, proposed: move.to, to, decision });
      if (to !== null && to !== move.from) {
        changes.push({
          employeeId: move.employeeId,
          kind: "forum",
          to,
          reason,
          by: `Forum evaluasi ${proposals.units.find((u) => u.unitId === move.unitId)?.unitName ?? move.unitId} (kalibrasi, dicatat oleh ${actor.name})`,
        });
      }
    }
    const unitNames = proposals.units.map((u) => u.unitName).join(", ");
    const revision = changes.length > 0 ? await reviseResults(withDb(scope, trx), cycle, `Kalibrasi forum evaluasi ${unitNames}: ${changes.length} pegawai`, changes) : null;
    const id = newId();
    const at = now();
    await trx
      .insertInto("calibration_sessions")
      .values({
        region_id: regionId,
        id,
        cycle_id: cycle.id,
        unit_ids: toJson(input.unitIds),
        moves: toJson(moves),
        reason,
        run_id: revision?.runId ?? null,
        actor_id: actor.id,
        actor_name: actor.name,
        created_at: at,
      })
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "forum.calibrate",
      entity: "cycle",
      entityId: cycle.id,
      before: { runId: cycle.current_run_id },
      after: { sessionId: id, unitIds: input.unitIds, reason, moves, runId: revision?.runId ?? null, runVersion: revision?.version ?? null },
    });
    return {
      session: { id, unitIds: input.unitIds, moves, reason, runId: revision?.runId ?? null, actorName: actor.name, at },
      runVersion: revision?.version ?? null,
    };
  });
  const stored = await regionDistribution(scope.db, regionId, { cycleId: input.cycleId });
  return { ...outcome, units: stored.units.filter((u) => input.unitIds.includes(u.unitId)) };
}

/** The cycle's calibration sessions, newest first. */
export async function calibrationSessions(scope: Scope, input: { cycleId: string }): Promise<CalibrationSessionView[]> {
  requireAdmin(scope, "melihat sesi kalibrasi");
  await findCycle(scope.db, scope.regionId, input.cycleId);
  const rows = await scope.db
    .selectFrom("calibration_sessions")
    .selectAll()
    .where("region_id", "=", scope.regionId)
    .where("cycle_id", "=", input.cycleId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitIds: parseJson<string[]>(r.unit_ids),
    moves: parseJson<CalibrationSessionView["moves"]>(r.moves),
    reason: r.reason,
    runId: r.run_id,
    actorName: r.actor_name,
    at: r.created_at,
  }));
}
