// Schedules: a region's admin has a source that fetches its own input (a URL, with its secrets) run unattended
// every so often, counted from a time of day in Western Indonesian Time. Each server's background loop
// (ConnectorScheduler) takes the schedules that are due under a lease, by one conditional update
// (lib/leased-queue.ts, as the mail outbox is taken), moves each one on to its next time while it still holds
// the lease, and only then starts the run, so two servers sharing the database never start one twice: a run
// is at most once per due time. The run is a connector run like a manual one (runs.ts): a job, its report,
// its audit entry, with the schedule as the actor. A file source has nothing to fetch and is not scheduled;
// a schedule does not run while its connector is disabled in the region.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { newId, now, type ConnectorScheduleRow, type Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { requireAdmin, type Scope } from "../access/index.js";
import type { JobRunner } from "../cycles/index.js";
import { audit, DomainError, type Actor } from "../lib/index.js";
import { takeDueRows } from "../lib/leased-queue.js";
import { Rounds } from "../lib/rounds.js";
import { runsUnattended, type SourceConnector } from "./connector.js";
import { connectorSetup } from "./config.js";
import { connectorNamed, connectors } from "./registry.js";
import { beginSourceRun } from "./runs.js";

/** Who a scheduled run is recorded as, in its job and the audit log. */
export const SCHEDULE_ACTOR: Actor = { id: null, name: "Jadwal konektor", role: "system" };

/** The shortest and longest wait between runs: a quarter of an hour, a month. */
export const SCHEDULE_LIMITS = { minMinutes: 15, maxMinutes: 30 * 24 * 60 } as const;

/** Western Indonesian Time, which the anchor is read in, is UTC+7 all year. */
const WIB_MS = 7 * 60 * 60_000;

/** The first time after `at` that is `anchor` (HH:MM WIB) plus a whole number of `everyMinutes`. */
export function nextRunAfter(anchor: string, everyMinutes: number, at: Date): Date {
  const [h, m] = anchor.split(":").map(Number) as [number, number];
  const local = new Date(at.getTime() + WIB_MS);
  const start = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), h, m) - WIB_MS;
  const step = everyMinutes * 60_000;
  const k = Math.floor((at.getTime() - start) / step) + 1;
  return new Date(start + k * step);
}

export interface ScheduleView {
  name: string;
  on: boolean;
  everyMinutes: number;
  anchor: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastJobId: string | null;
}

function scheduleView(row: ConnectorScheduleRow): ScheduleView {
  return {
    name: row.name,
    on: row.status === "queued",
    everyMinutes: row.every_minutes,
    anchor: row.anchor,
    nextRunAt: row.status === "queued" ? row.next_attempt_at : null,
    lastRunAt: row.last_run_at,
    lastJobId: row.last_job_id,
  };
}

/** The region's schedules, one per scheduled connector. */
export async function connectorSchedules(scope: Scope): Promise<ScheduleView[]> {
  requireAdmin(scope, "melihat jadwal konektor");
  const rows = await scope.db.selectFrom("connector_schedules").selectAll().where("region_id", "=", scope.regionId).orderBy("name").execute();
  return rows.map(scheduleView);
}

function unattendedSource(name: string): SourceConnector<unknown, unknown> {
  const connector = connectorNamed(name);
  if (!runsUnattended(connector)) {
    const why =
      connector.kind === "sink"
        ? "menghasilkan berkas yang diunduh saat diminta"
        : "membaca berkas yang diunggah admin; tidak ada yang bisa diambilnya sendiri, jadi tidak bisa dijadwalkan";
    throw new DomainError({
      code: "BAD_REQUEST",
      message: `Konektor ${connector.label.id} ${why} (a schedule runs only a source that fetches its own input from a URL). Yang bisa dijadwalkan: ${
        connectors()
          .filter(runsUnattended)
          .map((c) => c.name)
          .join(", ") || "(belum ada)"
      }`,
    });
  }
  return connector;
}

export interface ScheduleChange {
  name: string;
  on: boolean;
  everyMinutes: number;
  /** HH:MM, Western Indonesian Time. */
  anchor: string;
}

