// A SIASN export file (XLSX) as a region's admin downloads it from SIASN, in the columns the default
// mapping's `sheet` names (mapping.json): one row per employee with their unor; for browser tests, which
// upload it through the SIASN card.
import ExcelJS from "exceljs";
import defaultMapping from "../services/connectors/siasn/mapping.json" with { type: "json" };
import type { SiasnPnsRow } from "./siasn-server.js";

/** The XLSX bytes of the rows, headed by the default mapping's column names; `parents` gives each unor's parent id. */
export async function siasnExportXlsx(rows: readonly SiasnPnsRow[], parents: ReadonlyMap<string, string | null> = new Map()): Promise<Buffer> {
  const { employee, unit } = defaultMapping.sheet;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Data PNS");
  sheet.addRow([employee.nip, employee.nama, employee.jabatan, employee.golongan, employee.unitId, unit.name, unit.parentId, employee.atasanNip]);
  for (const r of rows) sheet.addRow([r.nipBaru, r.nama, r.jabatanNama, r.golRuangAkhir, r.unorId, r.unorNama, parents.get(r.unorId) ?? "", r.atasanNipBaru ?? ""]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
