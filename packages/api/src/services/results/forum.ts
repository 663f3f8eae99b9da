// The evaluation forum (forum evaluasi) of a unit after a run, as Pariaman holds it: the assessor and the
// unit's peers review the unit's results against the distribution curve and the raters' tendencies, and
// may move an employee's predikat by at most workflow.calibration.maxLevels levels from what the rules
// gave, always with a written reason. Each move is stored as an adjustment and makes a new result version
// (see revisions.ts); the audit log and the employee's explanation both carry it.
import { predikatDistance, predikatLabel, predikatLevels, predikatWithin, type PredikatValue } from "@kinerja/core";
import { newId, now, parseJson, toJson, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployee, forumViewMember, readsForumSession, requireEmployee, visibleEmployees, visibleFilter, withDb, type Scope } from "../access/index.js";
import { isCalendarDate, raterQuality, type RaterQuality } from "../assessment/index.js";
import { findCycle, lockCycle } from "../cycles/index.js";
import { audit, DomainError } from "../lib/index.js";
import { findUnit } from "../organisation/index.js";
import { cycleRules } from "../rules/index.js";
import { listAdjustments, rulePredikat, type AdjustmentView } from "./adjustments.js";
import { namesByNip } from "./names.js";
import { regionDistribution, resolveRun, type UnitDistribution } from "./results.js";
import { reviseResults } from "./revisions.js";
import { outcomeTypes } from "./runs.js";

export const MIN_REASON = 10;

export function requireReason(reason: string, what: string): string {
  const text = reason.trim();
  if (text.length < MIN_REASON) {
    throw new DomainError({ code: "BAD_REQUEST", message: `${what} wajib disertai alasan tertulis (paling sedikit ${MIN_REASON} karakter)` });
  }
  return text;
}

export interface ForumEmployee {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  atasanNip: string | null;
  predikat: string | null;
  predikatLabel: string | null;
  /** What the rules gave, before any adjustment. */
  rulePredikat: string | null;
  score: number | null;
  outcomes: string[];
  adjustments: AdjustmentView[];
  /** The predikat the forum may set (within maxLevels of the rules' predikat). */
  allowedPredikat: string[];
  error: string | null;
}

/** A member's view on one case of the session: what they think, and the predikat they suggest (if any). */
export interface ForumMemberView {
  employeeId: string;
  nama: string;
  memberNip: string;
  memberNama: string | null;
  view: string;
  suggestedPredikat: string | null;
  suggestedLabel: string | null;
  at: string;
}

export interface ForumSessionView {
  id: string;
  heldOn: string;
  members: Array<{ nip: string; nama: string | null }>;
  notes: string | null;
  recordedBy: string;
  /** Each member's latest view on each case they gave one on, by case then member. */
  views: ForumMemberView[];
}

export interface ForumView {
  cycle: { id: string; name: string; status: string; periodLabel: string };
  unit: { id: string; name: string };
  forum: { enabled: boolean; maxLevels: number };
  runId: string | null;
  runVersion: number | null;
  predikat: PredikatValue[];
  enforcement: "warn" | "block" | "off";
  /** Counts and the SE MenPANRB 3/2023 check of every employee placed in the unit (messages in Indonesian). */
  curve: UnitDistribution | null;
  employees: ForumEmployee[];
  /** Employees of the unit the viewer does not assess: counted in the curve, not listed. */
  hiddenEmployees: number;
  /** Raters of the listed employees whose ratings stand out. */
  raterFlags: RaterQuality[];
  sessions: ForumSessionView[];
}

async function unitOf(db: Kysely<Database>, regionId: string, unitId: string): Promise<{ id: string; name: string }> {
  const { id, name } = await findUnit(db, regionId, unitId);
  return { id, name };
}

/**
 * Whom of the unit's employees the viewer takes part in the forum for: admins everyone, an assessor their
 * direct reports; null when that is nobody, so the unit's forum is not theirs.
 */
function forumListing(scope: Scope, employees: ReadonlyArray<{ atasan_nip: string | null }>): ((e: { atasan_nip: string | null }) => boolean) | null {
  const visible = visibleEmployees(scope);
  if (visible.kind === "all") return () => true;
  if (visible.kind !== "reports") return null;
  const assesses = (e: { atasan_nip: string | null }) => e.atasan_nip === visible.atasanNip;
  return employees.some(assesses) ? assesses : null;
}

