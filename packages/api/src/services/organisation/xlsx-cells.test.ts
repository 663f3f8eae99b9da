// The one-pass XLSX reader against exceljs on the same bytes: random workbooks written by exceljs (shared or
// inline strings, rich text, numbers, true/false, formulas, dates, merges, hyperlinks, sparse cells) and
// workbooks written part by part as other spreadsheets write them. Where the reader answers, it gives exactly
// exceljs's cells; where the workbook holds only typed-in values it must answer (else it would never be used).
import ExcelJS from "exceljs";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { OutOfBounds, readSheet, readXlsxWithExceljs } from "./employee-sheet.js";
import { readXlsxCells, xlsxCellRows } from "./xlsx-cells.js";

const noLimits = () => {};

type Value =
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "bool"; value: boolean }
  | { kind: "rich"; parts: string[] }
  | { kind: "formula"; result: number | string }
  | { kind: "date"; day: number }
  | { kind: "link"; text: string };

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("", "  ", " Dinas Kesehatan ", "A & B <kasi>", 'kutip "ganda" dan \'tunggal\'', "Ñoño ümlaut 漢字 😀", "baris\nbaru", "199606062020031006"),
);
const plain: fc.Arbitrary<Value> = fc.oneof(
  text.map((t) => ({ kind: "text" as const, text: t })),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(Number("199606062020031006"))).map((value) => ({ kind: "number" as const, value })),
  fc.boolean().map((value) => ({ kind: "bool" as const, value })),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((parts) => ({ kind: "rich" as const, parts })),
  text.map((t) => ({ kind: "link" as const, text: t })),
);
const any: fc.Arbitrary<Value> = fc.oneof(
  plain,
  fc.oneof(fc.integer(), fc.string({ maxLength: 6 })).map((result) => ({ kind: "formula" as const, result })),
  fc.integer({ min: 1, max: 60_000 }).map((day) => ({ kind: "date" as const, day })),
);

interface Placed {
  row: number;
  column: number;
  value: Value;
}

const placed = (values: fc.Arbitrary<Value>) =>
  fc.array(fc.record({ row: fc.integer({ min: 1, max: 30 }), column: fc.integer({ min: 1, max: 30 }), value: values }), { maxLength: 40 });

async function workbookOf(cells: Placed[], options: { sharedStrings: boolean; merge?: boolean; styled?: boolean }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Pegawai");
  for (const { row, column, value } of cells) {
    const cell = sheet.getCell(row, column);
    if (value.kind === "text") cell.value = value.text;
    else if (value.kind === "number") cell.value = value.value;
    else if (value.kind === "bool") cell.value = value.value;
    else if (value.kind === "rich") cell.value = { richText: value.parts.map((t, i) => ({ text: t, ...(i % 2 ? { font: { bold: true } } : {}) })) };
    else if (value.kind === "formula") cell.value = { formula: "1+1", result: value.result } as ExcelJS.CellFormulaValue;
    else if (value.kind === "date") cell.value = new Date(Date.UTC(1900, 0, value.day));
    else cell.value = { text: value.text, hyperlink: "https://bkd.example.go.id/" };
    if (options.styled) cell.numFmt = "0.00";
  }
  if (options.merge && cells.length > 0) sheet.mergeCells(1, 1, 2, 2);
  return new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings: options.sharedStrings } as ExcelJS.XlsxWriteOptions));
}

/** Rows of cells as plain data: holes and the empty cell read alike. */
function normal(rows: Array<{ row: number; cells: Array<{ text: string; numeric: boolean } | undefined> }>) {
  return rows.map((r) => ({ row: r.row, cells: Array.from(r.cells, (c) => (c ? { text: c.text, numeric: c.numeric } : null)) }));
}

