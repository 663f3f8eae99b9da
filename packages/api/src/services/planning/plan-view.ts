// What a plan (SKP) looks like to its readers: the plan with its RHK rows, their IKI indicators, the review
// trail and where the cascade stands, and the summary a list shows. Rows become views here; nothing is read.
import type { TargetAspect } from "@kinerja/core";
import type { EmployeeRow, PlanIkiRow, PlanReviewRow, PlanRhkRow, PlanRow, PlanStatus, RhkKind } from "@kinerja/db";
import { cascadeState, type SuperiorPlan } from "./plan-rules.js";

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

export function summaryOf(plan: PlanRow, employee: Pick<EmployeeRow, "nip" | "nama" | "jabatan">): PlanSummary {
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

/** Everything a plan's view is made of, as read from the database. */
export interface PlanRows {
  plan: PlanRow;
  employee: Pick<EmployeeRow, "nip" | "nama" | "jabatan">;
  rhk: PlanRhkRow[];
  iki: PlanIkiRow[];
  reviews: PlanReviewRow[];
  /** The superior's RHK rows that rows of this plan cascade from, by id. */
  parents: Map<string, { id: string; text: string; planId: string }>;
  cascade: boolean;
  superior: SuperiorPlan | null;
}

export function planViewOf(rows: PlanRows): PlanView {
  const { superior } = rows;
  return {
    ...summaryOf(rows.plan, rows.employee),
    rhk: rows.rhk.map((r) => ({
      id: r.id,
      kind: r.kind,
      text: r.text,
      parentRhkId: r.parent_rhk_id,
      parent: r.parent_rhk_id ? (rows.parents.get(r.parent_rhk_id) ?? null) : null,
      indicators: rows.iki.filter((i) => i.rhk_id === r.id).map(ikiView),
    })),
    reviews: rows.reviews.map((r) => ({ action: r.action, note: r.note, actorName: r.actor_name, actorRole: r.actor_role, at: r.at })),
    cascade: {
      required: rows.cascade,
      superior: superior
        ? { nip: superior.nip, nama: superior.nama, planId: superior.plan?.id ?? null, planStatus: superior.plan?.status ?? null }
        : null,
      ...cascadeState(rows.cascade, rows.rhk, superior),
    },
    superiorRhk: superior?.rhk.map((r) => ({ id: r.id, kind: r.kind, text: r.text })) ?? [],
  };
}