export async function forumView(scope: Scope, input: { cycleId: string; unitId: string }): Promise<ForumView> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const unit = await unitOf(db, regionId, input.unitId);
  const compiled = await cycleRules(db, cycle);
  const { ruleSet } = compiled;
  const { calibration } = ruleSet.workflow;
  const run = await resolveRun(db, regionId, cycle);
  const results = run
    ? await db
        .selectFrom("results")
        .innerJoin("employees", (join) => join.onRef("employees.region_id", "=", "results.region_id").onRef("employees.id", "=", "results.employee_id"))
        .select([
          "results.employee_id",
          "results.nip",
          "results.nama",
          "results.jabatan",
          "results.predikat",
          "results.predikat_label",
          "results.score",
          "results.outcomes",
          "results.error",
          "employees.atasan_nip",
        ])
        .where("results.region_id", "=", regionId)
        .where("results.run_id", "=", run.id)
        .where("results.unit_id", "=", unit.id)
        .orderBy("results.nama")
        .execute()
    : [];
  const assessed = forumListing(scope, results);
  if (!assessed) {
    throw new DomainError({ code: "FORBIDDEN", message: `Forum evaluasi ${unit.name} hanya untuk pejabat penilai di unit itu dan admin BKD` });
  }
  const listed = results.filter(assessed);
  const adjustments = await listAdjustments(db, regionId, cycle.id, listed.map((r) => r.employee_id));
  const employees: ForumEmployee[] = listed.map((r) => {
    const own = adjustments.filter((a) => a.employeeId === r.employee_id);
    const fromRules = own[0]?.from ?? r.predikat;
    return {
      employeeId: r.employee_id,
      nip: r.nip,
      nama: r.nama,
      jabatan: r.jabatan,
      atasanNip: r.atasan_nip,
      predikat: r.predikat,
      predikatLabel: r.predikat_label,
      rulePredikat: fromRules,
      score: r.score,
      outcomes: outcomeTypes(parseJson<Array<{ type: string }>>(r.outcomes)),
      adjustments: own,
      allowedPredikat: calibration.forum ? predikatWithin(ruleSet, fromRules, calibration.maxLevels) : [],
      error: r.error,
    };
  });
  const curve = run ? await regionDistribution(db, regionId, { cycleId: cycle.id, unitId: unit.id }) : null;
  const listedIds = new Set(listed.map((r) => r.employee_id));
  const raterFlags = run
    ? (await raterQuality(db, cycle)).filter((q) => q.flags.length > 0 && q.rateeIds.some((id) => listedIds.has(id)))
    : [];
  return {
    cycle: { id: cycle.id, name: cycle.name, status: cycle.status, periodLabel: cycle.period_label },
    unit,
    forum: { enabled: calibration.forum, maxLevels: calibration.maxLevels },
    runId: run?.id ?? null,
    runVersion: run?.version ?? null,
    predikat: ruleSet.predikat,
    enforcement: ruleSet.curve.enforcement,
    curve: curve?.units.find((u) => u.unitId === unit.id) ?? null,
    employees,
    hiddenEmployees: results.length - listed.length,
    raterFlags,
    sessions: await forumSessions(db, regionId, cycle.id, unit.id),
  };
}

