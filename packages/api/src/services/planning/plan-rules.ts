// What a plan (SKP) may be and become, decided without reading anything: the statuses and the moves between
// them (draft → submitted → approved, or back as revision or rejected), what a saved plan must hold (each
// RHK an IKI, IKIs tied only to the rule set's target/achievement indicators with a fitting aspect), and the
// cascade: an RHK utama must cascade from (menginduk) an RHK of the superior's plan only once that plan is
// approved, so no one waits for their superior to plan first.
import type { RealisasiIndicator, TargetAspect } from "@kinerja/core";
import type { PlanIkiRow, PlanRhkRow, PlanRow, PlanStatus, RhkKind } from "@kinerja/db";
import { DomainError } from "../lib/index.js";

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  draft: "draf",
  submitted: "diajukan",
  revision: "dikembalikan untuk revisi",
  rejected: "ditolak",
  approved: "disetujui",
};

/** The statuses in which the employee edits the plan. */
const EDITABLE: readonly PlanStatus[] = ["draft", "revision", "rejected"];

/** Refuses to change (`diubah`) or submit (`diajukan`) a plan that is with the assessor or approved. */
export function assertEditable(status: PlanStatus, verb: "diubah" | "diajukan"): void {
  if (!EDITABLE.includes(status)) {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `SKP berstatus ${PLAN_STATUS_LABEL[status]}; yang bisa ${verb} hanya SKP draf, dikembalikan untuk revisi, atau ditolak`,
    });
  }
}

export type PlanDecision = "approve" | "revise" | "reject";

export const DECISION: Record<PlanDecision, { status: PlanStatus; action: string; verb: string }> = {
  approve: { status: "approved", action: "plan.approve", verb: "menyetujui SKP" },
  revise: { status: "revision", action: "plan.requestRevision", verb: "mengembalikan SKP untuk revisi" },
  reject: { status: "rejected", action: "plan.reject", verb: "menolak SKP" },
};

/** The note a decision keeps (null when blank); revision needs one saying what to fix, rejection a reason. */
export function decisionNote(decision: PlanDecision, note: string | undefined): string | null {
  const kept = note?.trim() || null;
  if (decision !== "approve" && !kept) {
    throw new DomainError({
      code: "BAD_REQUEST",
      message: decision === "reject" ? "Penolakan SKP memerlukan alasan" : "Pengembalian SKP untuk revisi memerlukan catatan apa yang perlu diperbaiki",
    });
  }
  return kept;
}

export function assertDecidable(status: PlanStatus): void {
  if (status !== "submitted") {
    throw new DomainError({
      code: "PRECONDITION_FAILED",
      message: `SKP berstatus ${PLAN_STATUS_LABEL[status]}; hanya SKP yang diajukan yang bisa diputuskan`,
    });
  }
}

/** The employee's superior (by NIP, with the name when they are an employee of the region) and their plan in the cycle. */
export interface SuperiorPlan {
  nip: string;
  nama: string | null;
  plan: PlanRow | null;
  rhk: PlanRhkRow[];
}

/** A link is demanded only when the rule set cascades and the superior's plan is approved (so its RHKs are settled). */
export function linksDemanded(cascade: boolean, superior: SuperiorPlan | null): boolean {
  return cascade && superior?.plan?.status === "approved" && superior.rhk.length > 0;
}

/** How many RHK utama rows lack a link, and whether the plan waits for the superior's plan to be approved. */
export function cascadeState(
  cascade: boolean,
  rhk: ReadonlyArray<Pick<PlanRhkRow, "kind" | "parent_rhk_id">>,
  superior: SuperiorPlan | null,
): { unlinked: number; waitingForSuperior: boolean } {
  const unlinked = rhk.filter((r) => r.kind === "utama" && r.parent_rhk_id === null).length;
  return { unlinked, waitingForSuperior: cascade && unlinked > 0 && superior !== null && superior.plan?.status !== "approved" };
}

