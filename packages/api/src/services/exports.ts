// A cycle's results as a spreadsheet (XLSX) or CSV, with Indonesian column headers, for the BKD's
// records and for signing. Always the current run; the sheet names the run and the rule set hash.
import { TRPCError } from "@trpc/server";
import { parseJson, type Database } from "@kinerja/db";
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import { findCycle } from "./cycles.js";
import type { EmployeeScope } from "./employees.js";
import { resolveRun } from "./results.js";

export type ExportFormat = "xlsx" | "csv";

const COLUMNS = [
  { header: "No", key: "no", width: 6 },
  { header: "NIP", key: "nip", width: 22 },
  { header: "Nama", key: "nama", width: 32 },
  { header: "Jabatan", key: "jabatan", width: 32 },
  { header: "Unit Kerja", key: "unit", width: 32 },
  { header: "Nilai Akhir", key: "nilai", width: 12 },
  { header: "Predikat", key: "predikat", width: 20 },
  { header: "Tindak Lanjut", key: "tindakLanjut", width: 40 },
  { header: "Keterangan", key: "keterangan", width: 40 },
] as const;

type ExportRow = Record<(typeof COLUMNS)[number]["key"], string | number | null>;

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function exportResults(
  db: Kysely<Database>,
  regionId: string,
  scope: EmployeeScope,
  cycleId: string,
  format: ExportFormat,
): Promise<ExportFile> {
  const cycle = await findCycle(db, regionId, cycleId);
  const run = await resolveRun(db, regionId, cycle);
  if (!run) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Siklus ini belum dinilai; belum ada hasil untuk diunduh" });
  let query = db
    .selectFrom("results")
    .leftJoin("units", (join) => join.onRef("units.region_id", "=", "results.region_id").onRef("units.id", "=", "results.unit_id"))
    .select([
      "results.nip",
      "results.nama",
      "results.jabatan",
      "results.score",
      "results.predikat_label",
      "results.outcomes",
      "results.error",
      "results.rule_set_hash",
      "units.name as unit_name",
    ])
    .where("results.region_id", "=", regionId)
    .where("results.run_id", "=", run.id);
  if (scope.kind === "self") query = query.where("results.nip", "=", scope.nip);
  if (scope.kind === "reports") {
    query = query.where(
      "results.employee_id",
      "in",
      db.selectFrom("employees").select("id").where("region_id", "=", regionId).where("atasan_nip", "=", scope.atasanNip),
    );
  }
  const results = await query.orderBy("units.name").orderBy("results.nama").execute();
  const rows: ExportRow[] = results.map((r, i) => ({
    no: i + 1,
    nip: r.nip,
    nama: r.nama,
    jabatan: r.jabatan,
    unit: r.unit_name ?? "",
    nilai: r.score === null ? null : Math.round(r.score * 100) / 100,
    predikat: r.predikat_label ?? "",
    tindakLanjut: [...new Set(parseJson<Array<{ type: string }>>(r.outcomes).map((o) => o.type))].join(", "),
    keterangan: r.error ?? "",
  }));
  const base = `hasil-${regionId}-${cycle.period_label}-v${run.version}`.replace(/[^A-Za-z0-9._-]/g, "_");

  if (format === "csv") {
    const lines = [COLUMNS.map((c) => csvField(c.header)).join(","), ...rows.map((row) => COLUMNS.map((c) => csvField(row[c.key])).join(","))];
    // The byte-order mark makes Excel read the file as UTF-8.
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8") };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kinerja";
  const sheet = workbook.addWorksheet("Hasil Penilaian");
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getColumn("nip").numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.addRows(rows);
  const about = workbook.addWorksheet("Keterangan");
  about.addRows([
    ["Siklus", cycle.name],
    ["Periode", cycle.period_label],
    ["Versi hasil", run.version],
    ["Hash rule set", cycle.rule_set_hash],
    ["Status siklus", cycle.status],
  ]);
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return {
    filename: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body,
  };
}