async function forumSessions(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  unitId: string,
  sessionId?: string,
): Promise<ForumSessionView[]> {
  let query = db.selectFrom("forum_sessions").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", cycleId).where("unit_id", "=", unitId);
  if (sessionId !== undefined) query = query.where("id", "=", sessionId);
  const rows = await query.orderBy("held_on").orderBy("id").execute();
  const viewRows = rows.length
    ? await db
        .selectFrom("forum_session_views as v")
        .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "v.region_id").onRef("e.id", "=", "v.employee_id"))
        .select(["v.session_id", "v.employee_id", "e.nama", "v.member_nip", "v.view", "v.suggested_predikat", "v.created_at", "v.id"])
        .where("v.region_id", "=", regionId)
        .where("v.session_id", "in", rows.map((r) => r.id))
        .orderBy("e.nama")
        .orderBy("v.member_nip")
        .orderBy("v.created_at")
        .orderBy("v.id")
        .execute()
    : [];
  const nips = [...new Set([...rows.flatMap((r) => parseJson<string[]>(r.members)), ...viewRows.map((v) => v.member_nip)])];
  const names = await namesByNip(db, regionId, nips);
  const cycle = rows.length ? await findCycle(db, regionId, cycleId) : null;
  const ruleSet = cycle ? (await cycleRules(db, cycle)).ruleSet : null;
  // Append-only: a member's later view on a case replaces their earlier one in the record shown.
  const latest = new Map<string, (typeof viewRows)[number]>();
  for (const v of viewRows) latest.set(`${v.session_id}|${v.employee_id}|${v.member_nip}`, v);
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.held_on,
    members: parseJson<string[]>(r.members).map((nip) => ({ nip, nama: names.get(nip) ?? null })),
    notes: r.notes,
    recordedBy: r.actor_name,
    views: [...latest.values()]
      .filter((v) => v.session_id === r.id)
      .map((v) => ({
        employeeId: v.employee_id,
        nama: v.nama,
        memberNip: v.member_nip,
        memberNama: names.get(v.member_nip) ?? null,
        view: v.view,
        suggestedPredikat: v.suggested_predikat,
        suggestedLabel: v.suggested_predikat && ruleSet ? (predikatLabel(ruleSet, v.suggested_predikat) ?? null) : null,
        at: v.created_at,
      })),
  }));
}

async function findSession(db: Kysely<Database>, regionId: string, sessionId: string) {
  const row = await db.selectFrom("forum_sessions").selectAll().where("region_id", "=", regionId).where("id", "=", sessionId).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Sesi forum evaluasi ${sessionId} tidak ditemukan` });
  return row;
}

/** One session's record, for the region's admin and the session's members; the unit's assessor reads it in forum.view. */
export async function forumSession(scope: Scope, input: { sessionId: string }): Promise<ForumSessionView> {
  const { db, regionId } = scope;
  const row = await findSession(db, regionId, input.sessionId);
  if (!readsForumSession(scope, parseJson<string[]>(row.members))) {
    throw new DomainError({ code: "NOT_FOUND", message: `Sesi forum evaluasi ${input.sessionId} tidak ditemukan` });
  }
  const [session] = await forumSessions(db, regionId, row.cycle_id, row.unit_id, row.id);
  return session!;
}

/**
 * A member of a forum session records their view on one case of the session (an employee of the session's
 * unit): text, and optionally the predikat they suggest. The case's superior decides; the view is kept in
 * the session's record. Refused once the cycle is final.
 */
export async function recordForumView(
  scope: Scope,
  input: { sessionId: string; employeeId: string; view: string; suggestedPredikat?: string | null; memberNip?: string },
): Promise<ForumSessionView> {
  const { db, regionId, actor } = scope;
  const text = input.view.trim();
  if (text.length < MIN_REASON) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Pandangan anggota forum wajib ditulis (paling sedikit ${MIN_REASON} karakter)` });
  }
  const row = await db.transaction().execute(async (trx) => {
    const session = await findSession(trx, regionId, input.sessionId);
    const members = parseJson<string[]>(session.members);
    if (!readsForumSession(scope, members)) {
      throw new DomainError({ code: "NOT_FOUND", message: `Sesi forum evaluasi ${input.sessionId} tidak ditemukan` });
    }
    const employee = await findEmployee(trx, regionId, input.employeeId);
    const member = forumViewMember(withDb(scope, trx), { id: session.id, memberNips: members }, employee, input.memberNip);
    const cycle = await evaluatedCycle(trx, regionId, session.cycle_id);
    if (employee.unit_id !== session.unit_id) {
      const unit = await unitOf(trx, regionId, session.unit_id);
      throw new DomainError({ code: "BAD_REQUEST", message: `${employee.nama} bukan pegawai ${unit.name}, unit yang dibahas sesi forum ini` });
    }
    const suggested = input.suggestedPredikat?.trim() || null;
    if (suggested !== null) {
      const { ruleSet } = await cycleRules(trx, cycle);
      const levels = predikatLevels(ruleSet);
      if (!levels.includes(suggested)) {
        throw new DomainError({ code: "BAD_REQUEST", message: `Predikat usulan ${suggested} tidak dikenal; yang ada: ${levels.join(", ")}` });
      }
    }
    const id = newId();
    await trx
      .insertInto("forum_session_views")
      .values({
        region_id: regionId,
        id,
        session_id: session.id,
        employee_id: employee.id,
        member_nip: member,
        view: text,
        suggested_predikat: suggested,
        actor_id: actor.id,
        actor_name: actor.name,
        created_at: now(),
      })
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "forum.view",
      entity: "employee",
      entityId: employee.id,
      after: { sessionId: session.id, cycleId: cycle.id, view: text, suggestedPredikat: suggested },
    });
    return session;
  });
  const [session] = await forumSessions(db, regionId, row.cycle_id, row.unit_id, row.id);
  return session!;
}

