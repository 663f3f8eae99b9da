// Sending a finalised cycle's results to SIASN: a connector run (a job of kind `connector.siasn-kinerja` with
// its `connector_runs` row, one at a time per region) that posts each employee's body (payloads.ts) with the
// SIASN employee master's client, base URL and secrets, a few at a time (the mapping's `concurrency`), and
// appends one `siasn_submissions` row per attempt in its own transaction as each answer comes: what was sent,
// the HTTP status, the answer (trimmed), accepted or refused with SIASN's message. A re-send posts only the
// employees whose latest attempt was not accepted (or, asked for, everyone again); earlier attempts stay.
// Credentials SIASN refuses, or a 429 it will not wait out, stop the run: what was not posted is not recorded.
import { newId, now, parseJson, toJson, type Database, type JobRow, type SiasnSubmissionRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../../access/index.js";
import { failLiveJob, failStaleJobs, holdLease, JobTakenOver, keepLeaseAlive, leaseFields, regionJobRunning, type JobRunner } from "../../cycles/index.js";
import { audit, DomainError, type Actor } from "../../lib/index.js";
import type { RowProblem } from "../connector.js";
import { connectorRemote, connectorSetup } from "../config.js";
import { connectorRuns, type ConnectorRunStatus } from "../runs.js";
import { connectorNamed } from "../registry.js";
import { checkBaseUrl, excerpt, SiasnClient } from "../siasn/client.js";
import type { KinerjaMapping } from "./mapping.js";
import { buildPayloads, finalisedCycle, type KinerjaPayload } from "./payloads.js";

const NAME = "siasn-kinerja";
const SOURCE = "siasn";
const ANSWER_LIMIT = 2000;

export type ResendChoice = "unaccepted" | "all";
export type SubmissionStatus = SiasnSubmissionRow["status"];

/** The value at a dotted path of a JSON answer, or undefined. */
function at(json: unknown, path: string | null): unknown {
  if (!path) return undefined;
  let value: unknown = json;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The latest attempt of each employee for the cycle. */
async function latestAttempts(db: Kysely<Database>, regionId: string, cycleId: string): Promise<Map<string, SiasnSubmissionRow>> {
  const rows = await db.selectFrom("siasn_submissions").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", cycleId).orderBy("sent_at").orderBy("id").execute();
  return new Map(rows.map((r) => [r.employee_id, r]));
}

/**
 * Starts sending the cycle's final results to SIASN and answers at once with the run; follow it with
 * connector.runs. `resend: "unaccepted"` (the default) leaves out employees SIASN already accepted.
 */
export async function startKinerjaSend(scope: Scope, jobs: JobRunner, input: { cycleId: string; resend?: ResendChoice }): Promise<ConnectorRunStatus> {
  requireAdmin(scope, "mengirim hasil ke SIASN");
  const { db, regionId, actor } = scope;
  const connector = connectorNamed(NAME);
  await finalisedCycle(db, regionId, input.cycleId);
  const setup = await connectorSetup(db, regionId, connector);
  if (!setup.enabled) throw new DomainError({ code: "PRECONDITION_FAILED", message: `Konektor ${connector.label.id} belum diaktifkan di wilayah ini; aktifkan dulu di halaman Integrasi` });
  const remote = await connectorRemote(db, regionId, connectorNamed(SOURCE));
  const baseUrl = typeof remote.settings.baseUrl === "string" ? remote.settings.baseUrl : "";
  if (!baseUrl) throw new DomainError({ code: "PRECONDITION_FAILED", message: "Alamat layanan SIASN belum diisi; isi di kartu Data induk pegawai SIASN di halaman Integrasi" });
  const mapping = setup.mapping as KinerjaMapping;
  const built = await buildPayloads(db, regionId, input.cycleId, mapping);
  const resend = input.resend ?? "unaccepted";
  const latest = await latestAttempts(db, regionId, input.cycleId);
  const chosen = resend === "all" ? built.payloads : built.payloads.filter((p) => latest.get(p.employeeId)?.status !== "accepted");
  if (chosen.length === 0) throw new DomainError({ code: "CONFLICT", message: "Semua pegawai siklus ini sudah diterima SIASN; tidak ada yang perlu dikirim lagi (pilih kirim ulang semua bila perlu)" });
  const kind = `connector.${NAME}`;
  await failStaleJobs(db, regionId, kind, jobs, "Terhenti: server berhenti sebelum selesai; yang sudah terkirim tercatat, kirim lagi untuk sisanya");
  const job = await db.transaction().execute(async (trx) => {
    if (await regionJobRunning(trx, regionId, kind)) throw new DomainError({ code: "CONFLICT", message: "Pengiriman ke SIASN sedang berjalan di wilayah ini; tunggu sampai selesai" });
    const time = now();
    const id = newId();
    await trx
      .insertInto("jobs")
      .values({ region_id: regionId, id, kind, cycle_id: input.cycleId, run_id: built.runId, total: chosen.length, error: null, created_by: actor.id, created_at: time, started_at: null, finished_at: null, updated_at: time, ...leaseFields(jobs.lease) })
      .execute();
    await trx
      .insertInto("connector_runs")
      .values({ region_id: regionId, job_id: id, connector: NAME, period: built.cycle.period_label, format: "siasn", bytes: 0, rows: chosen.length, summary: toJson({ cycleId: input.cycleId, resend, path: mapping.path }) })
      .execute();
    return trx.selectFrom("jobs").selectAll().where("region_id", "=", regionId).where("id", "=", id).executeTakeFirstOrThrow();
  });
  const secrets = remote.secrets;
  const client = new SiasnClient({ baseUrl: checkBaseUrl(baseUrl), apimToken: secrets.apim_token ?? null, ssoToken: secrets.sso_token ?? null, timeoutSeconds: mapping.timeoutSeconds, retries: mapping.retries, pageSize: 1 });
  jobs.start(job.id, () => send(db, jobs, actor, job, { cycleId: input.cycleId, runId: built.runId, period: built.cycle.period_label, resend, mapping, client, payloads: chosen }));
  return (await connectorRuns(scope, { name: NAME, jobId: job.id }))[0]!;
}

interface SendPlan {
  cycleId: string;
  runId: string;
  period: string;
  resend: ResendChoice;
  mapping: KinerjaMapping;
  client: SiasnClient;
  payloads: KinerjaPayload[];
}

interface Attempt {
  status: SubmissionStatus;
  httpStatus: number | null;
  answer: string | null;
  remoteId: string | null;
  message: string | null;
}

/** Posts one body and judges SIASN's answer; throws only what stops the whole run (credentials, a long 429). */
async function attempt(plan: SendPlan, payload: KinerjaPayload): Promise<Attempt> {
  if (payload.problem) return { status: "invalid", httpStatus: null, answer: null, remoteId: null, message: payload.problem };
  const { answer } = plan.mapping;
  let reply;
  try {
    reply = await plan.client.post(plan.mapping.path, payload.body, `NIP ${payload.nip}`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "SERVICE_UNAVAILABLE") return { status: "failed", httpStatus: null, answer: null, remoteId: null, message: error.message };
    throw error;
  }
  const trimmed = reply.text.length > ANSWER_LIMIT ? `${reply.text.slice(0, ANSWER_LIMIT)}…` : reply.text;
  const said = at(reply.json, answer.message);
  const message = typeof said === "string" && said.trim() ? said.trim() : null;
  if (reply.status >= 500) return { status: "failed", httpStatus: reply.status, answer: trimmed, remoteId: null, message: `SIASN gagal: HTTP ${reply.status} ${message ?? excerpt(reply.text)}, ${reply.tries} kali dicoba` };
  if (reply.status < 200 || reply.status >= 300) return { status: "refused", httpStatus: reply.status, answer: trimmed, remoteId: null, message: message ?? `HTTP ${reply.status} ${excerpt(reply.text)}` };
  const ok = answer.ok ? at(reply.json, answer.ok) : true;
  if (ok !== true && ok !== 1 && ok !== "1" && ok !== "true") return { status: "refused", httpStatus: reply.status, answer: trimmed, remoteId: null, message: message ?? `SIASN tidak menyatakan berhasil (${answer.ok}: ${JSON.stringify(ok ?? null)})` };
  const id = at(reply.json, answer.id);
  return { status: "accepted", httpStatus: reply.status, answer: trimmed, remoteId: id === undefined || id === null ? null : String(id), message };
}

/** The row of one attempt, as it is appended. */
function submission(job: JobRow, plan: SendPlan, payload: KinerjaPayload, result: Attempt) {
  return {
    region_id: job.region_id,
    id: newId(),
    job_id: job.id,
    cycle_id: plan.cycleId,
    run_id: plan.runId,
    employee_id: payload.employeeId,
    nip: payload.nip,
    period: plan.period,
    path: plan.mapping.path,
    payload: toJson(payload.body),
    status: result.status,
    http_status: result.httpStatus,
    answer: result.answer,
    remote_id: result.remoteId,
    message: result.message,
    sent_at: now(),
  };
}

async function send(db: Kysely<Database>, jobs: JobRunner, actor: Actor, job: JobRow, plan: SendPlan): Promise<void> {
  const regionId = job.region_id;
  const { lease } = jobs;
  const stopRenewing = keepLeaseAlive(db, job, lease);
  const counts: Record<SubmissionStatus, number> = { accepted: 0, refused: 0, failed: 0, invalid: 0 };
  const report: RowProblem[] = [];
  let done = 0;
  let stopped: Error | null = null;
  try {
    await db.transaction().execute((trx) => holdLease(trx, job, lease, { status: "running", started_at: now() }));
    let next = 0;
    const worker = async () => {
      while (stopped === null && next < plan.payloads.length) {
        const index = next++;
        const payload = plan.payloads[index]!;
        let result: Attempt;
        try {
          result = await attempt(plan, payload);
        } catch (error) {
          stopped ??= error instanceof Error ? error : new Error(String(error));
          return;
        }
        counts[result.status]++;
        if (result.status !== "accepted") report.push({ line: index + 1, field: payload.nama, value: payload.nip, message: result.message ?? result.status, expected: "diterima SIASN" });
        done++;
        // A write that fails (the lease taken over, the database gone) stops the other senders too.
        try {
          await db.transaction().execute(async (trx) => {
            await trx.insertInto("siasn_submissions").values(submission(job, plan, payload, result)).execute();
            await holdLease(trx, job, lease, { done, total: plan.payloads.length });
          });
        } catch (error) {
          stopped ??= error instanceof Error ? error : new Error(String(error));
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(plan.mapping.concurrency, plan.payloads.length) }, worker));
    report.sort((a, b) => a.line - b.line);
    const summary = { cycleId: plan.cycleId, resend: plan.resend, path: plan.mapping.path, ...counts, unsent: plan.payloads.length - done };
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("connector_runs").where("region_id", "=", regionId).where("job_id", "=", job.id).set({ rows: plan.payloads.length, written: counts.accepted, summary: toJson(summary), report: toJson(report) }).execute();
      await audit(trx, { regionId, actor, action: "connector.run", entity: "connector", entityId: NAME, after: { jobId: job.id, ...summary } });
      const error = stopped ? `Pengiriman dihentikan: ${(stopped as Error).message}; ${done} dari ${plan.payloads.length} pegawai sudah dicoba dan tercatat` : null;
      await holdLease(trx, job, lease, { status: stopped ? "failed" : "succeeded", error, done, total: plan.payloads.length, finished_at: now() });
    });
  } catch (error) {
    if (!(error instanceof JobTakenOver)) {
      const reason = error instanceof Error ? error.message : String(error);
      await failLiveJob(db, job, `Gagal: ${reason}; yang sudah terkirim tercatat per pegawai`, { owner: lease.owner });
    }
    if (!(error instanceof DomainError)) throw error;
  } finally {
    stopRenewing();
  }
}

