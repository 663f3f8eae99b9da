// An employee sheet (CSV or XLSX bytes) read into employees, with every bad cell reported: its row, its
// column, what was wrong and what was expected. No database here: what the region already has (its units,
// its employees' NIPs) comes in as plain sets, and writing is the importer's (employee-import.ts).
import { parseNip, type NipCheck } from "@kinerja/core";
import ExcelJS from "exceljs";
import { formatNumberId, LIMITS, unstorableText } from "../lib/index.js";
import { csvRecordStream } from "./csv-records.js";
import { xlsxCellRows, type ReadRow } from "./xlsx-cells.js";
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

/** One employee as a good row of the sheet gives it. */
export interface SheetEmployee {
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

export interface EmployeeSheet {
  /** Data rows in the sheet, empty rows left out. */
  rows: number;
  /** The rows without a problem. */
  employees: SheetEmployee[];
  /** Every problem, in row order; the sheet is good when there is none. */
  errors: ImportRowError[];
}

/** What the region already has, for the checks a sheet cannot make alone. */
export interface KnownInRegion {
  /** Unit ids. */
  units: ReadonlySet<string>;
  /** Employees' NIPs: a superior may be one of them instead of a row of the sheet. */
  nips: ReadonlySet<string>;
}

const FIELDS = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit", "atasan_nip"] as const;
type Field = (typeof FIELDS)[number];
const REQUIRED: readonly Field[] = ["nip", "nama", "jabatan", "unit"];
/** A Map, not an object: a column named "constructor" must not find Object's own. */
const ALIASES = new Map<string, Field>([
  ["unit_kerja", "unit"],
  ["atasan", "atasan_nip"],
  ["nip_atasan", "atasan_nip"],
  ["nama_pegawai", "nama"],
]);
const ATTRIBUTE_PREFIX = "atribut.";
const JENIS_JABATAN = ["struktural", "fungsional", "pelaksana"];
const STATUS = ["PNS", "PPPK"];
const GOLONGAN = /^(I|II|III|IV)\/[a-e]$|^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI|XVII)$/;
/** Text kept as written (the rest is checked against a format or a list): as long as a name may be. */
const FREE_TEXT: readonly Field[] = ["nama", "jabatan", "jenjang"];
/** A bad cell's value is quoted back up to this many characters. */
const QUOTED = 100;
/**
 * How big a sheet may be: employees (data rows, after the header) and columns. A region of 100,000 employees
 * fits in one sheet twice over. A cell holding something past them is refused by name, before any row is
 * read: a few bytes of XLSX can name a cell a million rows down, and a reader walking the rectangle up to it
 * would run for hours.
 */
export const SHEET_LIMITS = { rows: 200_000, columns: 100 } as const;

/** The value as an error quotes it: a huge cell is not sent back whole. */
export function quoted(text: string): string {
  return text.length > QUOTED ? `${text.slice(0, QUOTED)}… (${text.length} karakter)` : text;
}

/** Why a cell's text cannot be kept (too long, or a character the database cannot hold), or undefined. */
function textProblem(text: string, max: number): { message: string; expected: string } | undefined {
  const unstorable = unstorableText(text);
  if (unstorable) return { message: `memuat ${unstorable}`, expected: "teks tanpa karakter itu" };
  if (text.length > max) return { message: `terlalu panjang (${text.length} karakter)`, expected: `paling banyak ${max} karakter` };
  return undefined;
}

/** One cell as read from the sheet: text, or a number a spreadsheet stored as such. */
export type Cell = { text: string; numeric: boolean };
export const EMPTY: Cell = { text: "", numeric: false };
export interface Sheet {
  header: string[];
  /** Data rows with their sheet row numbers. */
  rows: Array<{ row: number; cells: Cell[] }>;
}

/** A spreadsheet's name of a column: 1 is A, 27 is AA, 16384 is XFD. */
export function columnName(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Thrown for the first cell past SHEET_LIMITS; the sheet's parser reports it on that cell. */
export class OutOfBounds extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
  ) {
    super(`sel ${columnName(column)}${row} di luar batas`);
  }
}

/** Refuses a cell past the limits: a row after the header and SHEET_LIMITS.rows employees, or a column past SHEET_LIMITS.columns. */
function checkBounds(row: number, column: number): void {
  if (row > SHEET_LIMITS.rows + 1 || column > SHEET_LIMITS.columns) throw new OutOfBounds(row, column);
}