export async function evaluatedCycle(db: Kysely<Database>, regionId: string, cycleId: string): Promise<CycleRow> {
  const cycle = await findCycle(db, regionId, cycleId);
  if (cycle.status === "finalised") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus sudah final; hasil hanya dapat berubah melalui keberatan yang dikabulkan" });
  }
  if (cycle.status !== "evaluated") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; forum evaluasi membahas hasil setelah siklus dinilai (evaluated)` });
  }
  return cycle;
}

/** Records that the unit's forum met: who sat in it (NIPs) and its notes. */
export async function recordForumSession(
  scope: Scope,
  input: { cycleId: string; unitId: string; heldOn: string; memberNips: string[]; notes?: string },
): Promise<ForumSessionView[]> {
  const { db, regionId, actor } = scope;
  if (!isCalendarDate(input.heldOn)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Tanggal forum ${input.heldOn} tidak sah; yang diharapkan: tanggal YYYY-MM-DD` });
  }
  await db.transaction().execute(async (trx) => {
    const cycle = await evaluatedCycle(trx, regionId, input.cycleId);
    const unit = await unitOf(trx, regionId, input.unitId);
    const inUnit = await trx.selectFrom("employees").select(["atasan_nip"]).where("region_id", "=", regionId).where("unit_id", "=", unit.id).execute();
    if (!forumListing(scope, inUnit)) {
      throw new DomainError({ code: "FORBIDDEN", message: `Forum evaluasi ${unit.name} dicatat oleh pejabat penilai di unit itu atau admin BKD` });
    }
    const members = [...new Set(input.memberNips)];
    const known = members.length
      ? await trx.selectFrom("employees").select(["nip", "left_at"]).where("region_id", "=", regionId).where("nip", "in", members).execute()
      : [];
    const unknown = members.filter((n) => !known.some((e) => e.nip === n));
    if (unknown.length > 0) throw new DomainError({ code: "NOT_FOUND", message: `Anggota forum dengan NIP ${unknown.join(", ")} tidak ditemukan` });
    const gone = known.filter((e) => e.left_at !== null).map((e) => e.nip);
    if (gone.length > 0) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Anggota forum dengan NIP ${gone.join(", ")} sudah keluar dari wilayah ini; yang diharapkan: pegawai yang masih bekerja` });
    }
    const id = newId();
    await trx
      .insertInto("forum_sessions")
      .values({
        region_id: regionId,
        id,
        cycle_id: cycle.id,
        unit_id: unit.id,
        held_on: input.heldOn,
        members: toJson(members),
        notes: input.notes?.trim() || null,
        actor_id: actor.id,
        actor_name: actor.name,
        created_at: now(),
      })
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "forum.record",
      entity: "cycle",
      entityId: cycle.id,
      after: { sessionId: id, unitId: unit.id, heldOn: input.heldOn, members, notes: input.notes ?? null },
    });
  });
  return forumSessions(db, regionId, input.cycleId, input.unitId);
}

export interface AdjustmentResult {
  runId: string;
  runVersion: number;
  employeeId: string;
  from: string;
  predikat: string;
  predikatLabel: string;
  outcomes: string[];
}

/** The forum moves one employee's predikat (within maxLevels, with a reason): a new result version. */
export async function adjustPredikat(
  scope: Scope,
  input: { cycleId: string; employeeId: string; predikat: string; reason: string },
): Promise<AdjustmentResult> {
  const { regionId, actor } = scope;
  const reason = requireReason(input.reason, "Penyesuaian predikat oleh forum evaluasi");
  return scope.db.transaction().execute(async (trx) => {
    const inTrx = withDb(scope, trx);
    // Locking the cycle first means two changes never build on the same version.
    await lockCycle(trx, regionId, input.cycleId);
    const cycle = await evaluatedCycle(trx, regionId, input.cycleId);
    const { employee } = await requireEmployee(inTrx, input.employeeId, ["assessor", "admin"], "mencatat keputusan forum evaluasi");
    const { ruleSet } = await cycleRules(trx, cycle);
    const { calibration } = ruleSet.workflow;
    if (!calibration.forum) {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Aturan wilayah ini tidak memakai forum evaluasi (workflow.calibration.forum = false)" });
    }
    const current = await currentResult(trx, cycle, employee);
    const levels = predikatLevels(ruleSet);
    if (!levels.includes(input.predikat)) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Predikat ${input.predikat} tidak dikenal; yang ada: ${levels.join(", ")}` });
    }
    if (input.predikat === current) {
      throw new DomainError({ code: "BAD_REQUEST", message: `Predikat ${employee.nama} sudah ${predikatLabel(ruleSet, current)}` });
    }
    const fromRules = await rulePredikat(trx, regionId, cycle.id, employee.id, current);
    const distance = predikatDistance(ruleSet, input.predikat, fromRules);
    if (distance === null || distance > calibration.maxLevels) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message:
          `Forum hanya boleh menggeser predikat paling banyak ${calibration.maxLevels} tingkat dari hasil aturan ` +
          `(${predikatLabel(ruleSet, fromRules)}); ${predikatLabel(ruleSet, input.predikat)} berjarak ${distance === null ? "tak terukur" : `${distance} tingkat`}. ` +
          `Yang boleh: ${predikatWithin(ruleSet, fromRules, calibration.maxLevels).map((p) => predikatLabel(ruleSet, p)).join(", ")}`,
      });
    }
    const unit = await unitOf(trx, regionId, employee.unit_id);
    const by = `Forum evaluasi ${unit.name} (dicatat oleh ${actor.name})`;
    const revision = await reviseResults(inTrx, cycle, `Forum evaluasi ${unit.name}: ${employee.nama}`, [
      { employeeId: employee.id, kind: "forum", to: input.predikat, reason, by },
    ]);
    const result = revision.results.get(employee.id);
    await audit(trx, {
      regionId,
      actor,
      action: "forum.adjust",
      entity: "employee",
      entityId: employee.id,
      before: { cycleId: cycle.id, predikat: current, runId: cycle.current_run_id },
      after: { cycleId: cycle.id, predikat: input.predikat, reason, by, runId: revision.runId, runVersion: revision.version },
    });
    return {
      runId: revision.runId,
      runVersion: revision.version,
      employeeId: employee.id,
      from: current,
      predikat: result?.predikat ?? input.predikat,
      predikatLabel: result?.predikatLabel ?? predikatLabel(ruleSet, input.predikat),
      outcomes: outcomeTypes(result?.outcomes ?? []),
    };
  });
}

