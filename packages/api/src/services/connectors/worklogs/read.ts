// Reading a recap of work (CSV or XLSX) into rows of text by the mapping's column headers, each with the line
// it was on (the header is line 1), and the template a region hands out. No database here: matching the rows
// against employees and their SKP is the connector's (index.ts).
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { tableFile, type ExportFile, type ExportFormat } from "../../documents/index.js";
import type { RowProblem } from "../connector.js";
import type { WorklogMapping } from "./mapping.js";

export const FIELDS = ["nip", "date", "iki", "description", "quantity", "satuan"] as const;
export type Field = (typeof FIELDS)[number];

export interface RecapRow {
  line: number;
  /** A field's text, trimmed; "" when empty. */
  cells: Record<Field, string>;
  /** Whether the quantity was a spreadsheet number (then never read with a decimal comma). */
  numericQuantity: boolean;
}

export interface RecapRead {
  rows: RecapRow[];
  problems: RowProblem[];
}

/** More rows than a region's month of work logs: a bigger file is refused before it is read. */
export const MAX_ROWS = 100_000;

type Raw = { line: number; cells: Array<{ text: string; numeric: boolean }> };

function cellText(value: ExcelJS.CellValue): { text: string; numeric: boolean } {
  if (value === null || value === undefined) return { text: "", numeric: false };
  if (typeof value === "number") return { text: String(value), numeric: true };
  if (typeof value === "string") return { text: value.trim(), numeric: false };
  if (typeof value === "boolean") return { text: value ? "true" : "false", numeric: false };
  // A date cell is a day; exceljs gives it at midnight UTC.
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("").trim(), numeric: false };
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("text" in value) return { text: String(value.text).trim(), numeric: false };
  return { text: "", numeric: false };
}

async function rawXlsx(bytes: Uint8Array): Promise<Raw[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: Raw[] = [];
  sheet.eachRow((row, line) => {
    if (line > MAX_ROWS + 1) return;
    const cells: Raw["cells"] = [];
    row.eachCell((cell, column) => {
      if (column <= 100) cells[column - 1] = cellText(cell.value);
    });
    rows.push({ line, cells: Array.from(cells, (c) => c ?? { text: "", numeric: false }) });
  });
  return rows;
}

function rawCsv(text: string, delimiter: string): Raw[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ""), { delimiter, relax_column_count: true, skip_empty_lines: false, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  return records.map(({ record, info }) => ({ line: info.lines, cells: record.map((t) => ({ text: t.trim(), numeric: false })) }));
}

/** The recap's rows by field, or the problems that stop it being read at all (format, header). */
export async function readRecap(format: string, bytes: Uint8Array, mapping: WorklogMapping): Promise<RecapRead> {
  const problems: RowProblem[] = [];
  let raw: Raw[];
  try {
    raw = format === "xlsx" ? await rawXlsx(bytes) : rawCsv(Buffer.from(bytes).toString("utf8"), mapping.csv.delimiter);
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const expected = format === "xlsx" ? "berkas XLSX (Excel 2007 atau lebih baru)" : `CSV dengan pemisah "${mapping.csv.delimiter}" dan tanda kutip berpasangan`;
    return { rows: [], problems: [{ line, field: "berkas", value: "", message: `berkas tidak terbaca: ${(error as Error).message.slice(0, 200)}`, expected }] };
  }
  const filled = raw.filter((r) => r.cells.some((c) => c.text !== ""));
  const [header, ...data] = filled;
  const wanted = FIELDS.flatMap((f) => (mapping.columns[f] === null ? [] : [[f, mapping.columns[f]!] as const]));
  if (!header) {
    problems.push({ line: 1, field: "baris judul", value: "", message: "berkas kosong", expected: `baris judul (${wanted.map(([, h]) => h).join(", ")}) lalu satu baris per kegiatan` });
    return { rows: [], problems };
  }
  if (data.length > MAX_ROWS) {
    problems.push({ line: header.line, field: "berkas", value: String(data.length), message: "terlalu banyak baris", expected: `paling banyak ${MAX_ROWS} baris; bagi per minggu atau per unit` });
    return { rows: [], problems };
  }
  const index = new Map(header.cells.map((c, i) => [c.text.toLowerCase(), i]));
  const missing = wanted.filter(([, h]) => !index.has(h.toLowerCase()));
  if (missing.length > 0) {
    problems.push({
      line: header.line,
      field: "baris judul",
      value: header.cells.map((c) => c.text).join(", ").slice(0, 200),
      message: `kolom ${missing.map(([, h]) => `"${h}"`).join(", ")} tidak ada`,
      expected: `kolom sesuai berkas pemetaan: ${wanted.map(([, h]) => h).join(", ")}`,
    });
    return { rows: [], problems };
  }
  const rows = data.map((r): RecapRow => {
    const at = (f: Field) => {
      const h = mapping.columns[f];
      return h === null ? undefined : r.cells[index.get(h.toLowerCase())!];
    };
    const cells = Object.fromEntries(FIELDS.map((f) => [f, at(f)?.text ?? ""])) as Record<Field, string>;
    return { line: r.line, cells, numericQuantity: at("quantity")?.numeric === true };
  });
  return { rows, problems };
}

/** An empty recap with the mapping's headers and one example row, as the region hands it out. */
export function recapTemplate(mapping: WorklogMapping, format: ExportFormat): Promise<ExportFile> {
  const c = mapping.columns;
  const day = mapping.dateFormat === "YYYY-MM-DD" ? "2025-01-06" : mapping.dateFormat === "DD/MM/YYYY" ? "06/01/2025" : "06-01-2025";
  const columns = [
    { header: c.nip, key: "nip" as const, width: 22, text: true },
    { header: c.date, key: "date" as const, width: 14, text: true },
    { header: c.iki, key: "iki" as const, width: 48 },
    { header: c.description, key: "description" as const, width: 48 },
    { header: c.quantity, key: "quantity" as const, width: 10 },
    ...(c.satuan === null ? [] : [{ header: c.satuan, key: "satuan" as const, width: 14 }]),
  ];
  return tableFile({
    format,
    name: "templat-rekap-catatan-kerja",
    sheetName: mapping.sheetName,
    columns,
    rows: [{ nip: "198401262009011001", date: day, iki: "Jumlah dokumen yang diverifikasi", description: "Verifikasi berkas usulan kenaikan pangkat", quantity: 12, satuan: "dokumen" }],
    about: [
      ["Isi", "Satu baris per kegiatan; NIP pegawai, tanggal kerja, IKI persis seperti tertulis di SKP yang disetujui, uraian, jumlah."],
      ["Tanggal", `${mapping.dateFormat}, atau sel tanggal`],
      ["Jumlah", "angka ≥ 0, desimal dengan koma atau titik, tanpa pemisah ribuan"],
      ["Baris contoh", "hapus baris contoh sebelum mengunggah"],
    ],
  });
}