/** Headings of the e-mail on file, kept as the `email` attribute, to which account invitations go. */
const EMAIL_HEADINGS: ReadonlySet<string> = new Set(["email", "e-mail", "e_mail", "surel", "alamat_email"]);

function normaliseHeader(header: string): string {
  const key = header.trim().toLowerCase().replace(/\s+/g, "_");
  if (EMAIL_HEADINGS.has(key)) return `${ATTRIBUTE_PREFIX}email`;
  return key.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTE_PREFIX + header.trim().slice(ATTRIBUTE_PREFIX.length) : (ALIASES.get(key) ?? key);
}

/** Distinct texts of a column whose cells a CSV's reader shares between rows; past them, each cell is its own. */
const SHARED_PER_COLUMN = 2_000;

type SheetRow = Sheet["rows"][number];
/** How to read the rest of a sheet where its reader gave up midway: exceljs reads the whole file. */
type ReadRest = () => Promise<Iterable<SheetRow>>;

/** A sheet's header, and its data rows one at a time (empty rows left out) as they are read. */
interface SheetRows {
  header: string[];
  /** The rows; a reader that gives up midway ends with how to read the rest. */
  rows: Iterator<SheetRow, ReadRest | void, undefined>;
  /** Whether a value under no heading widens the header with an empty name (XLSX), rather than being left out (CSV). */
  widens: boolean;
}

function readCsv(text: string): SheetRows {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  // Spreadsheets set to Indonesian write ";" between fields.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records = csvRecordStream(text, delimiter);
  const first = records.next();
  const header = first.done ? [] : first.value;
  header.forEach((cell, j) => cell.trim() !== "" && checkBounds(1, j + 1));
  return { header, rows: csvRows(records), widens: false };
}

/**
 * The data rows of CSV records, one pass over the cells, trimming each once: a region's sheet is a million
 * of them. In a column of few values (units, ranks, superiors), a text met before gives the same read-only
 * cell; a column found to hold many (NIPs, names) stops being looked up.
 */
function* csvRows(records: Iterator<string[], void, undefined>): Generator<{ row: number; cells: Cell[] }, void, undefined> {
  const shared: Array<Map<string, Cell> | null> = [];
  let row = 1;
  for (let record = records.next(); !record.done; record = records.next()) {
    row++;
    const fields = record.value;
    const cells: Cell[] = new Array<Cell>(fields.length);
    let filled = false;
    for (let j = 0; j < fields.length; j++) {
      const text = (fields[j] as string).trim();
      if (text === "") {
        cells[j] = EMPTY;
        continue;
      }
      checkBounds(row, j + 1);
      filled = true;
      let column = shared[j];
      if (column === undefined) shared[j] = column = new Map();
      let cell = column?.get(text);
      if (cell === undefined) {
        cell = { text, numeric: false };
        if (column) {
          if (column.size < SHARED_PER_COLUMN) column.set(text, cell);
          else shared[j] = null;
        }
      }
      cells[j] = cell;
    }
    if (filled) yield { row, cells };
  }
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "number") return { text: String(value), numeric: true };
  if (typeof value === "string") return { text: value.trim(), numeric: false };
  if (typeof value === "boolean") return { text: value ? "true" : "false", numeric: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), numeric: false };
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("").trim(), numeric: false };
  if ("result" in value) return cellOf(value.result as ExcelJS.CellValue);
  if ("text" in value) return { text: String(value.text).trim(), numeric: false };
  return EMPTY;
}

/**
 * The first worksheet's cells that hold something, read cell by cell as stored: never the rectangle its dimension
 * claims. A sheet of typed values is read in one pass (xlsx-cells.ts), row by row once it is unzipped; exceljs
 * reads any other, and the rest of one the pass gives up on midway (a formula, say).
 */
async function readXlsx(bytes: Uint8Array): Promise<SheetRows> {
  const fast = xlsxCellRows(bytes, checkBounds);
  const first = fast?.next();
  if (!fast || !first || (first.done && !first.value)) return wholeSheet(await readXlsxWithExceljs(bytes));
  if (first.done) return { header: [], rows: [][Symbol.iterator](), widens: true };
  const header = first.value.row === 1 ? first.value : undefined;
  return { header: header ? headerOf(header) : [], rows: xlsxRows(bytes, fast, first.value), widens: true };
}

