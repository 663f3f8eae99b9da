// Importing a region of 100,000 employees from a sheet, on SQLite and on PostgreSQL: the sheet (CSV, then
// XLSX) is made once, then uploaded as the portal does into a fresh database holding only the region's units,
// and imported as a job (read and checked in a worker process, its good rows written in parts as they are read,
// in one transaction) until it succeeds.
// The baseline writes the same employee rows into another fresh database with bare multi-row inserts in one
// transaction, without reading a sheet. Prints:
//   employee_import.<format>_mb                          the sheet's size
//   employee_import.read_seconds.<format>                reading and checking the sheet alone, in this process
//   employee_import.xlsx_cells_speedup_vs_exceljs        the XLSX sheet's cells read in one pass (xlsx-cells.ts)
//                                                        against exceljs reading them, in turn, in this process
//   employee_import.worker_start_seconds                 a server's first import of a one-row sheet: mostly
//                                                        starting the worker process that reads sheets, which
//                                                        then stays for the next imports (the timed ones)
//   employee_import.100k_<format>_seconds.<dialect>      the job, from upload to success
//   employee_import.bare_100k_seconds.<dialect>          the bare inserts
//   employee_import.100k_<format>_vs_bare.<dialect>      their ratio; without a dialect, the larger of the two
// KINERJA_BENCH_IMPORT sets another number of employees (the names stay "100k").
import { newId, now, type DialectName, type NewEmployee } from "@kinerja/db";
import { createTestDatabase, type TestDatabase } from "@kinerja/db/testing";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { systemScope } from "../src/services/access/index.js";
import { JobRunner } from "../src/services/cycles/index.js";
import { employeeImportStatus, startEmployeeImport, type ImportFormat } from "../src/services/organisation/index.js";
import { parseEmployeeSheet, readXlsxWithExceljs } from "../src/services/organisation/employee-sheet.js";
import { readXlsxCells } from "../src/services/organisation/xlsx-cells.js";
import { BENCH_REGION, compareWithBare, inChunks } from "./large-region.js";

const SIZE = Number(process.env.KINERJA_BENCH_IMPORT ?? 100_000);
const UNITS = 100;
const REGION = BENCH_REGION;
const HEADER = ["nip", "nama", "jabatan", "jenis_jabatan", "golongan", "status", "unit", "atasan_nip", "atribut.pendidikan"];

/** A NIP the sheet's check takes (service starts 25 years after birth); unique for i < 216,000. */
function nipOf(i: number): string {
  const born = new Date(Date.UTC(1965, 0, 1) + (i % 9000) * 86_400_000);
  const month = String((Math.floor(i / 9000) % 12) + 1).padStart(2, "0");
  const sex = Math.floor(i / 108_000) + 1;
  return `${born.toISOString().slice(0, 10).replace(/-/g, "")}${born.getUTCFullYear() + 25}${month}${sex}001`;
}

/** The sheet's rows: a top head, unit heads reporting to it, staff reporting to their head. */
function sheetRows(): string[][] {
  const perUnit = Math.ceil(SIZE / UNITS);
  return Array.from({ length: SIZE }, (_, i) => {
    const unit = Math.floor(i / perUnit);
    const head = unit * perUnit;
    const atasan = i === 0 ? "" : i === head ? nipOf(0) : nipOf(head);
    return [nipOf(i), `Pegawai ${i}`, i === head ? "Kepala Unit" : "Pelaksana", "pelaksana", "III/a", "PNS", `unit-${unit}`, atasan, i % 3 === 0 ? "S1" : "D3"];
  });
}

function csvOf(rows: string[][]): Uint8Array {
  return Buffer.from([HEADER, ...rows].map((r) => r.join(",")).join("\r\n"), "utf8");
}

