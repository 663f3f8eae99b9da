// A connector's run is a job, as an employee import is: its `jobs` row holds progress and lease (cycles/lease.ts),
// its `connector_runs` row what it was given and what came of it, with the per-row report. A source reads
// and checks the whole input first; with any problem nothing is written and the run fails with its report;
// otherwise it writes in one transaction with its audit entry. A sink's export is recorded the same way.
import { newId, now, parseJson, toJson, type Database, type JobRow, type JobStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { failLiveJob, failStaleJobs, findCycle, holdLease, JobTakenOver, keepLeaseAlive, leaseFields, regionJobRunning, type JobRunner } from "../cycles/index.js";
import type { ExportFile } from "../documents/index.js";
import { audit, DomainError, type Actor } from "../lib/index.js";
import { forgetSessions } from "../../session-cache.js";
import type { RowProblem, SinkFormat, SourceConnector } from "./connector.js";
import { connectorRemote, connectorSetup } from "./config.js";
import { connectorNamed, sinkNamed, sourceNamed } from "./registry.js";

export interface ConnectorRunStatus {
  jobId: string;
  connector: string;
  status: JobStatus;
  done: number;
  total: number;
  period: string;
  format: string;
  bytes: number;
  rows: number;
  written: number;
  summary: Record<string, unknown>;
  /** Every problem of a refused input, in line order; nothing was written then. */
  report: RowProblem[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const jobKind = (name: string) => `connector.${name}`;

/** The connector's runs in the region, newest first; one run when `jobId` is given. */
export async function connectorRuns(scope: Scope, input: { name: string; jobId?: string; limit?: number }): Promise<ConnectorRunStatus[]> {
  requireAdmin(scope, "melihat jalannya konektor");
  const { db, regionId } = scope;
  const connector = connectorNamed(input.name);
  let query = db
    .selectFrom("jobs")
    .innerJoin("connector_runs as r", (join) => join.onRef("r.region_id", "=", "jobs.region_id").onRef("r.job_id", "=", "jobs.id"))
    .selectAll("jobs")
    .select(["r.connector", "r.period", "r.format", "r.bytes", "r.rows", "r.written", "r.summary", "r.report"])
    .where("jobs.region_id", "=", regionId)
    .where("r.connector", "=", connector.name);
  if (input.jobId) query = query.where("jobs.id", "=", input.jobId);
  const rows = await query.orderBy("jobs.id", "desc").limit(input.limit ?? 10).execute();
  if (input.jobId && rows.length === 0) throw new DomainError({ code: "NOT_FOUND", message: `Jalannya konektor ${input.jobId} tidak ditemukan` });
  return rows.map((row) => ({
    jobId: row.id,
    connector: row.connector,
    status: row.status,
    done: row.done,
    total: row.total,
    period: row.period,
    format: row.format,
    bytes: row.bytes,
    rows: row.rows,
    written: row.written,
    summary: parseJson<Record<string, unknown>>(row.summary),
    report: parseJson<RowProblem[]>(row.report),
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }));
}

const INTERRUPTED =
  "Terhenti: server yang menjalankannya berhenti sebelum selesai; tidak ada yang disimpan, jalankan lagi. " +
  "(Interrupted: the server running it stopped before the end; nothing was saved, run it again.)";

export interface SourceRunInput {
  name: string;
  format: string;
  period: string;
  /** The file; or, for a run nobody started by hand, how the job fetches it (schedules.ts). */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

/** Starts a source's run on an uploaded file and answers at once; follow it with connectorRuns. One run per connector and region at a time. */
export async function startSourceRun(scope: Scope, jobs: JobRunner, input: SourceRunInput): Promise<ConnectorRunStatus> {
  requireAdmin(scope, "menjalankan konektor");
  const jobId = await beginSourceRun(scope.db, jobs, scope.actor, scope.regionId, input);
  return (await connectorRuns(scope, { name: input.name, jobId }))[0]!;
}

/** Starts a source's run for `actor` (an admin, or the schedule) once access is settled; the run's job id. */
export async function beginSourceRun(db: Kysely<Database>, jobs: JobRunner, actor: Actor, regionId: string, input: SourceRunInput): Promise<string> {
  const connector = sourceNamed(input.name);
  const fetching = connector.fetchFormat !== undefined && input.format === connector.fetchFormat;
  // A scheduled run fetches its file in the job; its size is known only then.
  const size = typeof input.bytes === "function" ? null : input.bytes.length;
  if (!fetching && size === 0) throw new DomainError({ code: "BAD_REQUEST", message: "Berkas kosong: kirim isi berkas (empty file)" });
  if (!connector.formats.includes(input.format)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} membaca berkas ${connector.formats.join(" atau ")}, bukan ${input.format}` });
  }
  const setup = await connectorSetup(db, regionId, connector);
  if (!setup.enabled) throw new DomainError({ code: "PRECONDITION_FAILED", message: `Konektor ${connector.label.id} belum diaktifkan di wilayah ini; aktifkan dulu di halaman Integrasi` });
  // A reviewed source's run is dated by the day it was read when no period is given.
  const period = input.period === "" && connector.review ? now().slice(0, 10) : input.period;
  const kind = jobKind(connector.name);
  await failStaleJobs(db, regionId, kind, jobs, INTERRUPTED);
  const job = await db.transaction().execute(async (trx) => {
    if (await regionJobRunning(trx, regionId, kind)) {
      throw new DomainError({ code: "CONFLICT", message: `${connector.label.id} sedang berjalan di wilayah ini; tunggu sampai selesai (a run is in progress)` });
    }
    const at = now();
    const id = newId();
    await trx
      .insertInto("jobs")
      .values({ region_id: regionId, id, kind, cycle_id: null, run_id: null, total: 0, error: null, created_by: actor.id, created_at: at, started_at: null, finished_at: null, updated_at: at, ...leaseFields(jobs.lease) })
      .execute();
    await trx.insertInto("connector_runs").values({ region_id: regionId, job_id: id, connector: connector.name, period, format: input.format, bytes: size ?? 0 }).execute();
    return trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  });
  const remote = fetching ? await connectorRemote(db, regionId, connector) : undefined;
  jobs.start(job.id, () => runSource(db, jobs, actor, job, connector, setup.mapping, { ...input, period }, remote));
  return job.id;
}

async function runSource(
  db: Kysely<Database>,
  jobs: JobRunner,
  actor: Actor,
  job: JobRow,
  connector: SourceConnector<unknown, unknown>,
  mapping: unknown,
  input: SourceRunInput,
  remote: { settings: Record<string, unknown>; secrets: Record<string, string> } | undefined,
): Promise<void> {
  const regionId = job.region_id;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  const details = (trx: Kysely<Database>) => trx.updateTable("connector_runs").where("region_id", "=", regionId).where("job_id", "=", job.id);
  try {
    await db.transaction().execute((trx) => holdLease(trx, job, lease, { status: "running", started_at: now() }));
    const bytes = typeof input.bytes === "function" ? await input.bytes() : input.bytes;
    const progress = (done: number, total: number) => db.transaction().execute((trx) => holdLease(trx, job, lease, { done, total }));
    const read = await connector.read(db, regionId, { format: input.format, bytes, period: input.period, remote, progress }, mapping);
    if (connector.review && !(read.rows === 0 && read.problems.length > 0)) {
      // Kept for review: the diff is the summary, rows with problems are reported and left out of it.
      await db.transaction().execute(async (trx) => {
        await details(trx).set({ rows: read.rows, summary: toJson({ ...read.summary, review: "pending" }), report: toJson(read.problems) }).execute();
        await audit(trx, { regionId, actor, action: "connector.run", entity: "connector", entityId: connector.name, after: { jobId: job.id, period: input.period, format: input.format, rows: read.rows, problems: read.problems.length, review: "pending" } });
        await holdLease(trx, job, lease, { status: "succeeded", total: read.rows, done: read.rows, finished_at: now() });
      });
      return;
    }
    if (read.problems.length > 0) {
      await db.transaction().execute(async (trx) => {
        const refused = `Berkas ditolak: ${read.problems.length} masalah; tidak ada yang disimpan (file refused: ${read.problems.length} problems; nothing was saved)`;
        await holdLease(trx, job, lease, { status: "failed", error: refused, total: read.rows, finished_at: now() });
        await details(trx).set({ bytes: bytes.length, rows: read.rows, summary: toJson(read.summary), report: toJson(read.problems) }).execute();
        await audit(trx, { regionId, actor, action: "connector.run", entity: "connector", entityId: connector.name, after: { jobId: job.id, period: input.period, format: input.format, rows: read.rows, problems: read.problems.length } });
      });
      return;
    }
    await db.transaction().execute(async (trx) => {
      const { written, summary } = await connector.write(trx, regionId, job.id, read.plan);
      const all = { ...read.summary, ...summary };
      await details(trx).set({ bytes: bytes.length, rows: read.rows, written, summary: toJson(all) }).execute();
      await audit(trx, { regionId, actor, action: "connector.run", entity: "connector", entityId: connector.name, after: { jobId: job.id, period: input.period, format: input.format, rows: read.rows, written, ...all } });
      await holdLease(trx, job, lease, { status: "succeeded", total: read.rows, done: read.rows, finished_at: now() });
    });
  } catch (error) {
    if (!(error instanceof JobTakenOver)) {
      const reason = error instanceof Error ? error.message : String(error);
      await failLiveJob(db, job, `Gagal: ${reason}; tidak ada yang disimpan (failed: nothing was saved)`, { owner: lease.owner });
    }
    if (!(error instanceof DomainError)) throw error;
  } finally {
    stopRenewing();
  }
}

/** A sink's file, recorded as a finished run of the connector and in the audit log. */
export async function runSink(scope: Scope, input: { name: string; cycleId: string; format: SinkFormat }): Promise<ExportFile> {
  requireAdmin(scope, "menjalankan konektor");
  const { db, regionId, actor } = scope;
  const connector = sinkNamed(input.name);
  if (!connector.formats.includes(input.format)) throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} menghasilkan berkas ${connector.formats.join(" atau ")}, bukan ${input.format}` });
  // Another region's cycle is not found, whatever the connector's state here.
  await findCycle(db, regionId, input.cycleId);
  const setup = await connectorSetup(db, regionId, connector);
  if (!setup.enabled) throw new DomainError({ code: "PRECONDITION_FAILED", message: `Konektor ${connector.label.id} belum diaktifkan di wilayah ini; aktifkan dulu di halaman Integrasi` });
  const file = await connector.export(scope, { cycleId: input.cycleId, format: input.format }, setup.mapping);
  await db.transaction().execute(async (trx) => {
    const at = now();
    const id = newId();
    await trx
      .insertInto("jobs")
      .values({ region_id: regionId, id, kind: jobKind(connector.name), cycle_id: input.cycleId, run_id: null, status: "succeeded", total: file.rows, done: file.rows, error: null, created_by: actor.id, created_at: at, started_at: at, finished_at: at, updated_at: at, owner: null, heartbeat_at: null, lease_expires_at: null })
      .execute();
    await trx.insertInto("connector_runs").values({ region_id: regionId, job_id: id, connector: connector.name, period: file.period, format: input.format, bytes: file.body.length, rows: file.rows, written: file.rows, summary: toJson({ cycleId: input.cycleId, filename: file.filename }) }).execute();
    await audit(trx, { regionId, actor, action: "connector.run", entity: "connector", entityId: connector.name, after: { jobId: id, cycleId: input.cycleId, period: file.period, format: input.format, rows: file.rows } });
  });
  return file;
}

/** Starts a source's fetch from its service (no file), as startSourceRun. */
export async function startFetchRun(scope: Scope, jobs: JobRunner, input: { name: string; period: string }): Promise<ConnectorRunStatus> {
  const connector = sourceNamed(input.name);
  if (!connector.fetchFormat) throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} membaca berkas yang diunggah, bukan mengambil dari layanan` });
  return startSourceRun(scope, jobs, { name: connector.name, format: connector.fetchFormat, period: input.period, bytes: new Uint8Array() });
}

export type ReviewDecision = "applied" | "discarded";

/**
 * Applies (or discards) a reviewed run of a source an admin reviews first. Only the connector's latest run,
 * still pending, can be decided: an older diff would undo what a newer fetch saw. Applying writes the diff in
 * one transaction with its audit entry; a region changed since the fetch refuses it whole (fetch again).
 */
export async function decideSourceRun(scope: Scope, input: { name: string; jobId: string; decision: ReviewDecision }): Promise<ConnectorRunStatus> {
  requireAdmin(scope, input.decision === "applied" ? "menerapkan perubahan konektor" : "membuang perubahan konektor");
  const { db, regionId, actor } = scope;
  const connector = sourceNamed(input.name);
  if (!connector.review) throw new DomainError({ code: "BAD_REQUEST", message: `Konektor ${connector.name} menulis langsung; tidak ada yang ditinjau (nothing to review)` });
  // An applied diff may end sessions (a leaver's account is disabled with it): once it is done, this process
  // trusts no session it read before (session-cache.ts), as after an admin's disabling.
  const applying = db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom("connector_runs as r")
      .innerJoin("jobs", (join) => join.onRef("jobs.region_id", "=", "r.region_id").onRef("jobs.id", "=", "r.job_id"))
      .select(["r.job_id", "r.summary", "r.period", "r.format", "jobs.status"])
      .where("r.region_id", "=", regionId)
      .where("r.connector", "=", connector.name)
      .where("r.job_id", "=", input.jobId)
      .executeTakeFirst();
    if (!run) throw new DomainError({ code: "NOT_FOUND", message: `Jalannya konektor ${input.jobId} tidak ditemukan` });
    const summary = parseJson<Record<string, unknown>>(run.summary);
    if (run.status !== "succeeded" || summary.review !== "pending") {
      const state = summary.review === "applied" ? "sudah diterapkan" : summary.review === "discarded" ? "sudah dibuang" : "tidak menunggu tinjauan";
      throw new DomainError({ code: "CONFLICT", message: `Perubahan dari pengambilan ini ${state}; ambil lagi untuk perubahan terbaru` });
    }
    const newer = await trx.selectFrom("connector_runs").select("job_id").where("region_id", "=", regionId).where("connector", "=", connector.name).where("job_id", ">", input.jobId).executeTakeFirst();
    if (newer) throw new DomainError({ code: "CONFLICT", message: "Ada pengambilan yang lebih baru; tinjau dan terapkan yang terbaru" });
    let written = 0;
    if (input.decision === "applied") ({ written } = await connector.write(trx, regionId, input.jobId, summary));
    const decided = { ...summary, review: input.decision, decidedBy: actor.name, decidedAt: now() };
    await trx.updateTable("connector_runs").set({ summary: toJson(decided), written }).where("region_id", "=", regionId).where("job_id", "=", input.jobId).execute();
    const counts = summary.counts as Record<string, number> | undefined;
    await audit(trx, {
      regionId,
      actor,
      action: input.decision === "applied" ? "connector.apply" : "connector.discard",
      entity: "connector",
      entityId: connector.name,
      after: {
        jobId: input.jobId,
        written,
        counts,
        ...(input.decision === "applied"
          ? {
              new: (summary.new as Array<{ nip: string }> | undefined)?.map((e) => e.nip),
              moved: (summary.moved as Array<{ nip: string; changes: unknown }> | undefined)?.map((e) => ({ nip: e.nip, changes: e.changes })),
              left: (summary.left as Array<{ nip: string }> | undefined)?.map((e) => e.nip),
            }
          : {}),
      },
    });
  });
  try {
    await applying;
  } finally {
    if (input.decision === "applied") forgetSessions();
  }
  return (await connectorRuns(scope, { name: connector.name, jobId: input.jobId }))[0]!;
}
