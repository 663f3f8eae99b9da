// Appeals (keberatan): within workflow.appeals.windowDays days after a cycle is finalised, an employee may
// appeal their result with a written reason. The assessor's own superior (atasan pejabat penilai) decides
// while they hold an account and workflow.appeals.fallbackAfterDays have not passed; otherwise the rule
// set's fallback does, the region's BKD admin or its appeals panel (who decides is the access module's
// appealDecider). The decider rejects with a reason, or upholds with a new predikat, which is stored as an
// adjustment and makes a new result version; the appealed version stays as it was. Each appeal tells who
// decides it, why, and by when, and offers the decision (`actions`) only to that person.
import { emitEvent } from "../integrations/index.js";
import { appealFallback, predikatLabel, predikatLevels, type RuleSet } from "@kinerja/core";
import { newId, now, type AppealRow, type AppealStatus, type CycleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import {
  appealDecider,
  appealDeciderAddressees,
  appealDeciderText,
  decidesAppeal,
  findEmployee,
  isAdmin,
  nipsWithDecidingAccount,
  raterNip,
  requireEmployee,
  withDb,
  type AppealDecider,
  type AppealDeciderKind,
  type AppealDeciderReason,
  type Scope,
} from "../access/index.js";
import { findCycle, lockCycle } from "../cycles/index.js";
import { audit, DomainError, formatDate } from "../lib/index.js";
import { notify } from "../notifications/index.js";
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
  /**
   * Who decides (or decided) and why: the assessor's superior, or the fallback (the BKD admin, the appeals
   * panel) because the superior has no account, there is none, or they did not decide within `afterDays`;
   * `deadline` is when the superior's time runs out.
   */
  decider: {
    kind: AppealDeciderKind;
    reason: AppealDeciderReason;
    nip: string | null;
    /** The superior's name, the panel's name, or null for the admin. */
    nama: string | null;
    afterDays: number;
    deadline: string;
    overdue: boolean;
    /** In Indonesian, as the refusal names them. */
    text: string;
  };
  decidedAt: string | null;
  decidedBy: string | null;
  decisionReason: string | null;
  newPredikat: string | null;
  newPredikatLabel: string | null;
  /** The result version an upheld appeal made. */
  resultRunId: string | null;
  /** Whether the signed-in person decides it. */
  canDecide: boolean;
  /** What the signed-in person may do with it: the decision form is offered only for "decide". */
  actions: Array<"decide">;
}

/** Who decides each appeal: the stored capacity once decided, else worked out now from the rules and the accounts. */
async function decidersOf(db: Kysely<Database>, regionId: string, rows: AppealRow[], ruleSets: Map<string, RuleSet>): Promise<Map<string, AppealDecider>> {
  const withAccount = await nipsWithDecidingAccount(db, regionId, [...new Set(rows.map((r) => r.decider_nip).filter((n): n is string => n !== null))]);
  const found = new Map<string, AppealDecider>();
  for (const row of rows) {
    const ruleSet = ruleSets.get(row.cycle_id);
    if (!ruleSet) continue;
    const decider = appealDecider({
      superiorNip: row.decider_nip,
      superiorHasAccount: row.decider_nip !== null && withAccount.has(row.decider_nip),
      submittedAt: row.submitted_at,
      fallback: appealFallback(ruleSet),
    });
    if (row.status !== "submitted" && row.decided_as && row.decider_reason) {
      const kind = row.decided_as as AppealDeciderKind;
      found.set(row.id, { ...decider, kind, reason: row.decider_reason as AppealDeciderReason, nip: kind === "atasan" ? row.decider_nip : null });
    } else {
      found.set(row.id, decider);
    }
  }
  return found;
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
  const names = await namesByNip(db, regionId, deciderNips);
  const cycles = new Map(
    (await db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "in", [...new Set(rows.map((r) => r.cycle_id))]).execute()).map((c) => [
      c.id,
      c,
    ]),
  );
  const ruleSets = new Map(await Promise.all([...cycles.values()].map(async (c) => [c.id, (await cycleRules(db, c)).ruleSet] as const)));
  const deciders = await decidersOf(db, regionId, rows, ruleSets);
  const result: AppealView[] = [];
  for (const row of rows) {
    const employee = employees.get(row.employee_id);
    const cycle = cycles.get(row.cycle_id);
    const ruleSet = ruleSets.get(row.cycle_id);
    const decider = deciders.get(row.id);
    if (!employee || !cycle || !ruleSet || !decider) continue;
    const superiorName = decider.nip ? (names.get(decider.nip) ?? null) : null;
    const canDecide = row.status === "submitted" && decidesAppeal(scope, decider);
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
      decider: {
        kind: decider.kind,
        reason: decider.reason,
        nip: decider.nip,
        nama: decider.kind === "atasan" ? superiorName : decider.kind === "panel" ? (decider.panel?.name ?? null) : null,
        afterDays: decider.afterDays,
        deadline: decider.deadline,
        overdue: decider.overdue,
        text: appealDeciderText(decider, superiorName ?? undefined),
      },
      decidedAt: row.decided_at,
      decidedBy: row.decided_by_name,
      decisionReason: row.decision_reason,
      newPredikat: row.new_predikat,
      newPredikatLabel: predikatLabel(ruleSet, row.new_predikat),
      resultRunId: row.result_run_id,
      canDecide,
      actions: canDecide ? ["decide"] : [],
    });
  }
  return result;
}

