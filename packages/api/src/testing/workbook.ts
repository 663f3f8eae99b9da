// A workbook as a spreadsheet program saves one (shared strings, typed cells, rich text), for browser tests
// that upload a sheet: each cell is text, a number, true/false, or rich text given as its runs (bold by turns).
import ExcelJS from "exceljs";

export type WorkbookCell = string | number | boolean | { runs: string[] };

/** The XLSX bytes of one worksheet holding the rows. */
export async function workbookXlsx(rows: ReadonlyArray<ReadonlyArray<WorkbookCell>>, sheetName = "Pegawai"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) {
    sheet.addRow(row.map((cell) => (typeof cell === "object" ? { richText: cell.runs.map((text, i) => ({ text, ...(i % 2 ? { font: { bold: true } } : {}) })) } : cell)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
