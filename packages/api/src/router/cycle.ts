import { setTimeout as sleep } from "node:timers/promises";
import type { TRPCRouterRecord } from "@trpc/server";
import { ORGANISATION_PREDIKAT, PERIOD_KINDS } from "@kinerja/core";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { cycleProgress } from "../services/cycles/index.js";
import { listRuns, runStatus, startCycleRun, type RunStatus } from "../services/cycles/index.js";
import { createCycle, cycleView, findCycle, listCycles, openCycle, setUnitPredikat } from "../services/cycles/index.js";
import {  } from "../services/organisation/index.js";
import { finaliseCycle } from "../services/cycles/index.js";
import { cycleScope, setCycleUnits } from "../services/cycles/index.js";
import type { Scope } from "../services/access/index.js";
import { regionProcedure } from "../trpc.js";
import { publicEndpoint, cyclesOutput } from "./public-api.js";
import { freeText, id, ids, name, reference } from "./inputs.js";

const POLL_MS = 250;

/** The job's status each time it changes, from the one already read, until it succeeds or fails. */
async function* progressOf(scope: Scope, jobId: string, first: RunStatus | null, signal: AbortSignal | undefined) {
  let status = first;
  let last = "";
  while (status && !signal?.aborted) {
    const key = `${status.status}:${status.done}`;
    if (key !== last) {
      last = key;
      yield status;
    }
    if (status.status === "succeeded" || status.status === "failed") return;
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    status = await runStatus(scope, { jobId });
  }
}

export const cycleRouter = {
  list: regionProcedure(...ROLES)
    .meta(publicEndpoint("cycles:read", { method: "GET", path: "/cycles", summary: "Siklus penilaian wilayah", output: cyclesOutput }))
    .query(({ ctx }) => listCycles(ctx.scope)),

  get: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => cycleView(await findCycle(ctx.db, ctx.regionId, input.id))),

  create: regionProcedure("operator", "admin")
    .input(
      z.object({
        name,
        periodKind: z.enum(PERIOD_KINDS),
        periodLabel: z.string().max(7).regex(/^\d{4}(-(S[12]|Q[1-4]|\d{2}))?$/, "2025, 2025-S1, 2025-Q3 atau 2025-07"),
        /** The unit it is for, or null (or absent) for the whole region. */
        unitId: reference.nullable().optional(),
        /** The units it covers (with the units below them), for a phased roll-out. */
        unitIds: ids.optional(),
        ruleSetVersionId: id.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createCycle(ctx.scope, input)),

  open: regionProcedure("operator", "admin")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => openCycle(ctx.scope, input.id)),

  /** Finalises an evaluated cycle (refused while a blocking curve bound is broken). */
  close: regionProcedure("operator", "admin")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => finaliseCycle(ctx.scope, input.id)),

  /** Which units (and employees) a cycle covers. */
  /** The dashboard's counts in one call, scoped to what the viewer may see. */
  progress: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id }))
    .query(({ ctx, input }) => cycleProgress(ctx.scope, input.cycleId)),

  scope: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(({ ctx, input }) => cycleScope(ctx.scope, input.id)),

  /** Chooses the units of a draft cycle (pilot units first); an empty list covers the whole region. */
  setUnits: regionProcedure("operator", "admin")
    .input(z.object({ id, unitIds: ids }))
    .mutation(({ ctx, input }) => setCycleUnits(ctx.scope, { cycleId: input.id, unitIds: input.unitIds })),

  setUnitPredikat: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, unitId: id, predikat: z.enum(ORGANISATION_PREDIKAT) }))
    .mutation(({ ctx, input }) => setUnitPredikat(ctx.scope, input)),

  /** Starts the evaluation as a background job; follow it with runStatus or onRunProgress. */
  run: regionProcedure("operator", "admin")
    .input(z.object({ id, reason: freeText(500).optional() }))
    .mutation(({ ctx, input }) =>
      startCycleRun(ctx.scope, ctx.jobs, { cycleId: input.id, ...(input.reason ? { reason: input.reason } : {}) }),
    ),

  runStatus: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id.optional(), cycleId: id.optional() }))
    .query(({ ctx, input }) => runStatus(ctx.scope, input)),

  /** The job's progress as it changes, ending when it succeeds or fails. */
  onRunProgress: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id }))
    .subscription(async ({ ctx, input, signal }) => {
      // Read before the stream opens, so another region's job is refused as the call's own error (NOT_FOUND),
      // not thrown midway through the stream, where it would reach the client as a server fault.
      const first = await runStatus(ctx.scope, { jobId: input.jobId });
      return progressOf(ctx.scope, input.jobId, first, signal);
    }),

  runs: regionProcedure("operator", "admin")
    .input(z.object({ id }))
    .query(({ ctx, input }) => listRuns(ctx.scope, input.id)),
} satisfies TRPCRouterRecord;
