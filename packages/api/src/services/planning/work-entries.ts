// Work entries (e-performance, real time): employees log work as it happens against an IKI of their plan
// (what, how much, when, with evidence files), and the assessor confirms it or returns it with a note.
// Where the rule set requires an approved plan (workflow.planning.required), work is logged only against
// an approved plan. Progress against the targets is in work-progress.ts.
import { newId, now, type CycleRow, type Database, type EmployeeRow, type PlanRow, type WorkEntryRow, type WorkEntryStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import {
  checkRelation,
  findEmployee,
  relationTo,
  requireRelation,
  requireReviewer,
  visibleEmployees,
  visibleFilter,
  withDb,
  type Relation,
  type Scope,
} from "../access/index.js";
import { assertInCycle, cyclePeriodLabels, findCycle, yearCycleIds } from "../cycles/index.js";
import { audit, decodeCursor, DomainError, pageOf, type Page } from "../lib/index.js";
import { notify } from "../notifications/index.js";
import { assertDateInPeriod, assertWorkOpen, cycleWorkflow } from "../rules/index.js";
import { findPlan } from "./plan-queries.js";
import { PLAN_STATUS_LABEL } from "./plan-rules.js";

const STATUS_LABEL: Record<WorkEntryStatus, string> = {
  submitted: "menunggu konfirmasi",
  confirmed: "dikonfirmasi",
  returned: "dikembalikan",
};

export interface EvidenceSummary {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface WorkEntryView {
  id: string;
  cycleId: string;
  /** The period of the cycle the work was done in (2025-Q3): its mark where a year's view carries it. */
  periodLabel: string;
  employeeId: string;
  planId: string;
  ikiId: string;
  ikiText: string;
  satuan: string;
  rhkId: string;
  rhkText: string;
  workDate: string;
  description: string;
  quantity: number;
  status: WorkEntryStatus;
  reviewNote: string | null;
  reviewedAt: string | null;
  createdAt: string;
  updatedAt: string;
  evidence: EvidenceSummary[];
}

export interface EntryParts {
  entry: WorkEntryRow;
  employee: EmployeeRow;
  cycle: CycleRow;
}

export async function entryParts(db: Kysely<Database>, regionId: string, id: string): Promise<EntryParts> {
  const entry = await db.selectFrom("work_entries").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!entry) throw new DomainError({ code: "NOT_FOUND", message: `Catatan kerja ${id} tidak ditemukan` });
  const [employee, cycle] = await Promise.all([findEmployee(db, regionId, entry.employee_id), findCycle(db, regionId, entry.cycle_id)]);
  return { entry, employee, cycle };
}

/** Who reads an entry by their relation to its employee; those in its feedback thread read it too. */
const ENTRY_READERS: readonly Relation[] = ["self", "assessor", "admin"];

/**
 * Who may read an entry: the employee, the assessor and admins, and whoever takes part in its feedback
 * thread (asked for feedback, or wrote in it).
 */
export async function assertCanSeeEntry(scope: Scope, parts: EntryParts): Promise<void> {
  const relation = await relationTo(scope, parts.employee);
  if (relation && ENTRY_READERS.includes(relation)) return;
  const nip = scope.me?.nip;
  const participant = await scope.db
    .selectFrom("feedback")
    .select("id")
    .where("region_id", "=", parts.entry.region_id)
    .where("work_entry_id", "=", parts.entry.id)
    .where((eb) => eb.or([eb("author_id", "=", scope.user.id), ...(nip ? [eb("asked_nip", "=", nip)] : [])]))
    .executeTakeFirst();
  if (!participant) checkRelation(relation, parts.employee, ENTRY_READERS, "melihat catatan kerja");
}

async function views(db: Kysely<Database>, regionId: string, entries: WorkEntryRow[]): Promise<WorkEntryView[]> {
  if (entries.length === 0) return [];
  const ikiIds = [...new Set(entries.map((e) => e.iki_id))];
  const ikis = new Map(
    (
      await db
        .selectFrom("plan_iki as i")
        .innerJoin("plan_rhk as r", (join) => join.onRef("r.region_id", "=", "i.region_id").onRef("r.id", "=", "i.rhk_id"))
        .select(["i.id", "i.text", "i.satuan", "r.id as rhkId", "r.text as rhkText"])
        .where("i.region_id", "=", regionId)
        .where("i.id", "in", ikiIds)
        .execute()
    ).map((i) => [i.id, i]),
  );
  const files = await db
    .selectFrom("evidence_files")
    .select(["id", "work_entry_id", "filename", "content_type", "size", "sha256", "created_at"])
    .where("region_id", "=", regionId)
    .where("work_entry_id", "in", entries.map((e) => e.id))
    .orderBy("id")
    .execute();
  const periods = await cyclePeriodLabels(db, regionId, entries.map((e) => e.cycle_id));
  return entries.map((e) => {
    const iki = ikis.get(e.iki_id);
    return {
      id: e.id,
      cycleId: e.cycle_id,
      periodLabel: periods.get(e.cycle_id) ?? "",
      employeeId: e.employee_id,
      planId: e.plan_id,
      ikiId: e.iki_id,
      ikiText: iki?.text ?? "",
      satuan: iki?.satuan ?? "",
      rhkId: iki?.rhkId ?? "",
      rhkText: iki?.rhkText ?? "",
      workDate: e.work_date,
      description: e.description,
      quantity: e.quantity,
      status: e.status,
      reviewNote: e.review_note,
      reviewedAt: e.reviewed_at,
      createdAt: e.created_at,
      updatedAt: e.updated_at,
      evidence: files
        .filter((f) => f.work_entry_id === e.id)
        .map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, sha256: f.sha256, createdAt: f.created_at })),
    };
  });
}

