// Work entries (e-performance, real time): employees log work as it happens against an IKI of their plan
// (what, how much, when, with evidence files), the assessor confirms it or returns it with a note, and the
// progress against each IKI's target (confirmed quantities against the target) is there for both at once.
// Where the rule set requires an approved plan (workflow.planning.required), work is logged only against
// an approved plan.
import { DomainError } from "../lib/index.js";
import type { IndicatorValue, TargetAspect } from "@kinerja/core";
import { newId, now, type CycleRow, type Database, type EmployeeRow, type PlanRow, type WorkEntryRow, type WorkEntryStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Actor } from "../lib/index.js";
import { audit } from "../lib/index.js";
import { assertInCycle } from "../cycles/index.js";
import { findCycle } from "../cycles/index.js";
import { decodeCursor, pageOf, type Page } from "../lib/index.js";
import { findPlan, PLAN_STATUS_LABEL, planOf } from "./plans.js";
import { realisasiFromWorkEntries } from "./realisasi.js";
import { findEmployee, ownEmployee, ownOrReports, relationTo, requireRelation, requireReviewer } from "../access/index.js";
import { assertDateInPeriod, assertWorkOpen, cycleWorkflow } from "../rules/index.js";

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

/**
 * Who may read an entry: the employee, the assessor and admins, and whoever takes part in its feedback
 * thread (asked for feedback, or wrote in it).
 */
