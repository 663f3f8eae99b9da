// Importing employees from a CSV or XLSX sheet. Every bad cell is reported (row, column, what was wrong,
// what was expected) and nothing is written unless the whole sheet is good: one transaction, or none.
// Rows are matched on NIP: a known NIP updates the employee, a new one adds them.
import { parseNip } from "@kinerja/core";
import { newId, now, toJson } from "@kinerja/db";
import { parse as parseCsv } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { Scope } from "../access/index.js";
import { audit } from "../lib/index.js";
import type { AttributeValue } from "./employees.js";

export type ImportFormat = "csv" | "xlsx";

export interface ImportRowError {
  /** The sheet row, counting the header as row 1. */
  row: number;
  column: string;
  value: string;
  message: string;
  expected: string;
}

export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number }
  | { ok: false; rows: number; errors: ImportRowError[] };

const FIELDS = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit", "atasan_nip"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ["nip", "nama", "jabatan", "unit"];
const ALIASES: Record<string, Field> = { unit_kerja: "unit", atasan: "atasan_nip", nip_atasan: "atasan_nip", nama_pegawai: "nama" };
const ATTRIBUTE_PREFIX = "atribut.";
const JENIS_JABATAN = ["struktural", "fungsional", "pelaksana"];
const STATUS = ["PNS", "PPPK"];
const GOLONGAN = /^(I|II|III|IV)\/[a-e]$|^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$/;

/** One cell as read from the sheet: text, or a number a spreadsheet stored as such. */
type Cell = { text: string; numeric: boolean };
interface Sheet {
  header: string[];
  /** Data rows with their sheet row numbers. */
  rows: Array<{ row: number; cells: Cell[] }>;
}

function normaliseHeader(header: string): string {
  const key = header.trim().toLowerCase().replace(/\s+/g, "_");
  return key.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTE_PREFIX + header.trim().slice(ATTRIBUTE_PREFIX.length) : (ALIASES[key] ?? key);
}

function readCsv(text: string): Sheet {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheets set to Indonesian write ";" between fields.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records = parseCsv(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  const [header = [], ...rest] = records;
  return {
    header,
    rows: rest
      .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => ({ text: c.trim(), numeric: false })) }))
      .filter((r) => r.cells.some((c) => c.text !== "")),
  };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: "", numeric: false };
  if (typeof value === "number") return { text: String(value), numeric: true };
  if (typeof value === "string") return { text: value.trim(), numeric: false };
  if (typeof value === "boolean") return { text: value ? "true" : "false", numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("").trim(), numeric: false };
  if ("result" in value) return cellOf(value.result as ExcelJS.CellValue);
  if ("text" in value) return { text: String(value.text).trim(), numeric: false };
  return { text: "", numeric: false };
}

async function readXlsx(base64: string): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, "base64") as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const width = sheet.columnCount;
  const read = (rowNumber: number) =>
    Array.from({ length: width }, (_, i) => cellOf(sheet.getRow(rowNumber).getCell(i + 1).value));
  const rows: Sheet["rows"] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = read(r);
    if (cells.some((c) => c.text !== "")) rows.push({ row: r, cells });
  }
  return { header: read(1).map((c) => c.text), rows };
}