/** Saves a connector's schedule in the region; turning it on needs the connector enabled. Audited. */
export async function setConnectorSchedule(scope: Scope, change: ScheduleChange, at = new Date()): Promise<ScheduleView> {
  requireAdmin(scope, "mengatur jadwal konektor");
  const connector = unattendedSource(change.name);
  if (!Number.isInteger(change.everyMinutes) || change.everyMinutes < SCHEDULE_LIMITS.minMinutes || change.everyMinutes > SCHEDULE_LIMITS.maxMinutes) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Selang ${change.everyMinutes} menit tidak diterima; yang diharapkan: ${SCHEDULE_LIMITS.minMinutes} sampai ${SCHEDULE_LIMITS.maxMinutes} menit` });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(change.anchor)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Jam mulai "${change.anchor}" tidak terbaca; yang diharapkan: HH:MM (WIB), mis. 02:00` });
  }
  const { db, regionId, actor } = scope;
  if (change.on && !(await connectorSetup(db, regionId, connector)).enabled) {
    throw new DomainError({ code: "PRECONDITION_FAILED", message: `Konektor ${connector.label.id} belum diaktifkan di wilayah ini; aktifkan dulu, lalu nyalakan jadwalnya` });
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("connector_schedules").selectAll().where("region_id", "=", regionId).where("name", "=", connector.name).executeTakeFirst();
    const row = {
      status: change.on ? "queued" : "paused",
      every_minutes: change.everyMinutes,
      anchor: change.anchor,
      next_attempt_at: nextRunAfter(change.anchor, change.everyMinutes, at).toISOString(),
      owner: null,
      lease_expires_at: null,
      updated_by: actor.id,
      updated_at: now(),
    };
    await trx
      .insertInto("connector_schedules")
      .values({ region_id: regionId, id: newId(), name: connector.name, last_run_at: null, last_job_id: null, ...row })
      .onConflict((oc) => oc.columns(["region_id", "name"]).doUpdateSet(row))
      .execute();
    await audit(trx, {
      regionId,
      actor,
      action: "connector.schedule",
      entity: "connector",
      entityId: connector.name,
      before: before ? { on: before.status === "queued", everyMinutes: before.every_minutes, anchor: before.anchor } : null,
      after: { on: change.on, everyMinutes: change.everyMinutes, anchor: change.anchor, nextRunAt: row.next_attempt_at },
    });
    const saved = await trx.selectFrom("connector_schedules").selectAll().where("region_id", "=", regionId).where("name", "=", connector.name).executeTakeFirstOrThrow();
    return scheduleView(saved);
  });
}

export interface ConnectorSchedulerOptions {
  db: Kysely<Database>;
  /** The runs it starts are jobs of this runner, under its lease. */
  jobs: JobRunner;
  /** How long a taken schedule stays this server's while it starts the run (default 60 s). */
  leaseMs?: number;
  /** How often due schedules are looked for (default 30 s). */
  pollMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
  /** The time schedules go by; tests move it. */
  now?: () => Date;
}

/** The background loop of one server: starts the runs of the schedules that are due. */
export class ConnectorScheduler {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  private readonly options: Required<Omit<ConnectorSchedulerOptions, "onError">> & Pick<ConnectorSchedulerOptions, "onError">;
  private readonly rounds: Rounds;

  constructor(options: ConnectorSchedulerOptions) {
    this.options = { leaseMs: 60_000, pollMs: 30_000, batchSize: 20, now: () => new Date(), ...options };
    this.rounds = new Rounds(() => this.runDue(), this.options.pollMs, this.options.onError);
  }

  /** Starts the rounds; each round begins when the last has ended. */
  start(): void {
    this.rounds.start();
  }

  /** Stops after the round in flight; the runs it started go on as jobs. */
  async stop(): Promise<void> {
    await this.rounds.stop();
  }

  /** Starts the run of every schedule due now that this server could take; the job ids started. */
  async runDue(): Promise<string[]> {
    const { db, leaseMs, batchSize } = this.options;
    const at = this.options.now();
    const started: string[] = [];
    for (;;) {
      const taken = await takeDueRows(db, "connector_schedules", { owner: this.owner, leaseMs, batchSize }, at);
      if (taken.length === 0) return started;
      for (const schedule of taken) {
        // Moved on to its next time while still ours: whatever happens next, this due time is spent.
        const moved = await db
          .updateTable("connector_schedules")
          .set({ next_attempt_at: nextRunAfter(schedule.anchor, schedule.every_minutes, at).toISOString(), last_run_at: at.toISOString(), owner: null, lease_expires_at: null })
          .where("region_id", "=", schedule.region_id)
          .where("id", "=", schedule.id)
          .where("owner", "=", this.owner)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) continue;
        try {
          const jobId = await this.start1(schedule, at);
          if (!jobId) continue;
          started.push(jobId);
          await db.updateTable("connector_schedules").set({ last_job_id: jobId }).where("region_id", "=", schedule.region_id).where("id", "=", schedule.id).execute();
        } catch (error) {
          this.options.onError?.(error);
        }
      }
      if (this.rounds.stopped) return started;
    }
  }

  /** Starts one schedule's run; null when there is none to start (the connector gone, disabled, or running). */
  private async start1(schedule: ConnectorScheduleRow, at: Date): Promise<string | null> {
    const { db, jobs } = this.options;
    const connector = connectors().find((c) => c.name === schedule.name);
    if (!connector || !runsUnattended(connector)) return null;
    const setup = await connectorSetup(db, schedule.region_id, connector);
    if (!setup.enabled) return null;
    const { unattended } = connector;
    try {
      if (!unattended) {
        // A source that reads its service itself (the SIASN master): the job fetches; a diff waits for review.
        return await beginSourceRun(db, jobs, SCHEDULE_ACTOR, schedule.region_id, { name: connector.name, format: connector.fetchFormat!, period: "", bytes: new Uint8Array() });
      }
      const period = unattended.period(at);
      return await beginSourceRun(db, jobs, SCHEDULE_ACTOR, schedule.region_id, {
        name: connector.name,
        format: unattended.format,
        period,
        bytes: () => unattended.fetch({ regionId: schedule.region_id, period, mapping: setup.mapping, secrets: setup.secrets }),
      });
    } catch (error) {
      // A run started by hand is in progress: this time is skipped, the next one comes.
      if (error instanceof DomainError && error.code === "CONFLICT") return null;
      throw error;
    }
  }
}
