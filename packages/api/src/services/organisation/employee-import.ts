// Importing employees from a CSV or XLSX sheet: the sheet is read and checked against the region
// (employee-sheet.ts), and nothing is written unless the whole sheet is good: one transaction, or none.
// Rows are matched on NIP: a known NIP updates the employee, a new one adds them. The sheet is read in a
// worker process (lib/worker.ts), which hands its good rows over in parts as it reads: each part is
// written while the worker reads on, in the one transaction, which is rolled back when the sheet turns out
// to have a problem, or the read fails or outlasts its budget.
// A small sheet is imported within its request (`importEmployees`, through tRPC); a big one is uploaded over
// plain HTTP and imported as a job (`startEmployeeImport`): its row in `jobs` holds progress and lease as a
// cycle's run does, and `employee_import_jobs` the outcome, every problem of a refused sheet included.
import { insertRows, newId, now, parseJson, toJson, type Database, type JobRow, type JobStatus } from "@kinerja/db";
import { PostgresAdapter, type ControlledTransaction, type Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { failLiveJob, failStaleJobs, holdLease, regionJobRunning, JobTakenOver, keepLeaseAlive, leaseFields, renewLease, type JobRunner } from "../cycles/index.js";
import { audit, DomainError, streamInWorker, type Actor, type WorkerBudget } from "../lib/index.js";
import type { employeeSheetParts, EmployeeColumns, ImportFormat, ImportRowError } from "./employee-sheet.js";

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

/** A sheet found to have problems after parts of it were written: thrown to roll them back. */
class SheetRefused extends Error {
  constructor(
    readonly rows: number,
    readonly errors: ImportRowError[],
  ) {
    super(`the sheet has ${errors.length} problems`);
  }
}

/**
 * Reads a sheet in the worker process against what the region has, and writes its good rows as they come,
 * in one transaction: every bad cell and nothing written, or the counts written. The transaction begins with
 * the first part, so the server's connection is free while the worker reads up to it (on SQLite, its only
 * one: an XLSX sheet exceljs reads whole gives its first part only when read). `finish` runs in that
 * transaction once the sheet is known good (a job marks itself done there); `progress` is told how many
 * employees are written so far.
 */
async function importSheet(
  db: Kysely<Database>,
  scope: Pick<Scope, "regionId" | "actor">,
  input: { format: ImportFormat; bytes: Uint8Array },
  hooks: { finish?: (trx: Kysely<Database>, result: ImportResult & { ok: true }) => Promise<void>; progress?: (done: number) => Promise<void> } = {},
): Promise<ImportResult> {
  const { regionId, actor } = scope;
  const units = (await db.selectFrom("units").select("id").where("region_id", "=", regionId).execute()).map((u) => u.id);
  const existing = new Map(
    (await db.selectFrom("employees").select(["id", "nip"]).where("region_id", "=", regionId).execute()).map((e) => [e.nip, e.id]),
  );
  let trx: ControlledTransaction<Database> | undefined;
  const transaction = async () => (trx ??= await db.startTransaction().execute());
  try {
    const at = now();
    let written = 0;
    let updated = 0;
    const end = await streamInWorker<typeof employeeSheetParts>(
      new URL("./employee-sheet.ts", import.meta.url),
      "employeeSheetParts",
      [input.format, input.bytes, { units: new Set(units), nips: new Set(existing.keys()) }],
      SHEET_READ,
      async (part) => {
        updated += await writeEmployees(await transaction(), regionId, part, existing, at);
        written += part.nip.length;
        await hooks.progress?.(written);
      },
    );
    if (end.errors.length > 0) throw new SheetRefused(end.rows, end.errors);
    const result = { ok: true as const, rows: written, created: written - updated, updated };
    const open = await transaction();
    await audit(open, {
      regionId,
      actor,
      action: "employee.import",
      entity: "employee",
      entityId: "*",
      after: { format: input.format, rows: written, created: result.created, updated },
    });
    await hooks.finish?.(open, result);
    await open.commit().execute();
    return result;
  } catch (error) {
    // Whatever was written is undone: the refused sheet's good rows, or all of a failed import.
    const open = trx as ControlledTransaction<Database> | undefined;
    if (open && !open.isCommitted && !open.isRolledBack) await open.rollback().execute().catch(() => undefined);
    if (error instanceof SheetRefused) return { ok: false, rows: error.rows, errors: error.errors };
    throw error;
  }
}

/** Imports a sheet within the request: every bad cell, or the counts written. */
export async function importEmployees(scope: Scope, input: { format: ImportFormat; content: string }): Promise<ImportResult> {
  return importSheet(scope.db, scope, { format: input.format, bytes: sheetBytes(input) });
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
    // Progress is written beside the import's transaction, on another connection: on PostgreSQL only, as
    // SQLite's one connection is the transaction's until it ends. The job's row is held only at the end.
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    const progress = postgres ? (done: number) => renewLease(db, job, lease, { done }).then(() => undefined) : undefined;
    const result = await importSheet(db, scope, input, {
      progress,
      finish: async (trx, { rows, created, updated }) => {
        await trx.updateTable("employee_import_jobs").set({ rows, created, updated }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
        await holdLease(trx, job, lease, { status: "succeeded", done: rows, total: rows, finished_at: now() });
      },
    });
    if (!result.ok) {
      await db.transaction().execute(async (trx) => {
        const refused = `Berkas ditolak: ${result.errors.length} masalah; tidak ada yang disimpan (file refused: ${result.errors.length} problems; nothing was saved)`;
        await holdLease(trx, job, lease, { status: "failed", error: refused, finished_at: now() });
        await trx.updateTable("employee_import_jobs").set({ rows: result.rows, errors: toJson(result.errors) }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
      });
    }
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


/**
 * Adds or updates a part of a good sheet's employees in the caller's transaction, in one multi-row insert
 * (a part is at most SHEET_PART, 2,000 rows: SQLite binds at most 32,766 parameters to one statement and an
 * employee row takes 13), a known NIP updating its row in place (on conflict of the region's NIP key), so
 * 100,000 employees are some fifty statements rather than 100,000. Answers how many were known.
 */
async function writeEmployees(trx: Kysely<Database>, regionId: string, employees: EmployeeColumns, existing: ReadonlyMap<string, string>, at: string): Promise<number> {
  const { nip, nama, jabatan, jenis_jabatan, jenjang, golongan, status, unit_id, atasan_nip, attributes } = employees;
  let updated = 0;
  const rows = [];
  for (let i = 0; i < nip.length; i++) {
    const known = existing.get(nip[i]!);
    if (known !== undefined) updated++;
    rows.push({
      region_id: regionId,
      id: known ?? newId(),
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
  return updated;
}
