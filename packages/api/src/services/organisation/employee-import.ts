// Importing employees from a CSV or XLSX sheet: the sheet is read and checked against the region
// (employee-sheet.ts), and nothing is written unless the whole sheet is good: one transaction, or none.
// Rows are matched on NIP: a known NIP updates the employee, a new one adds them. The sheet is read in a
// worker process (lib/worker.ts), so the server answers other requests while a big sheet is read; a read
// that fails or outlasts its budget is refused before anything is written.
// A small sheet is imported within its request (`importEmployees`, through tRPC); a big one is uploaded over
// plain HTTP and imported as a job (`startEmployeeImport`): its row in `jobs` holds progress and lease as a
// cycle's run does, and `employee_import_jobs` the outcome, every problem of a refused sheet included.
import { insertRows, newId, now, parseJson, toJson, type Database, type JobRow, type JobStatus } from "@kinerja/db";
import { PostgresAdapter, type Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { failLiveJob, failStaleJobs, holdLease, regionJobRunning, JobTakenOver, keepLeaseAlive, leaseFields, renewLease, type JobRunner } from "../cycles/index.js";
import { audit, DomainError, runInWorker, type Actor, type WorkerBudget } from "../lib/index.js";
import type { parseEmployeeSheetColumns, EmployeeColumns, EmployeeSheetColumns, ImportFormat, ImportRowError } from "./employee-sheet.js";

export type { ImportFormat, ImportRowError } from "./employee-sheet.js";

export type ImportResult =
  | { ok: true; rows: number; created: number; updated: number }
  | { ok: false; rows: number; errors: ImportRowError[] };

export const EMPLOYEE_IMPORT_JOB = "employees.import";

/** A sheet of 200,000 employees takes a minute or more to read on a loaded machine; XLSX holds it all in memory. */
const SHEET_READ: WorkerBudget = { timeoutMs: 600_000, maxMemoryMb: 4096, what: "Pembacaan berkas pegawai" };

/** CSV arrives as text, XLSX as base64. */
function sheetBytes(input: { format: ImportFormat; content: string }): Uint8Array {
  return input.format === "csv" ? Buffer.from(input.content, "utf8") : Buffer.from(input.content, "base64");
}

/** What the region has now, and the sheet read against it in a worker process. */
async function readSheet(db: Kysely<Database>, regionId: string, format: ImportFormat, bytes: Uint8Array) {
  const units = (await db.selectFrom("units").select("id").where("region_id", "=", regionId).execute()).map((u) => u.id);
  const existing = new Map(
    (await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e.id]),
  );
  const sheet: EmployeeSheetColumns = await runInWorker<typeof parseEmployeeSheetColumns>(
    new URL("./employee-sheet.ts", import.meta.url),
    "parseEmployeeSheetColumns",
    [format, bytes, { units: new Set(units), nips: new Set(existing.keys()) }],
    SHEET_READ,
  );
  return { sheet, existing };
}

/** Imports a sheet within the request: every bad cell, or the counts written. */
export async function importEmployees(scope: Scope, input: { format: ImportFormat; content: string }): Promise<ImportResult> {
  const { db, regionId } = scope;
  const { sheet, existing } = await readSheet(db, regionId, input.format, sheetBytes(input));
  if (sheet.errors.length > 0) return { ok: false, rows: sheet.rows, errors: sheet.errors };
  const { created, updated } = await db.transaction().execute((trx) => writeEmployees(trx, scope, input.format, sheet.employees, existing));
  return { ok: true, rows: sheet.employees.nip.length, created, updated };
}

