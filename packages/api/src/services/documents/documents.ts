// The documents of a cycle as PDF: per employee, the evaluation document (Dokumen Evaluasi Kinerja
// Pegawai: who was appraised and by whom, the period, the plan with targets and realisasi, the feedback
// without the identity of peers, the ratings, the predikat with any adjustment and its reason, and the
// unit's distribution curve); per unit, the predikat decision with its distribution. Dates and labels are
// Indonesian. Who may read: the employee, their assessor, the assessor's superior and the admin (the
// access module's relations) and, for the unit's decision, the region's admin.
import {
  NATIONAL_PREDIKAT,
  NATIONAL_PREDIKAT_LABELS,
  ORGANISATION_PREDIKAT_LABELS,
  outcomeText,
  predikatLabel,
  raterSourceLabel,
  tppPercent,
  valueLabel,
  type AppraisalInput,
  type RaterSource,
} from "@kinerja/core";
import { parseJson, type CycleRow, type Database, type EmployeeRow, type ResultRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { findEmployeeByNip, relationTo, requireAdmin, type Scope } from "../access/index.js";
import { feedbackItems } from "../assessment/index.js";
import { findCycle } from "../cycles/index.js";
import { DomainError, formatDate, formatNumberId, formatPeriod } from "../lib/index.js";
import { findUnit } from "../organisation/index.js";
import { planProgress } from "../planning/index.js";
import { explanationOf, listAdjustments, regionDistribution, resolveRun, type UnitDistribution } from "../results/index.js";
import { cycleRules } from "../rules/index.js";
import { PdfWriter } from "./pdf.js";

const STATUS_NAMES: Record<CycleRow["status"], string> = {
  draft: "draf",
  open: "dibuka (penilaian berjalan)",
  evaluated: "sudah dinilai, belum ditetapkan",
  finalised: "ditetapkan (final)",
};

export interface DocumentOptions {
  /** Uncompressed streams (tests read the text). */
  compress?: boolean;
  /** The date printed beside the signatures; today by default. */
  at?: Date;
  runId?: string;
}

export interface PdfFile {
  filename: string;
  body: Buffer;
}

interface Context {
  cycle: CycleRow;
  regionName: string;
  run: { id: string; version: number };
}

async function contextOf(db: Kysely<Database>, regionId: string, cycleId: string, runId?: string): Promise<Context> {
  const cycle = await findCycle(db, regionId, cycleId);
  const run = await resolveRun(db, regionId, cycle, runId);
  if (!run) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; dokumen dibuat dari hasil penilaian" });
  const region = await db.selectFrom("regions").select("name").where("id", "=", regionId).executeTakeFirstOrThrow();
  return { cycle, regionName: region.name, run };
}

async function unitName(db: Kysely<Database>, regionId: string, unitId: string): Promise<string> {
  return (await db.selectFrom("units").select("name").where("region_id", "=", regionId).where("id", "=", unitId).executeTakeFirst())?.name ?? unitId;
}

async function byNip(db: Kysely<Database>, regionId: string, nip: string | null): Promise<EmployeeRow | undefined> {
  if (!nip) return undefined;
  return db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("nip", "=", nip).executeTakeFirst();
}

function score(value: number | null | undefined): string {
  return value === null || value === undefined ? "-" : formatNumberId(value, 2);
}

/** A target or realisasi as printed: a number, or one per aspect ("kuantitas 10; kualitas 90"). */
function shownValue(value: unknown): string {
  if (typeof value === "number") return formatNumberId(value);
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, number>)
      .map(([aspect, n]) => `${aspect} ${formatNumberId(n)}`)
      .join("; ");
  }
  return "-";
}

function valueText(value: unknown): { target: string; realisasi: string } {
  if (typeof value === "number") return { target: "-", realisasi: `${formatNumberId(value)}` };
  if (typeof value === "boolean") return { target: "-", realisasi: value ? "ya" : "tidak" };
  if (value && typeof value === "object" && "target" in value && "realisasi" in value) {
    return { target: shownValue(value.target), realisasi: shownValue(value.realisasi) };
  }
  return { target: "-", realisasi: "-" };
}

