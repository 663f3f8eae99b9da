// An employee sheet imported over real HTTP into the server as `pnpm start` runs it (a process under tsx),
// on each dialect. A few bytes of XLSX can name a cell a million rows down: such a sheet is refused by
// naming the cell, not read up to it; and while a big, good sheet is read (in a worker thread), the same
// server answers other requests.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { HttpClient } from "./testing/http-client.js";
import type { ServerProcess } from "./testing/server-process.js";
import { createSharedDatabase, signedIn, type SharedDatabase } from "./testing/shared-database.js";

const PASSWORD = "sandi-uji-impor";
const EMPLOYEES = 20_000;

interface ImportAnswer {
  ok: boolean;
  rows: number;
  created?: number;
  updated?: number;
  errors?: Array<{ row: number; column: string; message: string; expected: string }>;
}

async function xlsxBase64(fill: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet("Pegawai"));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

/** A NIP per index: a birth date a day apart for every two, the sex digit telling the two apart. */
function nipOf(i: number): string {
  const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 2) * 86_400_000);
  const date = born.toISOString().slice(0, 10).replaceAll("-", "");
  return `${date}${born.getUTCFullYear() + 22}01${(i % 2) + 1}001`;
}

describe.each(inject("dialects"))("employee sheets over HTTP on %s", (dialect) => {
  let shared: SharedDatabase;
  let server: ServerProcess;
  let admin: HttpClient;
  let unit: string;

  beforeAll(async () => {
    shared = await createSharedDatabase(dialect, { size: 12, password: PASSWORD });
    server = await shared.startServer();
    admin = await signedIn(server, shared.admin);
    const row = await shared.database.db.selectFrom("units").select("id").where("region_id", "=", shared.regionId).executeTakeFirstOrThrow();
    unit = row.id;
  }, 300_000);

  afterAll(async () => {
    await shared?.dispose();
  });

  const employeeCount = async () =>
    Number(
      (
        await shared.database.db
          .selectFrom("employees")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("region_id", "=", shared.regionId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses a sheet with one filled cell at XFD1048576 or ZZ4000 by naming it, and writes nothing", { timeout: 120_000 }, async () => {
    const before = await employeeCount();
    for (const cell of ["XFD1048576", "ZZ4000"]) {
      const content = await xlsxBase64((sheet) => {
        sheet.addRows([
          ["NIP", "Nama", "Jabatan", "Unit"],
          [nipOf(0), "Rina", "Staf", unit],
        ]);
        sheet.getCell(cell).value = "x";
      });
      const answer = await admin.ok(admin.mutate<ImportAnswer>("employee.import", { regionId: shared.regionId, format: "xlsx", content }));
      expect(answer).toEqual({
        ok: false,
        rows: 0,
        errors: [
          {
            row: Number(cell.replace(/^[A-Z]+/, "")),
            column: cell.replace(/\d+$/, ""),
            value: "",
            message: `sel ${cell} terisi, di luar batas berkas pegawai (cell ${cell} is filled, outside the employee sheet's limits)`,
            expected:
              "paling banyak 200.000 pegawai (baris 2 sampai 200.001) dan 100 kolom (A sampai CV); kosongkan sel di luarnya, atau bagi berkas menjadi beberapa " +
              "(at most 200,000 employees, rows 2 to 200,001, and 100 columns, A to CV; clear the cells outside, or split the file)",
          },
        ],
      });
    }
    expect(await employeeCount()).toBe(before);
  });

  it("answers /health while a sheet of 20,000 employees is read and written, then has them all", { timeout: 600_000 }, async () => {
    const content = await xlsxBase64((sheet) => {
      sheet.addRow(["NIP", "Nama", "Jabatan", "Unit"]);
      for (let i = 0; i < EMPLOYEES; i++) sheet.addRow([nipOf(i), `Pegawai ${i + 1}`, "Pelaksana", unit]);
    });
    const order: string[] = [];
    const started = performance.now();
    let importMs = 0;
    const importing = admin.mutate<ImportAnswer>("employee.import", { regionId: shared.regionId, format: "xlsx", content }).then((answer) => {
      importMs = performance.now() - started;
      order.push("import");
      return answer;
    });
    const health = await admin.fetch("/health");
    const healthMs = performance.now() - started;
    order.push("health");
    expect(health.status).toBe(200);
    const answer = await admin.ok(importing);
    expect(order).toEqual(["health", "import"]);
    console.log(
      `[employee import, ${dialect}] ${EMPLOYEES} employees, ${Math.round(content.length / 1024)} KB as base64: ` +
        `/health answered after ${Math.round(healthMs)} ms, the import after ${Math.round(importMs)} ms`,
    );
    expect(answer).toMatchObject({ ok: true, rows: EMPLOYEES });
    expect((answer.created ?? 0) + (answer.updated ?? 0)).toBe(EMPLOYEES);
    const stored = await shared.database.db
      .selectFrom("employees")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("region_id", "=", shared.regionId)
      .where("nip", "in", [nipOf(0), nipOf(EMPLOYEES - 1)])
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2);
  });
});
