// A table as a download, the way the BKD opens it: XLSX (a data sheet with bold, frozen headers and a
// "Keterangan" sheet saying where the data came from) or CSV (UTF-8, read correctly by Excel).
// Text that people typed (names, unit names, reasons) goes into every cell, so nothing in a file may be
// read as a formula: in CSV a text starting with = + - @ or a tab/CR gets a leading apostrophe, which
// spreadsheet programs take as "this is text"; in XLSX every text is written as a text cell, never a formula.
import ExcelJS from "exceljs";

export type ExportFormat = "xlsx" | "csv";

export interface ExportFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

export interface Column<K extends string> {
  header: string;
  key: K;
  width: number;
  /** Kept as text in XLSX, so a NIP keeps its 18 digits. */
  text?: boolean;
}

export type Cell = string | number | null;

export interface Table<K extends string> {
  format: ExportFormat;
  /** The file name without its extension. */
  name: string;
  sheetName: string;
  columns: readonly Column<K>[];
  rows: Array<Record<K, Cell>>;
  /** Label and value rows of the "Keterangan" sheet (XLSX only). */
  about: Array<[string, Cell]>;
}

/** Starts that Excel, LibreOffice and Google Sheets read as a formula when a CSV cell begins with them. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text as a spreadsheet cell that can never be run as a formula. */
export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvField(value: Cell): string {
  const text = value === null ? "" : typeof value === "number" ? String(value) : inertText(value);
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function tableFile<K extends string>(table: Table<K>): Promise<ExportFile> {
  const { columns, rows } = table;
  if (table.format === "csv") {
    const lines = [columns.map((c) => csvField(c.header)).join(","), ...rows.map((row) => columns.map((c) => csvField(row[c.key])).join(","))];
    // The byte-order mark makes Excel read the file as UTF-8.
    return { filename: `${table.name}.csv`, contentType: "text/csv; charset=utf-8", body: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8") };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Kinerja";
  const sheet = workbook.addWorksheet(table.sheetName);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  for (const c of columns) if (c.text) sheet.getColumn(c.key).numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.addRows(rows);
  workbook.addWorksheet("Keterangan").addRows(table.about);
  return {
    filename: `${table.name}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** A file name of letters, digits, dots, dashes and underscores only. */
export function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "_");
}
