// A sheet of units (CSV) read into units, with every bad cell reported by row and column, as the employee
// sheet is. Columns: kode, nama, induk (the parent's kode, empty for a top unit), jenis. A parent may be a
// unit the region has or a row of the same sheet, before or after its children. No database here.
import { parse as parseCsv } from "csv-parse/sync";
import type { ImportRowError } from "./employee-sheet.js";
import type { UnitInput } from "./units.js";

export interface UnitSheet {
  rows: number;
  units: UnitInput[];
  errors: ImportRowError[];
}

/** The most units one sheet may hold. */
export const UNIT_SHEET_LIMIT = 5_000;

const UNIT_CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
type Field = "kode" | "nama" | "induk" | "jenis";
const ALIASES = new Map<string, Field>([
  ["kode", "kode"],
  ["kode_unit", "kode"],
  ["id", "kode"],
  ["nama", "nama"],
  ["nama_unit", "nama"],
  ["unit", "nama"],
  ["induk", "induk"],
  ["kode_induk", "induk"],
  ["unit_induk", "induk"],
  ["jenis", "jenis"],
  ["jenis_unit", "jenis"],
  ["tipe", "jenis"],
]);

function columnKey(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, "_");
}

export function parseUnitSheet(text: string, existing: ReadonlyMap<string, string | null>): UnitSheet {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { rows: 0, units: [], errors: [{ row: 1, column: "", value: "", message: `berkas CSV tidak bisa dibaca: ${message}`, expected: "CSV dengan baris judul kode,nama,induk,jenis" }] };
  }
  const [header = [], ...rest] = records;
  const columns = new Map<Field, number>();
  header.forEach((name, index) => {
    const field = ALIASES.get(columnKey(name));
    if (field && !columns.has(field)) columns.set(field, index);
  });
  const errors: ImportRowError[] = [];
  for (const field of ["kode", "nama"] as const) {
    if (!columns.has(field)) {
      errors.push({ row: 1, column: field, value: header.join(delimiter), message: `kolom ${field} tidak ada`, expected: "baris judul dengan kolom kode dan nama (induk dan jenis boleh)" });
    }
  }
  if (errors.length > 0) return { rows: 0, units: [], errors };
  const rows = rest.map((cells, i) => ({ row: i + 2, cells: cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length > UNIT_SHEET_LIMIT) {
    return { rows: rows.length, units: [], errors: [{ row: UNIT_SHEET_LIMIT + 2, column: "", value: "", message: `berkas berisi ${rows.length} unit`, expected: `paling banyak ${UNIT_SHEET_LIMIT} unit per berkas` }] };
  }
  const cell = (cells: string[], field: Field) => {
    const index = columns.get(field);
    return index === undefined ? "" : (cells[index] ?? "");
  };
  const units: UnitInput[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const id = cell(cells, "kode").toLowerCase();
    const name = cell(cells, "nama");
    const parent = cell(cells, "induk").toLowerCase();
    const type = cell(cells, "jenis");
    const before = errors.length;
    if (!UNIT_CODE.test(id)) errors.push({ row, column: "kode", value: id, message: "kode unit tidak sah", expected: "huruf kecil, angka, titik, - dan _, paling panjang 64 (contoh: dinkes, pkm-sempaja)" });
    else if (seen.has(id)) errors.push({ row, column: "kode", value: id, message: `kode ${id} sudah dipakai di baris ${seen.get(id)}`, expected: "kode yang berbeda untuk setiap unit" });
    if (name.length < 2 || name.length > 200) errors.push({ row, column: "nama", value: name, message: name ? "nama unit terlalu pendek atau terlalu panjang" : "nama unit kosong", expected: "nama 2–200 karakter" });
    if (parent !== "" && !UNIT_CODE.test(parent)) errors.push({ row, column: "induk", value: parent, message: "kode unit induk tidak sah", expected: "kode unit yang ada di berkas ini atau di daerah ini, atau kosong" });
    if (type.length > 100) errors.push({ row, column: "jenis", value: type.slice(0, 40), message: "jenis unit terlalu panjang", expected: "paling panjang 100 karakter" });
    if (UNIT_CODE.test(id) && !seen.has(id)) seen.set(id, row);
    if (errors.length === before) units.push({ id, name, parentId: parent || null, type: type || null });
  }
  // Parents: known in the region or in the sheet; and no unit under itself once the sheet is applied.
  const parentOf = new Map(existing);
  for (const unit of units) parentOf.set(unit.id, unit.parentId);
  for (const unit of units) {
    const row = seen.get(unit.id) ?? 0;
    if (unit.parentId === null) continue;
    if (!parentOf.has(unit.parentId)) {
      errors.push({ row, column: "induk", value: unit.parentId, message: `unit induk ${unit.parentId} tidak ada`, expected: "kode unit yang ada di berkas ini atau di daerah ini, atau kosong" });
      continue;
    }
    const visited = new Set<string>([unit.id]);
    for (let at: string | null | undefined = unit.parentId; at; at = parentOf.get(at)) {
      if (visited.has(at)) {
        errors.push({ row, column: "induk", value: unit.parentId, message: `unit ${unit.id} akan berada di bawah dirinya sendiri`, expected: "susunan unit tanpa putaran" });
        break;
      }
      visited.add(at);
    }
  }
  errors.sort((a, b) => a.row - b.row);
  return { rows: rows.length, units: errors.length > 0 ? [] : units, errors };
}
