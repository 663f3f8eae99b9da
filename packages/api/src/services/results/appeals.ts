// Appeals (keberatan): within workflow.appeals.windowDays days after a cycle is finalised, an employee may
// appeal their result with a written reason. The assessor's own superior (atasan pejabat penilai) decides:
// rejects with a reason, or upholds with a new predikat, which is stored as an adjustment by that superior
// and makes a new result version; the appealed version stays as it was. Where the employee's assessor
// has no superior in the data, the region's BKD admin decides.
import { predikatLabel, predikatLevels } from "@kinerja/core";
import { newId, now, type AppealRow, type AppealStatus, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployee, isAdmin, raterNip, requireEmployee, withDb, type Scope } from "../access/index.js";
import { findCycle, lockCycle } from "../cycles/index.js";
import { audit, DomainError, formatDate } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { currentResult, requireReason } from "./forum.js";
import { namesByNip } from "./names.js";
import { reviseResults } from "./revisions.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AppealView {
  id: string;
  cycleId: string;
  cycleName: string;
  employee: { id: string; nip: string; nama: string; jabatan: string; unitId: string };
  predikat: string;
  predikatLabel: string;
  reason: string;
  status: AppealStatus;
  submittedAt: string;
  assessorNip: string | null;
  /** Who decides: the assessor's superior; null when the BKD admin decides. */
  decider: { nip: string; nama: string } | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  newPredikat: string | null;
  newPredikatLabel: string | null;
  /** The result version an upheld appeal made. */
  resultRunId: string | null;
  /** Whether the signed-in person decides it. */
  canDecide: boolean;
}

async function views(scope: Scope, rows: AppealRow[]): Promise<AppealView[]> {
  const { db, regionId } = scope;
  if (rows.length === 0) return [];
  const employees = new Map(
    (await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "in", rows.map((r) => r.employee_id)).execute()).map((e) => [
      e.id,
      e,
    ]),
  );
  const deciderNips = [...new Set(rows.map((r) => r.decider_nip).filter((n): n is string => n !== null))];
  const deciders = await namesByNip(db, regionId, deciderNips);
  const cycles = new Map(
    (await db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "in", [...new Set(rows.map((r) => r.cycle_id))]).execute()).map((c) => [
      c.id,
      c,
    ]),
  );
  const ruleSets = new Map(await Promise.all([...cycles.values()].map(async (c) => [c.id, (await cycleRules(db, c)).ruleSet] as const)));
  const result: AppealView[] = [];
  for (const row of rows) {
    const employee = employees.get(row.employee_id);
    const cycle = cycles.get(row.cycle_id);
    const ruleSet = ruleSets.get(row.cycle_id);
    if (!employee || !cycle || !ruleSet) continue;
    result.push({
      id: row.id,
      cycleId: row.cycle_id,
      cycleName: cycle.name,
      employee: { id: employee.id, nip: employee.nip, nama: employee.nama, jabatan: employee.jabatan, unitId: employee.unit_id },
      predikat: row.predikat,
      predikatLabel: predikatLabel(ruleSet, row.predikat),
      reason: row.reason,
      status: row.status,
      submittedAt: row.submitted_at,
      assessorNip: row.assessor_nip,
      decider: row.decider_nip ? { nip: row.decider_nip, nama: deciders.get(row.decider_nip) ?? row.decider_nip } : null,
      decidedAt: row.decided_at,
      decidedBy: row.decided_by_name,
      decisionReason: row.decision_reason,
      newPredikat: row.new_predikat,
      newPredikatLabel: predikatLabel(ruleSet, row.new_predikat),
      resultRunId: row.result_run_id,
      canDecide: row.status === "submitted" && decides(scope, row),
    });
  }
  return result;
}

/** The deciding superior named on the appeal, an assessor read from their own record; the BKD admin where none is named. */
function decides(scope: Scope, row: AppealRow): boolean {
  if (row.decider_nip === null) return isAdmin(scope.user);
  return raterNip(scope) === row.decider_nip;
}

/** The last moment an appeal against the cycle is accepted. */
export function appealDeadline(cycle: CycleRow, windowDays: number): Date | null {
  return cycle.finalised_at ? new Date(Date.parse(cycle.finalised_at) + windowDays * DAY_MS) : null;
}

