import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  adjustPredikat,
  applyCalibration,
  calibrationProposals,
  calibrationSessions,
  cycleAdjustments,
  forumSession,
  forumView,
  memberForumSessions,
  recordForumSession,
  recordForumView,
} from "../services/results/index.js";
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

  /** One session's record with the members' views, for the admin and the session's members. */
  session: regionProcedure(...ROLES)
    .input(z.object({ sessionId: id }))
    .query(({ ctx, input }) => forumSession(ctx.scope, input)),

  /** The forum sessions the signed-in person sits in, with the cases they may give a view on and their own views so far. */
  memberSessions: regionProcedure(...ROLES).query(({ ctx }) => memberForumSessions(ctx.scope)),

  /** A member of a session (not the case's superior, who decides) records their view on one case, optionally with a suggested predikat; an admin enters one in a member's name. */
  recordView: regionProcedure(...ROLES)
    .input(z.object({ sessionId: id, employeeId: id, view: freeText(2000), suggestedPredikat: label.nullable().optional(), memberNip: nip.optional() }))
    .mutation(({ ctx, input }) => recordForumView(ctx.scope, input)),

  /** The adjustments of a cycle (one employee's, or those the caller may see). */
  adjustments: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id.optional() }))
    .query(({ ctx, input }) => cycleAdjustments(ctx.scope, input)),

  /** The moves that bring each unit outside the curve (or the named units) within it, for the forum to decide. */
  proposals: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, unitIds: list(id, 500).optional() }))
    .query(({ ctx, input }) => calibrationProposals(ctx.scope, input)),

  /** One session's decisions on the proposals (accept, change, reject), one reason: one new result version. */
  calibrate: regionProcedure("operator", "admin")
    .input(
      z.object({
        cycleId: id,
        runId: id,
        unitIds: list(id, 500).min(1),
        reason: freeText(2000),
        decisions: list(z.object({ employeeId: id, decision: z.enum(["accept", "change", "reject"]), predikat: label.optional() }), 5000),
      }),
    )
    .mutation(({ ctx, input }) => applyCalibration(ctx.scope, input)),

  /** The cycle's calibration sessions, newest first. */
  calibrations: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id }))
    .query(({ ctx, input }) => calibrationSessions(ctx.scope, input)),
} satisfies TRPCRouterRecord;