/** Who decides the appeal now (or at `at`), read on the given connection (a transaction when deciding). */
async function deciderNow(db: Kysely<Database>, regionId: string, row: AppealRow, ruleSet: RuleSet, at?: Date): Promise<AppealDecider> {
  const withAccount = row.decider_nip ? await nipsWithDecidingAccount(db, regionId, [row.decider_nip]) : new Set<string>();
  return appealDecider({
    superiorNip: row.decider_nip,
    superiorHasAccount: row.decider_nip !== null && withAccount.has(row.decider_nip),
    submittedAt: row.submitted_at,
    fallback: appealFallback(ruleSet),
    ...(at ? { now: at } : {}),
  });
}

/**
 * Tells the fallback (the region's admins or the appeals panel) of each pending appeal that became theirs
 * because the superior did not decide it within the rule set's days; each is told once, by the notification's
 * key, however often this runs. Run on the mail sender's rounds. Returns how many pending appeals are the
 * fallback's by lapse (told now or on an earlier round).
 */
export async function notifyOverdueAppeals(db: Kysely<Database>, at: Date = new Date()): Promise<number> {
  const pending = await db.selectFrom("appeals").selectAll().where("status", "=", "submitted").where("decider_nip", "is not", null).orderBy("id").execute();
  const rules = new Map<string, RuleSet>();
  let handedOver = 0;
  for (const row of pending) {
    const cycle = await findCycle(db, row.region_id, row.cycle_id);
    let ruleSet = rules.get(cycle.id);
    if (!ruleSet) {
      ruleSet = (await cycleRules(db, cycle)).ruleSet;
      rules.set(cycle.id, ruleSet);
    }
    const decider = await deciderNow(db, row.region_id, row, ruleSet, at);
    if (decider.reason !== "overdue") continue;
    const employee = await findEmployee(db, row.region_id, row.employee_id);
    await db.transaction().execute(async (trx) =>
      notify(trx, {
        regionId: row.region_id,
        kind: "appeal_filed",
        ...(await appealDeciderAddressees(trx, row.region_id, decider)),
        values: { nama_pegawai: employee.nama, siklus: cycle.name },
        link: appealLink(row.id),
        dedupeKey: `appeal_overdue:${row.id}`,
      }),
    );
    handedOver++;
  }
  return handedOver;
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
        decided_as: null,
        decider_reason: null,
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
    const decider = await deciderNow(trx, regionId, await findAppeal(trx, regionId, id), ruleSet);
    await notify(trx, {
      regionId,
      kind: "appeal_filed",
      ...(await appealDeciderAddressees(trx, regionId, decider)),
      values: { nama_pegawai: employee.nama, siklus: cycle.name },
      link: appealLink(id),
    });
    return id;
  });
  return getAppeal(scope, id);
}

/** Where the decider opens the appeal in the portal. */
export function appealLink(id: string): string {
  return `/appeals?id=${encodeURIComponent(id)}`;
}

