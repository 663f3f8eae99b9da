// The first worksheet of an XLSX file read in one pass over its XML, for the sheets people upload: text,
// numbers and true/false typed in, as Excel, LibreOffice, Google Sheets and exceljs write them. exceljs reads
// a 100,000-row sheet in about 20 s through a general XML parser and a cell model of the whole workbook; this
// reads the few parts a sheet of values needs (the workbook's sheet list, shared strings, number formats and
// the sheet) with fflate and indexOf. It gives exactly what exceljs would give, and where a workbook holds
// anything it does not read the same way (formulas, dates, merged or inline cells, phonetic runs, escapes,
// CDATA, prefixed tags), it answers null and exceljs reads the whole file instead; a differential test holds
// the two to the same cells.
import { unzipSync, type Unzipped } from "fflate";

export interface ReadCell {
  text: string;
  numeric: boolean;
}

export interface ReadRow {
  row: number;
  cells: ReadCell[];
}

/** A part's UTF-8 text (Node's decoder, several times fflate's on a sheet of tens of megabytes). */
function textOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/** Built-in number formats exceljs reads as dates (14–22, 45–47), and others that may be, left to exceljs. */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text with its entities and character references decoded; undefined for an entity XML does not define. */
function decoded(text: string): string | undefined {
  if (!text.includes("&")) return text;
  let known = true;
  const out = text.replace(/&([^;&]*);/g, (_, name: string) => {
    if (/^#x[0-9a-fA-F]+$/.test(name)) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (/^#[0-9]+$/.test(name)) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const entity = ENTITIES[name];
    if (entity === undefined) known = false;
    return entity ?? "";
  });
  return known ? out : undefined;
}

/** What exceljs turns into the character it names in a `<t>`'s text, once its entities are decoded. */
const ESCAPE = /_x[0-9A-F]{4}_/;

/**
 * What exceljs's text reader does to a `<t>`: a text holding an `_xHHHH_` escape is left to it (null). Other
 * texts with `_x` in them (a code, "pajak_xyz") it keeps as they are, and so does this.
 */
function plainText(raw: string): string | null {
  if (raw.includes("\r") || raw.includes("<![CDATA[")) return null;
  const text = decoded(raw);
  return text === undefined || ESCAPE.test(text) ? null : text;
}

/** The texts of the `<t>` elements in `xml` between `from` and `to`, joined; null where exceljs must read it. */
function textsIn(xml: string, from: number, to: number): string | null {
  let text = "";
  let at = from;
  for (;;) {
    const open = xml.indexOf("<t", at);
    if (open < 0 || open >= to) return text;
    const after = xml.charCodeAt(open + 2);
    // <t>, <t xml:space="preserve">, <t/>; never <tab…> or the like.
    if (after !== 62 /* > */ && after !== 32 /* space */ && after !== 47 /* / */) {
      at = open + 2;
      continue;
    }
    const end = xml.indexOf(">", open);
    if (end < 0 || end >= to) return null;
    if (xml.charCodeAt(end - 1) === 47) {
      at = end + 1;
      continue;
    }
    const close = xml.indexOf("</t>", end);
    if (close < 0 || close > to) return null;
    const part = plainText(xml.slice(end + 1, close));
    if (part === null) return null;
    text += part;
    at = close + 4;
  }
}

/** The shared string table as cells (text trimmed, as the importer reads it); null where exceljs must read it. */
function sharedStrings(xml: string | undefined): ReadCell[] | null {
  const cells: ReadCell[] = [];
  if (xml === undefined) return cells;
  if (xml.includes("<rPh") || xml.includes(":si") || xml.includes(":t>")) return null;
  let at = 0;
  for (;;) {
    const open = xml.indexOf("<si", at);
    if (open < 0) return cells;
    const end = xml.indexOf(">", open);
    if (end < 0) return null;
    if (xml.charCodeAt(end - 1) === 47) {
      cells.push({ text: "", numeric: false });
      at = end + 1;
      continue;
    }
    const close = xml.indexOf("</si>", end);
    if (close < 0) return null;
    const text = textsIn(xml, end + 1, close);
    if (text === null) return null;
    cells.push({ text: text.trim(), numeric: false });
    at = close + 5;
  }
}

const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute's value in a start tag's text. */
function attribute(tag: string, name: string): string | undefined {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) ATTRIBUTES.set(name, (pattern = new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** For each cell style (`s`), whether exceljs may read a number in it as a date. */
function dateStyles(xml: string | undefined): boolean[] | null {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  for (const match of xml.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = Number(attribute(match[0], "numFmtId"));
    const code = attribute(match[0], "formatCode");
    if (!Number.isInteger(id) || code === undefined) return null;
    custom.set(id, decoded(code) ?? "");
  }
  const start = xml.indexOf("<cellXfs");
  if (start < 0) return [];
  const end = xml.indexOf("</cellXfs>", start);
  const section = xml.slice(start, end < 0 ? undefined : end);
  const styles: boolean[] = [];
  for (const match of section.matchAll(/<xf[\s/>][^>]*>/g)) {
    const id = Number(attribute(match[0], "numFmtId") ?? "0");
    const code = custom.get(id);
    // exceljs's isDateFmt: any of y m d h s b outside quotes and brackets.
    styles.push(code !== undefined ? /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "")) : DATE_FORMAT_IDS.has(id));
  }
  return styles;
}

/** The first sheet's part name, as the workbook lists its sheets; undefined for a chart or a missing part. */
function firstSheetPath(parts: Unzipped): string | undefined {
  const workbook = parts["xl/workbook.xml"];
  const rels = parts["xl/_rels/workbook.xml.rels"];
  if (!workbook || !rels) return undefined;
  const sheet = /<sheet\s[^>]*>/.exec(textOf(workbook))?.[0];
  const id = sheet && /\sr:id=(?:"([^"]*)"|'([^']*)')/.exec(sheet);
  if (!id) return undefined;
  const rid = id[1] ?? id[2];
  for (const match of textOf(rels).matchAll(/<Relationship\s[^>]*>/g)) {
    if (attribute(match[0], "Id") !== rid) continue;
    const target = attribute(match[0], "Target");
    if (!target || !attribute(match[0], "Type")?.endsWith("/worksheet")) return undefined;
    return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  }
  return undefined;
}

