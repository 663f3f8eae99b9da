// A small layer over pdfkit for the documents: A4 pages, headings, label–value blocks, tables that wrap
// their cells and break across pages, and signature blocks. Standard Helvetica (WinAnsi) only, so the
// output needs no font files; texts keep to characters WinAnsi has.
import PDFDocument from "pdfkit";

export interface PdfOptions {
  title: string;
  subject: string;
  /** Streams uncompressed, so tests can read the text; production compresses. */
  compress?: boolean;
}

export interface PdfColumn {
  header: string;
  /** A share of the usable width; the shares of a table add up to 1. */
  width: number;
  align?: "left" | "right" | "center";
}

const MARGIN = 50;
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";
const ITALIC = "Helvetica-Oblique";

export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(options: PdfOptions) {
    this.doc = new PDFDocument({
      size: "A4",
      margin: MARGIN,
      compress: options.compress ?? true,
      info: { Title: options.title, Subject: options.subject, Author: "Kinerja", Creator: "Kinerja" },
      bufferPages: true,
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
    this.doc.font(FONT).fontSize(10);
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 20;
  }

  private ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(lines: string[]): this {
    this.doc.font(BOLD).fontSize(14);
    for (const line of lines) this.doc.text(line, MARGIN, this.doc.y, { width: this.width, align: "center" });
    this.doc.moveDown(0.8).font(FONT).fontSize(10);
    return this;
  }

  heading(text: string): this {
    this.ensure(40);
    this.doc.moveDown(0.6).font(BOLD).fontSize(11).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font(FONT).fontSize(10);
    return this;
  }

  paragraph(text: string, options: { italic?: boolean } = {}): this {
    this.ensure(20);
    this.doc.font(options.italic ? ITALIC : FONT).text(text, MARGIN, this.doc.y, { width: this.width });
    this.doc.font(FONT).moveDown(0.2);
    return this;
  }

  /** Starts the next page (one letter per page). */
  newPage(): this {
    this.doc.addPage();
    return this;
  }

  /** One short text set large and bold in a box, such as a code to be typed. */
  boxed(text: string): this {
    this.ensure(50);
    const y = this.doc.y;
    this.doc.rect(MARGIN, y, this.width, 40).lineWidth(1).stroke();
    this.doc.font(BOLD).fontSize(20).text(text, MARGIN, y + 11, { width: this.width, align: "center", characterSpacing: 2 });
    this.doc.font(FONT).fontSize(10);
    this.doc.x = MARGIN;
    this.doc.y = y + 50;
    return this;
  }

  /** Label: value lines, labels aligned. */
  fields(rows: Array<[string, string]>): this {
    const labelWidth = this.width * 0.3;
    for (const [label, value] of rows) {
      const height = Math.max(this.doc.heightOfString(value || "-", { width: this.width - labelWidth }), 12);
      this.ensure(height);
      const y = this.doc.y;
      this.doc.text(label, MARGIN, y, { width: labelWidth });
      this.doc.text(`: ${value || "-"}`, MARGIN + labelWidth, y, { width: this.width - labelWidth });
      this.doc.y = Math.max(this.doc.y, y + height);
    }
    this.doc.moveDown(0.2);
    return this;
  }

  table(columns: PdfColumn[], rows: string[][]): this {
    const widths = columns.map((c) => c.width * this.width);
    const pad = 3;
    const drawRow = (cells: string[], bold: boolean) => {
      this.doc.font(bold ? BOLD : FONT).fontSize(9);
      const height = Math.max(...cells.map((cell, i) => this.doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * pad }))) + 2 * pad;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!bold) drawRow(columns.map((c) => c.header), true);
        this.doc.font(bold ? BOLD : FONT).fontSize(9);
      }
      const y = this.doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        this.doc.rect(x, y, w, height).lineWidth(0.5).stroke();
        this.doc.text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? "left" });
        x += w;
      });
      this.doc.x = MARGIN;
      this.doc.y = y + height;
    };
    drawRow(columns.map((c) => c.header), true);
    for (const row of rows) drawRow(row, false);
    this.doc.font(FONT).fontSize(10).moveDown(0.5);
    return this;
  }

  /** Place and date, then one signature block per signer side by side. */
  signatures(placeAndDate: string, signers: Array<{ role: string; nama: string; nip: string | null }>): this {
    this.ensure(130);
    this.doc.moveDown(1);
    const blockWidth = this.width / Math.max(signers.length, 1);
    this.doc.text(placeAndDate, MARGIN + this.width - blockWidth, this.doc.y, { width: blockWidth, align: "center" });
    this.doc.moveDown(0.3);
    const top = this.doc.y;
    signers.forEach((signer, i) => {
      const x = MARGIN + i * blockWidth;
      this.doc.text(signer.role, x, top, { width: blockWidth, align: "center" });
      this.doc.text(signer.nama, x, top + 60, { width: blockWidth, align: "center", underline: true });
      this.doc.text(signer.nip ? `NIP ${signer.nip}` : "", x, top + 74, { width: blockWidth, align: "center" });
    });
    this.doc.x = MARGIN;
    this.doc.y = top + 95;
    return this;
  }

  /** A footer on every page: the given text and "Halaman n dari m". */
  async finish(footer: string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      this.doc.font(FONT).fontSize(8);
      // Writing under the bottom margin would start a new page; the footer lives there on purpose.
      this.doc.page.margins.bottom = 0;
      const y = this.doc.page.height - MARGIN + 10;
      this.doc.text(`${footer} - Halaman ${i + 1} dari ${range.count}`, MARGIN, y, { width: this.width, align: "center", lineBreak: false });
    }
    this.doc.end();
    return this.done;
  }
}