function attributeValue(text: string): AttributeValue {
  const lower = text.toLowerCase();
  if (["ya", "true", "benar"].includes(lower)) return true;
  if (["tidak", "false", "salah"].includes(lower)) return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

interface ParsedRow {
  row: number;
  nip: string;
  nama: string;
  jabatan: string;
  jenis_jabatan: string | null;
  jenjang: string | null;
  golongan: string | null;
  status: string | null;
  unit_id: string;
  atasan_nip: string | null;
  attributes: Record<string, AttributeValue>;
}

export async function importEmployees(scope: Scope, input: { format: ImportFormat; content: string }): Promise<ImportResult> {
  const { db, regionId, actor } = scope;
  let sheet: Sheet;
  try {
    sheet = input.format === "csv" ? readCsv(input.content) : await readXlsx(input.content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      rows: 0,
      errors: [{ row: 1, column: "", value: "", message: `Berkas tidak bisa dibaca: ${reason}`, expected: `berkas ${input.format.toUpperCase()} yang sah` }],
    };
  }

  const errors: ImportRowError[] = [];
  const columns = sheet.header.map(normaliseHeader);
  columns.forEach((column, i) => {
    if (!(FIELDS as readonly string[]).includes(column) && !column.startsWith(ATTRIBUTE_PREFIX)) {
      errors.push({
        row: 1,
        column: sheet.header[i] ?? "",
        value: sheet.header[i] ?? "",
        message: "kolom tidak dikenal",
        expected: `salah satu dari ${FIELDS.join(", ")}, atau atribut.<nama> untuk atribut tambahan`,
      });
    }
  });
  for (const field of REQUIRED) {
    if (!columns.includes(field)) {
      errors.push({ row: 1, column: field, value: "", message: `kolom ${field} tidak ada`, expected: `kolom ${field} di baris judul` });
    }
  }
  if (errors.length > 0) return { ok: false, rows: sheet.rows.length, errors };

  const units = new Set(
    (await db.selectFrom("units").select("id").where("region_id", "=", regionId).execute()).map((u) => u.id),
  );
  const existing = new Map(
    (await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e.id]),
  );
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];

  for (const { row, cells } of sheet.rows) {
    const rowErrors: ImportRowError[] = [];
    const fail = (column: string, value: string, message: string, expected: string) =>
      rowErrors.push({ row, column, value, message, expected });
    const get = (field: Field): Cell => {
      const index = columns.indexOf(field);
      return index < 0 ? { text: "", numeric: false } : (cells[index] ?? { text: "", numeric: false });
    };
    const optional = (field: Field): string | null => get(field).text || null;

    for (const field of REQUIRED) {
      if (get(field).text === "") fail(field, "", "kosong", `${field} diisi`);
    }
    const nipCell = get("nip");
    let nip = nipCell.text.replace(/\s+/g, "");
    if (nipCell.numeric) {
      fail("nip", nipCell.text, "NIP tersimpan sebagai angka, sehingga digit terakhirnya bisa berubah", "kolom NIP berformat Teks (18 digit)");
    } else if (nip !== "") {
      const check = parseNip(nip);
      if (!check.ok) fail("nip", nipCell.text, check.error, "NIP 18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut");
      else nip = check.value.nip;
      const earlier = seen.get(nip);
      if (earlier !== undefined) fail("nip", nip, `NIP sudah muncul di baris ${earlier}`, "setiap NIP sekali saja");
      else seen.set(nip, row);
    }
    const unit = get("unit").text;
    if (unit !== "" && !units.has(unit)) {
      fail("unit", unit, "unit tidak ditemukan di wilayah ini", "kode unit yang sudah terdaftar (lihat daftar unit)");
    }
    const jenisJabatan = optional("jenis_jabatan")?.toLowerCase() ?? null;
    if (jenisJabatan !== null && !JENIS_JABATAN.includes(jenisJabatan)) {
      fail("jenis_jabatan", jenisJabatan, "jenis jabatan tidak dikenal", JENIS_JABATAN.join(", "));
    }
    const status = optional("status")?.toUpperCase() ?? null;
    if (status !== null && !STATUS.includes(status)) fail("status", status, "status kepegawaian tidak dikenal", STATUS.join(" atau "));
    const golongan = optional("golongan");
    if (golongan !== null && !GOLONGAN.test(golongan)) {
      fail("golongan", golongan, "golongan tidak sah", "I/a sampai IV/e untuk PNS, atau I sampai XVII untuk PPPK");
    }
    const atasanCell = get("atasan_nip");
    let atasanNip: string | null = atasanCell.text.replace(/\s+/g, "") || null;
    if (atasanCell.numeric) {
      fail("atasan_nip", atasanCell.text, "NIP atasan tersimpan sebagai angka", "kolom berformat Teks (18 digit)");
    } else if (atasanNip !== null) {
      const check = parseNip(atasanNip);
      if (!check.ok) fail("atasan_nip", atasanCell.text, check.error, "NIP atasan 18 digit, atau kosong");
      else if (check.value.nip === nip) fail("atasan_nip", atasanNip, "pegawai tidak bisa menjadi atasannya sendiri", "NIP pegawai lain");
      else atasanNip = check.value.nip;
    }
    const attributes: Record<string, AttributeValue> = {};
    columns.forEach((column, i) => {
      const text = cells[i]?.text ?? "";
      if (column.startsWith(ATTRIBUTE_PREFIX) && text !== "") attributes[column.slice(ATTRIBUTE_PREFIX.length)] = attributeValue(text);
    });
    errors.push(...rowErrors);
    if (rowErrors.length === 0) {
      parsed.push({
        row,
        nip,
        nama: get("nama").text,
        jabatan: get("jabatan").text,
        jenis_jabatan: jenisJabatan,
        jenjang: optional("jenjang"),
        golongan,
        status,
        unit_id: unit,
        atasan_nip: atasanNip,
        attributes,
      });
    }
  }

  // A superior must be someone: in this sheet or already in the region.
  for (const p of parsed) {
    if (p.atasan_nip && !seen.has(p.atasan_nip) && !existing.has(p.atasan_nip)) {
      errors.push({
        row: p.row,
        column: "atasan_nip",
        value: p.atasan_nip,
        message: "atasan tidak ditemukan di berkas ini maupun di data pegawai wilayah",
        expected: "NIP pegawai yang ada",
      });
    }
  }
  if (sheet.rows.length === 0) {
    errors.push({ row: 2, column: "", value: "", message: "tidak ada baris data", expected: "paling sedikit satu pegawai" });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    return { ok: false, rows: sheet.rows.length, errors };
  }

  let created = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    const at = now();
    for (const p of parsed) {
      const values = {
        nama: p.nama,
        jabatan: p.jabatan,
        jenis_jabatan: p.jenis_jabatan,
        jenjang: p.jenjang,
        golongan: p.golongan,
        status: p.status,
        unit_id: p.unit_id,
        atasan_nip: p.atasan_nip,
        attributes: toJson(p.attributes),
        updated_at: at,
      };
      const id = existing.get(p.nip);
      if (id) {
        await trx.updateTable("employees").set(values).where("region_id", "=", regionId).where("id", "=", id).execute();
        updated++;
      } else {
        await trx
          .insertInto("employees")
          .values({ ...values, region_id: regionId, id: newId(), nip: p.nip, created_at: at })
          .execute();
        created++;
      }
    }
    await audit(trx, {
      regionId,
      actor,
      action: "employee.import",
      entity: "employee",
      entityId: "*",
      after: { format: input.format, rows: parsed.length, created, updated },
    });
  });
  return { ok: true, rows: parsed.length, created, updated };
}