function headerOf({ cells }: ReadRow | SheetRow): string[] {
  return Array.from(cells, (cell) => cell?.text ?? "");
}

function filled({ row, cells }: ReadRow | SheetRow): SheetRow {
  return { row, cells: Array.from(cells, (cell) => cell ?? EMPTY) };
}

/** Rows exceljs read from the whole file: the header (row 1, if filled) and the data rows. */
function wholeSheet(stored: Sheet["rows"]): SheetRows {
  const first = stored[0]?.row === 1 ? stored.shift() : undefined;
  return { header: first ? headerOf(first) : [], rows: stored.map(filled)[Symbol.iterator](), widens: true };
}

/**
 * The data rows the one-pass reader gives, from its first (the header, if row 1); where it gives up midway,
 * exceljs reads the rest. The rows given are kept for that: exceljs must give them too, the same.
 */
function* xlsxRows(bytes: Uint8Array, fast: Generator<ReadRow, boolean, undefined>, first: ReadRow): Generator<SheetRow, ReadRest | void, undefined> {
  const given: ReadRow[] = [first];
  if (first.row !== 1) yield filled(first);
  for (;;) {
    const step = fast.next();
    if (step.done) return step.value ? undefined : () => restOf(bytes, given);
    given.push(step.value);
    yield filled(step.value);
  }
}

const OUT_OF_ORDER =
  "baris lembar kerja tersimpan tidak berurutan atau terbelah; simpan ulang berkas dengan Excel atau LibreOffice " +
  "(the worksheet's rows are stored out of order or split; save the file again with Excel or LibreOffice)";

/**
 * The rows exceljs reads that the one-pass reader had not given, once the ones it gave are found the same. A
 * row stored out of order comes after the rows given, not in its place (only which of two rows with one NIP is
 * named the repeat can differ). A row given that exceljs reads otherwise (a row stored in two pieces, which
 * exceljs joins), or a header met only now, cannot be taken back: the file is refused, to be saved again.
 */
async function restOf(bytes: Uint8Array, given: readonly ReadRow[]): Promise<SheetRow[]> {
  const byRow = new Map(given.map((row) => [row.row, row]));
  const rest: SheetRow[] = [];
  let met = 0;
  for (const row of await readXlsxWithExceljs(bytes)) {
    const earlier = byRow.get(row.row);
    if (earlier === undefined) {
      // A header met only now would change what every row given means.
      if (row.row === 1) throw new Error(OUT_OF_ORDER);
      rest.push(filled(row));
      continue;
    }
    const same =
      earlier.cells.length === row.cells.length &&
      Array.from(row.cells, (cell, i) => [cell ?? EMPTY, earlier.cells[i] ?? EMPTY] as const).every(([a, b]) => a.text === b.text && a.numeric === b.numeric);
    if (!same) throw new Error(OUT_OF_ORDER);
    met++;
  }
  if (met !== given.length) throw new Error(OUT_OF_ORDER);
  return rest;
}

/** The same cells as readXlsxCells gives, through exceljs's model of the whole workbook. */
export async function readXlsxWithExceljs(bytes: Uint8Array): Promise<Sheet["rows"]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const stored: Sheet["rows"] = [];
  sheet?.eachRow((row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell((cell, column) => {
      const read = cellOf(cell.value);
      if (read.text === "") return;
      checkBounds(rowNumber, column);
      cells[column - 1] = read;
    });
    if (cells.length > 0) stored.push({ row: rowNumber, cells });
  });
  return stored;
}