async function viewOf(db: Kysely<Database>, regionId: string, id: string): Promise<WorkEntryView> {
  const entry = await db.selectFrom("work_entries").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  return (await views(db, regionId, [entry]))[0] as WorkEntryView;
}

/** The plan an IKI belongs to. */
async function planOfIki(db: Kysely<Database>, regionId: string, ikiId: string): Promise<PlanRow> {
  const iki = await db.selectFrom("plan_iki").select("plan_id").where("region_id", "=", regionId).where("id", "=", ikiId).executeTakeFirst();
  if (!iki) throw new DomainError({ code: "NOT_FOUND", message: `IKI ${ikiId} tidak ditemukan` });
  return findPlan(db, regionId, iki.plan_id);
}

/** Refuses work on a plan the cycle's rule set does not take work on yet (or any more). */
async function assertTakesWork(db: Kysely<Database>, plan: PlanRow, cycle: CycleRow): Promise<void> {
  assertWorkOpen(cycle);
  const required = (await cycleWorkflow(db, cycle)).planning.required;
  if (required && plan.status !== "approved") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `SKP berstatus ${PLAN_STATUS_LABEL[plan.status]}; rule set wilayah ini mewajibkan SKP disetujui atasan sebelum kerja dicatat`,
    });
  }
  if (plan.status === "rejected") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "SKP ditolak; perbaiki dan ajukan lagi sebelum mencatat kerja" });
  }
}

export interface WorkEntryInput {
  ikiId: string;
  workDate: string;
  description: string;
  quantity: number;
}

export async function createWorkEntry(scope: Scope, input: WorkEntryInput): Promise<WorkEntryView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const plan = await planOfIki(trx, regionId, input.ikiId);
    const employee = await findEmployee(trx, regionId, plan.employee_id);
    await requireRelation(withDb(scope, trx), employee, ["self", "admin"], "mencatat kerja");
    const cycle = await findCycle(trx, regionId, plan.cycle_id);
    await assertTakesWork(trx, plan, cycle);
    // The plan may predate the cycle's units being narrowed while it was a draft.
    await assertInCycle(trx, cycle, employee);
    assertDateInPeriod(cycle, input.workDate, "Tanggal kerja");
    const at = now();
    const id = newId();
    const row = {
      region_id: regionId,
      id,
      cycle_id: cycle.id,
      employee_id: employee.id,
      plan_id: plan.id,
      iki_id: input.ikiId,
      work_date: input.workDate,
      description: input.description,
      quantity: input.quantity,
      status: "submitted" as const,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto("work_entries").values(row).execute();
    await audit(trx, { regionId, actor, action: "workEntry.create", entity: "workEntry", entityId: id, after: input });
    if (employee.atasan_nip) {
      await notify(trx, {
        regionId,
        kind: "work_entries_waiting",
        employeeNips: [employee.atasan_nip],
        values: { nama_pegawai: employee.nama, judul: input.description.slice(0, 120) },
        link: "/team",
      });
    }
    return viewOf(trx, regionId, id);
  });
}

