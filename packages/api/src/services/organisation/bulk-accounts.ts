// Accounts for every employee who has none, in a unit (with the units below it) or in the whole region, made
// as a job: starting it records the job and answers at once; the accounts are written in the background in
// batches, each batch one transaction that also advances the job's progress, under the same lease as a
// cycle's evaluation (cycles/lease.ts). A batch is written whole or not at all, and running the job again
// makes only the accounts still missing, so a job that failed is finished by starting another.
// Each account signs in with the employee's NIP, as an assessor when the register places others under the
// employee (they have direct reports), else as an employee. It has no password until its holder activates
// it with the one-time code made with it (activation.ts); the codes stay in clear only for the hand-outs
// (activation-handouts.ts). Where the employee has an e-mail on file, an invitation with the code is queued in
// the outbox in the same batch (notifications/invitations.ts).
import { newId, now, parseJson, type Database, type JobRow, type JobStatus, type NewAccountActivation, type Role } from "@kinerja/db";
import { sql, type Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import { failLiveJob, failStaleJobs, holdLease, regionJobRunning, JobTakenOver, keepLeaseAlive, leaseFields, type JobRunner } from "../cycles/index.js";
import { audit, DomainError, signInAccountRow, type Actor } from "../lib/index.js";
import { placeholderEmail } from "./accounts.js";
import { activationCodeHash, newActivationCode } from "./activation-codes.js";
import { findUnit, unitSubtree } from "./units.js";
import { queueInvitations } from "../notifications/index.js";

export const BULK_ACCOUNTS_JOB = "accounts.bulk";
/** How long an activation code stays valid unless the admin chooses otherwise. */
export const DEFAULT_CODE_VALID_DAYS = 14;
export const MAX_CODE_VALID_DAYS = 90;
/** How long after the job ends the codes are held in clear for the letters and the CSV. */
export const HANDOUT_WINDOW_MS = 12 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface BulkAccountsStatus {
  jobId: string;
  status: JobStatus;
  /** Employees handled so far (accounts made, and those skipped) out of `total`. */
  done: number;
  total: number;
  created: number;
  skipped: number;
  /** Of the accounts made, how many were sent an invitation to the e-mail on file. */
  invited: number;
  /** Null: the whole region. */
  unitId: string | null;
  validDays: number;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** The letters and the CSV can be downloaded (the codes are still held in clear) until then. */
  handoutsUntil: string | null;
  handoutsAvailable: boolean;
}

/** Who in the unit (or region) has an account and who does not, before a job is started. */
export interface BulkAccountsPreview {
  unitId: string | null;
  employees: number;
  withoutAccount: number;
  /** Of those without, how many will be assessors (they have direct reports). */
  assessors: number;
}

/** The unit and the units below it, or null for the whole region; another region's unit is not found. */
async function unitScope(db: Kysely<Database>, regionId: string, unitId: string | null | undefined): Promise<string[] | null> {
  if (!unitId) return null;
  await findUnit(db, regionId, unitId);
  return unitSubtree(db, regionId, unitId);
}

/** The region's employees (in the units given) that no account is linked to; those who left the region need none. */
function withoutAccount(db: Kysely<Database>, regionId: string, unitIds: string[] | null) {
  let query = db
    .selectFrom("employees as e")
    .leftJoin("user as u", "u.employee_id", "e.id")
    .where("e.region_id", "=", regionId)
    .where("e.left_at", "is", null)
    .where("u.id", "is", null);
  if (unitIds) query = query.where("e.unit_id", "in", unitIds);
  return query;
}

/** Whether the register places others under the employee `e` (they have direct reports): an assessor. */
const hasReports = sql<boolean>`exists (select 1 from employees r where r.region_id = e.region_id and r.atasan_nip = e.nip and r.left_at is null)`;

export async function previewBulkAccounts(scope: Scope, input: { unitId?: string | null }): Promise<BulkAccountsPreview> {
  requireAdmin(scope, "membuat akun massal");
  const { db, regionId } = scope;
  const unitIds = await unitScope(db, regionId, input.unitId);
  let all = db.selectFrom("employees as e").select((eb) => eb.fn.countAll<number | string>().as("n")).where("e.region_id", "=", regionId).where("e.left_at", "is", null);
  if (unitIds) all = all.where("e.unit_id", "in", unitIds);
  const missing = await withoutAccount(db, regionId, unitIds)
    .select((eb) => [
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.sum<number | string | null>(eb.case().when(hasReports).then(1).else(0).end()).as("assessors"),
    ])
    .executeTakeFirstOrThrow();
  const employees = await all.executeTakeFirstOrThrow();
  return { unitId: input.unitId ?? null, employees: Number(employees.n), withoutAccount: Number(missing.n), assessors: Number(missing.assessors ?? 0) };
}

type JobDetails = { unit_id: string | null; valid_days: number; created: number; skipped: number; invited: number; handout_until: string | null; handout_cleared_at: string | null };

function statusOf(job: JobRow, details: JobDetails, at = now()): BulkAccountsStatus {
  const handoutsUntil = details.handout_until;
  return {
    jobId: job.id,
    status: job.status,
    done: job.done,
    total: job.total,
    created: details.created,
    skipped: details.skipped,
    invited: details.invited,
    unitId: details.unit_id,
    validDays: details.valid_days,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    handoutsUntil,
    handoutsAvailable: handoutsUntil !== null && handoutsUntil > at && details.handout_cleared_at === null && details.created > 0,
  };
}

/** A bulk-accounts job of the region, as the portal follows it; the latest when no id is given (null if none). */
export async function bulkAccountsStatus(scope: Scope, input: { jobId?: string }): Promise<BulkAccountsStatus | null> {
  requireAdmin(scope, "melihat pembuatan akun massal");
  const { db, regionId } = scope;
  await dropExpiredHandouts(db);
  let query = db
    .selectFrom("jobs")
    .innerJoin("account_jobs as a", (join) => join.onRef("a.region_id", "=", "jobs.region_id").onRef("a.job_id", "=", "jobs.id"))
    .selectAll("jobs")
    .select(["a.unit_id", "a.valid_days", "a.created", "a.skipped", "a.handout_until", "a.handout_cleared_at"])
    .where("jobs.region_id", "=", regionId)
    .where("jobs.kind", "=", BULK_ACCOUNTS_JOB);
  if (input.jobId) query = query.where("jobs.id", "=", input.jobId);
  const row = await query.orderBy("jobs.id", "desc").limit(1).executeTakeFirst();
  if (!row && input.jobId) throw new DomainError({ code: "NOT_FOUND", message: `Job pembuatan akun ${input.jobId} tidak ditemukan` });
  if (!row) return null;
  const invited = await db
    .selectFrom("account_activations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("region_id", "=", regionId)
    .where("job_id", "=", row.id)
    .where("invited_at", "is not", null)
    .executeTakeFirstOrThrow();
  return statusOf(row, { ...row, invited: Number(invited.n) });
}

const INTERRUPTED = "Terhenti: server yang menjalankannya berhenti sebelum selesai. Akun yang sudah dibuat tetap ada; mulai lagi untuk membuat sisanya.";


/**
 * Starts making accounts for everyone in the unit (with its sub-units) or the region who has none; answers
 * the job at once. One such job runs per region at a time.
 */
export async function startBulkAccounts(scope: Scope, jobs: JobRunner, input: { unitId?: string | null; validDays?: number }): Promise<BulkAccountsStatus> {
  requireAdmin(scope, "membuat akun massal");
  const { db, regionId, actor } = scope;
  const validDays = input.validDays ?? DEFAULT_CODE_VALID_DAYS;
  if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_CODE_VALID_DAYS) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Masa berlaku kode aktivasi harus 1 sampai ${MAX_CODE_VALID_DAYS} hari, bukan ${validDays}`, pointer: "/validDays" });
  }
  await failStaleJobs(db, regionId, BULK_ACCOUNTS_JOB, jobs, INTERRUPTED);
  await dropExpiredHandouts(db);
  const unitIds = await unitScope(db, regionId, input.unitId);
  const job = await db.transaction().execute(async (trx) => {
    if (await regionJobRunning(trx, regionId, BULK_ACCOUNTS_JOB)) {
      throw new DomainError({ code: "CONFLICT", message: "Pembuatan akun massal sedang berjalan di wilayah ini; tunggu sampai selesai sebelum memulai lagi" });
    }
    const missing = await withoutAccount(trx, regionId, unitIds).select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
    const total = Number(missing.n);
    const at = now();
    const id = newId();
    await trx
      .insertInto("jobs")
      .values({ region_id: regionId, id, kind: BULK_ACCOUNTS_JOB, cycle_id: null, run_id: null, total, error: null, created_by: actor.id, created_at: at, started_at: null, finished_at: null, updated_at: at, ...leaseFields(jobs.lease) })
      .execute();
    await trx.insertInto("account_jobs").values({ region_id: regionId, job_id: id, unit_id: input.unitId ?? null, valid_days: validDays, handout_until: null, handout_cleared_at: null }).execute();
    await audit(trx, { regionId, actor, action: "account.bulkStart", entity: "job", entityId: id, after: { unitId: input.unitId ?? null, total, validDays } });
    return trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  });
  jobs.start(job.id, () => runBulkAccounts(db, jobs, actor, job, { unitIds, validDays }));
  return statusOf(job, { unit_id: input.unitId ?? null, valid_days: validDays, created: 0, skipped: 0, invited: 0, handout_until: null, handout_cleared_at: null });
}

/** The employee's e-mail on file (the register's `email` attribute), to which an invitation is due. */
function emailOnFile(attributes: string): string | null {
  const value = parseJson<Record<string, unknown>>(attributes)?.email;
  return typeof value === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? value.trim().toLowerCase() : null;
}

async function runBulkAccounts(db: Kysely<Database>, jobs: JobRunner, actor: Actor, job: JobRow, plan: { unitIds: string[] | null; validDays: number }): Promise<void> {
  const regionId = job.region_id;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  try {
    await db.transaction().execute((trx) => holdLease(trx, job, lease, { status: "running", started_at: now() }));
    let done = 0;
    let after = "";
    for (let batch = 0; ; batch++) {
      let query = withoutAccount(db, regionId, plan.unitIds)
        .select(["e.id", "e.nip", "e.nama", "e.attributes", hasReports.as("has_reports")])
        .orderBy("e.id")
        .limit(jobs.batchSize);
      if (after) query = query.where("e.id", ">", after);
      const employees = await query.execute();
      if (employees.length === 0) break;
      after = employees[employees.length - 1]?.id as string;
      // A NIP (or its sign-in address) another account already has, here or in another region, is left out.
      const taken = await db
        .selectFrom("user")
        .select(["username", "email"])
        .where((eb) => eb.or([eb("username", "in", employees.map((e) => e.nip)), eb("email", "in", employees.map((e) => placeholderEmail(e.nip)))]))
        .execute();
      const takenNips = new Set(taken.flatMap((t) => [t.username, t.email.replace(/@.*$/, "")]));
      const creating = employees.filter((e) => !takenNips.has(e.nip));
      const at = now();
      const expiresAt = new Date(Date.parse(at) + plan.validDays * DAY_MS).toISOString();
      const accounts = creating.map((e) => ({ employee: e, userId: newId(), code: newActivationCode(), role: (e.has_reports ? "assessor" : "employee") as Role }));
      done += employees.length;
      await db.transaction().execute(async (trx) => {
        await holdLease(trx, job, lease, { done });
        if (accounts.length > 0) {
          await trx
            .insertInto("user")
            .values(
              accounts.map((a) => ({
                id: a.userId,
                name: a.employee.nama,
                email: placeholderEmail(a.employee.nip),
                email_verified: sql<boolean>`TRUE`,
                image: null,
                created_at: at,
                updated_at: at,
                username: a.employee.nip,
                role: a.role,
                region_id: regionId,
                employee_id: a.employee.id,
              })),
            )
            .execute();
          // A credential account with no password: nobody signs in with it until it is activated.
          await trx
            .insertInto("account")
            .values(accounts.map((a) => signInAccountRow(a.userId, { providerId: "credential", password: null }, at)))
            .execute();
          await trx
            .insertInto("account_activations")
            .values(
              accounts.map(
                (a): NewAccountActivation => ({
                  region_id: regionId,
                  user_id: a.userId,
                  employee_id: a.employee.id,
                  code_hash: activationCodeHash(a.code),
                  expires_at: expiresAt,
                  created_at: at,
                  activated_at: null,
                  job_id: job.id,
                  invitation_email: emailOnFile(a.employee.attributes),
                  invited_at: null,
                }),
              ),
            )
            .execute();
          await trx.insertInto("activation_handouts").values(accounts.map((a) => ({ region_id: regionId, job_id: job.id, user_id: a.userId, code: a.code }))).execute();
          await queueInvitations(
            trx,
            regionId,
            accounts.flatMap((a) => {
              const email = emailOnFile(a.employee.attributes);
              return email ? [{ userId: a.userId, nama: a.employee.nama, nip: a.employee.nip, email, code: a.code, expiresAt }] : [];
            }),
          );
        }
        await trx
          .updateTable("account_jobs")
          .set((eb) => ({ created: eb("created", "+", accounts.length), skipped: eb("skipped", "+", employees.length - accounts.length) }))
          .where("region_id", "=", regionId)
          .where("job_id", "=", job.id)
          .execute();
        await audit(trx, {
          regionId,
          actor,
          action: "account.bulkCreate",
          entity: "job",
          entityId: job.id,
          after: { batch, created: accounts.map((a) => a.employee.nip), skipped: employees.filter((e) => takenNips.has(e.nip)).map((e) => e.nip) },
        });
      });
      await jobs.afterBatch?.(batch);
    }
    await db.transaction().execute(async (trx) => {
      await holdLease(trx, job, lease);
      const at = now();
      await trx.updateTable("jobs").set({ status: "succeeded", finished_at: at, updated_at: at, total: done }).where("region_id", "=", regionId).where("id", "=", job.id).execute();
      await trx.updateTable("account_jobs").set({ handout_until: handoutDeadline(now()) }).where("region_id", "=", regionId).where("job_id", "=", job.id).execute();
      const counts = await trx.selectFrom("account_jobs").select(["created", "skipped"]).where("region_id", "=", regionId).where("job_id", "=", job.id).executeTakeFirstOrThrow();
      await audit(trx, { regionId, actor, action: "account.bulkFinish", entity: "job", entityId: job.id, after: { created: counts.created, skipped: counts.skipped } });
    });
  } catch (error) {
    // A job taken over is another server's to account for: it already marked it failed.
    if (!(error instanceof JobTakenOver)) {
      await finishFailed(db, job, `Gagal: ${error instanceof Error ? error.message : String(error)}. Akun dari kelompok yang sudah selesai tetap ada; mulai lagi untuk membuat sisanya.`, { owner: lease.owner });
    }
    throw error;
  } finally {
    stopRenewing();
  }
}

function handoutDeadline(at: string): string {
  return new Date(Date.parse(at) + HANDOUT_WINDOW_MS).toISOString();
}

/** Marks the job failed if it is still live and `as` may: its owner, or anyone once its lease ran out. The batches written stay. */
async function finishFailed(db: Kysely<Database>, job: Pick<JobRow, "region_id" | "id">, message: string, as: { owner: string } | { expiredBefore: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await failLiveJob(trx, job, message, as))) return;
    await trx.updateTable("account_jobs").set({ handout_until: handoutDeadline(now()) }).where("region_id", "=", job.region_id).where("job_id", "=", job.id).execute();
  });
}

/**
 * Forgets the codes in clear whose window is over: the hand-outs of jobs that ended more than
 * HANDOUT_WINDOW_MS ago (also those another server's recovery marked failed). Every server runs it when
 * bulk accounts are started, read or downloaded, and on its recovery timer.
 */
export async function dropExpiredHandouts(db: Kysely<Database>): Promise<number> {
  const at = now();
  const cutoff = new Date(Date.parse(at) - HANDOUT_WINDOW_MS).toISOString();
  const expired = await db
    .selectFrom("account_jobs as a")
    .innerJoin("jobs", (join) => join.onRef("jobs.region_id", "=", "a.region_id").onRef("jobs.id", "=", "a.job_id"))
    .select(["a.region_id", "a.job_id"])
    .where("a.handout_cleared_at", "is", null)
    .where((eb) => eb.or([eb("a.handout_until", "<", at), eb.and([eb("a.handout_until", "is", null), eb("jobs.finished_at", "<", cutoff)])]))
    .execute();
  for (const job of expired) await clearHandouts(db, job.region_id, job.job_id, at);
  return expired.length;
}

async function clearHandouts(db: Kysely<Database>, regionId: string, jobId: string, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("activation_handouts").where("region_id", "=", regionId).where("job_id", "=", jobId).execute();
    await trx.updateTable("account_jobs").set({ handout_cleared_at: at }).where("region_id", "=", regionId).where("job_id", "=", jobId).execute();
  });
}

/** The admin has the letters: the codes in clear are forgotten now (the accounts and their codes stay valid). */
export async function discardHandouts(scope: Scope, input: { jobId: string }): Promise<BulkAccountsStatus> {
  requireAdmin(scope, "menghapus kode aktivasi dari server");
  const status = await bulkAccountsStatus(scope, input);
  if (!status) throw new DomainError({ code: "NOT_FOUND", message: `Job pembuatan akun ${input.jobId} tidak ditemukan` });
  if (status.status === "queued" || status.status === "running") {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: "Pembuatan akun masih berjalan; kode dapat dihapus setelah selesai" });
  }
  const at = now();
  await clearHandouts(scope.db, scope.regionId, input.jobId, at);
  await audit(scope.db, { regionId: scope.regionId, actor: scope.actor, action: "account.discardHandouts", entity: "job", entityId: input.jobId, after: { clearedAt: at } });
  return (await bulkAccountsStatus(scope, input)) as BulkAccountsStatus;
}
