import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { adjustPredikat, cycleAdjustments, forumView, recordForumSession } from "../services/results/index.js";
import { regionProcedure } from "../trpc.js";
import { day, freeText, id, label, list, nip } from "./inputs.js";

export const forumRouter = {
  /** A unit's results after a run, checked against the distribution curve, with rater-quality flags. */
  view: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, unitId: id }))
    .query(({ ctx, input }) => forumView(ctx.scope, input)),

  /** Moves one employee's predikat within workflow.calibration.maxLevels, with a written reason: a new result version. */
  adjust: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, employeeId: id, predikat: label, reason: freeText(2000) }))
    .mutation(({ ctx, input }) => adjustPredikat(ctx.scope, input)),

  /** Records a meeting of the unit's forum: members (NIPs) and notes. */
  record: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, unitId: id, heldOn: day, memberNips: list(nip, 100), notes: freeText().optional() }))
    .mutation(({ ctx, input }) => recordForumSession(ctx.scope, input)),

  /** The adjustments of a cycle (one employee's, or those the caller may see). */
  adjustments: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id.optional() }))
    .query(({ ctx, input }) => cycleAdjustments(ctx.scope, input)),
} satisfies TRPCRouterRecord;