export interface EmployeeImportStatus {
  jobId: string;
  status: JobStatus;
  /** Employees written so far out of `total` (0 of 0 while the sheet is read). */
  done: number;
  total: number;
  format: ImportFormat;
  bytes: number;
  /** Data rows in the sheet, once read. */
  rows: number;
  created: number;
  updated: number;
  /** Every problem of a refused sheet, in row order; nothing was written then. */
  errors: ImportRowError[];
  /** Why the job failed, in Indonesian then English. */
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** An import job of the region, as the portal follows it; the latest when no id is given (null if none). */
export async function employeeImportStatus(scope: Scope, input: { jobId?: string }): Promise<EmployeeImportStatus | null> {
  requireAdmin(scope, "melihat impor pegawai");
  const { db, regionId } = scope;
  let query = db
    .selectFrom("jobs")
    .innerJoin("employee_import_jobs as i", (join) => join.onRef("i.region_id", "=", "jobs.region_id").onRef("i.job_id", "=", "jobs.id"))
    .selectAll("jobs")
    .select(["i.format", "i.bytes", "i.rows", "i.created", "i.updated", "i.errors"])
    .where("jobs.region_id", "=", regionId)
    .where("jobs.kind", "=", EMPLOYEE_IMPORT_JOB);
  if (input.jobId) query = query.where("jobs.id", "=", input.jobId);
  const row = await query.orderBy("jobs.id", "desc").limit(1).executeTakeFirst();
  if (!row && input.jobId) throw new DomainError({ code: "NOT_FOUND", message: `Impor pegawai ${input.jobId} tidak ditemukan` });
  if (!row) return null;
  return {
    jobId: row.id,
    status: row.status,
    done: row.done,
    total: row.total,
    format: row.format as ImportFormat,
    bytes: row.bytes,
    rows: row.rows,
    created: row.created,
    updated: row.updated,
    errors: parseJson<ImportRowError[]>(row.errors) ?? [],
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

const INTERRUPTED =
  "Terhenti: server yang menjalankannya berhenti sebelum selesai; tidak ada yang disimpan, unggah berkas lagi. " +
  "(Interrupted: the server running it stopped before the end; nothing was saved, upload the file again.)";

/**
 * Starts importing an uploaded sheet as a job and answers it at once; follow it with employeeImportStatus.
 * One import runs per region at a time.
 */
export async function startEmployeeImport(scope: Scope, jobs: JobRunner, input: { format: ImportFormat; bytes: Uint8Array }): Promise<EmployeeImportStatus> {
  requireAdmin(scope, "mengimpor pegawai");
  const { db, regionId, actor } = scope;
  await failStaleJobs(db, regionId, EMPLOYEE_IMPORT_JOB, jobs, INTERRUPTED);
  const job = await db.transaction().execute(async (trx) => {
    if (await regionJobRunning(trx, regionId, EMPLOYEE_IMPORT_JOB)) {
      throw new DomainError({
        code: "CONFLICT",
        message: "Impor pegawai sedang berjalan di wilayah ini; tunggu sampai selesai (an employee import is running in this region; wait for it to finish)",
      });
    }
    const at = now();
    const id = newId();
    await trx
      .insertInto("jobs")
      .values({ region_id: regionId, id, kind: EMPLOYEE_IMPORT_JOB, cycle_id: null, run_id: null, total: 0, error: null, created_by: actor.id, created_at: at, started_at: null, finished_at: null, updated_at: at, ...leaseFields(jobs.lease) })
      .execute();
    await trx.insertInto("employee_import_jobs").values({ region_id: regionId, job_id: id, format: input.format, bytes: input.bytes.length }).execute();
    return trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  });
  jobs.start(job.id, () => runEmployeeImport(db, jobs, actor, job, input));
  return (await employeeImportStatus(scope, { jobId: job.id }))!;
}


async function runEmployeeImport(db: Kysely<Database>, jobs: JobRunner, actor: Actor, job: JobRow, input: { format: ImportFormat; bytes: Uint8Array }): Promise<void> {
  const regionId = job.region_id;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  const scope = { db, regionId, actor };
  try {
    await db.transaction().execute((trx) => holdLease(trx, job, lease, { status: "running", started_at: now() }));
    const { sheet, existing } = await readSheet(db, regionId, input.format, input.bytes);
    const details = db.updateTable("employee_import_jobs").where("region_id", "=", regionId).where("job_id", "=", job.id);
    if (sheet.errors.length > 0) {
      await db.transaction().execute(async (trx) => {
        const at = now();
        const refused = `Berkas ditolak: ${sheet.errors.length} masalah; tidak ada yang disimpan (file refused: ${sheet.errors.length} problems; nothing was saved)`;
        await holdLease(trx, job, lease, { status: "failed", error: refused, finished_at: at });
        await trx.updateTable("employee_import_jobs").set({ rows: sheet.rows, errors: toJson(sheet.errors) }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
      });
      return;
    }
    await renewLease(db, job, lease, { total: sheet.employees.nip.length });
    await details.set({ rows: sheet.rows }).execute();
    // Progress is written beside the import's transaction, on another connection: on PostgreSQL only, as
    // SQLite's one connection is the transaction's until it ends. The job's row is held only at the end.
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    const progress = postgres ? (done: number) => renewLease(db, job, lease, { done }).then(() => undefined) : undefined;
    await db.transaction().execute(async (trx) => {
      const counts = await writeEmployees(trx, scope, input.format, sheet.employees, existing, progress);
      await trx.updateTable("employee_import_jobs").set(counts).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
      const at = now();
      await holdLease(trx, job, lease, { status: "succeeded", done: sheet.employees.nip.length, finished_at: at });
    });
  } catch (error) {
    // A job taken over is another server's to account for: it already marked it failed.
    if (!(error instanceof JobTakenOver)) {
      const reason = error instanceof Error ? error.message : String(error);
      await failLiveJob(db, job, `Gagal: ${reason}; tidak ada yang disimpan (failed: nothing was saved)`, { owner: lease.owner });
    }
    throw error;
  } finally {
    stopRenewing();
  }
}


/** SQLite binds at most 32,766 parameters to one statement; an employee row takes 13. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Adds or updates every employee of a good sheet, and audits the import, in the caller's transaction: one
 * multi-row insert per ROWS_PER_STATEMENT employees, a known NIP updating its row in place (on conflict of
 * the region's NIP key), so 100,000 employees are some fifty statements rather than 100,000.
 */
async function writeEmployees(
  trx: Kysely<Database>,
  scope: Pick<Scope, "regionId" | "actor">,
  format: ImportFormat,
  employees: EmployeeColumns,
  existing: ReadonlyMap<string, string>,
  progress?: (done: number) => Promise<void>,
): Promise<{ created: number; updated: number }> {
  const { regionId, actor } = scope;
  const { nip, nama, jabatan, jenis_jabatan, jenjang, golongan, status, unit_id, atasan_nip, attributes } = employees;
  const updated = nip.reduce((n, known) => (existing.has(known) ? n + 1 : n), 0);
  const created = nip.length - updated;
  const at = now();
  for (let from = 0; from < nip.length; from += ROWS_PER_STATEMENT) {
    const rows = [];
    for (let i = from; i < Math.min(from + ROWS_PER_STATEMENT, nip.length); i++) {
      rows.push({
        region_id: regionId,
        id: existing.get(nip[i]!) ?? newId(),
        nip: nip[i]!,
        nama: nama[i]!,
        jabatan: jabatan[i]!,
        jenis_jabatan: jenis_jabatan[i]!,
        jenjang: jenjang[i]!,
        golongan: golongan[i]!,
        status: status[i]!,
        unit_id: unit_id[i]!,
        atasan_nip: atasan_nip[i]!,
        attributes: attributes[i]!,
        created_at: at,
        updated_at: at,
      });
    }
    await insertRows(trx, "employees upsert", rows, (chunk) =>
      trx
        .insertInto("employees")
        .values(chunk)
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
        ),
    );
    await progress?.(Math.min(from + ROWS_PER_STATEMENT, nip.length));
  }
  await audit(trx, {
    regionId,
    actor,
    action: "employee.import",
    entity: "employee",
    entityId: "*",
    after: { format, rows: nip.length, created, updated },
  });
  return { created, updated };
}
