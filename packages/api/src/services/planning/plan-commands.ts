// Changing plans (SKP): the employee (or an admin) starts, fills and submits their plan; the assessor (or an
// admin) approves it, returns it for revision or rejects it; anyone who reads it links its RHK rows to the
// superior's, in any status, so links can follow the superior's plan. Each change is audited in the same
// transaction, and every decision also joins the plan's review trail.
import { realisasiIndicators } from "@kinerja/core";
import { newId, now, type Database, type PlanRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireRelation, requireReviewer, withDb, type Scope } from "../access/index.js";
import { assertInCycle, findCycle } from "../cycles/index.js";
import { audit, DomainError, type Actor } from "../lib/index.js";
import { notify } from "../notifications/index.js";
import { assertPlanningOpen, cycleRules, cycleWorkflow } from "../rules/index.js";
import { findPlan, PLAN_READERS, partsOf, planOf, planView, superiorPlanOf, type PlanParts } from "./plan-queries.js";
import {
  assertDecidable,
  assertEditable,
  checkSave,
  completenessProblems,
  DECISION,
  decisionNote,
  parentAfterSave,
  parentProblems,
  PLAN_STATUS_LABEL,
  usedIkiProblems,
  type PlanDecision,
  type RhkInput,
  type StoredRows,
} from "./plan-rules.js";
import type { PlanView } from "./plan-view.js";
import { namedOrOwn } from "./subject.js";

async function review(db: Kysely<Database>, plan: PlanRow, actor: Actor, action: string, note: string | null, at: string): Promise<void> {
  await db
    .insertInto("plan_reviews")
    .values({
      region_id: plan.region_id,
      id: newId(),
      plan_id: plan.id,
      action,
      note,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_role: actor.role,
      at,
    })
    .execute();
}

/** Starts an employee's plan for the cycle (the person's own when no employee is named). */
export async function createPlan(scope: Scope, input: { cycleId: string; employeeId?: string }): Promise<PlanView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    const employee = await namedOrOwn(withDb(scope, trx), input.employeeId, ["self", "admin"], "menyusun SKP");
    assertPlanningOpen(cycle);
    await assertInCycle(trx, cycle, employee);
    const existing = await planOf(trx, cycle, employee.id);
    if (existing) {
      throw new DomainError({
        code: "CONFLICT",
        message: `${employee.nama} sudah punya SKP pada siklus ini (id ${existing.id}, ${PLAN_STATUS_LABEL[existing.status]}); ubah SKP itu`,
      });
    }
    const at = now();
    const id = newId();
    await trx
      .insertInto("plans")
      .values({
        region_id: regionId,
        id,
        cycle_id: cycle.id,
        employee_id: employee.id,
        status: "draft",
        assessor_nip: null,
        review_note: null,
        submitted_at: null,
        decided_at: null,
        decided_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await audit(trx, { regionId, actor, action: "plan.create", entity: "plan", entityId: id, after: { cycleId: cycle.id, employeeId: employee.id } });
    return planView(trx, { plan: await findPlan(trx, regionId, id), employee, cycle });
  });
}

/**
 * The plan's RHK rows as given replace the stored ones: rows with an id are kept and updated (a row sent
 * without parentRhkId keeps its link), rows without one are added, rows not sent are removed.
 */
