// Planning (perencanaan): each employee's plan (SKP) for a cycle, its RHK rows (utama, tambahan) with their
// IKI indicators and targets, and its review by the assessor. draft → submitted → approved, or back to the
// employee as revision (with a note) or rejected (with a reason), from where it is edited and submitted
// again. Where the rule set asks for cascading (workflow.planning.cascade), each RHK utama must cascade from
// (menginduk) an RHK of the superior's plan, but only once the superior's plan is approved: before that the
// plan is drafted, submitted and approved without the link, which can be added later (plan.link), so no one
// waits for their superior to plan first.
import { DomainError } from "../lib/index.js";
import { realisasiIndicators, type TargetAspect } from "@kinerja/core";
import {
  newId,
  now,
  type CycleRow,
  type Database,
  type EmployeeRow,
  type PlanIkiRow,
  type PlanRhkRow,
  type PlanRow,
  type PlanStatus,
  type RhkKind,
} from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Actor } from "../lib/index.js";
import { audit } from "../lib/index.js";
import { assertInCycle } from "../cycles/index.js";
import { findCycle } from "../cycles/index.js";
import { decodeCursor, pageOf, type Page } from "../lib/index.js";
import { cycleRules } from "../rules/index.js";
import { findEmployee, ownEmployee, ownOrReports, requireRelation, requireReviewer } from "../access/index.js";
import { assertPlanningOpen, cycleWorkflow } from "../rules/index.js";

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  draft: "draf",
  submitted: "diajukan",
  revision: "dikembalikan untuk revisi",
  rejected: "ditolak",
  approved: "disetujui",
};

/** The statuses in which the employee edits the plan. */
const EDITABLE: readonly PlanStatus[] = ["draft", "revision", "rejected"];

export interface IkiView {
  id: string;
  text: string;
  target: number;
  satuan: string;
  /** The rule set's target/achievement indicator the IKI's realisasi feeds, if any. */
  indicatorId: string | null;
  aspect: TargetAspect | null;
}

export interface RhkView {
  id: string;
  kind: RhkKind;
  text: string;
  parentRhkId: string | null;
  /** The superior's RHK this one cascades from. */
  parent: { id: string; text: string; planId: string } | null;
  indicators: IkiView[];
}

export interface PlanReviewView {
  action: string;
  note: string | null;
  actorName: string;
  actorRole: string;
  at: string;
}

export interface CascadeState {
  /** Whether the rule set asks each RHK utama to cascade from the superior's plan. */
  required: boolean;
  superior: { nip: string; nama: string | null; planId: string | null; planStatus: PlanStatus | null } | null;
  /** RHK utama rows with no link to a superior's RHK yet. */
  unlinked: number;
  /** Links are missing and the superior's plan is not approved yet: the plan waits, it is not blocked. */
  waitingForSuperior: boolean;
}

export interface PlanSummary {
  id: string;
  cycleId: string;
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  status: PlanStatus;
  assessorNip: string | null;
  reviewNote: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  updatedAt: string;
}

export interface PlanView extends PlanSummary {
  rhk: RhkView[];
  reviews: PlanReviewView[];
  cascade: CascadeState;
  /** The RHK rows of the superior's plan, to cascade from. */
  superiorRhk: Array<{ id: string; kind: RhkKind; text: string }>;
}

function summaryOf(plan: PlanRow, employee: Pick<EmployeeRow, "nip" | "nama" | "jabatan">): PlanSummary {
  return {
    id: plan.id,
    cycleId: plan.cycle_id,
    employeeId: plan.employee_id,
    nip: employee.nip,
    nama: employee.nama,
    jabatan: employee.jabatan,
    status: plan.status,
    assessorNip: plan.assessor_nip,
    reviewNote: plan.review_note,
    submittedAt: plan.submitted_at,
    decidedAt: plan.decided_at,
    updatedAt: plan.updated_at,
  };
}

export async function findPlan(db: Kysely<Database>, regionId: string, id: string): Promise<PlanRow> {
  const row = await db.selectFrom("plans").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError({ code: "NOT_FOUND", message: `SKP ${id} tidak ditemukan` });
  return row;
}

/** The employee's plan in the cycle, if they have one yet. */
export async function planOf(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, employeeId: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom("plans")
    .selectAll()
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "=", employeeId)
    .executeTakeFirst();
}

interface SuperiorPlan {
  nip: string;
  nama: string | null;
  plan: PlanRow | null;
  rhk: PlanRhkRow[];
}

