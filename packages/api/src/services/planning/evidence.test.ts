// What a file is, from its first bytes, and the names it may be stored under.
import { describe, expect, it } from "vitest";
import { cleanFilename, detectFileType, evidenceProblems } from "./evidence.js";

const rules = { maxBytes: 1024, types: ["application/pdf", "image/jpeg", "image/png"] };

describe("evidence files", () => {
  it("tells types by their signatures, not their names", () => {
    expect(detectFileType(Buffer.from("%PDF-1.4 ..."))?.type).toBe("application/pdf");
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.type).toBe("image/jpeg");
    expect(detectFileType(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))?.type).toBe("image/webp");
    expect(detectFileType(Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.from("xl/workbook.xml")]))?.label).toBe("Excel (XLSX)");
    expect(detectFileType(Buffer.from("<html>%PDF-</html>"))).toBeNull();
  });

  it("accepts a matching name and type within the limit, and says what is wrong otherwise", () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
    expect(evidenceProblems("Foto.JPEG", jpeg, rules)).toEqual([]);
    expect(evidenceProblems("foto", jpeg, rules)[0]).toMatch(/tanpa akhiran tetapi isinya JPEG; yang diharapkan: akhiran \.jpg atau \.jpeg/);
    expect(evidenceProblems("x.pdf", Buffer.alloc(0), rules)[0]).toMatch(/berkas kosong/);
    expect(evidenceProblems("x.pdf", Buffer.concat([Buffer.from("%PDF-"), Buffer.alloc(1024)]), rules)[0]).toMatch(/melebihi batas .*1024 bait/);
  });

  it("keeps only the last part of a path and drops control characters", () => {
    expect(cleanFilename("C:\\Users\\siti\\laporan\u0007.pdf")).toBe("laporan.pdf");
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("\u0000")).toBe("bukti");
  });
});