/** "BC12" → [12, 55]; undefined for anything else. */
function address(ref: string): [number, number] | undefined {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  const row = Number(ref.slice(i));
  return i === 0 || i > 3 || !Number.isInteger(row) || row < 1 ? undefined : [row, column];
}

/** Whether `text` occurs in `xml` from `from` and before `to`, looking no further. */
function before(xml: string, text: string, from: number, to: number): boolean {
  for (let at = xml.indexOf("<", from); at >= 0 && at < to; at = xml.indexOf("<", at + 1)) if (xml.startsWith(text, at)) return true;
  return false;
}

/** Whether a start tag separates its attributes by single spaces only (as every writer seen does). */
function spaced(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13) return false;
  }
  return true;
}

/** A cell attribute's value found in place, without copying the tag: the tag's attributes are space-separated. */
function cellAttributes(xml: string, from: number, to: number, name: string): string | undefined {
  // Searched within the tag only: indexOf would look through the rest of the sheet for an attribute it lacks.
  const key = `${name}=`;
  let at = -1;
  for (let i = from; i < to; i++) {
    if (xml.charCodeAt(i) === 32 && xml.startsWith(key, i + 1)) {
      at = i;
      break;
    }
  }
  if (at < 0) return undefined;
  const quote = xml[at + name.length + 2];
  const start = at + name.length + 3;
  const end = quote === '"' || quote === "'" ? xml.indexOf(quote, start) : -1;
  return end < 0 || end > to ? undefined : xml.slice(start, end);
}

/** The same for a tag with other white space: through the tag's text. */
function slicedAttributes(xml: string, from: number, to: number, name: string): string | undefined {
  return attribute(xml.slice(from, to), name);
}

const TRUE: ReadCell = Object.freeze({ text: "true", numeric: false });
const FALSE: ReadCell = Object.freeze({ text: "false", numeric: false });

/**
 * The first worksheet's filled cells by row, in sheet order, each row's cells by column (a hole where a cell is
 * empty), or null when the file is one exceljs must read. `check(row, column)` is called for every filled cell
 * before it is kept, and may throw to refuse the sheet.
 */
export function readXlsxCells(bytes: Uint8Array, check: (row: number, column: number) => void): ReadRow[] | null {
  const stream = xlsxCellRows(bytes, check);
  if (!stream) return null;
  const rows: ReadRow[] = [];
  for (let step = stream.next(); ; step = stream.next()) {
    if (step.done) return step.value ? rows : null;
    rows.push(step.value);
  }
}

/**
 * The rows readXlsxCells gives, one at a time as each ends, once the sheet is unzipped; null when the file is
 * one exceljs must read, as far as can be told before reading the cells. Returns true at the end, or false
 * where it gives up midway (a formula, a date, an inline string, rows out of order): the rows it gave are as
 * exceljs gives them, except that exceljs puts a row met out of order in its place among them.
 */
