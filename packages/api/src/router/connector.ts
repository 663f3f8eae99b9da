import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  addLeave,
  attendanceDetail,
  configureConnector,
  connectorRuns,
  connectorSchedules,
  decideSourceRun,
  listConnectors,
  listHolidays,
  listLeave,
  setConnectorSchedule,
  setHolidays,
  SCHEDULE_LIMITS,
  startFetchRun,
  kinerjaSubmissions,
  startKinerjaSend,
} from "../services/connectors/index.js";
import { regionProcedure } from "../trpc.js";
import { bounded, day, filled, id, list, nip } from "./inputs.js";

const connectorName = z.string().regex(/^[a-z0-9_-]{1,40}$/, "nama konektor: huruf kecil, angka, - dan _");
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?$/, "periode: 2025-01, 2025-Q1, 2025-S1 atau 2025");
const year = z.number().int().min(2000).max(2100);
/** A mapping file is JSON; its shape is the connector's to check. */
const mappingFile = z.unknown().refine((v) => JSON.stringify(v ?? null).length <= 100_000, { error: "berkas pemetaan paling besar 100 KB" });

export const connectorRouter = {
  /** Every connector with the region's configuration; secrets only as set or not. */
  list: regionProcedure("operator", "admin").query(({ ctx }) => listConnectors(ctx.scope)),

  configure: regionProcedure("operator", "admin")
    .input(
      z.object({
        name: connectorName,
        enabled: z.boolean().optional(),
        secrets: z.record(z.string().max(60), bounded(4000).nullable()).optional(),
        mapping: mappingFile.optional(),
        settings: z.record(z.string().max(60), z.unknown()).optional(),
      }),
    )
    .mutation(({ ctx, input }) => configureConnector(ctx.scope, input)),

  /** Starts a source's fetch from its service (the SIASN web service) as a job; follow it with runs. */
  fetch: regionProcedure("operator", "admin")
    .input(z.object({ name: connectorName, period: z.string().regex(/^[0-9A-Za-z-]{0,20}$/).default("") }))
    .mutation(({ ctx, input }) => startFetchRun(ctx.scope, ctx.jobs, input)),

  /** Applies or discards a reviewed run (the SIASN diff). */
  decide: regionProcedure("operator", "admin")
    .input(z.object({ name: connectorName, jobId: id, decision: z.enum(["applied", "discarded"]) }))
    .mutation(({ ctx, input }) => decideSourceRun(ctx.scope, input)),

  /** The connector's latest runs, or one run, with the per-row report. */
  runs: regionProcedure("operator", "admin")
    .input(z.object({ name: connectorName, jobId: id.optional(), limit: z.number().int().min(1).max(50).default(10) }))
    .query(({ ctx, input }) => connectorRuns(ctx.scope, input)),

  /** The region's schedules of unattended sources. */
  schedules: regionProcedure("operator", "admin").query(({ ctx }) => connectorSchedules(ctx.scope)),

  /** Schedules a source that fetches its own input (a file source cannot be scheduled); `anchor` is HH:MM WIB. */
  setSchedule: regionProcedure("operator", "admin")
    .input(
      z.object({
        name: connectorName,
        on: z.boolean(),
        everyMinutes: z.number().int().min(SCHEDULE_LIMITS.minMinutes).max(SCHEDULE_LIMITS.maxMinutes),
        anchor: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "jam mulai: HH:MM (WIB)"),
      }),
    )
    .mutation(({ ctx, input }) => setConnectorSchedule(ctx.scope, input)),

  /** Sends a finalised cycle's results to SIASN as a job (only those not yet accepted, or all); follow it with runs. */
  siasnSend: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, resend: z.enum(["unaccepted", "all"]).default("unaccepted") }))
    .mutation(({ ctx, input }) => startKinerjaSend(ctx.scope, ctx.jobs, input)),

  /** Per employee, what was sent to SIASN for the cycle and SIASN's answer, every attempt kept. */
  siasnSubmissions: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id }))
    .query(({ ctx, input }) => kinerjaSubmissions(ctx.scope, input)),

  holidays: regionProcedure("operator", "admin")
    .input(z.object({ year }))
    .query(({ ctx, input }) => listHolidays(ctx.scope, input)),

  setHolidays: regionProcedure("operator", "admin")
    .input(z.object({ year, days: list(z.object({ day, name: filled(200, "nama hari libur") }), 120) }))
    .mutation(({ ctx, input }) => setHolidays(ctx.scope, input)),

  leave: regionProcedure("operator", "admin")
    .input(z.object({ period }))
    .query(({ ctx, input }) => listLeave(ctx.scope, input)),

  addLeave: regionProcedure("operator", "admin")
    .input(z.object({ nip, from: day, to: day, kind: z.string().regex(/^[a-z0-9_]{1,40}$/, "jenis cuti: huruf kecil, angka dan _"), note: bounded(500).nullable().default(null) }))
    .mutation(({ ctx, input }) => addLeave(ctx.scope, input)),

  /** An employee's attendance days of a period: one's own without an id; an assessor's reports; anyone for the admin. */
  attendance: regionProcedure(...ROLES)
    .input(z.object({ employeeId: id.optional(), period }))
    .query(({ ctx, input }) => attendanceDetail(ctx.scope, input)),
} satisfies TRPCRouterRecord;