async function xlsxOf(rows: string[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Pegawai");
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function withRegion<T>(dialect: DialectName, work: (database: TestDatabase) => Promise<T>): Promise<T> {
  const database = await createTestDatabase(dialect);
  try {
    const at = now();
    await database.db.insertInto("regions").values({ id: REGION, name: "Kabupaten Uji Beban", created_at: at }).execute();
    await database.db
      .insertInto("units")
      .values(Array.from({ length: UNITS }, (_, u) => ({ region_id: REGION, id: `unit-${u}`, parent_id: null, name: `Unit ${u}`, type: null, created_at: at })))
      .execute();
    return await work(database);
  } finally {
    await database.dispose();
  }
}

async function count(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom("employees").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function timeImport(dialect: DialectName, format: ImportFormat, bytes: Uint8Array, size = SIZE): Promise<number> {
  return withRegion(dialect, async (database) => {
    const jobs = new JobRunner({ onError: (_id, error) => console.error(error) });
    const scope = systemScope(database.db, REGION, { id: null, name: "Uji beban", role: "operator" });
    const started = performance.now();
    const job = await startEmployeeImport(scope, jobs, { format, bytes });
    await jobs.idle();
    const seconds = (performance.now() - started) / 1000;
    const status = await employeeImportStatus(scope, { jobId: job.jobId });
    if (status?.status !== "succeeded" || (await count(database)) !== size) {
      throw new Error(`the import ${status?.status}: ${status?.error ?? ""} ${JSON.stringify(status?.errors.slice(0, 3))}`);
    }
    return seconds;
  });
}

async function timeBare(dialect: DialectName, rows: string[][]): Promise<number> {
  return withRegion(dialect, async (database) => {
    const at = now();
    const employees: NewEmployee[] = rows.map(([nip, nama, jabatan, jenis, golongan, status, unit, atasan, pendidikan]) => ({
      region_id: REGION,
      id: newId(),
      nip: nip as string,
      nama: nama as string,
      jabatan: jabatan as string,
      jenis_jabatan: jenis as string,
      jenjang: null,
      golongan: golongan as string,
      status: status as string,
      unit_id: unit as string,
      atasan_nip: atasan || null,
      attributes: JSON.stringify({ pendidikan }),
      created_at: at,
      updated_at: at,
    }));
    const started = performance.now();
    await database.db.transaction().execute((trx) => inChunks(employees, 2_000, (chunk) => trx.insertInto("employees").values(chunk).execute()));
    const seconds = (performance.now() - started) / 1000;
    if (dialect === "postgres") await sql`analyze`.execute(database.db);
    if ((await count(database)) !== SIZE) throw new Error("the bare inserts did not write every employee");
    return seconds;
  });
}

const rows = sheetRows();
const sheets: Array<[ImportFormat, Uint8Array]> = [
  ["csv", csvOf(rows)],
  ["xlsx", await xlsxOf(rows)],
];
const known = { units: new Set(Array.from({ length: UNITS }, (_, u) => `unit-${u}`)), nips: new Set<string>() };
for (const [format, bytes] of sheets) {
  console.log(`employee_import.${format}_mb: ${(bytes.length / (1024 * 1024)).toFixed(2)}`);
  const started = performance.now();
  const read = await parseEmployeeSheet(format, bytes, known);
  if (read.errors.length > 0 || read.employees.length !== SIZE) throw new Error(`the ${format} sheet did not read whole: ${JSON.stringify(read.errors.slice(0, 3))}`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`employee_import.read_seconds.${format}: ${seconds.toFixed(2)}`);
  if (format === "xlsx") {
    // The cells alone, by the one-pass reader and by exceljs (which reads any workbook the other leaves to it).
    let at = performance.now();
    if (!readXlsxCells(bytes, () => {})) throw new Error("the one-pass reader left the bench's sheet to exceljs");
    const onePass = (performance.now() - at) / 1000;
    at = performance.now();
    await readXlsxWithExceljs(bytes);
    const exceljs = (performance.now() - at) / 1000;
    console.log(`employee_import.xlsx_cells_seconds: ${onePass.toFixed(2)} (exceljs ${exceljs.toFixed(2)})`);
    console.log(`employee_import.xlsx_cells_speedup_vs_exceljs: ${(exceljs / onePass).toFixed(2)}`);
  }
}
{
  const started = performance.now();
  await timeImport("sqlite", "csv", csvOf(rows.slice(0, 1)), 1);
  console.log(`employee_import.worker_start_seconds: ${((performance.now() - started) / 1000).toFixed(2)}`);
}
for (const [format, bytes] of sheets) {
  await compareWithBare(
    { measured: `employee_import.100k_${format}_seconds`, bare: "employee_import.bare_100k_seconds", ratio: `employee_import.100k_${format}_vs_bare` },
    async (dialect) => ({ seconds: await timeImport(dialect, format, bytes), result: null }),
    (dialect) => timeBare(dialect, rows),
  );
}