/** The employee's superior and the superior's plan in the cycle; null when the employee has no superior. */
async function superiorPlanOf(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<SuperiorPlan | null> {
  if (!employee.atasan_nip) return null;
  const superior = await db
    .selectFrom("employees")
    .select(["id", "nama"])
    .where("region_id", "=", cycle.region_id)
    .where("nip", "=", employee.atasan_nip)
    .executeTakeFirst();
  const plan = superior ? ((await planOf(db, cycle, superior.id)) ?? null) : null;
  const rhk = plan
    ? await db.selectFrom("plan_rhk").selectAll().where("region_id", "=", cycle.region_id).where("plan_id", "=", plan.id).orderBy("position").execute()
    : [];
  return { nip: employee.atasan_nip, nama: superior?.nama ?? null, plan, rhk };
}

/** A link is demanded only when the rule set cascades and the superior's plan is approved (so its RHKs are settled). */
function linksDemanded(cascade: boolean, superior: SuperiorPlan | null): boolean {
  return cascade && superior?.plan?.status === "approved" && superior.rhk.length > 0;
}

interface PlanParts {
  plan: PlanRow;
  employee: EmployeeRow;
  cycle: CycleRow;
}

async function partsOf(db: Kysely<Database>, regionId: string, planId: string): Promise<PlanParts> {
  const plan = await findPlan(db, regionId, planId);
  const [employee, cycle] = await Promise.all([findEmployee(db, regionId, plan.employee_id), findCycle(db, regionId, plan.cycle_id)]);
  return { plan, employee, cycle };
}

async function planView(db: Kysely<Database>, { plan, employee, cycle }: PlanParts): Promise<PlanView> {
  const regionId = plan.region_id;
  const [rhkRows, ikiRows, reviews, workflow, superior] = await Promise.all([
    db.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("position").execute(),
    db.selectFrom("plan_iki").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("position").execute(),
    db.selectFrom("plan_reviews").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).orderBy("id").execute(),
    cycleWorkflow(db, cycle),
    superiorPlanOf(db, cycle, employee),
  ]);
  const parentIds = [...new Set(rhkRows.map((r) => r.parent_rhk_id).filter((id): id is string => id !== null))];
  const parents = new Map(
    parentIds.length === 0
      ? []
      : (
          await db.selectFrom("plan_rhk").select(["id", "text", "plan_id"]).where("region_id", "=", regionId).where("id", "in", parentIds).execute()
        ).map((p) => [p.id, { id: p.id, text: p.text, planId: p.plan_id }]),
  );
  const unlinked = rhkRows.filter((r) => r.kind === "utama" && r.parent_rhk_id === null).length;
  return {
    ...summaryOf(plan, employee),
    rhk: rhkRows.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      parentRhkId: r.parent_rhk_id,
      parent: r.parent_rhk_id ? (parents.get(r.parent_rhk_id) ?? null) : null,
      indicators: ikiRows.filter((i) => i.rhk_id === r.id).map(ikiView),
    })),
    reviews: reviews.map((r) => ({ action: r.action, note: r.note, actorName: r.actor_name, actorRole: r.actor_role, at: r.at })),
    cascade: {
      required: workflow.planning.cascade,
      superior: superior
        ? { nip: superior.nip, nama: superior.nama, planId: superior.plan?.id ?? null, planStatus: superior.plan?.status ?? null }
        : null,
      unlinked,
      waitingForSuperior: workflow.planning.cascade && unlinked > 0 && superior !== null && superior.plan?.status !== "approved",
    },
    superiorRhk: superior?.rhk.map((r) => ({ id: r.id, kind: r.kind, text: r.text })) ?? [],
  };
}

function ikiView(row: PlanIkiRow): IkiView {
  return {
    id: row.id,
    text: row.text,
    target: row.target,
    satuan: row.satuan,
    indicatorId: row.indicator_id,
    aspect: row.aspect as TargetAspect | null,
  };
}

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

/** The plan, or the plan of an employee (the user's own when no employee is named) in a cycle; null when none yet. */
export async function getPlan(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { id?: string; cycleId?: string; employeeId?: string },
): Promise<PlanView | null> {
  let parts: PlanParts;
  if (input.id) parts = await partsOf(db, regionId, input.id);
  else if (input.cycleId) {
    const cycle = await findCycle(db, regionId, input.cycleId);
    const employee = await employeeNamedOrOwn(db, regionId, user, input.employeeId);
    requireRelation(user, employee, ["self", "assessor", "admin"], "melihat SKP");
    const plan = await planOf(db, cycle, employee.id);
    if (!plan) return null;
    parts = { plan, employee, cycle };
  } else throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan id SKP, atau cycleId (dan employeeId)" });
  requireRelation(user, parts.employee, ["self", "assessor", "admin"], "melihat SKP");
  return planView(db, parts);
}