/** What is wrong with cascading from `parentRhkId`; empty when it is an RHK of the superior's plan. */
export function parentProblems(where: string, parentRhkId: string, superior: SuperiorPlan | null): string[] {
  if (!superior) return [`${where}: pegawai ini tidak punya atasan, jadi RHK-nya tidak menginduk; kosongkan parentRhkId`];
  if (!superior.plan) return [`${where}: atasan (NIP ${superior.nip}) belum punya SKP pada siklus ini; simpan tanpa tautan dan tautkan nanti`];
  if (superior.rhk.some((r) => r.id === parentRhkId)) return [];
  const options = superior.rhk.slice(0, 5).map((r) => `${r.id} ("${r.text}")`).join(", ");
  return [`${where}: ${parentRhkId} bukan RHK pada SKP atasan (NIP ${superior.nip}); yang diharapkan salah satu dari: ${options || "(SKP atasan belum berisi RHK)"}`];
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

/** The aspect an IKI measures: required (default kuantitas) for target indicators, none for achievement. */
export function aspectOf(
  where: string,
  iki: Pick<IkiInput, "indicatorId" | "aspect">,
  indicators: ReadonlyMap<string, RealisasiIndicator>,
): { aspect: TargetAspect | null; problem: string | null } {
  const refused = (problem: string) => ({ aspect: null, problem });
  if (!iki.indicatorId) {
    return iki.aspect ? refused(`${where}.aspect: aspek hanya berlaku untuk IKI yang terhubung ke indikator jenis target`) : { aspect: null, problem: null };
  }
  const indicator = indicators.get(iki.indicatorId);
  if (!indicator) {
    const known = [...indicators.keys()];
    return refused(
      `${where}.indicatorId: "${iki.indicatorId}" bukan indikator target/capaian pada rule set siklus ini; yang diharapkan: ${known.length > 0 ? known.join(", ") : "tidak ada (rule set ini hanya memakai penilaian), kosongkan indicatorId"}`,
    );
  }
  if (indicator.kind === "achievement") {
    return iki.aspect
      ? refused(`${where}.aspect: indikator "${indicator.id}" berjenis capaian, tanpa aspek; kosongkan aspect`)
      : { aspect: null, problem: null };
  }
  const aspect = iki.aspect ?? (indicator.aspects.includes("kuantitas") ? "kuantitas" : null);
  if (!aspect || !indicator.aspects.includes(aspect)) {
    return refused(
      `${where}.aspect: indikator "${indicator.id}" memakai aspek ${indicator.aspects.join(", ")}; yang diharapkan salah satunya, bukan ${aspect ?? "(kosong)"}`,
    );
  }
  return { aspect, problem: null };
}

/** The plan's RHK and IKI rows as stored, by id. */
export interface StoredRows {
  rhk: ReadonlyMap<string, PlanRhkRow>;
  iki: ReadonlyMap<string, PlanIkiRow>;
}

export interface SaveCheck {
  problems: string[];
  /** The aspect each IKI given measures, once resolved against the rule set. */
  aspects: Map<IkiInput, TargetAspect | null>;
  /** Stored rows the input leaves out, which the save removes. */
  droppedRhk: PlanRhkRow[];
  droppedIki: PlanIkiRow[];
}

/**
 * What is wrong with the RHK rows given to replace the stored ones, with a JSON-like path to each problem:
 * ids must be the plan's own and given once, each RHK needs an IKI, new links must be to the superior's
 * RHKs, IKIs must be tied to the rule set's indicators with a fitting aspect.
 */
export function checkSave(
  input: readonly RhkInput[],
  stored: StoredRows,
  superior: SuperiorPlan | null,
  indicators: ReadonlyMap<string, RealisasiIndicator>,
): SaveCheck {
  const problems: string[] = [];
  const seen = new Set<string>();
  const aspects = new Map<IkiInput, TargetAspect | null>();
  input.forEach((rhk, r) => {
    const at = `rhk[${r}]`;
    if (rhk.id !== undefined) {
      if (!stored.rhk.has(rhk.id)) problems.push(`${at}.id: RHK ${rhk.id} bukan bagian dari SKP ini; untuk RHK baru, kosongkan id`);
      if (seen.has(rhk.id)) problems.push(`${at}.id: RHK ${rhk.id} disebut dua kali`);
      seen.add(rhk.id);
    }
    const keepsLink = rhk.id !== undefined && rhk.parentRhkId === stored.rhk.get(rhk.id)?.parent_rhk_id;
    if (rhk.parentRhkId && !keepsLink) problems.push(...parentProblems(`${at}.parentRhkId`, rhk.parentRhkId, superior));
    if (rhk.indicators.length === 0) problems.push(`${at}.indicators: setiap RHK perlu paling sedikit satu IKI`);
    rhk.indicators.forEach((iki, k) => {
      const where = `${at}.indicators[${k}]`;
      if (iki.id !== undefined) {
        const old = stored.iki.get(iki.id);
        if (!old || old.rhk_id !== rhk.id) problems.push(`${where}.id: IKI ${iki.id} bukan bagian dari RHK ini; untuk IKI baru, kosongkan id`);
        if (seen.has(iki.id)) problems.push(`${where}.id: IKI ${iki.id} disebut dua kali`);
        seen.add(iki.id);
      }
      const { aspect, problem } = aspectOf(where, iki, indicators);
      if (problem) problems.push(problem);
      aspects.set(iki, aspect);
    });
  });
  const keptIki = new Set(input.flatMap((r) => r.indicators.map((i) => i.id)).filter((id): id is string => id !== undefined));
  const keptRhk = new Set(input.map((r) => r.id).filter((id): id is string => id !== undefined));
  return {
    problems,
    aspects,
    droppedRhk: [...stored.rhk.values()].filter((r) => !keptRhk.has(r.id)),
    droppedIki: [...stored.iki.values()].filter((i) => !keptIki.has(i.id)),
  };
}

/** Removed IKIs that already carry work entries, which keep them: one problem each. */
export function usedIkiProblems(used: ReadonlyArray<{ iki_id: string; n: number }>, stored: StoredRows): string[] {
  return used.map(
    (u) => `IKI "${stored.iki.get(u.iki_id)?.text}" sudah punya ${Number(u.n)} catatan kerja dan tidak bisa dihapus; ubah teks atau targetnya saja`,
  );
}

/** The link an RHK row keeps after a save: an existing row sent without parentRhkId keeps its link; null clears it. */
export function parentAfterSave(rhk: Pick<RhkInput, "id" | "parentRhkId">, stored: StoredRows): string | null {
  if (rhk.parentRhkId !== undefined) return rhk.parentRhkId;
  return rhk.id ? (stored.rhk.get(rhk.id)?.parent_rhk_id ?? null) : null;
}

/**
 * What keeps a plan from being submitted or approved; empty when nothing does: an RHK utama, an IKI under
 * every RHK, and the links to the superior's RHKs once they are demanded.
 */
export function completenessProblems(
  rhk: ReadonlyArray<Pick<PlanRhkRow, "id" | "kind" | "text" | "parent_rhk_id">>,
  rhkWithIki: ReadonlySet<string>,
  cascade: boolean,
  superior: SuperiorPlan | null,
): string[] {
  const problems: string[] = [];
  if (!rhk.some((r) => r.kind === "utama")) problems.push("SKP perlu paling sedikit satu RHK utama");
  for (const r of rhk) if (!rhkWithIki.has(r.id)) problems.push(`RHK "${r.text}" belum punya IKI`);
  if (linksDemanded(cascade, superior)) {
    for (const r of rhk.filter((row) => row.kind === "utama" && row.parent_rhk_id === null)) {
      problems.push(`RHK utama "${r.text}" belum menginduk ke RHK atasan; SKP atasan (NIP ${superior?.nip}) sudah disetujui, tautkan ke salah satu RHK-nya`);
    }
  }
  return problems;
}