export interface SubmissionAttempt {
  jobId: string;
  status: SubmissionStatus;
  httpStatus: number | null;
  message: string | null;
  remoteId: string | null;
  sentAt: string;
}

export interface EmployeeSubmission extends SubmissionAttempt {
  employeeId: string;
  nip: string;
  nama: string;
  path: string;
  /** The body of the latest attempt, as sent. */
  payload: Record<string, unknown>;
  /** SIASN's answer to the latest attempt, trimmed. */
  answer: string | null;
  /** Every attempt, oldest first. */
  attempts: SubmissionAttempt[];
}

/** What the cycle's bodies would be now: how many, how many can be sent, and why the others cannot (grouped by reason). */
export interface KinerjaReadiness {
  total: number;
  sendable: number;
  problems: Array<{ reason: string; count: number; nips: string[] }>;
}

/**
 * Per employee, what was sent to SIASN for the cycle and how SIASN answered: the latest attempt and every one
 * before it; and, for a finalised cycle, what its bodies would be now (`ready`), so a region whose rules give no
 * rating sees why before sending.
 */
export async function kinerjaSubmissions(scope: Scope, input: { cycleId: string }): Promise<{ counts: Record<SubmissionStatus, number>; employees: EmployeeSubmission[]; ready: KinerjaReadiness | null }> {
  requireAdmin(scope, "melihat pengiriman hasil ke SIASN");
  const { db, regionId } = scope;
  const cycle = await finalisedCycle(db, regionId, input.cycleId).catch((error: unknown) => {
    // A cycle not (yet) finalised has sent nothing; only a missing one is an error here.
    if (error instanceof DomainError && error.code === "PRECONDITION_FAILED") return null;
    throw error;
  });
  let ready: KinerjaReadiness | null = null;
  if (cycle) {
    const { mapping } = await connectorSetup(db, regionId, connectorNamed(NAME));
    const { payloads } = await buildPayloads(db, regionId, input.cycleId, mapping as KinerjaMapping);
    const reasons = new Map<string, string[]>();
    for (const p of payloads) {
      if (!p.problem) continue;
      // One line per reason, whoever it concerns (the NIPs are listed with it).
      const reason = p.problem.replace(/^Tidak dapat dikirim: /, "");
      reasons.set(reason, [...(reasons.get(reason) ?? []), p.nip]);
    }
    ready = {
      total: payloads.length,
      sendable: payloads.filter((p) => !p.problem).length,
      problems: [...reasons].map(([reason, nips]) => ({ reason, count: nips.length, nips: nips.slice(0, 20) })).sort((a, b) => b.count - a.count).slice(0, 20),
    };
  }
  const rows = await db
    .selectFrom("siasn_submissions as s")
    .leftJoin("employees as e", (j) => j.onRef("e.region_id", "=", "s.region_id").onRef("e.id", "=", "s.employee_id"))
    .selectAll("s")
    .select("e.nama")
    .where("s.region_id", "=", regionId)
    .where("s.cycle_id", "=", input.cycleId)
    .orderBy("s.sent_at")
    .orderBy("s.id")
    .execute();
  const byEmployee = new Map<string, EmployeeSubmission>();
  for (const r of rows) {
    const one: SubmissionAttempt = { jobId: r.job_id, status: r.status, httpStatus: r.http_status, message: r.message, remoteId: r.remote_id, sentAt: r.sent_at };
    const before = byEmployee.get(r.employee_id);
    byEmployee.set(r.employee_id, { ...one, employeeId: r.employee_id, nip: r.nip, nama: r.nama ?? r.nip, path: r.path, payload: parseJson<Record<string, unknown>>(r.payload), answer: r.answer, attempts: [...(before?.attempts ?? []), one] });
  }
  const employees = [...byEmployee.values()].sort((a, b) => a.nama.localeCompare(b.nama) || a.nip.localeCompare(b.nip));
  const counts: Record<SubmissionStatus, number> = { accepted: 0, refused: 0, failed: 0, invalid: 0 };
  for (const e of employees) counts[e.status]++;
  return { counts, employees, ready };
}
