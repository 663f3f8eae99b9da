// Follow-up (tindak lanjut) from the current results' outcomes: awards, training needs grouped by topic
// (for training plans such as Amplas' and Binjai's), coaching (pembinaan), promotion and further-education
// proposals, TPP percentages, angka kredit — each entry with the outcome rule that produced it. Outcome
// types are the region's own; known ones are grouped into kinds, the rest are listed as they are.
import { parseJson, type CycleRow } from "@kinerja/db";
import { visibleEmployees, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { DomainError, formatNumberId } from "../lib/index.js";
import { unitSubtree } from "../organisation/index.js";
import { resolveRun, runResults, withOutcomeType } from "./results.js";

export const FOLLOW_UP_KINDS = ["award", "training", "coaching", "promotion", "education", "salary", "tpp", "angkaKredit", "discipline", "other"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** The outcome types the shipped rule files use, by kind; other types are "other". */
const KIND_OF_TYPE: Record<string, FollowUpKind> = {
  penghargaan: "award",
  pelatihan: "training",
  pembinaan: "coaching",
  usulan_kenaikan_pangkat: "promotion",
  usulan_promosi_jabatan: "promotion",
  penempatan: "promotion",
  usulan_pendidikan_lanjut: "education",
  usulan_kenaikan_gaji: "salary",
  tpp: "tpp",
  angka_kredit: "angkaKredit",
  sanksi_disiplin: "discipline",
};

const KIND_NAMES: Record<FollowUpKind, string> = {
  award: "Penghargaan",
  training: "Kebutuhan pelatihan",
  coaching: "Pembinaan",
  promotion: "Usulan promosi dan penempatan",
  education: "Usulan pendidikan lanjutan",
  salary: "Usulan kenaikan gaji",
  tpp: "Tambahan Penghasilan Pegawai (TPP)",
  angkaKredit: "Angka kredit",
  discipline: "Hukuman disiplin",
  other: "Tindak lanjut lain",
};

export function kindOf(type: string): FollowUpKind {
  return KIND_OF_TYPE[type] ?? "other";
}

interface OutcomeEvent {
  type: string;
  params: Record<string, unknown>;
  rule: string;
}

export interface FollowUpEntry {
  employeeId: string;
  nip: string;
  nama: string;
  jabatan: string;
  unitId: string;
  unitName: string;
  predikat: string | null;
  predikatLabel: string | null;
  score: number | null;
  type: string;
  /** The outcome rule that produced it. */
  rule: string;
  params: Record<string, unknown>;
  /** What it says in one line: the topic, the TPP percentage, the credit … */
  detail: string;
  /** Its number where it has one (TPP %, angka kredit, the indicator's score for a training need). */
  value: number | null;
}

function detailOf(event: OutcomeEvent): { detail: string; value: number | null } {
  const p = event.params;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  switch (event.type) {
    case "pelatihan":
      return { detail: `${String(p.topic ?? "")} (indikator ${String(p.indicator ?? "-")})`, value: null };
    case "tpp": {
      const persen = n(p.persen);
      return { detail: persen === null ? String(p.label ?? "TPP") : `TPP ${formatNumberId(persen)}%`, value: persen };
    }
    case "angka_kredit": {
      const credit = n(p.angka_kredit);
      const detail =
        credit === null
          ? String(p.label ?? "Angka kredit")
          : `${formatNumberId(credit)} angka kredit (${formatNumberId(n(p.persen) ?? 0)}% × koefisien ${formatNumberId(n(p.koefisien) ?? 0)} × ${formatNumberId(n(p.bulan) ?? 0)}/12 bulan)`;
      return { detail, value: credit };
    }
    default:
      return { detail: String(p.label ?? event.type), value: null };
  }
}

export interface FollowUpFilter {
  cycleId: string;
  unitId?: string;
}

/**
 * Every outcome event of the cycle's current results the viewer may see (their reports', for an assessor),
 * as follow-up entries, optionally of one outcome type.
 */
export async function followUpEntries(scope: Scope, cycle: CycleRow, filter: Omit<FollowUpFilter, "cycleId"> & { type?: string }): Promise<FollowUpEntry[]> {
  const { db, regionId } = scope;
  const run = await resolveRun(db, regionId, cycle);
  if (!run) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; tindak lanjut muncul dari hasil penilaian" });
  let query = runResults(db, regionId, run.id, visibleEmployees(scope))
    .leftJoin("units", (join) => join.onRef("units.region_id", "=", "results.region_id").onRef("units.id", "=", "results.unit_id"))
    .select([
      "results.employee_id",
      "results.nip",
      "results.nama",
      "results.jabatan",
      "results.unit_id",
      "results.predikat",
      "results.predikat_label",
      "results.score",
      "results.outcomes",
      "results.scores",
      "units.name as unit_name",
    ]);
  if (filter.unitId) query = query.where("results.unit_id", "in", await unitSubtree(db, regionId, filter.unitId));
  if (filter.type) query = withOutcomeType(query, filter.type);
  const rows = await query.orderBy("units.name").orderBy("results.nama").execute();
  return rows.flatMap((r) =>
    parseJson<OutcomeEvent[]>(r.outcomes)
      .filter((e) => !filter.type || e.type === filter.type)
      .map((event) => {
        const found = detailOf(event);
        // A training need's number is the indicator's score that fell below the rule's threshold.
        const indicatorScore = event.type === "pelatihan" ? parseJson<Record<string, number>>(r.scores)[`score.${String(event.params.indicator)}`] : undefined;
        return {
          employeeId: r.employee_id,
          nip: r.nip,
          nama: r.nama,
          jabatan: r.jabatan,
          unitId: r.unit_id,
          unitName: r.unit_name ?? r.unit_id,
          predikat: r.predikat,
          predikatLabel: r.predikat_label,
          score: r.score,
          type: event.type,
          rule: event.rule,
          params: event.params,
          detail: found.detail,
          value: indicatorScore ?? found.value,
        };
      }),
  );
}

export interface FollowUpSummaryItem {
  type: string;
  kind: FollowUpKind;
  kindName: string;
  /** The label the rule gives its event, where it gives one. */
  label: string;
  employees: number;
  rules: string[];
}

export async function followUpSummary(scope: Scope, filter: FollowUpFilter): Promise<FollowUpSummaryItem[]> {
  const byType = new Map<string, { label: string; employees: Set<string>; rules: Set<string> }>();
  for (const e of await followUpEntries(scope, await findCycle(scope.db, scope.regionId, filter.cycleId), filter)) {
    const item = byType.get(e.type) ?? { label: typeof e.params.label === "string" ? e.params.label : e.type, employees: new Set(), rules: new Set() };
    byType.set(e.type, item);
    item.employees.add(e.employeeId);
    item.rules.add(e.rule);
  }
  return [...byType.entries()]
    .map(([type, item]) => ({
      type,
      kind: kindOf(type),
      kindName: KIND_NAMES[kindOf(type)],
      label: item.label,
      employees: item.employees.size,
      rules: [...item.rules].sort(),
    }))
    .sort((a, b) => FOLLOW_UP_KINDS.indexOf(a.kind) - FOLLOW_UP_KINDS.indexOf(b.kind) || a.type.localeCompare(b.type));
}

/** The entries of one outcome type (e.g. "penghargaan", "tpp"), or of every type of a kind. */
export async function followUpList(scope: Scope, filter: FollowUpFilter & { type?: string; kind?: FollowUpKind }): Promise<FollowUpEntry[]> {
  if (!filter.type && !filter.kind) throw new DomainError({ code: "BAD_REQUEST", message: "Sebutkan type (jenis tindak lanjut, mis. penghargaan) atau kind" });
  const found = await followUpEntries(scope, await findCycle(scope.db, scope.regionId, filter.cycleId), filter);
  return filter.kind ? found.filter((e) => kindOf(e.type) === filter.kind) : found;
}

export interface TrainingTopic {
  topic: string;
  /** Employees who need it. */
  count: number;
  indicators: string[];
  employees: Array<
    Pick<FollowUpEntry, "employeeId" | "nip" | "nama" | "jabatan" | "unitId" | "unitName"> & {
      indicator: string;
      /** The indicator's score that fell below the rule's threshold. */
      score: number | null;
      rule: string;
    }
  >;
}

/** Training needs grouped by topic, most needed first: a training plan (topic → employees). */
export async function trainingPlan(scope: Scope, filter: FollowUpFilter): Promise<TrainingTopic[]> {
  const topics = new Map<string, Omit<TrainingTopic, "count">>();
  for (const e of await followUpEntries(scope, await findCycle(scope.db, scope.regionId, filter.cycleId), { ...filter, type: "pelatihan" })) {
    const topic = String(e.params.topic ?? "(tanpa topik)");
    const indicator = String(e.params.indicator ?? "");
    const item = topics.get(topic) ?? { topic, indicators: [], employees: [] };
    topics.set(topic, item);
    if (!item.indicators.includes(indicator)) item.indicators.push(indicator);
    const { employeeId, nip, nama, jabatan, unitId, unitName } = e;
    item.employees.push({ employeeId, nip, nama, jabatan, unitId, unitName, indicator, score: e.value, rule: e.rule });
  }
  return [...topics.values()]
    .map(({ topic, indicators, employees }) => ({ topic, count: new Set(employees.map((x) => x.employeeId)).size, indicators, employees }))
    .sort((a, b) => b.count - a.count || a.topic.localeCompare(b.topic));
}
