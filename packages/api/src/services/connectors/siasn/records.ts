// SIASN's rows as the connector reads them, from the REST answers or from the spreadsheet export, through
// the mapping's field names: units (id, name, parent) and employees (NIP, name, jabatan, golongan, unit,
// atasan). Each employee row keeps where it came from (row number, and the field or column names) so a
// problem can say where it is.
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { RowProblem } from "../connector.js";
import type { SiasnMapping } from "./mapping.js";
import type { SiasnRecord } from "./client.js";

export interface SiasnUnit {
  id: string;
  name: string;
  /** null: SIASN names no parent (or the export has no parent column). */
  parentId: string | null;
}

export interface SiasnEmployee {
  line: number;
  nip: string;
  nama: string;
  jabatan: string;
  golongan: string;
  unitId: string;
  /** null: SIASN names none; undefined: the mapping reads no atasan field, so the employee's own is kept. */
  atasanNip: string | null | undefined;
}

export interface SiasnRead {
  rows: number;
  units: SiasnUnit[];
  employees: SiasnEmployee[];
  problems: RowProblem[];
  /** The field (REST key or column header) each employee value was read from, for the problems. */
  fields: SiasnMapping["rest"]["employee"];
}

/** A cell or JSON value as trimmed text ("" when absent). */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    // An ExcelJS rich text or hyperlink cell.
    const cell = value as { text?: unknown; richText?: Array<{ text: string }>; result?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((r) => r.text).join("").trim();
    if (cell.text !== undefined) return text(cell.text);
    if (cell.result !== undefined) return text(cell.result);
    return "";
  }
  return String(value).trim();
}

function employeeOf(line: number, get: (field: string) => string, fields: SiasnMapping["rest"]["employee"]): SiasnEmployee {
  const atasan = fields.atasanNip ? get(fields.atasanNip) : "";
  return {
    line,
    nip: get(fields.nip).replace(/\s+/g, ""),
    nama: get(fields.nama),
    jabatan: get(fields.jabatan),
    golongan: get(fields.golongan),
    unitId: get(fields.unitId),
    atasanNip: fields.atasanNip === null ? undefined : atasan ? atasan.replace(/\s+/g, "") : null,
  };
}

/** The REST lists read through `mapping.rest`. */
export function readRest(units: SiasnRecord[], employees: SiasnRecord[], mapping: SiasnMapping["rest"]): SiasnRead {
  const u = mapping.unit;
  return {
    rows: employees.length,
    units: units.map((row) => ({ id: text(row[u.id]), name: text(row[u.name]), parentId: u.parentId ? text(row[u.parentId]) || null : null })).filter((unit) => unit.id !== ""),
    employees: employees.map((row, i) => employeeOf(i + 1, (f) => text(row[f]), mapping.employee)),
    problems: [],
    fields: mapping.employee,
  };
}

function sheetProblem(line: number, field: string, message: string, expected: string): RowProblem {
  return { line, field, value: "", message, expected };
}

/** The rows of the export (header row first) from XLSX or CSV bytes; a problem when they cannot be read. */
async function sheetRows(format: string, bytes: Uint8Array, mapping: SiasnMapping["sheet"]): Promise<{ rows: string[][] } | { problem: RowProblem }> {
  if (format === "csv") {
    try {
      const records = parseCsv(Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, ""), { delimiter: mapping.delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
      return { rows: records };
    } catch (error) {
      return { problem: sheetProblem((error as { lines?: number }).lines ?? 1, "berkas", `CSV tidak terbaca: ${(error as Error).message}`, `CSV dengan pemisah "${mapping.delimiter}" dan baris judul sesuai berkas pemetaan`) };
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    return { problem: sheetProblem(1, "berkas", `XLSX tidak terbaca: ${(error as Error).message}`, "berkas .xlsx yang diunduh dari SIASN") };
  }
  const sheet = mapping.sheetName ? workbook.getWorksheet(mapping.sheetName) : workbook.worksheets[0];
  if (!sheet) {
    return { problem: sheetProblem(1, "lembar", mapping.sheetName ? `lembar "${mapping.sheetName}" tidak ada` : "berkas tanpa lembar", `lembar kerja ${mapping.sheetName ? `bernama "${mapping.sheetName}"` : "pertama"} berisi baris judul lalu satu baris per pegawai`) };
  }
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = row.values as unknown[];
    rows[number - 1] = values.slice(1).map(text);
  });
  return { rows: Array.from(rows, (r) => r ?? []) };
}

/** The export read through `mapping.sheet`: units from the unit columns, one employee per row. */
export async function readSheet(format: string, bytes: Uint8Array, mapping: SiasnMapping["sheet"]): Promise<SiasnRead> {
  const fields = mapping.employee;
  const empty: SiasnRead = { rows: 0, units: [], employees: [], problems: [], fields };
  const read = await sheetRows(format, bytes, mapping);
  if ("problem" in read) return { ...empty, problems: [read.problem] };
  const [headers, ...rows] = read.rows;
  if (!headers || headers.every((h) => h === "")) return { ...empty, problems: [sheetProblem(1, "baris judul", "berkas kosong", "baris judul lalu satu baris per pegawai")] };
  const index = new Map(headers.map((h, i) => [h.trim().toLowerCase(), i]));
  const wanted = [fields.nip, fields.nama, fields.jabatan, fields.golongan, fields.unitId, fields.atasanNip, mapping.unit.id, mapping.unit.name, mapping.unit.parentId].filter((h): h is string => h !== null);
  const missing = [...new Set(wanted)].filter((h) => !index.has(h.toLowerCase()));
  if (missing.length > 0) {
    return { ...empty, problems: [{ line: 1, field: "baris judul", value: headers.join(", ").slice(0, 200), message: `kolom ${missing.map((m) => `"${m}"`).join(", ")} tidak ada`, expected: `kolom sesuai berkas pemetaan (sheet.*): ${[...new Set(wanted)].join(", ")}` }] };
  }
  const units = new Map<string, SiasnUnit>();
  const employees: SiasnEmployee[] = [];
  rows.forEach((row, i) => {
    if (row.every((c) => c === "")) return;
    const get = (name: string) => row[index.get(name.toLowerCase())!] ?? "";
    employees.push(employeeOf(i + 2, get, fields));
    const id = get(mapping.unit.id);
    if (id && !units.has(id)) units.set(id, { id, name: get(mapping.unit.name), parentId: mapping.unit.parentId ? get(mapping.unit.parentId) || null : null });
  });
  return { rows: employees.length, units: [...units.values()], employees, problems: [], fields };
}