export async function savePlan(scope: Scope, input: { id: string; rhk: RhkInput[] }): Promise<PlanView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    await requireRelation(withDb(scope, trx), employee, ["self", "admin"], "mengubah SKP");
    assertPlanningOpen(cycle);
    assertEditable(plan.status, "diubah");
    const before = await planView(trx, parts);
    const indicators = realisasiIndicators((await cycleRules(trx, cycle)).ruleSet);
    const superior = await superiorPlanOf(trx, cycle, employee);
    const stored: StoredRows = {
      rhk: new Map((await trx.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).execute()).map((r) => [r.id, r])),
      iki: new Map((await trx.selectFrom("plan_iki").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).execute()).map((i) => [i.id, i])),
    };
    const { problems, aspects, droppedRhk, droppedIki } = checkSave(input.rhk, stored, superior, indicators);
    if (droppedIki.length > 0) {
      const used = await trx
        .selectFrom("work_entries")
        .select((eb) => ["iki_id", eb.fn.countAll<number>().as("n")])
        .where("region_id", "=", regionId)
        .where("iki_id", "in", droppedIki.map((i) => i.id))
        .groupBy("iki_id")
        .execute();
      problems.push(...usedIkiProblems(used, stored));
    }
    if (problems.length > 0) throw new DomainError({ code: "BAD_REQUEST", message: `SKP tidak disimpan: ${problems.join("; ")}` });

    const at = now();
    if (droppedIki.length > 0) {
      await trx.deleteFrom("plan_iki").where("region_id", "=", regionId).where("id", "in", droppedIki.map((i) => i.id)).execute();
    }
    let unlinkedChildren: string[] = [];
    if (droppedRhk.length > 0) {
      const ids = droppedRhk.map((r) => r.id);
      // Subordinates' RHK rows cascading from a removed row lose the link (and show as waiting again).
      unlinkedChildren = (
        await trx.selectFrom("plan_rhk").select("id").where("region_id", "=", regionId).where("parent_rhk_id", "in", ids).execute()
      ).map((c) => c.id);
      if (unlinkedChildren.length > 0) {
        await trx.updateTable("plan_rhk").set({ parent_rhk_id: null, updated_at: at }).where("region_id", "=", regionId).where("parent_rhk_id", "in", ids).execute();
      }
      await trx.deleteFrom("plan_rhk").where("region_id", "=", regionId).where("id", "in", ids).execute();
    }
    for (const [position, rhk] of input.rhk.entries()) {
      const fields = { kind: rhk.kind, text: rhk.text, parent_rhk_id: parentAfterSave(rhk, stored), position, updated_at: at };
      let rhkId = rhk.id;
      if (rhkId) await trx.updateTable("plan_rhk").set(fields).where("region_id", "=", regionId).where("id", "=", rhkId).execute();
      else {
        rhkId = newId();
        await trx.insertInto("plan_rhk").values({ ...fields, region_id: regionId, id: rhkId, plan_id: plan.id, created_at: at }).execute();
      }
      for (const [k, iki] of rhk.indicators.entries()) {
        const ikiFields = {
          text: iki.text,
          target: iki.target,
          satuan: iki.satuan,
          indicator_id: iki.indicatorId ?? null,
          aspect: aspects.get(iki) ?? null,
          position: k,
          updated_at: at,
        };
        if (iki.id) await trx.updateTable("plan_iki").set(ikiFields).where("region_id", "=", regionId).where("id", "=", iki.id).execute();
        else await trx.insertInto("plan_iki").values({ ...ikiFields, region_id: regionId, id: newId(), plan_id: plan.id, rhk_id: rhkId, created_at: at }).execute();
      }
    }
    await trx.updateTable("plans").set({ updated_at: at }).where("region_id", "=", regionId).where("id", "=", plan.id).execute();
    const after = await planView(trx, { ...parts, plan: await findPlan(trx, regionId, plan.id) });
    await audit(trx, {
      regionId,
      actor,
      action: "plan.save",
      entity: "plan",
      entityId: plan.id,
      before: { rhk: before.rhk },
      after: { rhk: after.rhk, ...(unlinkedChildren.length > 0 ? { unlinkedChildren } : {}) },
    });
    return after;
  });
}

/** Sets or clears the superior's RHK an RHK cascades from; allowed in any status, so links can follow the superior's plan. */
export async function linkRhk(scope: Scope, input: { rhkId: string; parentRhkId: string | null }): Promise<PlanView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const rhk = await trx.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("id", "=", input.rhkId).executeTakeFirst();
    if (!rhk) throw new DomainError({ code: "NOT_FOUND", message: `RHK ${input.rhkId} tidak ditemukan` });
    const parts = await partsOf(trx, regionId, rhk.plan_id);
    await requireRelation(withDb(scope, trx), parts.employee, PLAN_READERS, "menautkan RHK ke RHK atasan");
    assertPlanningOpen(parts.cycle);
    if (input.parentRhkId) {
      const problems = parentProblems("parentRhkId", input.parentRhkId, await superiorPlanOf(trx, parts.cycle, parts.employee));
      if (problems.length > 0) throw new DomainError({ code: "BAD_REQUEST", message: problems.join("; ") });
    }
    await trx
      .updateTable("plan_rhk")
      .set({ parent_rhk_id: input.parentRhkId, updated_at: now() })
      .where("region_id", "=", regionId)
      .where("id", "=", rhk.id)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "plan.link",
      entity: "plan",
      entityId: parts.plan.id,
      before: { rhkId: rhk.id, parentRhkId: rhk.parent_rhk_id },
      after: { rhkId: rhk.id, parentRhkId: input.parentRhkId },
    });
    return planView(trx, parts);
  });
}

