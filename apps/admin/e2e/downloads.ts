// Reads the portal's downloads as rows of text, so a browser test compares a file with the screen: CSV
// (RFC 4180 quoting, a UTF-8 BOM) and XLSX (the zip's central directory, deflated entries, the workbook's
// sheet list, shared and inline strings). Enough for the files the server writes; not general readers.
import { inflateRawSync } from "node:zlib";

/** A CSV file's rows; quoted fields may hold commas, doubled quotes and line breaks. */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && body[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

const END_OF_DIRECTORY = 0x06054b50;

function unzip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END_OF_DIRECTORY) end--;
  if (end < 0) throw new Error("not a zip file: no end of central directory");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + skip;
  }
  return files;
}

function unescape(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[name] as string);
}

function texts(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1] ?? "")).join("");
}

function columnIndex(ref: string): number {
  const letters = ref.replace(/\d+$/, "");
  return [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0) - 1;
}

/** Every sheet of the workbook by name, each as rows of cell text (empty cells as ""). */
export function readXlsx(bytes: Buffer): Map<string, string[][]> {
  const files = unzip(bytes);
  const read = (name: string) => files.get(name)?.toString("utf8") ?? "";
  const shared = [...read("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1] ?? ""));
  const targets = new Map([...read("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)].map((m) => [m[0].match(/Id="([^"]+)"/)?.[1], m[0].match(/Target="([^"]+)"/)?.[1]]));
  const sheets = new Map<string, string[][]>();
  for (const [tag] of read("xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)) {
    const name = unescape(tag.match(/name="([^"]*)"/)?.[1] ?? "");
    const target = targets.get(tag.match(/r:id="([^"]+)"/)?.[1]) ?? "";
    const xml = read(`xl/${target.replace(/^\/?xl\//, "")}`);
    const rows = [...xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>/g)].map((row) => {
      const cells: string[] = [];
      for (const cell of (row[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const attributes = cell[1] ?? "";
        const body = cell[2] ?? "";
        const type = attributes.match(/t="([^"]+)"/)?.[1];
        const value = body.match(/<v>([^<]*)<\/v>/)?.[1];
        const text = type === "s" ? (shared[Number(value)] ?? "") : type === "inlineStr" ? texts(body) : unescape(value ?? "");
        const ref = attributes.match(/r="([A-Z]+\d+)"/)?.[1];
        cells[ref ? columnIndex(ref) : cells.length] = text;
      }
      return Array.from(cells, (c) => c ?? "");
    });
    sheets.set(name, rows);
  }
  return sheets;
}