describe("readXlsxCells", () => {
  it("gives exceljs's cells for every workbook it reads, and reads every workbook of typed-in values", async () => {
    let read = 0;
    await fc.assert(
      fc.asyncProperty(placed(plain), fc.boolean(), fc.boolean(), async (cells, sharedStrings, styled) => {
        const bytes = await workbookOf(cells, { sharedStrings, styled });
        const fast = readXlsxCells(bytes, noLimits);
        if (sharedStrings) expect(fast).not.toBeNull();
        if (fast) {
          read++;
          expect(normal(fast)).toEqual(normal(await readXlsxWithExceljs(bytes)));
        }
      }),
      { numRuns: 150 },
    );
    expect(read).toBeGreaterThan(50);
  });

  it("leaves formulas, dates and merged cells to exceljs, and agrees with it wherever it answers", async () => {
    await fc.assert(
      fc.asyncProperty(placed(any), fc.boolean(), fc.boolean(), async (cells, sharedStrings, merge) => {
        const bytes = await workbookOf(cells, { sharedStrings, merge });
        const fast = readXlsxCells(bytes, noLimits);
        const tricky = merge || cells.some((c) => c.value.kind === "formula" || c.value.kind === "date");
        if (fast) expect(normal(fast)).toEqual(normal(await readXlsxWithExceljs(bytes)));
        else if (sharedStrings) expect(tricky).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  /** A workbook written part by part, as other spreadsheet programs write theirs. */
  function handWritten(sheetData: string, sharedStrings?: string, styles?: string): Uint8Array {
    const parts: Record<string, Uint8Array> = {
      "[Content_Types].xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          (sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : "") +
          (styles ? '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' : "") +
          "</Types>",
      ),
      "_rels/.rels": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
      "xl/workbook.xml": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
          '<sheets><sheet name="Data PNS" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          "<Relationship Id='rId1' Type='http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet' Target='/xl/worksheets/sheet1.xml'/>" +
          (sharedStrings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : "") +
          (styles ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' : "") +
          "</Relationships>",
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sheetData}</worksheet>`,
      ),
    };
    if (sharedStrings) parts["xl/sharedStrings.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${sharedStrings}</sst>`);
    if (styles) parts["xl/styles.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${styles}</styleSheet>`);
    return zipSync(parts);
  }

  const STYLES = '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs>';

  it.each([
    ["entities and character references in shared strings", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row></sheetData>', '<si><t xml:space="preserve"> A &amp; B &lt;kasi&gt; &#233;&#x1F600; </t></si><si><r><rPr><b/></rPr><t>Dinas</t></r><r><t xml:space="preserve"> Kesehatan</t></r></si>', undefined],
    ["single-quoted attributes and numbers under a plain number format", "<sheetData><row r='2'><c r='B2' s='1'><v>199606062020031006</v></c><c r='D2' t='b'><v>1</v></c><c r='E2' s='1'/></row></sheetData>", undefined, STYLES],
    ["an empty sheet", "<sheetData/>", undefined, undefined],
    ["texts with _x that are no escapes", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData>', "<si><t>_x</t></si><si><t>pajak_x00e9_ _xZZZZ_ _x004_</t></si>", undefined],
    ["tags broken over lines", '<sheetData>\n<row r="1">\n<c\n  r="A1"\tt="s"><v>0</v></c><c r="B1"\n s="1" t="n"><v>7</v></c></row></sheetData>', "<si><t>Eka</t></si>", STYLES],
  ])("reads %s as exceljs does", async (_, sheetData, sst, styles) => {
    const bytes = handWritten(sheetData, sst, styles);
    const fast = readXlsxCells(bytes, noLimits);
    expect(fast).not.toBeNull();
    expect(normal(fast!)).toEqual(normal(await readXlsxWithExceljs(bytes)));
  });

  it.each([
    ["inline strings", '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Eka</t></is></c></row></sheetData>', undefined, undefined],
    ["a date format", '<sheetData><row r="1"><c r="A1" s="2"><v>45000</v></c><c r="B1" s="3"><v>45000</v></c></row></sheetData>', undefined, STYLES],
    ["cells without a reference", '<sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData>', "<si><t>Eka</t></si>", undefined],
    ["_x000D_ escapes", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', "<si><t>Eka_x000D_</t></si>", undefined],
    ["_xHHHH_ escapes spelled with a character reference", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', "<si><t>Eka_x&#48;041_</t></si>", undefined],
    ["phonetic runs", '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>', '<si><t>Eka</t><rPh sb="0" eb="1"><t>e</t></rPh></si>', undefined],
    ["prefixed tags", '<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData>', undefined, undefined],
    ["a shared string index past the table", '<sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData>', "<si><t>Eka</t></si>", undefined],
  ])("leaves %s to exceljs", (_, sheetData, sst, styles) => {
    expect(readXlsxCells(handWritten(sheetData, sst, styles), noLimits)).toBeNull();
  });

  it("reads a hyperlink's text _x with shared strings as exceljs does (a case the property above found)", async () => {
    const bytes = await workbookOf([{ row: 1, column: 1, value: { kind: "link", text: "_x" } }], { sharedStrings: true });
    const fast = readXlsxCells(bytes, noLimits);
    expect(fast).not.toBeNull();
    expect(normal(fast!)).toEqual(normal(await readXlsxWithExceljs(bytes)));
  });

  it("leaves bytes that are no workbook to exceljs, which names the problem", () => {
    expect(readXlsxCells(strToU8("bukan excel"), noLimits)).toBeNull();
  });

  it("asks about every filled cell before keeping it, so a cell far past the limits refuses the sheet", () => {
    const bytes = handWritten('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>2</v></c></row></sheetData>');
    const asked: Array<[number, number]> = [];
    expect(() =>
      readXlsxCells(bytes, (row, column) => {
        asked.push([row, column]);
        if (row > 200_001) throw new OutOfBounds(row, column);
      }),
    ).toThrow(OutOfBounds);
    expect(asked).toEqual([
      [1, 1],
      [900000, 1],
    ]);
  });

  /** Rows of numbers, each `[row, value]` one cell in column A. */
  const numbers = (...rows: Array<[number, number] | [number, number, string]>) =>
    `<sheetData>${rows.map(([row, value, extra = ""]) => `<row r="${row}"><c r="A${row}">${extra}<v>${value}</v></c></row>`).join("")}</sheetData>`;
  /** The rows read, as [row, first cell's text]. */
  const texts = (rows: Array<{ row: number; cells: Array<{ text: string } | undefined> }>) => rows.map(({ row, cells }) => [row, cells[0]?.text]);

  it("gives rows as each ends, and where it gives up midway hands the rest to exceljs, the rows given being exceljs's", async () => {
    // Row 3 holds a formula: the pass gives rows 1 and 2, then gives up.
    const bytes = handWritten(numbers([1, 10], [2, 20], [3, 30, "<f>15*2</f>"], [4, 40]));
    const stream = xlsxCellRows(bytes, noLimits)!;
    const given = [stream.next(), stream.next(), stream.next()];
    expect(given.map((step) => (step.done ? step.value : step.value.row))).toEqual([1, 2, false]);
    const sheet = await readSheet("xlsx", bytes);
    expect(sheet.header).toEqual(["10"]);
    expect(texts(sheet.rows)).toEqual([
      [2, "20"],
      [3, "30"],
      [4, "40"],
    ]);
    expect(texts(sheet.rows)).toEqual(texts((await readXlsxWithExceljs(bytes)).slice(1)));
  });

  it("takes a row stored out of order after the rows given, as exceljs reads it", async () => {
    // Rows 1, 2 and 4 are given before row 3 is met; exceljs then reads 3 and 5, which follow.
    const sheet = await readSheet("xlsx", handWritten(numbers([1, 10], [2, 20], [4, 40], [5, 50], [3, 30])));
    expect(texts(sheet.rows)).toEqual([
      [2, "20"],
      [4, "40"],
      [3, "30"],
      [5, "50"],
    ]);
  });

  it.each([
    ["a row stored in two pieces, which exceljs joins", '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="B2"><v>9</v></c></row></sheetData>'],
    ["a header stored after a data row", numbers([2, 20], [3, 30], [1, 10])],
  ])("refuses %s once rows were given, saying to save the file again", async (_, sheetData) => {
    await expect(readSheet("xlsx", handWritten(sheetData))).rejects.toThrow(/tidak berurutan atau terbelah; simpan ulang berkas/);
  });
});