export async function assertCanSeeEntry(db: Kysely<Database>, user: SessionUser, parts: EntryParts): Promise<void> {
  if (relationTo(user, parts.employee)) return;
  const participant = await db
    .selectFrom("feedback")
    .select("id")
    .where("region_id", "=", parts.entry.region_id)
    .where("work_entry_id", "=", parts.entry.id)
    .where((eb) => eb.or([eb("author_id", "=", user.id), ...(user.username ? [eb("asked_nip", "=", user.username)] : [])]))
    .executeTakeFirst();
  if (!participant) requireRelation(user, parts.employee, ["self", "assessor", "admin"], "melihat catatan kerja");
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
  return entries.map((e) => {
    const iki = ikis.get(e.iki_id);
    return {
      id: e.id,
      cycleId: e.cycle_id,
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

/** The IKI and its plan, checked to accept work under the cycle's rule set. */
async function ikiForWork(db: Kysely<Database>, regionId: string, ikiId: string): Promise<{ plan: PlanRow; cycle: CycleRow }> {
  const iki = await db.selectFrom("plan_iki").select(["id", "plan_id"]).where("region_id", "=", regionId).where("id", "=", ikiId).executeTakeFirst();
  if (!iki) throw new DomainError({ code: "NOT_FOUND", message: `IKI ${ikiId} tidak ditemukan` });
  const plan = await findPlan(db, regionId, iki.plan_id);
  const cycle = await findCycle(db, regionId, plan.cycle_id);
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
  return { plan, cycle };
}

export interface WorkEntryInput {
  ikiId: string;
  workDate: string;
  description: string;
  quantity: number;
}

export async function createWorkEntry(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: WorkEntryInput,
): Promise<WorkEntryView> {
  return db.transaction().execute(async (trx) => {
    const { plan, cycle } = await ikiForWork(trx, regionId, input.ikiId);
    const employee = await findEmployee(trx, regionId, plan.employee_id);
    requireRelation(user, employee, ["self", "admin"], "mencatat kerja");
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
    return viewOf(trx, regionId, id);
  });
}

/** Edits an entry not yet confirmed; a returned entry goes back to the assessor. */
export async function updateWorkEntry(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { id: string } & Partial<WorkEntryInput>,
): Promise<WorkEntryView> {
  return db.transaction().execute(async (trx) => {
    const { entry, employee, cycle } = await entryParts(trx, regionId, input.id);
    requireRelation(user, employee, ["self", "admin"], "mengubah catatan kerja");
    assertWorkOpen(cycle);
    if (entry.status === "confirmed") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: "Catatan kerja sudah dikonfirmasi atasan dan tidak bisa diubah" });
    }
    if (input.ikiId && input.ikiId !== entry.iki_id) {
      const { plan } = await ikiForWork(trx, regionId, input.ikiId);
      if (plan.id !== entry.plan_id) {
        throw new DomainError({ code: "BAD_REQUEST", message: `IKI ${input.ikiId} bukan bagian dari SKP catatan kerja ini` });
      }
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
export async function reviewWorkEntry(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { id: string; decision: "confirm" | "return"; note?: string },
): Promise<WorkEntryView> {
  const note = input.note?.trim() || null;
  if (input.decision === "return" && !note) {
    throw new DomainError({ code: "BAD_REQUEST", message: "Mengembalikan catatan kerja memerlukan catatan apa yang perlu diperbaiki" });
  }
  return db.transaction().execute(async (trx) => {
    const { entry, employee, cycle } = await entryParts(trx, regionId, input.id);
    requireReviewer(
      user,
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

export async function getWorkEntry(db: Kysely<Database>, regionId: string, user: SessionUser, id: string): Promise<WorkEntryView> {
  const parts = await entryParts(db, regionId, id);
  await assertCanSeeEntry(db, user, parts);
  return viewOf(db, regionId, id);
}

/** Entries of a cycle the user may see (own, direct reports', or the region's), newest first. */
export async function listWorkEntries(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; employeeId?: string; status?: WorkEntryStatus; ikiId?: string; cursor?: string; limit: number },
): Promise<Page<WorkEntryView>> {
  await findCycle(db, regionId, input.cycleId);
  let query = db
    .selectFrom("work_entries as w")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "w.region_id").onRef("e.id", "=", "w.employee_id"))
    .selectAll("w")
    .where("w.region_id", "=", regionId)
    .where("w.cycle_id", "=", input.cycleId);
  if (user.role !== "admin" && user.role !== "operator") query = query.where((eb) => ownOrReports(eb, user));
  if (input.employeeId) query = query.where("w.employee_id", "=", input.employeeId);
  if (input.status) query = query.where("w.status", "=", input.status);
  if (input.ikiId) query = query.where("w.iki_id", "=", input.ikiId);
  if (input.cursor) query = query.where("w.id", "<", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("w.id", "desc").limit(input.limit + 1).execute();
  const page = pageOf(rows, input.limit, (r) => [r.id], (r) => r);
  return { items: await views(db, regionId, page.items), nextCursor: page.nextCursor };
}

export interface IkiProgress {
  ikiId: string;
  rhkId: string;
  rhkText: string;
  text: string;
  satuan: string;
  target: number;
  indicatorId: string | null;
  aspect: TargetAspect | null;
  /** Sum of confirmed quantities (their mean for the kualitas aspect). */
  confirmed: number;
  /** Sum of quantities waiting for the assessor. */
  pending: number;
  /** confirmed / target × 100, to one decimal. */
  percent: number;
  entries: Record<WorkEntryStatus, number>;
}

export interface Progress {
  planId: string | null;
  planStatus: string | null;
  indicators: IkiProgress[];
  /** What the evaluation would read now, by rule-set indicator id (see realisasi.ts). */
  realisasi: Record<string, IndicatorValue>;
}

/** Progress of an employee's plan (the user's own when no employee is named) against its targets. */
export async function workProgress(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; employeeId?: string },
): Promise<Progress> {
  const cycle = await findCycle(db, regionId, input.cycleId);
  const employee = input.employeeId ? await findEmployee(db, regionId, input.employeeId) : await ownEmployee(db, regionId, user);
  if (!employee) throw new DomainError({ code: "BAD_REQUEST", message: "Akun ini tidak terhubung ke data pegawai; sebutkan employeeId" });
  requireRelation(user, employee, ["self", "assessor", "admin"], "melihat capaian kerja");
  return planProgress(db, cycle, employee);
}

/** Progress of the employee's plan in the cycle, for a reader the caller has checked. */
export async function planProgress(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<Progress> {
  const regionId = cycle.region_id;
  const plan = await planOf(db, cycle, employee.id);
  if (!plan) return { planId: null, planStatus: null, indicators: [], realisasi: {} };
  const ikis = await db
    .selectFrom("plan_iki as i")
    .innerJoin("plan_rhk as r", (join) => join.onRef("r.region_id", "=", "i.region_id").onRef("r.id", "=", "i.rhk_id"))
    .select(["i.id", "i.text", "i.satuan", "i.target", "i.indicator_id", "i.aspect", "r.id as rhkId", "r.text as rhkText"])
    .where("i.region_id", "=", regionId)
    .where("i.plan_id", "=", plan.id)
    .orderBy("r.position")
    .orderBy("i.position")
    .execute();
  const sums = await db
    .selectFrom("work_entries")
    .select((eb) => ["iki_id", "status", eb.fn.sum<number>("quantity").as("total"), eb.fn.countAll<number>().as("n")])
    .where("region_id", "=", regionId)
    .where("plan_id", "=", plan.id)
    .groupBy(["iki_id", "status"])
    .execute();
  const realisasi = (await realisasiFromWorkEntries(db, cycle, [employee.id])).get(employee.id) ?? {};
  return {
    planId: plan.id,
    planStatus: plan.status,
    indicators: ikis.map((iki) => {
      const of = (status: WorkEntryStatus) => sums.find((s) => s.iki_id === iki.id && s.status === status);
      const confirmedRow = of("confirmed");
      const n = Number(confirmedRow?.n ?? 0);
      const total = Number(confirmedRow?.total ?? 0);
      const confirmed = iki.aspect === "kualitas" ? (n > 0 ? total / n : 0) : total;
      return {
        ikiId: iki.id,
        rhkId: iki.rhkId,
        rhkText: iki.rhkText,
        text: iki.text,
        satuan: iki.satuan,
        target: iki.target,
        indicatorId: iki.indicator_id,
        aspect: iki.aspect as TargetAspect | null,
        confirmed,
        pending: Number(of("submitted")?.total ?? 0),
        percent: Math.round((confirmed / iki.target) * 1000) / 10,
        entries: { submitted: Number(of("submitted")?.n ?? 0), confirmed: n, returned: Number(of("returned")?.n ?? 0) },
      };
    }),
    realisasi,
  };
}