async function employeeNamedOrOwn(db: Kysely<Database>, regionId: string, user: SessionUser, employeeId?: string): Promise<EmployeeRow> {
  if (employeeId) return findEmployee(db, regionId, employeeId);
  const own = await ownEmployee(db, regionId, user);
  if (!own) throw new DomainError({ code: "BAD_REQUEST", message: "Akun ini tidak terhubung ke data pegawai; sebutkan employeeId" });
  return own;
}

/** Starts an employee's plan for the cycle (the user's own when no employee is named). */
export async function createPlan(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { cycleId: string; employeeId?: string },
): Promise<PlanView> {
  return db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    const employee = await employeeNamedOrOwn(trx, regionId, user, input.employeeId);
    requireRelation(user, employee, ["self", "admin"], "menyusun SKP");
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

export interface IkiInput {
  id?: string;
  text: string;
  target: number;
  satuan: string;
  indicatorId?: string | null;
  aspect?: TargetAspect | null;
}

export interface RhkInput {
  id?: string;
  kind: RhkKind;
  text: string;
  parentRhkId?: string | null;
  indicators: IkiInput[];
}

/**
 * The plan's RHK rows as given replace the stored ones: rows with an id are kept and updated (a row sent
 * without parentRhkId keeps its link), rows without one are added, rows not sent are removed.
 */
export async function savePlan(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { id: string; rhk: RhkInput[] },
): Promise<PlanView> {
  return db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    requireRelation(user, employee, ["self", "admin"], "mengubah SKP");
    assertPlanningOpen(cycle);
    if (!EDITABLE.includes(plan.status)) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `SKP berstatus ${PLAN_STATUS_LABEL[plan.status]}; yang bisa diubah hanya SKP draf, dikembalikan untuk revisi, atau ditolak`,
      });
    }
    const before = await planView(trx, parts);
    const indicators = realisasiIndicators((await cycleRules(trx, cycle)).ruleSet);
    const superior = await superiorPlanOf(trx, cycle, employee);
    const oldRhk = new Map((await trx.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).execute()).map((r) => [r.id, r]));
    const oldIki = new Map((await trx.selectFrom("plan_iki").selectAll().where("region_id", "=", regionId).where("plan_id", "=", plan.id).execute()).map((i) => [i.id, i]));

    const problems: string[] = [];
    const seen = new Set<string>();
    const resolvedAspects = new Map<IkiInput, TargetAspect | null>();
    input.rhk.forEach((rhk, r) => {
      const at = `rhk[${r}]`;
      if (rhk.id !== undefined) {
        if (!oldRhk.has(rhk.id)) problems.push(`${at}.id: RHK ${rhk.id} bukan bagian dari SKP ini; untuk RHK baru, kosongkan id`);
        if (seen.has(rhk.id)) problems.push(`${at}.id: RHK ${rhk.id} disebut dua kali`);
        seen.add(rhk.id);
      }
      const keepsLink = rhk.id !== undefined && rhk.parentRhkId === oldRhk.get(rhk.id)?.parent_rhk_id;
      if (rhk.parentRhkId && !keepsLink) problems.push(...parentProblems(`${at}.parentRhkId`, rhk.parentRhkId, superior));
      if (rhk.indicators.length === 0) problems.push(`${at}.indicators: setiap RHK perlu paling sedikit satu IKI`);
      rhk.indicators.forEach((iki, k) => {
        const where = `${at}.indicators[${k}]`;
        if (iki.id !== undefined) {
          const old = oldIki.get(iki.id);
          if (!old || old.rhk_id !== rhk.id) problems.push(`${where}.id: IKI ${iki.id} bukan bagian dari RHK ini; untuk IKI baru, kosongkan id`);
          if (seen.has(iki.id)) problems.push(`${where}.id: IKI ${iki.id} disebut dua kali`);
          seen.add(iki.id);
        }
        const aspect = aspectOf(where, iki, indicators, problems);
        resolvedAspects.set(iki, aspect);
      });
    });
    const keptIki = new Set(input.rhk.flatMap((r) => r.indicators.map((i) => i.id)).filter((id): id is string => id !== undefined));
    const keptRhk = new Set(input.rhk.map((r) => r.id).filter((id): id is string => id !== undefined));
    const droppedIki = [...oldIki.values()].filter((i) => !keptIki.has(i.id));
    const droppedRhk = [...oldRhk.values()].filter((r) => !keptRhk.has(r.id));
    if (droppedIki.length > 0) {
      const used = await trx
        .selectFrom("work_entries")
        .select((eb) => ["iki_id", eb.fn.countAll<number>().as("n")])
        .where("region_id", "=", regionId)
        .where("iki_id", "in", droppedIki.map((i) => i.id))
        .groupBy("iki_id")
        .execute();
      for (const u of used) {
        problems.push(`IKI "${oldIki.get(u.iki_id)?.text}" sudah punya ${Number(u.n)} catatan kerja dan tidak bisa dihapus; ubah teks atau targetnya saja`);
      }
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
      // An existing row sent without parentRhkId keeps its link; null clears it.
      const parent = rhk.parentRhkId === undefined ? (rhk.id ? (oldRhk.get(rhk.id)?.parent_rhk_id ?? null) : null) : rhk.parentRhkId;
      const fields = { kind: rhk.kind, text: rhk.text, parent_rhk_id: parent, position, updated_at: at };
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
          aspect: resolvedAspects.get(iki) ?? null,
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

function parentProblems(where: string, parentRhkId: string, superior: SuperiorPlan | null): string[] {
  if (!superior) return [`${where}: pegawai ini tidak punya atasan, jadi RHK-nya tidak menginduk; kosongkan parentRhkId`];
  if (!superior.plan) return [`${where}: atasan (NIP ${superior.nip}) belum punya SKP pada siklus ini; simpan tanpa tautan dan tautkan nanti`];
  if (superior.rhk.some((r) => r.id === parentRhkId)) return [];
  const options = superior.rhk.slice(0, 5).map((r) => `${r.id} ("${r.text}")`).join(", ");
  return [`${where}: ${parentRhkId} bukan RHK pada SKP atasan (NIP ${superior.nip}); yang diharapkan salah satu dari: ${options || "(SKP atasan belum berisi RHK)"}`];
}

/** The aspect an IKI measures: required (default kuantitas) for target indicators, none for achievement. */
function aspectOf(
  where: string,
  iki: IkiInput,
  indicators: ReturnType<typeof realisasiIndicators>,
  problems: string[],
): TargetAspect | null {
  if (!iki.indicatorId) {
    if (iki.aspect) problems.push(`${where}.aspect: aspek hanya berlaku untuk IKI yang terhubung ke indikator jenis target`);
    return null;
  }
  const indicator = indicators.get(iki.indicatorId);
  if (!indicator) {
    const known = [...indicators.keys()];
    problems.push(
      `${where}.indicatorId: "${iki.indicatorId}" bukan indikator target/capaian pada rule set siklus ini; yang diharapkan: ${known.length > 0 ? known.join(", ") : "tidak ada (rule set ini hanya memakai penilaian), kosongkan indicatorId"}`,
    );
    return null;
  }
  if (indicator.kind === "achievement") {
    if (iki.aspect) problems.push(`${where}.aspect: indikator "${indicator.id}" berjenis capaian, tanpa aspek; kosongkan aspect`);
    return null;
  }
  const aspect = iki.aspect ?? (indicator.aspects.includes("kuantitas") ? "kuantitas" : null);
  if (!aspect || !indicator.aspects.includes(aspect)) {
    problems.push(
      `${where}.aspect: indikator "${indicator.id}" memakai aspek ${indicator.aspects.join(", ")}; yang diharapkan salah satunya, bukan ${aspect ?? "(kosong)"}`,
    );
    return null;
  }
  return aspect;
}

/** Sets or clears the superior's RHK an RHK cascades from; allowed in any status, so links can follow the superior's plan. */
export async function linkRhk(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { rhkId: string; parentRhkId: string | null },
): Promise<PlanView> {
  return db.transaction().execute(async (trx) => {
    const rhk = await trx.selectFrom("plan_rhk").selectAll().where("region_id", "=", regionId).where("id", "=", input.rhkId).executeTakeFirst();
    if (!rhk) throw new DomainError({ code: "NOT_FOUND", message: `RHK ${input.rhkId} tidak ditemukan` });
    const parts = await partsOf(trx, regionId, rhk.plan_id);
    requireRelation(user, parts.employee, ["self", "assessor", "admin"], "menautkan RHK ke RHK atasan");
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

/** What keeps a plan from being submitted or approved; empty when nothing does. */
async function completenessProblems(db: Kysely<Database>, parts: PlanParts): Promise<string[]> {
  const { plan, employee, cycle } = parts;
  const rhk = await db.selectFrom("plan_rhk").selectAll().where("region_id", "=", plan.region_id).where("plan_id", "=", plan.id).orderBy("position").execute();
  const withIki = new Set(
    (await db.selectFrom("plan_iki").select("rhk_id").where("region_id", "=", plan.region_id).where("plan_id", "=", plan.id).execute()).map((i) => i.rhk_id),
  );
  const problems: string[] = [];
  if (!rhk.some((r) => r.kind === "utama")) problems.push("SKP perlu paling sedikit satu RHK utama");
  for (const r of rhk) if (!withIki.has(r.id)) problems.push(`RHK "${r.text}" belum punya IKI`);
  const workflow = await cycleWorkflow(db, cycle);
  const superior = await superiorPlanOf(db, cycle, employee);
  if (linksDemanded(workflow.planning.cascade, superior)) {
    const unlinked = rhk.filter((r) => r.kind === "utama" && r.parent_rhk_id === null);
    for (const r of unlinked) {
      problems.push(`RHK utama "${r.text}" belum menginduk ke RHK atasan; SKP atasan (NIP ${superior?.nip}) sudah disetujui, tautkan ke salah satu RHK-nya`);
    }
  }
  return problems;
}

export async function submitPlan(db: Kysely<Database>, regionId: string, user: SessionUser, actor: Actor, input: { id: string }): Promise<PlanView> {
  return db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    requireRelation(user, employee, ["self", "admin"], "mengajukan SKP");
    assertPlanningOpen(cycle);
    if (!EDITABLE.includes(plan.status)) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `SKP berstatus ${PLAN_STATUS_LABEL[plan.status]}; yang bisa diajukan hanya SKP draf, dikembalikan untuk revisi, atau ditolak`,
      });
    }
    const problems = await completenessProblems(trx, parts);
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
    return planView(trx, { ...parts, plan: await findPlan(trx, regionId, plan.id) });
  });
}