/** What keeps the plan from being submitted or approved, as it is stored now. */
async function storedPlanProblems(db: Kysely<Database>, { plan, employee, cycle }: PlanParts): Promise<string[]> {
  const [rhk, iki, workflow, superior] = await Promise.all([
    db.selectFrom("plan_rhk").selectAll().where("region_id", "=", plan.region_id).where("plan_id", "=", plan.id).orderBy("position").execute(),
    db.selectFrom("plan_iki").select("rhk_id").where("region_id", "=", plan.region_id).where("plan_id", "=", plan.id).execute(),
    cycleWorkflow(db, cycle),
    superiorPlanOf(db, cycle, employee),
  ]);
  return completenessProblems(rhk, new Set(iki.map((i) => i.rhk_id)), workflow.planning.cascade, superior);
}

export async function submitPlan(scope: Scope, input: { id: string }): Promise<PlanView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    await requireRelation(withDb(scope, trx), employee, ["self", "admin"], "mengajukan SKP");
    assertPlanningOpen(cycle);
    assertEditable(plan.status, "diajukan");
    const problems = await storedPlanProblems(trx, parts);
    if (problems.length > 0) throw new DomainError({ code: "BAD_REQUEST", message: `SKP belum bisa diajukan: ${problems.join("; ")}` });
    const at = now();
    await trx
      .updateTable("plans")
      .set({ status: "submitted", assessor_nip: employee.atasan_nip, submitted_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", plan.id)
      .execute();
    await review(trx, plan, actor, "submit", null, at);
    await audit(trx, {
      regionId,
      actor,
      action: "plan.submit",
      entity: "plan",
      entityId: plan.id,
      before: { status: plan.status },
      after: { status: "submitted", assessorNip: employee.atasan_nip },
    });
    if (employee.atasan_nip) {
      await notify(trx, {
        regionId,
        kind: "plan_submitted",
        employeeNips: [employee.atasan_nip],
        values: { nama_pegawai: employee.nama, siklus: cycle.name },
        link: "/team",
      });
    }
    return planView(trx, { ...parts, plan: await findPlan(trx, regionId, plan.id) });
  });
}

/** The assessor's (or an admin's) decision on a submitted plan; revision needs a note, rejection a reason. */
export async function decidePlan(scope: Scope, input: { id: string; decision: PlanDecision; note?: string }): Promise<PlanView> {
  const { regionId, actor } = scope;
  const decision = DECISION[input.decision];
  const note = decisionNote(input.decision, input.note);
  return scope.db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    await requireReviewer(withDb(scope, trx), employee, decision.verb, "SKP sendiri tidak bisa dinilai sendiri; keputusan ada pada atasan langsung");
    assertPlanningOpen(cycle);
    assertDecidable(plan.status);
    if (input.decision === "approve") {
      const problems = await storedPlanProblems(trx, parts);
      if (problems.length > 0) throw new DomainError({ code: "BAD_REQUEST", message: `SKP belum bisa disetujui: ${problems.join("; ")}` });
    }
    const at = now();
    await trx
      .updateTable("plans")
      .set({ status: decision.status, review_note: note, decided_at: at, decided_by: actor.id, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", plan.id)
      .execute();
    await review(trx, plan, actor, input.decision, note, at);
    await audit(trx, {
      regionId,
      actor,
      action: decision.action,
      entity: "plan",
      entityId: plan.id,
      before: { status: plan.status },
      after: { status: decision.status, note },
    });
    await notify(trx, {
      regionId,
      kind: input.decision === "approve" ? "plan_approved" : "plan_returned",
      employeeIds: [employee.id],
      values: { siklus: cycle.name, catatan: note ?? "" },
      link: "/plan",
    });
    return planView(trx, { ...parts, plan: await findPlan(trx, regionId, plan.id) });
  });
}