function attributeValue(text: string): AttributeValue {
  const lower = text.toLowerCase();
  if (["ya", "true", "benar"].includes(lower)) return true;
  if (["tidak", "false", "salah"].includes(lower)) return false;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

/** Unknown columns and missing required ones, reported on the header row. */
function headerErrors(header: string[], columns: string[]): ImportRowError[] {
  const errors: ImportRowError[] = [];
  columns.forEach((column, i) => {
    const problem = textProblem(header[i] ?? "", LIMITS.id);
    if (problem) {
      errors.push({ row: 1, column: quoted(header[i] ?? ""), value: quoted(header[i] ?? ""), ...problem });
    } else if (!(FIELDS as readonly string[]).includes(column) && !column.startsWith(ATTRIBUTE_PREFIX)) {
      errors.push({
        row: 1,
        column: header[i] ?? "",
        value: header[i] ?? "",
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
  return errors;
}

/** Where each field and each checked column sits in a sheet's rows, found once from its header. */
interface Layout {
  /** A field's column, or -1 when the sheet has none. */
  at: Record<Field, number>;
  /** Columns whose text is kept as written (free text and attributes): checked for length and storable characters. */
  kept: Array<{ index: number; column: string }>;
  /** Attribute columns and the attribute each fills. */
  attributes: Array<{ index: number; name: string }>;
}

function layoutOf(columns: string[]): Layout {
  const at = Object.fromEntries(FIELDS.map((field) => [field, columns.indexOf(field)])) as Record<Field, number>;
  const kept: Layout["kept"] = [];
  const attributes: Layout["attributes"] = [];
  columns.forEach((column, index) => {
    const attribute = column.startsWith(ATTRIBUTE_PREFIX);
    if ((FREE_TEXT as readonly string[]).includes(column) || attribute) kept.push({ index, column });
    if (attribute) attributes.push({ index, name: column.slice(ATTRIBUTE_PREFIX.length) });
  });
  return { at, kept, attributes };
}

function cellAt(cells: Cell[], index: number): Cell {
  return index < 0 ? EMPTY : (cells[index] ?? EMPTY);
}

function fail(errors: ImportRowError[], row: number, column: string, value: string, message: string, expected: string): void {
  errors.push({ row, column, value: quoted(value), message, expected });
}

/**
 * One data row as an employee, or null with its problems added to `errors`. `seen` holds the NIPs of earlier rows and where they are;
 * this row's NIP joins them when it is well-formed and new, so a later duplicate names this row. No function
 * is made per row: a region's sheet has a hundred thousand.
 */
function readRow(
  row: number,
  cells: Cell[],
  { at, kept, attributes: attributeColumns }: Layout,
  seen: Map<string, number>,
  units: ReadonlySet<string>,
  superiors: Map<string, NipCheck>,
  errors: ImportRowError[],
): SheetEmployee | null {
  const problems = errors.length;
  for (const field of REQUIRED) {
    if (cellAt(cells, at[field]).text === "") fail(errors, row, field, "", "kosong", `${field} diisi`);
  }
  for (const { index, column } of kept) {
    const text = cells[index]?.text ?? "";
    const problem = textProblem(text, LIMITS.name);
    if (problem) fail(errors, row, column, text, problem.message, problem.expected);
  }
  const nipCell = cellAt(cells, at.nip);
  let nip = nipCell.text.replace(/\s+/g, "");
  if (nipCell.numeric) {
    fail(errors, row, "nip", nipCell.text, "NIP tersimpan sebagai angka, sehingga digit terakhirnya bisa berubah", "kolom NIP berformat Teks (18 digit)");
  } else if (nip.length > LIMITS.nip) {
    fail(errors, row, "nip", nipCell.text, `terlalu panjang (${nip.length} karakter)`, "NIP 18 digit");
  } else if (nip !== "") {
    const check = parseNip(nip);
    if (!check.ok) fail(errors, row, "nip", nipCell.text, check.error, "NIP 18 digit: tanggal lahir, TMT, jenis kelamin, nomor urut");
    else nip = check.value.nip;
    const earlier = seen.get(nip);
    if (earlier !== undefined) fail(errors, row, "nip", nip, `NIP sudah muncul di baris ${earlier}`, "setiap NIP sekali saja");
    else seen.set(nip, row);
  }
  const unit = cellAt(cells, at.unit).text;
  if (unit !== "" && !units.has(unit)) {
    fail(errors, row, "unit", unit, "unit tidak ditemukan di wilayah ini", "kode unit yang sudah terdaftar (lihat daftar unit)");
  }
  const jenisJabatan = cellAt(cells, at.jenis_jabatan).text.toLowerCase() || null;
  if (jenisJabatan !== null && !JENIS_JABATAN.includes(jenisJabatan)) {
    fail(errors, row, "jenis_jabatan", jenisJabatan, "jenis jabatan tidak dikenal", JENIS_JABATAN.join(", "));
  }
  const status = cellAt(cells, at.status).text.toUpperCase() || null;
  if (status !== null && !STATUS.includes(status)) fail(errors, row, "status", status, "status kepegawaian tidak dikenal", STATUS.join(" atau "));
  const golongan = cellAt(cells, at.golongan).text || null;
  if (golongan !== null && !GOLONGAN.test(golongan)) {
    fail(errors, row, "golongan", golongan, "golongan tidak sah", "I/a sampai IV/e untuk PNS, atau I sampai XVII untuk PPPK");
  }
  const atasanCell = cellAt(cells, at.atasan_nip);
  let atasanNip: string | null = atasanCell.text.replace(/\s+/g, "") || null;
  if (atasanCell.numeric) {
    fail(errors, row, "atasan_nip", atasanCell.text, "NIP atasan tersimpan sebagai angka", "kolom berformat Teks (18 digit)");
  } else if (atasanNip !== null && atasanNip.length > LIMITS.nip) {
    fail(errors, row, "atasan_nip", atasanCell.text, `terlalu panjang (${atasanNip.length} karakter)`, "NIP atasan 18 digit, atau kosong");
  } else if (atasanNip !== null) {
    let check = superiors.get(atasanNip);
    if (check === undefined) superiors.set(atasanNip, (check = parseNip(atasanNip)));
    if (!check.ok) fail(errors, row, "atasan_nip", atasanCell.text, check.error, "NIP atasan 18 digit, atau kosong");
    else if (check.value.nip === nip) fail(errors, row, "atasan_nip", atasanNip, "pegawai tidak bisa menjadi atasannya sendiri", "NIP pegawai lain");
    else atasanNip = check.value.nip;
  }
  if (errors.length > problems) return null;

  const attributes: Record<string, AttributeValue> = {};
  for (const { index, name } of attributeColumns) {
    const text = cells[index]?.text ?? "";
    if (text !== "") attributes[name] = attributeValue(text);
  }
  const employee: SheetEmployee = {
    row,
    nip,
    nama: cellAt(cells, at.nama).text,
    jabatan: cellAt(cells, at.jabatan).text,
    jenis_jabatan: jenisJabatan,
    jenjang: cellAt(cells, at.jenjang).text || null,
    golongan,
    status,
    unit_id: unit,
    atasan_nip: atasanNip,
    attributes,
  };
  return employee;
}

/** The header of a sheet and its rows as they are read: CSV row by row, XLSX once its sheet is unzipped. */
async function sheetRows(format: ImportFormat, bytes: Uint8Array): Promise<SheetRows> {
  return format === "csv" ? readCsv(new TextDecoder("utf-8").decode(bytes)) : await readXlsx(bytes);
}

/**
 * The cells of a sheet: the first worksheet of an XLSX file, or UTF-8 CSV separated by "," or ";". Throws
 * OutOfBounds for a cell past SHEET_LIMITS, and whatever the reader throws for a file it cannot read.
 */
export async function readSheet(format: ImportFormat, bytes: Uint8Array): Promise<Sheet> {
  const sheet = await sheetRows(format, bytes);
  const rows: SheetRow[] = [];
  let source = sheet.rows;
  for (;;) {
    const step = source.next();
    if (!step.done) rows.push(step.value);
    else if (step.value) source = (await step.value())[Symbol.iterator]();
    else break;
  }
  let width = 0;
  for (const row of rows) width = Math.max(width, row.cells.length);
  return { header: widened(sheet, width), rows };
}

/**
 * The header of a sheet whose rows reach `width` columns: an XLSX header widens with an empty name for each
 * value under no heading, which is reported as an unknown column.
 */
function widened(sheet: SheetRows, width: number): string[] {
  return sheet.widens && width > sheet.header.length ? [...sheet.header, ...Array<string>(width - sheet.header.length).fill("")] : sheet.header;
}

/** A sheet that cannot be read, or holds a cell past SHEET_LIMITS, as its one problem. */
function refusedSheet(error: unknown, format: ImportFormat): ImportRowError {
  if (error instanceof OutOfBounds) {
    const cell = `${columnName(error.column)}${error.row}`;
    const rows = formatNumberId(SHEET_LIMITS.rows, 0);
    const last = formatNumberId(SHEET_LIMITS.rows + 1, 0);
    const columns = `${SHEET_LIMITS.columns} kolom (A sampai ${columnName(SHEET_LIMITS.columns)})`;
    return {
      row: error.row,
      column: columnName(error.column),
      value: "",
      message: `sel ${cell} terisi, di luar batas berkas pegawai (cell ${cell} is filled, outside the employee sheet's limits)`,
      expected:
        `paling banyak ${rows} pegawai (baris 2 sampai ${last}) dan ${columns}; kosongkan sel di luarnya, atau bagi berkas menjadi beberapa ` +
        `(at most ${SHEET_LIMITS.rows.toLocaleString("en")} employees, rows 2 to ${(SHEET_LIMITS.rows + 1).toLocaleString("en")}, and ` +
        `${SHEET_LIMITS.columns} columns, A to ${columnName(SHEET_LIMITS.columns)}; clear the cells outside, or split the file)`,
    };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { row: 1, column: "", value: "", message: `Berkas tidak bisa dibaca: ${reason}`, expected: `berkas ${format.toUpperCase()} yang sah` };
}

/** Good rows come in parts of this many: what the importer writes in one statement. */
export const SHEET_PART = 2_000;

/** The end of a sheet's reading. */
interface SheetEnd {
  /** Data rows in the sheet, empty rows left out (0 for a sheet refused whole). */
  rows: number;
  /** Every problem, in row order. */
  errors: ImportRowError[];
  /** Whether the sheet was refused whole (unreadable, past the limits, a bad header): no row of it stands. */
  refused: boolean;
  /** Rows given as good whose superior turned out to be no one (each also has its error). */
  unresolved: ReadonlySet<number>;
}

/**
 * Reads a sheet against what the region has as it goes: its good rows in parts of SHEET_PART, each part
 * marked clean while no problem has been found so far, then how the sheet ended. A superior may be a later
 * row, so whether each superior is someone is known only at the end.
 */
async function* employeeSheetStream(
  format: ImportFormat,
  bytes: Uint8Array,
  known: KnownInRegion,
): AsyncGenerator<{ employees: SheetEmployee[]; clean: boolean }, SheetEnd, undefined> {
  const refused = (error: unknown): SheetEnd => ({ rows: 0, errors: [refusedSheet(error, format)], refused: true, unresolved: new Set() });
  let sheet: SheetRows;
  try {
    sheet = await sheetRows(format, bytes);
  } catch (error) {
    return refused(error);
  }
  let rows = sheet.rows;
  let width = 0;
  // The next row, what the reader threw (a cell past the limits, a file it cannot read), or, where a reader
  // gave up midway, how to read the rest.
  const next = (): IteratorResult<SheetRow, ReadRest | void> | { error: unknown } => {
    try {
      const step = rows.next();
      if (!step.done && step.value.cells.length > width) width = step.value.cells.length;
      return step;
    } catch (error) {
      return { error };
    }
  };
  const readRest = async (rest: ReadRest): Promise<{ error: unknown } | undefined> => {
    try {
      rows = (await rest())[Symbol.iterator]();
      return undefined;
    } catch (error) {
      return { error };
    }
  };
  // Refused on its header (widened by the rows, for XLSX): its rows are counted, and a cell past the limits
  // is still reported first.
  const refusedOnHeader = async (counted: number): Promise<SheetEnd | undefined> => {
    for (let count = counted; ; count++) {
      const step = next();
      if ("error" in step) return refused(step.error);
      if (step.done && step.value) {
        const failed = await readRest(step.value);
        if (failed) return refused(failed.error);
        count--;
        continue;
      }
      if (step.done) {
        const header = widened(sheet, width);
        const errors = headerErrors(header, header.map(normaliseHeader));
        return errors.length > 0 ? { rows: count, errors, refused: true, unresolved: new Set() } : undefined;
      }
    }
  };

  const columns = sheet.header.map(normaliseHeader);
  if (headerErrors(sheet.header, columns).length > 0) return (await refusedOnHeader(0))!;

  const seen = new Map<string, number>();
  const errors: ImportRowError[] = [];
  const layout = layoutOf(columns);
  // The checks of each superior's NIP, made once: a unit's staff name the same head.
  const superiors = new Map<string, NipCheck>();
  // Good rows whose superior was not yet seen: a later row may be them.
  const pending: SheetEmployee[] = [];
  let part: SheetEmployee[] = [];
  let count = 0;
  for (;;) {
    const step = next();
    if ("error" in step) return refused(step.error);
    if (step.done && step.value) {
      const failed = await readRest(step.value);
      if (failed) return refused(failed.error);
      continue;
    }
    if (step.done) break;
    count++;
    const employee = readRow(step.value.row, step.value.cells, layout, seen, known.units, superiors, errors);
    if (!employee) continue;
    if (employee.atasan_nip && !seen.has(employee.atasan_nip) && !known.nips.has(employee.atasan_nip)) pending.push(employee);
    part.push(employee);
    if (part.length === SHEET_PART) {
      yield { employees: part, clean: errors.length === 0 };
      part = [];
    }
  }
  if (part.length > 0) yield { employees: part, clean: errors.length === 0 };
  // A value under no heading, met in any row, refuses the sheet on its header.
  if (sheet.widens && width > sheet.header.length) {
    const onHeader = await refusedOnHeader(count);
    if (onHeader) return onHeader;
  }
  // A superior must be someone: in this sheet (a bad row's NIP counts) or already in the region.
  const unresolved = new Set<number>();
  for (const employee of pending) {
    if (seen.has(employee.atasan_nip!)) continue;
    unresolved.add(employee.row);
    errors.push({
      row: employee.row,
      column: "atasan_nip",
      value: employee.atasan_nip!,
      message: "atasan tidak ditemukan di berkas ini maupun di data pegawai wilayah",
      expected: "NIP pegawai yang ada",
    });
  }
  if (count === 0) errors.push({ row: 2, column: "", value: "", message: "tidak ada baris data", expected: "paling sedikit satu pegawai" });
  errors.sort((a, b) => a.row - b.row);
  return { rows: count, errors, refused: false, unresolved };
}

/** Reads a sheet (the first worksheet of an XLSX file, or UTF-8 CSV separated by "," or ";") against what the region has. */
export async function parseEmployeeSheet(format: ImportFormat, bytes: Uint8Array, known: KnownInRegion): Promise<EmployeeSheet> {
  const stream = employeeSheetStream(format, bytes, known);
  const employees: SheetEmployee[] = [];
  for (;;) {
    const step = await stream.next();
    if (!step.done) {
      employees.push(...step.value.employees);
      continue;
    }
    const { rows, errors, refused, unresolved } = step.value;
    return { rows, employees: refused ? [] : employees.filter((employee) => !unresolved.has(employee.row)), errors };
  }
}

/** The fields of an employee that are written, in the order of EmployeeColumns. */
const WRITTEN = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit_id", "atasan_nip"] as const;

/**
 * A good sheet's employees as one array per field, each employee's attributes as JSON text. This is what
 * crosses from the worker process: 100,000 employees as objects took about 0.55 s to serialise and
 * deserialise (every object writes its keys again), as arrays about 0.16 s (see docs/performance.md).
 */
export type EmployeeColumns = { [field in (typeof WRITTEN)[number]]: Array<SheetEmployee[field]> } & { attributes: string[] };

export function employeeColumns(employees: readonly SheetEmployee[]): EmployeeColumns {
  const columns = { attributes: employees.map((employee) => JSON.stringify(employee.attributes)) } as EmployeeColumns;
  for (const field of WRITTEN) (columns as Record<string, unknown[]>)[field] = employees.map((employee) => employee[field]);
  return columns;
}

/**
 * The worker process's task: reads a sheet as parseEmployeeSheet does, and yields its good rows as columns,
 * in parts of SHEET_PART, while the sheet has no problem, so the importer writes them as the rest is read.
 * Returns the rows and every problem: a sheet with any is refused whole, whatever parts came before.
 */
export async function* employeeSheetParts(
  format: ImportFormat,
  bytes: Uint8Array,
  known: KnownInRegion,
): AsyncGenerator<EmployeeColumns, { rows: number; errors: ImportRowError[] }, undefined> {
  const stream = employeeSheetStream(format, bytes, known);
  for (;;) {
    const step = await stream.next();
    if (step.done) return { rows: step.value.rows, errors: step.value.errors };
    if (step.value.clean) yield employeeColumns(step.value.employees);
  }
}