/** The employee's plan (SKP): each IKI with its target and the realisasi confirmed so far, as the work service reckons it. */
async function planRows(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<string[][]> {
  const progress = await planProgress(db, cycle, employee);
  return progress.indicators.map((iki) => [
    iki.rhkText,
    iki.text,
    `${formatNumberId(iki.target)} ${iki.satuan}`,
    `${formatNumberId(iki.confirmed)} ${iki.satuan} (${formatNumberId(iki.percent, 1)}%)`,
  ]);
}

function curveSection(pdf: PdfWriter, unit: UnitDistribution | undefined, enforcement: string): void {
  if (!unit) {
    pdf.paragraph("Belum ada hasil untuk unit ini.", { italic: true });
    return;
  }
  pdf.fields([
    ["Unit kerja", unit.unitName],
    ["Predikat organisasi", `${ORGANISATION_PREDIKAT_LABELS[unit.organisationPredikat].id}${unit.organisationPredikatSet ? "" : " (dianggap; belum ditetapkan)"}`],
    ["Jumlah pegawai", String(unit.total)],
  ]);
  pdf.table(
    [
      { header: "Predikat", width: 0.5 },
      { header: "Jumlah", width: 0.25, align: "right" },
      { header: "Persentase", width: 0.25, align: "right" },
    ],
    NATIONAL_PREDIKAT.map((p) => [
      NATIONAL_PREDIKAT_LABELS[p].id,
      String(unit.national[p]),
      unit.total === 0 ? "-" : `${formatNumberId((unit.national[p] / unit.total) * 100, 1)}%`,
    ]),
  );
  const checks = unit.checks.map((c) => `${c.broken ? "TIDAK SESUAI" : "sesuai"}: ${c.message.id}`);
  pdf.paragraph(`Kurva distribusi (SE MenPANRB 3/2023, ${enforcement === "block" ? "mengikat" : "sebagai pertimbangan"}):`);
  for (const line of checks) pdf.paragraph(`- ${line}`);
}

/** Dokumen Evaluasi Kinerja Pegawai of one employee in a cycle. */
export async function employeeDocument(scope: Scope, input: { cycleId: string; nip: string }, options: DocumentOptions = {}): Promise<PdfFile> {
  const { db, regionId } = scope;
  const employee = await findEmployeeByNip(db, regionId, input.nip);
  // Any relation reads it. Someone with none hears what they would for a NIP of no employee.
  if (!(await relationTo(scope, employee))) throw new DomainError({ code: "NOT_FOUND", message: `Pegawai dengan NIP ${input.nip} tidak ditemukan` });
  const { cycle, regionName, run } = await contextOf(db, regionId, input.cycleId, options.runId);
  const result: ResultRow | undefined = await db
    .selectFrom("results")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("run_id", "=", run.id)
    .where("employee_id", "=", employee.id)
    .executeTakeFirst();
  if (!result) throw new DomainError({ code: "NOT_FOUND", message: `Hasil ${employee.nama} tidak ada pada siklus ${cycle.name}` });
  const { ruleSet } = await cycleRules(db, cycle);
  const assessor = await byNip(db, regionId, employee.atasan_nip);
  const atasan = await byNip(db, regionId, assessor?.atasan_nip ?? null);
  const unit = await unitName(db, regionId, employee.unit_id);
  const explanation = await explanationOf(db, result);
  const appraisal = parseJson<AppraisalInput>(result.input);
  const indicatorSteps = explanation.steps.flatMap((s) => (s.kind === "indicator" ? [s] : []));
  const scores = parseJson<Record<string, number>>(result.scores);
  const decisions = parseJson<Record<string, unknown>>(result.decisions);
  const outcomes = parseJson<Array<{ type: string; params: Record<string, unknown>; rule: string }>>(result.outcomes);
  // Run ids are time-ordered (UUIDv7): the adjustments made up to the version shown.
  const adjustments = (await listAdjustments(db, regionId, cycle.id, [employee.id])).filter((a) => a.runId <= run.id);
  // The document goes to the employee: it names the raters as the employee may see them.
  const feedback = await feedbackItems(db, regionId, cycle.id, employee.id, "self");
  const curve = await regionDistribution(db, regionId, { cycleId: cycle.id, unitId: employee.unit_id, runId: run.id });
  const plan = await planRows(db, cycle, employee);

  const pdf = new PdfWriter({
    title: `Dokumen Evaluasi Kinerja Pegawai - ${employee.nama}`,
    subject: `${cycle.name} (${cycle.period_label}), ${regionName}`,
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  });
  pdf.title(["DOKUMEN EVALUASI KINERJA PEGAWAI", regionName.toUpperCase()]);
  pdf.fields([
    ["Siklus", cycle.name],
    ["Periode penilaian", `${formatPeriod(cycle.period_label)} (${cycle.period_label})`],
  ]);
  pdf.heading("I. Pegawai yang dinilai");
  pdf.fields([
    ["Nama", employee.nama],
    ["NIP", employee.nip],
    ["Pangkat/golongan", employee.golongan ?? "-"],
    ["Jabatan", employee.jabatan],
    ["Unit kerja", unit],
  ]);
  pdf.heading("II. Pejabat penilai kinerja");
  pdf.fields(
    assessor
      ? [
          ["Nama", assessor.nama],
          ["NIP", assessor.nip],
          ["Jabatan", assessor.jabatan],
          ["Unit kerja", await unitName(db, regionId, assessor.unit_id)],
        ]
      : [["Nama", "(tidak tercatat)"]],
  );
  if (atasan) {
    pdf.heading("III. Atasan pejabat penilai kinerja");
    pdf.fields([
      ["Nama", atasan.nama],
      ["NIP", atasan.nip],
      ["Jabatan", atasan.jabatan],
    ]);
  }

  pdf.heading("Rencana dan capaian kinerja");
  if (plan.length > 0) {
    pdf.table(
      [
        { header: "Rencana Hasil Kerja", width: 0.34 },
        { header: "Indikator", width: 0.3 },
        { header: "Target", width: 0.18 },
        { header: "Realisasi", width: 0.18 },
      ],
      plan,
    );
  }
  const objective = indicatorSteps.filter((s) => s.raters === null);
  if (objective.length > 0) {
    pdf.table(
      [
        { header: "Indikator", width: 0.4 },
        { header: "Target", width: 0.2 },
        { header: "Realisasi", width: 0.2 },
        { header: "Skor", width: 0.2, align: "right" },
      ],
      objective.map((s) => {
        const shown = valueText(appraisal.values?.[s.indicator]);
        return [s.name, shown.target, shown.realisasi, score(s.score)];
      }),
    );
  } else if (plan.length === 0) {
    pdf.paragraph("Tidak ada indikator target dan realisasi pada set indikator pegawai ini.", { italic: true });
  }

  pdf.heading("Penilaian");
  const rated = indicatorSteps.filter((s) => s.raters !== null);
  if (rated.length > 0) {
    pdf.table(
      [
        { header: "Indikator", width: 0.3 },
        { header: "Aspek", width: 0.14 },
        { header: "Penilai (rata-rata)", width: 0.4 },
        { header: "Skor", width: 0.16, align: "right" },
      ],
      rated.map((s) => [
        s.name,
        s.axis === "hasil_kerja" ? "Hasil kerja" : "Perilaku",
        (s.raters?.sources ?? [])
          .filter((b) => b.mean !== null)
          .map((b) => `${raterSourceLabel(b.source as RaterSource)}: ${formatNumberId(b.mean as number)}${b.values.length > 1 ? ` (${b.values.length} penilai)` : ""}`)
          .join("; "),
        score(s.score),
      ]),
    );
  }
  pdf.fields([
    ["Nilai hasil kerja", score(scores["score.hasil_kerja"])],
    ["Nilai perilaku kerja", score(scores["score.perilaku"])],
    ["Nilai akhir", score(result.score)],
    ...(typeof decisions["rating.hasil_kerja"] === "string" ? [["Rating hasil kerja", valueLabel(ruleSet, decisions["rating.hasil_kerja"])] as [string, string]] : []),
    ...(typeof decisions["rating.perilaku"] === "string" ? [["Rating perilaku", valueLabel(ruleSet, decisions["rating.perilaku"])] as [string, string]] : []),
  ]);

  pdf.heading("Umpan balik");
  if (feedback.length === 0) pdf.paragraph("Tidak ada umpan balik tertulis.", { italic: true });
  for (const item of feedback) pdf.paragraph(`${item.label}: ${item.comment}`);

  pdf.heading("Predikat kinerja");
  const tpp = tppPercent(outcomes);
  pdf.fields([
    ["Predikat", result.predikat_label ?? (result.error ? `tidak dapat dinilai: ${result.error}` : "-")],
    ...(tpp === null ? [] : [["TPP yang dibayarkan", `${formatNumberId(tpp)}%`] as [string, string]]),
  ]);
  for (const a of adjustments) {
    pdf.paragraph(
      `Penyesuaian ${a.kind === "forum" ? "oleh forum evaluasi" : "atas keberatan"} pada ${formatDate(a.at)}: ` +
        `${predikatLabel(ruleSet, a.from) ?? "-"} menjadi ${predikatLabel(ruleSet, a.to)}, oleh ${a.by}. Alasan: ${a.reason}`,
    );
  }
  if (outcomes.length > 0) {
    pdf.paragraph("Tindak lanjut:");
    for (const o of outcomes) pdf.paragraph(`- ${outcomeText(o)}`);
  }

  pdf.heading("Kurva distribusi predikat unit kerja");
  curveSection(pdf, curve.units.find((u) => u.unitId === employee.unit_id), curve.enforcement);

  pdf.signatures(`${regionName}, ${formatDate(options.at ?? new Date())}`, [
    { role: "Pegawai yang dinilai,", nama: employee.nama, nip: employee.nip },
    { role: "Pejabat penilai kinerja,", nama: assessor?.nama ?? "", nip: assessor?.nip ?? null },
  ]);
  const body = await pdf.finish(`Versi hasil ${run.version}, ${ruleSet.name}`);
  return { filename: `evaluasi-${employee.nip}-${cycle.period_label}.pdf`, body };
}

/** The unit's predikat decision: every employee placed in it with their predikat, and the distribution. */
export async function unitDocument(scope: Scope, input: { cycleId: string; unitId: string }, options: DocumentOptions = {}): Promise<PdfFile> {
  requireAdmin(scope, "mengunduh keputusan predikat unit kerja");
  const { db, regionId } = scope;
  const unit = await findUnit(db, regionId, input.unitId);
  const { cycle, regionName, run } = await contextOf(db, regionId, input.cycleId, options.runId);
  const { ruleSet } = await cycleRules(db, cycle);
  const results = await db
    .selectFrom("results")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("run_id", "=", run.id)
    .where("unit_id", "=", unit.id)
    .orderBy("nama")
    .execute();
  const adjustments = (await listAdjustments(db, regionId, cycle.id, results.map((r) => r.employee_id))).filter((a) => a.runId <= run.id);
  const curve = await regionDistribution(db, regionId, { cycleId: cycle.id, unitId: unit.id, runId: run.id });
  // The unit's head: someone placed in it whose own superior sits outside it.
  // Someone who left the region signs nothing any more.
  const inUnit = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("unit_id", "=", unit.id).where("left_at", "is", null).orderBy("nip").execute();
  const nips = new Set(inUnit.map((e) => e.nip));
  const head = inUnit.find((e) => !e.atasan_nip || !nips.has(e.atasan_nip));

  const pdf = new PdfWriter({
    title: `Penetapan Predikat Kinerja Pegawai - ${unit.name}`,
    subject: `${cycle.name} (${cycle.period_label}), ${regionName}`,
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  });
  pdf.title(["PENETAPAN PREDIKAT KINERJA PEGAWAI", unit.name.toUpperCase(), regionName.toUpperCase()]);
  pdf.fields([
    ["Siklus", cycle.name],
    ["Periode penilaian", `${formatPeriod(cycle.period_label)} (${cycle.period_label})`],
    ["Status siklus", cycle.status === "finalised" ? `ditetapkan (final) pada ${cycle.finalised_at ? formatDate(cycle.finalised_at) : "-"}` : STATUS_NAMES[cycle.status]],
    ["Versi hasil", String(run.version)],
  ]);
  pdf.heading("Predikat pegawai");
  pdf.table(
    [
      { header: "No", width: 0.06, align: "right" },
      { header: "Nama / NIP", width: 0.34 },
      { header: "Jabatan", width: 0.3 },
      { header: "Nilai", width: 0.1, align: "right" },
      { header: "Predikat", width: 0.2 },
    ],
    results.map((r, i) => [
      String(i + 1),
      `${r.nama}\nNIP ${r.nip}`,
      r.jabatan,
      score(r.score),
      `${r.predikat_label ?? "-"}${adjustments.some((a) => a.employeeId === r.employee_id) ? " *" : ""}`,
    ]),
  );
  if (adjustments.length > 0) {
    pdf.paragraph("* Predikat disesuaikan:");
    for (const a of adjustments) {
      const who = results.find((r) => r.employee_id === a.employeeId)?.nama ?? a.employeeId;
      pdf.paragraph(
        `- ${who}: ${predikatLabel(ruleSet, a.from) ?? "-"} menjadi ${predikatLabel(ruleSet, a.to)} (${a.kind === "forum" ? "forum evaluasi" : "keberatan"}, ${formatDate(a.at)}). Alasan: ${a.reason}`,
      );
    }
  }
  pdf.heading("Distribusi predikat");
  curveSection(pdf, curve.units.find((u) => u.unitId === unit.id), curve.enforcement);
  pdf.signatures(`${regionName}, ${formatDate(options.at ?? new Date())}`, [
    { role: "Pimpinan unit kerja,", nama: head?.nama ?? "", nip: head?.nip ?? null },
  ]);
  const body = await pdf.finish(`Versi hasil ${run.version}, ${ruleSet.name}`);
  return { filename: `predikat-${unit.id}-${cycle.period_label}.pdf`, body };
}
