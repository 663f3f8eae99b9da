// An employee sheet imported over real HTTP into the server as `pnpm start` runs it (a process under tsx),
// on each dialect. A few bytes of XLSX can name a cell a million rows down: such a sheet is refused by
// naming the cell, not read up to it; and while a big, good sheet is read (in a worker process), the same
// server answers other requests. A sheet uploaded as it is to /import/employees.* is imported as a job, past
// the 1 MB a tRPC body may hold, and one over the upload limit is refused before it is read.
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

interface ImportStatus {
  status: string;
  done: number;
  total: number;
  rows: number;
  created: number;
  updated: number;
  errors: unknown[];
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

  it("imports a 2 MB CSV uploaded to /import/employees.csv as a job, and refuses one over 64 MB unread", { timeout: 600_000 }, async () => {
    const lines = ["nip,nama,jabatan,unit,atribut.catatan"];
    // Over the 1 MB a tRPC body may hold: 25,000 rows with a long note each.
    const size = 25_000;
    for (let i = 0; i < size; i++) lines.push(`${nipOf(i)},Pegawai Unggah ${i + 1},Pelaksana,${unit},${"catatan ".repeat(6)}`);
    const csv = lines.join("\n");
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * 1024 * 1024);
    const started = await admin.fetch(`/import/employees.csv?regionId=${shared.regionId}`, { method: "POST", body: csv, headers: { "content-type": "text/csv" } });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };
    let status: ImportStatus;
    for (;;) {
      status = await admin.ok(admin.query<ImportStatus>("employee.importStatus", { regionId: shared.regionId, jobId }));
      if (status.status === "succeeded" || status.status === "failed") break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toMatchObject({ status: "succeeded", done: size, total: size, rows: size, errors: [] });
    expect(status.created + status.updated).toBe(size);

    const tooBig = await admin.fetch(`/import/employees.csv?regionId=${shared.regionId}`, {
      method: "POST",
      body: Buffer.alloc(64 * 1024 * 1024 + 1, "a"),
      headers: { "content-type": "text/csv" },
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toMatch(/^Berkas pegawai ditolak: lebih dari 64 MB.*\(employee sheet refused: over 64 MB/);
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
