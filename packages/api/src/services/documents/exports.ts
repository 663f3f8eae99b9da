// A cycle's results as a spreadsheet (XLSX) or CSV, with Indonesian column headers, for the BKD's
// records and for signing. Always the current run; the sheet names the run and the rule set hash.
import { parseJson } from "@kinerja/db";
import { visibleEmployees, type Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { DomainError } from "../lib/index.js";
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
  { header: "Predikat", key: "predikat", width: 20 },
  { header: "Tindak Lanjut", key: "tindakLanjut", width: 40 },
  { header: "Keterangan", key: "keterangan", width: 40 },
] as const satisfies ReadonlyArray<Column<string>>;

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
      "results.score",
      "results.predikat_label",
      "results.outcomes",
      "results.error",
      "units.name as unit_name",
    ])
    .orderBy("units.name")
    .orderBy("results.nama")
    .execute();
  return tableFile({
    format,
    name: safeName(`hasil-${regionId}-${cycle.period_label}-v${run.version}`),
    sheetName: "Hasil Penilaian",
    columns: COLUMNS,
    rows: results.map((r, i) => ({
      no: i + 1,
      nip: r.nip,
      nama: r.nama,
      jabatan: r.jabatan,
      unit: r.unit_name ?? "",
      nilai: r.score === null ? null : Math.round(r.score * 100) / 100,
      predikat: r.predikat_label ?? "",
      tindakLanjut: outcomeTypes(parseJson<Array<{ type: string }>>(r.outcomes)).join(", "),
      keterangan: r.error ?? "",
    })),
    about: [
      ["Siklus", cycle.name],
      ["Periode", cycle.period_label],
      ["Versi hasil", run.version],
      ["Hash rule set", cycle.rule_set_hash],
      ["Status siklus", cycle.status],
    ],
  });
}

const FOLLOW_UP_COLUMNS = [
  ...EMPLOYEE_COLUMNS,
  { header: "Predikat", key: "predikat", width: 18 },
  { header: "Tindak Lanjut", key: "detail", width: 50 },
  { header: "Nilai", key: "value", width: 12 },
  { header: "Aturan", key: "rule", width: 28 },
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
      rule: e.rule,
    })),
    about: [
      ["Siklus", cycle.name],
      ["Periode", cycle.period_label],
      ["Jenis tindak lanjut", input.type],
      ["Unit", input.unitId ?? "semua"],
      ["Hash rule set", cycle.rule_set_hash],
    ],
  });
}