export type PlanDecision = "approve" | "revise" | "reject";

const DECISION: Record<PlanDecision, { status: PlanStatus; action: string; verb: string }> = {
  approve: { status: "approved", action: "plan.approve", verb: "menyetujui SKP" },
  revise: { status: "revision", action: "plan.requestRevision", verb: "mengembalikan SKP untuk revisi" },
  reject: { status: "rejected", action: "plan.reject", verb: "menolak SKP" },
};

/** The assessor's (or an admin's) decision on a submitted plan; revision needs a note, rejection a reason. */
export async function decidePlan(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  actor: Actor,
  input: { id: string; decision: PlanDecision; note?: string },
): Promise<PlanView> {
  const decision = DECISION[input.decision];
  const note = input.note?.trim() || null;
  if (input.decision !== "approve" && !note) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: input.decision === "reject" ? "Penolakan SKP memerlukan alasan" : "Pengembalian SKP untuk revisi memerlukan catatan apa yang perlu diperbaiki",
    });
  }
  return db.transaction().execute(async (trx) => {
    const parts = await partsOf(trx, regionId, input.id);
    const { plan, employee, cycle } = parts;
    requireReviewer(user, employee, decision.verb, "SKP sendiri tidak bisa dinilai sendiri; keputusan ada pada atasan langsung");
    assertPlanningOpen(cycle);
    if (plan.status !== "submitted") {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `SKP berstatus ${PLAN_STATUS_LABEL[plan.status]}; hanya SKP yang diajukan yang bisa diputuskan`,
      });
    }
    if (input.decision === "approve") {
      const problems = await completenessProblems(trx, parts);
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
    return planView(trx, { ...parts, plan: await findPlan(trx, regionId, plan.id) });
  });
}

/** Plans of a cycle the user may see (own, direct reports', or the region's), oldest first. */
export async function listPlans(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; status?: PlanStatus; employeeId?: string; cursor?: string; limit: number },
): Promise<Page<PlanSummary>> {
  await findCycle(db, regionId, input.cycleId);
  let query = db
    .selectFrom("plans as p")
    .innerJoin("employees as e", (join) => join.onRef("e.region_id", "=", "p.region_id").onRef("e.id", "=", "p.employee_id"))
    .selectAll("p")
    .select(["e.nip", "e.nama", "e.jabatan"])
    .where("p.region_id", "=", regionId)
    .where("p.cycle_id", "=", input.cycleId);
  if (user.role !== "admin" && user.role !== "operator") query = query.where((eb) => ownOrReports(eb, user));
  if (input.status) query = query.where("p.status", "=", input.status);
  if (input.employeeId) query = query.where("p.employee_id", "=", input.employeeId);
  if (input.cursor) query = query.where("p.id", ">", String(decodeCursor(input.cursor, 1)[0]));
  const rows = await query.orderBy("p.id").limit(input.limit + 1).execute();
  return pageOf(rows, input.limit, (r) => [r.id], (r) => summaryOf(r, r));
}