/** The signed-in employee appeals their own result of a finalised cycle. */
export async function submitAppeal(scope: Scope, input: { cycleId: string; reason: string }): Promise<AppealView> {
  const { regionId, actor, me: employee } = scope;
  const reason = requireReason(input.reason, "Keberatan");
  if (!employee) {
    throw new DomainError({ code: "FORBIDDEN", message: "Keberatan diajukan oleh pegawai sendiri, dengan akun yang terhubung ke data pegawainya di wilayah ini" });
  }
  const id = await scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "finalised" || !cycle.current_run_id) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Siklus berstatus ${cycle.status}; keberatan hanya dapat diajukan atas hasil yang sudah ditetapkan (final)`,
      });
    }
    const { ruleSet } = await cycleRules(trx, cycle);
    const { windowDays } = ruleSet.workflow.appeals;
    const deadline = appealDeadline(cycle, windowDays);
    if (!deadline || Date.now() > deadline.getTime()) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message:
          `Batas waktu keberatan ${windowDays} hari setelah penetapan (${cycle.finalised_at ? formatDate(cycle.finalised_at) : "-"}) ` +
          `sudah lewat${deadline ? ` pada ${formatDate(deadline.toISOString())}` : ""}`,
      });
    }
    const predikat = await currentResult(trx, cycle, employee);
    const existing = await trx
      .selectFrom("appeals")
      .select(["status", "submitted_at"])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "=", employee.id)
      .executeTakeFirst();
    if (existing) {
      throw new DomainError({
        code: "CONFLICT",
        message: `Keberatan atas siklus ini sudah diajukan pada ${formatDate(existing.submitted_at)} (status ${existing.status}); keberatan hanya sekali per siklus`,
      });
    }
    const assessor = employee.atasan_nip
      ? await trx.selectFrom("employees").select(["nip", "atasan_nip"]).where("region_id", "=", regionId).where("nip", "=", employee.atasan_nip).executeTakeFirst()
      : undefined;
    const id = newId();
    const at = now();
    await trx
      .insertInto("appeals")
      .values({
        region_id: regionId,
        id,
        cycle_id: cycle.id,
        employee_id: employee.id,
        run_id: cycle.current_run_id,
        predikat,
        reason,
        status: "submitted",
        assessor_nip: employee.atasan_nip,
        decider_nip: assessor?.atasan_nip ?? null,
        submitted_by: actor.id,
        submitted_at: at,
        decided_by: null,
        decided_by_name: null,
        decided_at: null,
        decision_reason: null,
        new_predikat: null,
        result_run_id: null,
      })
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "appeal.submit",
      entity: "appeal",
      entityId: id,
      after: { cycleId: cycle.id, employeeId: employee.id, predikat, reason, deciderNip: assessor?.atasan_nip ?? null, predikatLabel: predikatLabel(ruleSet, predikat) },
    });
    return id;
  });
  return getAppeal(scope, id);
}

async function findAppeal(db: Kysely<Database>, regionId: string, id: string): Promise<AppealRow> {
  const row = await db.selectFrom("appeals").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Keberatan ${id} tidak ditemukan` });
  return row;
}

/** One appeal: for the employee, their assessor and the assessor's superior, and the admin. */
export async function getAppeal(scope: Scope, id: string): Promise<AppealView> {
  const row = await findAppeal(scope.db, scope.regionId, id);
  if (!decides(scope, row)) await requireEmployee(scope, row.employee_id);
  const [found] = await views(scope, [row]);
  if (!found) throw new DomainError({ code: "NOT_FOUND", message: `Keberatan ${id} tidak ditemukan` });
  return found;
}

/** The signed-in person's own appeals. */
export async function myAppeals(scope: Scope, input: { cycleId?: string }): Promise<AppealView[]> {
  if (!scope.me) return [];
  let query = scope.db.selectFrom("appeals").selectAll().where("region_id", "=", scope.regionId).where("employee_id", "=", scope.me.id);
  if (input.cycleId) query = query.where("cycle_id", "=", input.cycleId);
  return views(scope, await query.orderBy("id", "desc").execute());
}

/**
 * Appeals to decide: the deciding superior's (those naming them), or for admins every appeal of the
 * region (canDecide where the BKD decides). Pending ones by default.
 */