export function xlsxCellRows(bytes: Uint8Array, check: (row: number, column: number) => void): Generator<ReadRow, boolean, undefined> | null {
  let parts: Unzipped;
  let sheetPath: string | undefined;
  try {
    sheetPath = firstSheetPath(unzipSync(bytes, { filter: (f) => f.name === "xl/workbook.xml" || f.name === "xl/_rels/workbook.xml.rels" }));
    if (!sheetPath) return null;
    const wanted = new Set([sheetPath, "xl/sharedStrings.xml", "xl/styles.xml"]);
    parts = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  } catch {
    return null;
  }
  const sheetBytes = parts[sheetPath];
  if (!sheetBytes) return null;
  const strings = sharedStrings(parts["xl/sharedStrings.xml"] && textOf(parts["xl/sharedStrings.xml"]));
  const dates = dateStyles(parts["xl/styles.xml"] && textOf(parts["xl/styles.xml"]));
  if (!strings || !dates) return null;
  const xml = textOf(sheetBytes);
  const dataStart = xml.indexOf("<sheetData");
  if (dataStart < 0 || xml.includes("<mergeCell") || xml.includes("<![CDATA[")) return null;
  const dataTagEnd = xml.indexOf(">", dataStart);
  if (dataTagEnd < 0) return null;
  // <sheetData/>: no rows.
  if (xml.charCodeAt(dataTagEnd - 1) === 47) return cellRows(xml, dataStart, dataStart, strings, dates, check);
  const dataEnd = xml.indexOf("</sheetData>", dataTagEnd);
  if (dataEnd < 0) return null;
  return cellRows(xml, dataStart, dataEnd, strings, dates, check);
}

/** The rows of a sheet's `<sheetData>`, from `dataStart` to `dataEnd`, as xlsxCellRows gives them. */
function* cellRows(
  xml: string,
  dataStart: number,
  dataEnd: number,
  strings: ReadCell[],
  dates: boolean[],
  check: (row: number, column: number) => void,
): Generator<ReadRow, boolean, undefined> {
  let current: ReadRow | undefined;
  let at = dataStart;
  for (;;) {
    const open = xml.indexOf("<c", at);
    if (open < 0 || open >= dataEnd) break;
    const next = xml.charCodeAt(open + 2);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      at = open + 2;
      continue;
    }
    const tagEnd = xml.indexOf(">", open);
    if (tagEnd < 0 || tagEnd > dataEnd) return false;
    const empty = xml.charCodeAt(tagEnd - 1) === 47;
    const read = spaced(xml, open, tagEnd) ? cellAttributes : slicedAttributes;
    const ref = read(xml, open, tagEnd, "r");
    const place = ref === undefined ? undefined : address(ref);
    if (!place) return false;
    // A cell of a later row ends the row before: it is given now, whatever this cell turns out to be.
    if (current && place[0] !== current.row) {
      if (place[0] < current.row) return false;
      yield current;
      current = undefined;
    }
    const type = read(xml, open, tagEnd, "t");
    const style = read(xml, open, tagEnd, "s");
    let value: string | undefined;
    if (empty) {
      at = tagEnd + 1;
    } else {
      const close = xml.indexOf("</c>", tagEnd);
      if (close < 0 || close > dataEnd) return false;
      at = close + 4;
      // Formulas, inline strings and anything but one value are exceljs's.
      if (before(xml, "<f", tagEnd, close) || before(xml, "<is", tagEnd, close)) return false;
      const v = xml.indexOf("<v>", tagEnd);
      if (v >= 0 && v < close) {
        const vEnd = xml.indexOf("</v>", v);
        if (vEnd < 0 || vEnd > close) return false;
        value = xml.slice(v + 3, vEnd);
      } else if (xml.slice(tagEnd + 1, close).trim() !== "") return false;
    }
    // exceljs gives a cell with no value and no style a master it has not got (a merge).
    if (value === undefined) {
      if (style === undefined) return false;
      continue;
    }
    let cell: ReadCell;
    if (type === "s") {
      const index = Number(value);
      const shared = Number.isInteger(index) ? strings[index] : undefined;
      if (!shared) return false;
      cell = shared;
    } else if (type === "b") {
      cell = parseInt(value, 10) !== 0 ? TRUE : FALSE;
    } else if (type === undefined || type === "n") {
      if (style !== undefined && dates[Number(style)] !== false) return false;
      const number = parseFloat(value);
      cell = { text: String(number), numeric: true };
    } else {
      return false;
    }
    if (cell.text === "") continue;
    const [row, column] = place;
    check(row, column);
    current ??= { row, cells: [] };
    if (column <= current.cells.length) return false;
    current.cells[column - 1] = cell;
  }
  if (current) yield current;
  return true;
}
