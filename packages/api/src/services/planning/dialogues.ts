// Performance dialogue (dialog kinerja): coaching conversations the assessor and the employee record during
// the period (when, about what, the actions agreed), which the employee rates for usefulness (1–5 with a
// comment). They are evidence at evaluation: listForEmployee gives them beside the employee's result.
import { newId, now, parseJson, toJson, type Database, type DialogueRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployee, requireEmployee, requireRelation, withDb, type Scope } from "../access/index.js";
import { cyclePeriodLabels, findCycle, yearCycleIds } from "../cycles/index.js";
import { audit, decodeCursor, DomainError, pageOf, type Page } from "../lib/index.js";
import { assertDateInPeriod, assertPlanningOpen } from "../rules/index.js";

export interface DialogueView {
  id: string;
  cycleId: string;
  /** The period of the cycle the dialogue was held in (2025-Q3): its mark where a year's view carries it. */
  periodLabel: string;
  employeeId: string;
  assessorNip: string | null;
  heldOn: string;
  topic: string;
  agreedActions: string[];
  notes: string | null;
  recordedBy: string;
  usefulness: number | null;
  usefulnessComment: string | null;
  ratedAt: string | null;
  createdAt: string;
}

function view(row: DialogueRow, periodLabel: string): DialogueView {
  return {
    id: row.id,
    cycleId: row.cycle_id,
    periodLabel,
    employeeId: row.employee_id,
    assessorNip: row.assessor_nip,
    heldOn: row.held_on,
    topic: row.topic,
    agreedActions: parseJson(row.agreed_actions),
    notes: row.notes,
    recordedBy: row.recorded_by_name,
    usefulness: row.usefulness,
    usefulnessComment: row.usefulness_comment,
    ratedAt: row.rated_at,
    createdAt: row.created_at,
  };
}

async function findDialogue(db: Kysely<Database>, regionId: string, id: string): Promise<DialogueRow> {
  const row = await db.selectFrom("dialogues").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `Dialog kinerja ${id} tidak ditemukan` });
  return row;
}

export async function recordDialogue(
  scope: Scope,
  input: { cycleId: string; employeeId: string; heldOn: string; topic: string; agreedActions: string[]; notes?: string },
): Promise<DialogueView> {
  const { regionId, user, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    const { employee } = await requireEmployee(withDb(scope, trx), input.employeeId, ["self", "assessor", "admin"], "mencatat dialog kinerja");
    assertPlanningOpen(cycle);
    assertDateInPeriod(cycle, input.heldOn, "Tanggal dialog");
    const at = now();
    const row: DialogueRow = {
      region_id: regionId,
      id: newId(),
      cycle_id: cycle.id,
      employee_id: employee.id,
      assessor_nip: employee.atasan_nip,
      held_on: input.heldOn,
      topic: input.topic,
      agreed_actions: toJson(input.agreedActions),
      notes: input.notes?.trim() || null,
      recorded_by: user.id,
      recorded_by_name: user.name,
      usefulness: null,
      usefulness_comment: null,
      rated_at: null,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto("dialogues").values(row).execute();
    await audit(trx, { regionId, actor, action: "dialogue.record", entity: "dialogue", entityId: row.id, after: view(row, cycle.period_label) });
    return view(row, cycle.period_label);
  });
}

/** The employee's rating of how useful the coaching was; may be changed later, each change audited. */
export async function rateDialogue(scope: Scope, input: { id: string; usefulness: number; comment?: string }): Promise<DialogueView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const row = await findDialogue(trx, regionId, input.id);
    const employee = await findEmployee(trx, regionId, row.employee_id);
    await requireRelation(withDb(scope, trx), employee, ["self"], "menilai manfaat dialog kinerja");
    const cycle = await findCycle(trx, regionId, row.cycle_id);
    assertPlanningOpen(cycle);
    const at = now();
    const comment = input.comment?.trim() || null;
    await trx
      .updateTable("dialogues")
      .set({ usefulness: input.usefulness, usefulness_comment: comment, rated_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", row.id)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "dialogue.rate",
      entity: "dialogue",
      entityId: row.id,
      before: { usefulness: row.usefulness, comment: row.usefulness_comment },
      after: { usefulness: input.usefulness, comment },
    });
    return view(await findDialogue(trx, regionId, row.id), cycle.period_label);
  });
}

export interface DialoguePage extends Page<DialogueView> {
  /** Over all of the employee's dialogues in the cycle, not only this page. */
  summary: { count: number; rated: number; meanUsefulness: number | null };
}

/**
 * An employee's dialogues in a cycle, in the order they were held: evidence beside the result. An annual
 * cycle's list holds the dialogues of the year's periods too, each with its own period, as work entries do.
 */
export async function listDialoguesForEmployee(
  scope: Scope,
  input: { cycleId: string; employeeId: string; cursor?: string; limit: number },
): Promise<DialoguePage> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const { employee } = await requireEmployee(scope, input.employeeId, ["self", "assessor", "admin"], "melihat dialog kinerja");
  const cycleIds = await yearCycleIds(db, cycle);
  const base = db.selectFrom("dialogues").where("region_id", "=", regionId).where("cycle_id", "in", cycleIds).where("employee_id", "=", employee.id);
  let query = base.selectAll();
  if (input.cursor) {
    const [heldOn, id] = decodeCursor(input.cursor, 2).map(String) as [string, string];
    query = query.where((eb) => eb.or([eb("held_on", ">", heldOn), eb.and([eb("held_on", "=", heldOn), eb("id", ">", id)])]));
  }
  const rows = await query.orderBy("held_on").orderBy("id").limit(input.limit + 1).execute();
  const totals = await base
    .select((eb) => [eb.fn.countAll<number>().as("count"), eb.fn.count<number>("usefulness").as("rated"), eb.fn.avg<number>("usefulness").as("mean")])
    .executeTakeFirstOrThrow();
  const mean = totals.mean === null ? null : Math.round(Number(totals.mean) * 100) / 100;
  const periods = await cyclePeriodLabels(db, regionId, cycleIds);
  return {
    ...pageOf(rows, input.limit, (r) => [r.held_on, r.id], (r) => view(r, periods.get(r.cycle_id) ?? "")),
    summary: { count: Number(totals.count), rated: Number(totals.rated), meanUsefulness: mean },
  };
}
