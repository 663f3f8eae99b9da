// A cycle's results as a spreadsheet (XLSX) or CSV, with Indonesian column headers, for the BKD's
// records, payroll (the TPP percentage) and reports. Always the current run. Columns people read come first,
// by name (unit names, predikat labels, follow-ups as words); the ids systems join on follow at the end.
import { outcomeText, tppPercent } from "@kinerja/core";
import { parseJson } from "@kinerja/db";
import { visibleEmployees, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { DomainError } from "../lib/index.js";
import { findUnit } from "../organisation/index.js";
import { cycleRules } from "../rules/index.js";
import { followUpEntries, outcomeTypes, resolveRun, runResults, type FollowUpFilter } from "../results/index.js";
import { safeName, tableFile, type Column, type ExportFile, type ExportFormat } from "./spreadsheet.js";

/** The first columns of every list of employees the BKD downloads. */
export const EMPLOYEE_COLUMNS = [
  { header: "No", key: "no", width: 6 },
  { header: "NIP", key: "nip", width: 22, text: true },
  { header: "Nama", key: "nama", width: 32 },
  { header: "Jabatan", key: "jabatan", width: 32 },
  { header: "Unit Kerja", key: "unit", width: 32 },
] as const satisfies ReadonlyArray<Column<string>>;

const COLUMNS = [
  ...EMPLOYEE_COLUMNS,
  { header: "Nilai Akhir", key: "nilai", width: 12 },
  { header: "Nilai Hasil Kerja", key: "hasilKerja", width: 14 },
  { header: "Nilai Perilaku Kerja", key: "perilaku", width: 14 },
  { header: "Predikat", key: "predikat", width: 20 },
  { header: "TPP (%)", key: "tpp", width: 10 },
  { header: "Tindak Lanjut", key: "tindakLanjut", width: 60 },
  { header: "Keterangan", key: "keterangan", width: 40 },
  { header: "Kode Unit", key: "unitId", width: 20 },
  { header: "Kode Predikat", key: "predikatId", width: 18 },
  { header: "Kode Tindak Lanjut", key: "outcomeTypes", width: 30 },
] as const satisfies ReadonlyArray<Column<string>>;

/** A score as the sheet holds it: two decimals at most. */
function rounded(score: number | null | undefined): number | null {
  return typeof score === "number" ? Math.round(score * 100) / 100 : null;
}

/** The cycle's current results the viewer may see (an assessor's reports), one row per employee. */
export async function exportResults(scope: Scope, cycleId: string, format: ExportFormat): Promise<ExportFile> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, cycleId);
  const run = await resolveRun(db, regionId, cycle);
  if (!run) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada hasil untuk diunduh" });
  const results = await runResults(db, regionId, run.id, visibleEmployees(scope))
    .leftJoin("units", (join) => join.onRef("units.region_id", "=", "results.region_id").onRef("units.id", "=", "results.unit_id"))
    .select([
      "results.nip",
      "results.nama",
      "results.jabatan",
      "results.unit_id",
      "results.score",
      "results.scores",
      "results.predikat",
      "results.predikat_label",
      "results.outcomes",
      "results.error",
      "units.name as unit_name",
    ])
    .orderBy("units.name")
    .orderBy("results.nama")
    .execute();
  const { ruleSet } = await cycleRules(db, cycle);
  return tableFile({
    format,
    name: safeName(`hasil-${regionId}-${cycle.period_label}-v${run.version}`),
    sheetName: "Hasil Penilaian",
    columns: COLUMNS,
    rows: results.map((r, i) => {
      const outcomes = parseJson<Array<{ type: string; params: Record<string, unknown> }>>(r.outcomes);
      const scores = parseJson<Record<string, number>>(r.scores);
      return {
        no: i + 1,
        nip: r.nip,
        nama: r.nama,
        jabatan: r.jabatan,
        unit: r.unit_name ?? r.unit_id,
        nilai: rounded(r.score),
        hasilKerja: rounded(scores["score.hasil_kerja"]),
        perilaku: rounded(scores["score.perilaku"]),
        predikat: r.predikat_label ?? "",
        tpp: tppPercent(outcomes),
        tindakLanjut: outcomes.map((o) => outcomeText(o)).join("; "),
        keterangan: r.error ?? "",
        unitId: r.unit_id,
        predikatId: r.predikat ?? "",
        outcomeTypes: outcomeTypes(outcomes).join(", "),
      };
    }),
    about: [
      ["Siklus", cycle.name],
      ["Periode", cycle.period_label],
      ["Versi hasil", run.version],
      ["Aturan penilaian", ruleSet.name],
      ["Kode versi aturan", cycle.rule_set_hash],
      ["Status siklus", cycle.status],
    ],
  });
}

const FOLLOW_UP_COLUMNS = [
  ...EMPLOYEE_COLUMNS,
  { header: "Predikat", key: "predikat", width: 18 },
  { header: "Tindak Lanjut", key: "detail", width: 50 },
  { header: "Nilai", key: "value", width: 12 },
  { header: "Kode Unit", key: "unitId", width: 20 },
  { header: "Kode Aturan", key: "rule", width: 28 },
] as const satisfies ReadonlyArray<Column<string>>;

/** One follow-up list as a spreadsheet or CSV; training needs come ordered by topic. */
export async function exportFollowUp(scope: Scope, input: FollowUpFilter & { type: string; format: ExportFormat }): Promise<ExportFile> {
  const cycle = await findCycle(scope.db, scope.regionId, input.cycleId);
  const found = await followUpEntries(scope, cycle, input);
  const ordered = input.type === "pelatihan" ? [...found].sort((a, b) => String(a.params.topic).localeCompare(String(b.params.topic)) || a.nama.localeCompare(b.nama)) : found;
  return tableFile({
    format: input.format,
    name: safeName(`tindak-lanjut-${input.type}-${scope.regionId}-${cycle.period_label}${input.unitId ? `-${input.unitId}` : ""}`),
    sheetName: "Tindak Lanjut",
    columns: FOLLOW_UP_COLUMNS,
    rows: ordered.map((e, i) => ({
      no: i + 1,
      nip: e.nip,
      nama: e.nama,
      jabatan: e.jabatan,
      unit: e.unitName,
      predikat: e.predikatLabel ?? "",
      detail: e.detail,
      value: e.value,
      unitId: e.unitId,
      rule: e.rule,
    })),
    about: [
      ["Siklus", cycle.name],
      ["Periode", cycle.period_label],
      ["Jenis tindak lanjut", input.type],
      ["Unit", input.unitId ? (await findUnit(scope.db, scope.regionId, input.unitId)).name : "semua"],
      ["Kode versi aturan", cycle.rule_set_hash],
    ],
  });
}
