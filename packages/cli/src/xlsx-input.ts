// Appraisal inputs from an XLSX workbook: its first worksheet, laid out as the CSV form (docs/input-format.md):
// a header row of column names, then one row per employee. Every bad cell of a row is reported with the sheet,
// the row, the column's letter and name, what is wrong and what was expected; the other rows are still read.
// exceljs is loaded only when a workbook is read, so JSON and CSV runs do not pay for it.
import type ExcelJS from "exceljs";
import { InputError, readRow, type Place } from "./csv-columns.js";
import type { ReadInput } from "./inputs.js";

/** Rows to a batch, as for CSV. */
const XLSX_BATCH = 1000;

/** "A", "B", … "Z", "AA": a column's letter as the spreadsheet shows it. */
function columnLetter(column: number): string {
  let name = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell's text as the CSV form would hold it, or what is wrong with it. */
type CellText = { text: string; problem?: undefined } | { text?: undefined; problem: string };

function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: "" };
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "ya" : "tidak" };
  if (typeof value === "number") {
    // Past 2^53 a number has already lost digits in the file: an 18-digit NIP typed as a number is the usual case.
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      return {
        problem:
          `angka ${String(value)} terlalu panjang untuk disimpan tepat sebagai angka, digit terakhirnya sudah berubah; yang diharapkan: ` +
          `sel berformat Teks (mis. NIP diketik dengan ' di depannya) (EN: the number is too long to be stored exactly and its last ` +
          `digits have changed; expected a Text cell, e.g. a NIP typed with a leading ')`,
      };
    }
    return { text: String(value) };
  }
  if (value instanceof Date) {
    const day = value.toISOString().slice(0, 10);
    return {
      problem:
        `sel berisi tanggal (${day}); yang diharapkan: teks atau angka, mis. periode 2025 atau 2025-S1 dalam sel berformat Teks ` +
        `(EN: the cell holds a date; expected text or a number, e.g. a period label in a Text cell)`,
    };
  }
  if ("error" in value) {
    return { problem: `sel berisi galat ${value.error}; yang diharapkan: sebuah nilai (EN: the cell holds the error ${value.error}; expected a value)` };
  }
  if ("richText" in value) return { text: value.richText.map((r) => r.text).join("") };
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    if (result === undefined) {
      return {
        problem:
          "rumus tanpa hasil tersimpan; yang diharapkan: berkas yang disimpan oleh aplikasi lembar kerja (hasil rumus ikut tersimpan), atau " +
          "nilainya sendiri (EN: a formula with no stored result; expected a file saved by a spreadsheet application, or the value itself)",
      };
    }
    return cellText(result);
  }
  if ("text" in value) return { text: String(value.text) };
  return { problem: "isi sel tidak dikenal; yang diharapkan: teks atau angka (EN: unknown cell content; expected text or a number)" };
}

/**
 * Yields the first worksheet's rows as inputs, in batches, each row with its problems when it has any. A header
 * that cannot be read (no header, an empty or repeated column name) stops the read.
 */
export async function* readXlsxBatches(path: string): AsyncGenerator<ReadInput[]> {
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new InputError(path, `bukan berkas XLSX yang dapat dibaca (${(error as Error).message}); yang diharapkan: buku kerja .xlsx (EN: not a readable XLSX file)`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    throw new InputError(path, "lembar kerja pertama kosong; yang diharapkan: baris judul kolom lalu satu baris per pegawai (EN: the first worksheet is empty)");
  }
  const sheetName = `lembar "${sheet.name}"`;
  let header: string[] | null = null;
  let headerRow = 0;
  let batch: ReadInput[] = [];
  const rows: Array<{ number: number; row: ExcelJS.Row }> = [];
  sheet.eachRow((row, number) => rows.push({ number, row }));
  for (const { number, row } of rows) {
    const at = (column: number) => `${path}: ${sheetName}, baris ${number}, kolom ${columnLetter(column)}`;
    if (header === null) {
      header = [];
      headerRow = number;
      const seen = new Map<string, number>();
      row.eachCell((cell, column) => {
        const read = cellText(cell.value);
        if (read.problem !== undefined) throw new InputError(at(column), `judul kolom: ${read.problem}`);
        const name = read.text.trim();
        const before = seen.get(name);
        if (name !== "" && before !== undefined) {
          throw new InputError(
            at(column),
            `judul "${name}" sudah ada di kolom ${columnLetter(before)}; yang diharapkan: setiap kolom sekali saja (EN: heading "${name}" is already in column ${columnLetter(before)}; expected each column once)`,
          );
        }
        seen.set(name, column);
        header![column - 1] = name;
      });
      continue;
    }
    const columns = header;
    const cells: Record<string, string> = {};
    const problems: string[] = [];
    row.eachCell((cell, column) => {
      const read = cellText(cell.value);
      const name = columns[column - 1] ?? "";
      const label = `kolom ${columnLetter(column)}${name === "" ? "" : ` (${name})`}`;
      if (read.problem !== undefined) {
        problems.push(`${label}: ${read.problem}`);
        return;
      }
      if (read.text.trim() === "") return;
      if (name === "") {
        problems.push(
          `${label}: sel terisi di bawah judul kosong (baris ${headerRow}); yang diharapkan: nama kolom di baris judul, atau sel kosong ` +
            `(EN: a filled cell under an empty heading; expected a column name in the header row, or an empty cell)`,
        );
        return;
      }
      cells[name] = read.text;
    });
    if (Object.keys(cells).length === 0 && problems.length === 0) continue;
    const place: Place = (name) => {
      if (name === undefined) return "";
      const index = columns.indexOf(name);
      return index < 0 ? `kolom ${name}` : `kolom ${columnLetter(index + 1)} (${name})`;
    };
    const read = readRow(cells, place);
    problems.push(...read.problems.map((p) => p.message));
    const where = `${path}: ${sheetName}, baris ${number}`;
    batch.push(problems.length > 0 || !read.input ? { where, problems } : { where, input: read.input });
    if (batch.length === XLSX_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