/** The employee's predikat in the cycle's current results; refused when there is none. */
export async function currentResult(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<string> {
  const row = cycle.current_run_id
    ? await db
        .selectFrom("results")
        .select(["predikat", "error"])
        .where("region_id", "=", cycle.region_id)
        .where("run_id", "=", cycle.current_run_id)
        .where("employee_id", "=", employee.id)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Hasil ${employee.nama} tidak ditemukan pada siklus ini` });
  if (row.predikat === null) {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Hasil ${employee.nama} tidak dapat dinilai: ${row.error ?? "tanpa predikat"}` });
  }
  return row.predikat;
}

/** One employee's adjustments in a cycle, or those of every employee whose results the viewer may see. */
export async function cycleAdjustments(scope: Scope, input: { cycleId: string; employeeId?: string }): Promise<AdjustmentView[]> {
  const { db, regionId } = scope;
  await findCycle(db, regionId, input.cycleId);
  if (input.employeeId) {
    await requireEmployee(scope, input.employeeId);
    return listAdjustments(db, regionId, input.cycleId, [input.employeeId]);
  }
  const visible = visibleEmployees(scope);
  if (visible.kind === "all") return listAdjustments(db, regionId, input.cycleId);
  const seen = await db
    .selectFrom("employees as e")
    .select("e.id")
    .where("e.region_id", "=", regionId)
    .where((eb) => visibleFilter(eb, visible))
    .execute();
  return listAdjustments(db, regionId, input.cycleId, seen.map((e) => e.id));
}
