// Importing employees from a CSV or XLSX sheet: the sheet is read and checked against the region
// (employee-sheet.ts), and nothing is written unless the whole sheet is good: one transaction, or none.
// Rows are matched on NIP: a known NIP updates the employee, a new one adds them. The sheet is read in a
// worker thread (lib/worker.ts), so the server answers other requests while a big sheet is read; a read
// that fails or outlasts its budget is refused before anything is written.
import { newId, now, toJson } from "@kinerja/db";
import type { Scope } from "../access/index.js";
import { audit, runInWorker, type WorkerBudget } from "../lib/index.js";
import type { parseEmployeeSheet, ImportFormat, ImportRowError, SheetEmployee } from "./employee-sheet.js";

export type { ImportFormat, ImportRowError } from "./employee-sheet.js";

export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number }
  | { ok: false; rows: number; errors: ImportRowError[] };

/** A sheet of 20,000 employees takes a few seconds to read; these leave room for a loaded machine. */
const SHEET_READ: WorkerBudget = { timeoutMs: 120_000, maxMemoryMb: 1024, what: "Pembacaan berkas pegawai" };

/** CSV arrives as text, XLSX as base64. */
function sheetBytes(input: { format: ImportFormat; content: string }): Uint8Array {
  return input.format === "csv" ? Buffer.from(input.content, "utf8") : Buffer.from(input.content, "base64");
}

export async function importEmployees(scope: Scope, input: { format: ImportFormat; content: string }): Promise<ImportResult> {
  const { db, regionId } = scope;
  const units = (await db.selectFrom("units").select("id").where("region_id", "=", regionId).execute()).map((u) => u.id);
  const existing = new Map(
    (await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e.id]),
  );
  const sheet = await runInWorker<typeof parseEmployeeSheet>(
    new URL("./employee-sheet.ts", import.meta.url),
    "parseEmployeeSheet",
    [input.format, sheetBytes(input), { units: new Set(units), nips: new Set(existing.keys()) }],
    SHEET_READ,
  );
  if (sheet.errors.length > 0) return { ok: false, rows: sheet.rows, errors: sheet.errors };
  const { created, updated } = await writeEmployees(scope, input.format, sheet.employees, existing);
  return { ok: true, rows: sheet.employees.length, created, updated };
}

/** SQLite binds at most 32,766 parameters to one statement; an employee row takes 13. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Adds or updates every employee of a good sheet, and audits the import, in one transaction: one
 * multi-row insert per ROWS_PER_STATEMENT employees, a known NIP updating its row in place (on conflict of
 * the region's NIP key), so 100,000 employees are some fifty statements rather than 100,000.
 */
async function writeEmployees(
  scope: Scope,
  format: ImportFormat,
  employees: readonly SheetEmployee[],
  existing: ReadonlyMap<string, string>,
): Promise<{ created: number; updated: number }> {
  const { db, regionId, actor } = scope;
  const updated = employees.reduce((n, p) => (existing.has(p.nip) ? n + 1 : n), 0);
  const created = employees.length - updated;
  await db.transaction().execute(async (trx) => {
    const at = now();
    for (let i = 0; i < employees.length; i += ROWS_PER_STATEMENT) {
      const rows = employees.slice(i, i + ROWS_PER_STATEMENT).map((p) => ({
        region_id: regionId,
        id: existing.get(p.nip) ?? newId(),
        nip: p.nip,
        nama: p.nama,
        jabatan: p.jabatan,
        jenis_jabatan: p.jenis_jabatan,
        jenjang: p.jenjang,
        golongan: p.golongan,
        status: p.status,
        unit_id: p.unit_id,
        atasan_nip: p.atasan_nip,
        attributes: toJson(p.attributes),
        created_at: at,
        updated_at: at,
      }));
      await trx
        .insertInto("employees")
        .values(rows)
        .onConflict((oc) =>
          oc.columns(["region_id", "nip"]).doUpdateSet((eb) => ({
            nama: eb.ref("excluded.nama"),
            jabatan: eb.ref("excluded.jabatan"),
            jenis_jabatan: eb.ref("excluded.jenis_jabatan"),
            jenjang: eb.ref("excluded.jenjang"),
            golongan: eb.ref("excluded.golongan"),
            status: eb.ref("excluded.status"),
            unit_id: eb.ref("excluded.unit_id"),
            atasan_nip: eb.ref("excluded.atasan_nip"),
            attributes: eb.ref("excluded.attributes"),
            updated_at: eb.ref("excluded.updated_at"),
          })),
        )
        .execute();
    }
    await audit(trx, {
      regionId,
      actor,
      action: "employee.import",
      entity: "employee",
      entityId: "*",
      after: { format, rows: employees.length, created, updated },
    });
  });
  return { created, updated };
}
