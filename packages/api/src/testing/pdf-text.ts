// Reads the text of a PDF that pdfkit wrote with `compress: false`: each text operator's hex strings,
// decoded (WinAnsi, as Latin-1 here) and joined, one operator per line. Enough to check what a document says.
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
    const chunks = match[1] ? [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1] ?? "") : [match[2] ?? ""];
    lines.push(chunks.map((hex) => Buffer.from(hex, "hex").toString("latin1")).join(""));
  }
  return lines.join("\n");
}

/** Pages of a PDF, counted from its page objects (left uncompressed by pdfkit either way). */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString("latin1").matchAll(/\/Type \/Page\b(?!s)/g)].length;
}