export async function appealInbox(scope: Scope, input: { status?: AppealStatus; cycleId?: string }): Promise<AppealView[]> {
  let query = scope.db.selectFrom("appeals").selectAll().where("region_id", "=", scope.regionId).where("status", "=", input.status ?? "submitted");
  if (input.cycleId) query = query.where("cycle_id", "=", input.cycleId);
  if (!isAdmin(scope.user)) {
    const nip = raterNip(scope);
    if (!nip) return [];
    query = query.where("decider_nip", "=", nip);
  }
  return views(scope, await query.orderBy("id").execute());
}

export type AppealDecision = { appealId: string; decision: "reject"; reason: string } | { appealId: string; decision: "uphold"; reason: string; predikat: string };

export async function decideAppeal(scope: Scope, input: AppealDecision): Promise<AppealView> {
  const { regionId, actor } = scope;
  const reason = requireReason(input.reason, "Keputusan atas keberatan");
  await scope.db.transaction().execute(async (trx) => {
    const inTrx = withDb(scope, trx);
    // Locking the cycle first means two decisions never both see the appeal pending.
    await lockCycle(trx, regionId, (await findAppeal(trx, regionId, input.appealId)).cycle_id);
    const appeal = await findAppeal(trx, regionId, input.appealId);
    if (!decides(inTrx, appeal)) {
      // Someone with no relation to the employee is not told the appeal exists.
      await requireEmployee(inTrx, appeal.employee_id);
      throw new DomainError({
        code: "FORBIDDEN",
        message: appeal.decider_nip
          ? `Keberatan ini diputus oleh atasan pejabat penilai (NIP ${appeal.decider_nip})`
          : "Keberatan ini diputus oleh admin BKD (pejabat penilai tidak punya atasan dalam data)",
      });
    }
    if (appeal.status !== "submitted") {
      throw new DomainError({ code: "CONFLICT", message: `Keberatan ini sudah diputus (${appeal.status}) pada ${appeal.decided_at ? formatDate(appeal.decided_at) : "-"}` });
    }
    const cycle = await findCycle(trx, regionId, appeal.cycle_id);
    const { ruleSet } = await cycleRules(trx, cycle);
    const at = now();
    let newPredikat: string | null = null;
    let runId: string | null = null;
    if (input.decision === "uphold") {
      const employee = await findEmployee(trx, regionId, appeal.employee_id);
      const current = await currentResult(trx, cycle, employee);
      const levels = predikatLevels(ruleSet);
      if (!levels.includes(input.predikat)) {
        throw new DomainError({ code: "BAD_REQUEST", message: `Predikat ${input.predikat} tidak dikenal; yang ada: ${levels.join(", ")}` });
      }
      if (input.predikat === current) {
        throw new DomainError({
          code: "BAD_REQUEST",
          message: `Predikat ${employee.nama} sudah ${predikatLabel(ruleSet, current)}; keberatan yang dikabulkan menetapkan predikat lain, atau tolak dengan alasan`,
        });
      }
      const by = appeal.decider_nip
        ? `${actor.name} (NIP ${appeal.decider_nip}), atasan pejabat penilai, atas keberatan`
        : `${actor.name}, admin BKD, atas keberatan`;
      const revision = await reviseResults(inTrx, cycle, `Keberatan dikabulkan: ${employee.nama}`, [
        { employeeId: employee.id, kind: "appeal", to: input.predikat, reason, by, appealId: appeal.id },
      ]);
      newPredikat = input.predikat;
      runId = revision.runId;
    }
    await trx
      .updateTable("appeals")
      .set({
        status: input.decision === "uphold" ? "upheld" : "rejected",
        decided_by: actor.id,
        decided_by_name: actor.name,
        decided_at: at,
        decision_reason: reason,
        new_predikat: newPredikat,
        result_run_id: runId,
      })
      .where("region_id", "=", regionId)
      .where("id", "=", appeal.id)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: `appeal.${input.decision}`,
      entity: "appeal",
      entityId: appeal.id,
      before: { status: appeal.status, predikat: appeal.predikat },
      after: { status: input.decision === "uphold" ? "upheld" : "rejected", reason, predikat: newPredikat ?? appeal.predikat, runId },
    });
  });
  return getAppeal(scope, input.appealId);
}
