// Reads the text of a PDF that pdfkit wrote with `compress: false`: each text operator's hex strings,
// decoded (WinAnsi) and joined, one operator per line. Enough to check what a document says.

/** WinAnsi differs from Latin-1 in 0x80–0x9F; the characters documents use there. */
const WIN_ANSI: Record<number, string> = { 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201C", 0x94: "\u201D", 0x95: "\u2022", 0x96: "\u2013", 0x97: "\u2014" };

function decode(hex: string): string {
  return [...Buffer.from(hex, "hex")].map((b) => WIN_ANSI[b] ?? String.fromCharCode(b)).join("");
}

export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const chunks = match[1] ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? "") : [match[2] ?? ""];
    lines.push(chunks.map(decode).join(""));
  }
  return lines.join("\n");
}

/** Pages of a PDF, counted from its page objects (left uncompressed by pdfkit either way). */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString("latin1").matchAll(/\/Type \/Page\b(?!s)/g)].length;
}