/** Edits an entry not yet confirmed; a returned entry goes back to the assessor. */
export async function updateWorkEntry(scope: Scope, input: { id: string } & Partial<WorkEntryInput>): Promise<WorkEntryView> {
  const { regionId, actor } = scope;
  return scope.db.transaction().execute(async (trx) => {
    const { entry, employee, cycle } = await entryParts(trx, regionId, input.id);
    await requireRelation(withDb(scope, trx), employee, ["self", "admin"], "mengubah catatan kerja");
    assertWorkOpen(cycle);
    if (entry.status === "confirmed") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Catatan kerja sudah dikonfirmasi atasan dan tidak bisa diubah" });
    }
    if (input.ikiId && input.ikiId !== entry.iki_id) {
      const plan = await planOfIki(trx, regionId, input.ikiId);
      if (plan.id !== entry.plan_id) {
        throw new DomainError({ code: "BAD_REQUEST", message: `IKI ${input.ikiId} bukan bagian dari SKP catatan kerja ini` });
      }
      await assertTakesWork(trx, plan, cycle);
    }
    if (input.workDate) assertDateInPeriod(cycle, input.workDate, "Tanggal kerja");
    const at = now();
    await trx
      .updateTable("work_entries")
      .set({
        ...(input.ikiId ? { iki_id: input.ikiId } : {}),
        ...(input.workDate ? { work_date: input.workDate } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
        status: "submitted",
        updated_at: at,
      })
      .where("region_id", "=", regionId)
      .where("id", "=", entry.id)
      .execute();
    const after = await viewOf(trx, regionId, entry.id);
    await audit(trx, {
      regionId,
      actor,
      action: "workEntry.update",
      entity: "workEntry",
      entityId: entry.id,
      before: { ikiId: entry.iki_id, workDate: entry.work_date, description: entry.description, quantity: entry.quantity, status: entry.status },
      after: { ikiId: after.ikiId, workDate: after.workDate, description: after.description, quantity: after.quantity, status: after.status },
    });
    return after;
  });
}

/** The assessor confirms an entry, or returns it (also a confirmed one) with a note. */
export async function reviewWorkEntry(scope: Scope, input: { id: string; decision: "confirm" | "return"; note?: string }): Promise<WorkEntryView> {
  const { regionId, actor } = scope;
  const note = input.note?.trim() || null;
  if (input.decision === "return" && !note) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Mengembalikan catatan kerja memerlukan catatan apa yang perlu diperbaiki" });
  }
  return scope.db.transaction().execute(async (trx) => {
    const { entry, employee, cycle } = await entryParts(trx, regionId, input.id);
    await requireReviewer(
      withDb(scope, trx),
      employee,
      input.decision === "confirm" ? "mengonfirmasi catatan kerja" : "mengembalikan catatan kerja",
      "Catatan kerja sendiri tidak bisa dikonfirmasi sendiri; konfirmasi ada pada atasan langsung",
    );
    assertWorkOpen(cycle);
    const allowed: WorkEntryStatus[] = input.decision === "confirm" ? ["submitted"] : ["submitted", "confirmed"];
    if (!allowed.includes(entry.status)) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Catatan kerja berstatus ${STATUS_LABEL[entry.status]}; yang bisa ${input.decision === "confirm" ? "dikonfirmasi" : "dikembalikan"}: ${allowed.map((s) => STATUS_LABEL[s]).join(", ")}`,
      });
    }
    const status: WorkEntryStatus = input.decision === "confirm" ? "confirmed" : "returned";
    const at = now();
    await trx
      .updateTable("work_entries")
      .set({ status, review_note: note, reviewed_by: actor.id, reviewed_at: at, updated_at: at })
      .where("region_id", "=", regionId)
      .where("id", "=", entry.id)
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: input.decision === "confirm" ? "workEntry.confirm" : "workEntry.return",
      entity: "workEntry",
      entityId: entry.id,
      before: { status: entry.status },
      after: { status, note },
    });
    return viewOf(trx, regionId, entry.id);
  });
}

export async function getWorkEntry(scope: Scope, id: string): Promise<WorkEntryView> {
  const parts = await entryParts(scope.db, scope.regionId, id);
  await assertCanSeeEntry(scope, parts);
  return viewOf(scope.db, scope.regionId, id);
}

/** Entries of a cycle the person may see (own, direct reports', or the region's), newest first. */
export async function listWorkEntries(
  scope: Scope,
  input: { cycleId: string; employeeId?: string; status?: WorkEntryStatus; ikiId?: string; cursor?: string; limit: number },
): Promise<Page<WorkEntryView>> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const visible = visibleEmployees(scope);
  // An annual cycle's list holds the work of the year's periods too, each entry with its own cycle id.
  let query = db
    .selectFrom("work_entries as w")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "w.region_id").onRef("e.id", "=", "w.employee_id"))
    .selectAll("w")
    .where("w.region_id", "=", regionId)
    .where("w.cycle_id", "in", await yearCycleIds(db, cycle))
    .where((eb) => visibleFilter(eb, visible));
  if (input.employeeId) query = query.where("w.employee_id", "=", input.employeeId);
  if (input.status) query = query.where("w.status", "=", input.status);
  if (input.ikiId) query = query.where("w.iki_id", "=", input.ikiId);
  if (input.cursor) query = query.where("w.id", "<", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("w.id", "desc").limit(input.limit + 1).execute();
  const page = pageOf(rows, input.limit, (r) => [r.id], (r) => r);
  return { items: await views(db, regionId, page.items), nextCursor: page.nextCursor };
}