async function findAppeal(db: Kysely<Database>, regionId: string, id: string): Promise<AppealRow> {
  const row = await db.selectFrom("appeals").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Keberatan ${id} tidak ditemukan` });
  return row;
}

/**
 * Whether the person has a part in deciding the appeal: they decide it now, decided it, or are the superior
 * it named (who still reads it once it has passed to the fallback).
 */
function involved(scope: Scope, row: AppealRow, view: AppealView): boolean {
  return view.canDecide || row.decided_by === scope.user.id || (row.decider_nip !== null && raterNip(scope) === row.decider_nip);
}

/** One appeal: for the employee, their assessor and the assessor's superior, its decider, and the admin. */
export async function getAppeal(scope: Scope, id: string): Promise<AppealView> {
  const row = await findAppeal(scope.db, scope.regionId, id);
  const [found] = await views(scope, [row]);
  if (!found) throw new DomainError({ code: "NOT_FOUND", message: `Keberatan ${id} tidak ditemukan` });
  if (!involved(scope, row, found)) await requireEmployee(scope, row.employee_id);
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
 * Appeals to decide: those the person decides now (as the superior, or on the panel once it is theirs),
 * decided, or was named on as the superior; for admins every appeal of the region. Pending ones by default.
 */
export async function appealInbox(scope: Scope, input: { status?: AppealStatus; cycleId?: string }): Promise<AppealView[]> {
  let query = scope.db.selectFrom("appeals").selectAll().where("region_id", "=", scope.regionId).where("status", "=", input.status ?? "submitted");
  if (input.cycleId) query = query.where("cycle_id", "=", input.cycleId);
  const rows = await query.orderBy("id").execute();
  const found = await views(scope, rows);
  if (isAdmin(scope.user)) return found;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return found.filter((view) => involved(scope, byId.get(view.id)!, view));
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
    const cycle = await findCycle(trx, regionId, appeal.cycle_id);
    const { ruleSet } = await cycleRules(trx, cycle);
    const decider = await deciderNow(trx, regionId, appeal, ruleSet);
    if (!decidesAppeal(inTrx, decider) && appeal.decided_by !== actor.id) {
      // Someone with no relation to the employee is not told the appeal exists.
      if (!(appeal.decider_nip !== null && raterNip(inTrx) === appeal.decider_nip)) await requireEmployee(inTrx, appeal.employee_id);
    }
    if (appeal.status === "submitted" && !decidesAppeal(inTrx, decider)) {
      const names = decider.nip ? await namesByNip(trx, regionId, [decider.nip]) : new Map<string, string>();
      throw new DomainError({
        code: "FORBIDDEN",
        message: `Keberatan ini diputus oleh ${appealDeciderText(decider, decider.nip ? names.get(decider.nip) : undefined)}`,
      });
    }
    if (appeal.status !== "submitted") {
      throw new DomainError({ code: "CONFLICT", message: `Keberatan ini sudah diputus (${appeal.status}) pada ${appeal.decided_at ? formatDate(appeal.decided_at) : "-"}` });
    }
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
      const by = `${actor.name}, ${appealDeciderText(decider)}, atas keberatan`;
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
        decided_as: decider.kind,
        decider_reason: decider.reason,
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
      after: {
        status: input.decision === "uphold" ? "upheld" : "rejected",
        reason,
        predikat: newPredikat ?? appeal.predikat,
        runId,
        decidedAs: decider.kind,
        deciderReason: decider.reason,
        decider: appealDeciderText(decider),
      },
    });
    await notify(trx, {
      regionId,
      kind: "appeal_decided",
      employeeIds: [appeal.employee_id],
      values: { keputusan: newPredikat ? `dikabulkan, predikat Anda menjadi ${predikatLabel(ruleSet, newPredikat)}` : `ditolak (${reason})`, siklus: cycle.name },
      link: "/me",
    });
    await emitEvent(trx, regionId, "appeal.decided", {
      appeal: {
        id: appeal.id,
        cycleId: cycle.id,
        employeeId: appeal.employee_id,
        decision: input.decision === "uphold" ? "upheld" : "rejected",
        predikatBefore: appeal.predikat,
        predikat: newPredikat ?? appeal.predikat,
        runId,
        decidedAs: decider.kind,
      },
    });
  });
  return getAppeal(scope, input.appealId);
}
