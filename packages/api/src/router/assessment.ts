import type { TRPCRouterRecord } from "@trpc/server";
import { RATER_SOURCES } from "@kinerja/core";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  assessmentForm,
  feedbackFor,
  lackingPeers,
  listAssessments,
  listDeadlines,
  listPeerAssignments,
  listPeers,
  peerJobStatus,
  reminders,
  reopenAssessment,
  saveAssessment,
  setDeadline,
  setPeers,
  startPeerAssignment,
  swapPeers,
  tasks,
} from "../services/assessment/index.js";
import { regionProcedure } from "../trpc.js";
import { amount, day, entries, freeText, id, label, list, reference } from "./inputs.js";

/** One task of a target or achievement indicator; several tasks of one indicator are a list of them. */
const indicatorTask = z.union([
  amount,
  z.object({ target: amount, realisasi: amount }),
  z.object({ target: entries(amount), realisasi: entries(amount) }),
]);
const indicatorValue = z.union([z.boolean(), indicatorTask, list(indicatorTask)]);
const sheet = z.object({
  cycleId: id,
  employeeId: id,
  source: z.enum(RATER_SOURCES),
  /** Admins name the rater (a NIP, or a respondent id for public surveys). */
  rater: id.optional(),
  ratings: entries(amount),
  values: entries(indicatorValue).optional(),
  facts: entries(z.union([label, amount, z.boolean(), z.null()])).optional(),
  /** Written feedback; a peer's reaches the employee without the peer's name. */
  comment: freeText().optional(),
});

export const assessmentRouter = {
  list: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id }))
    .query(({ ctx, input }) => listAssessments(ctx.scope, input)),

  /** The indicators, scales and values the caller fills in when rating the employee as the source. */
  form: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id, source: z.enum(RATER_SOURCES), rater: id.optional() }))
    .query(({ ctx, input }) => assessmentForm(ctx.scope, input)),

  /** Saves a sheet as a draft: checked against the scales, not yet for completeness, still editable. */
  save: regionProcedure(...ROLES)
    .input(sheet)
    .mutation(({ ctx, input }) => saveAssessment(ctx.scope, input, false)),

  /** Submits a complete sheet; it is locked until the employee's assessor reopens it. */
  submit: regionProcedure(...ROLES)
    .input(sheet)
    .mutation(({ ctx, input }) => saveAssessment(ctx.scope, input, true)),

  /** Opens a submitted sheet again (the employee's assessor or the admin), with the reason recorded. */
  reopen: regionProcedure(...ROLES)
    .input(z.object({ assessmentId: id, reason: freeText(2000) }))
    .mutation(({ ctx, input }) => reopenAssessment(ctx.scope, input)),

  /** Written feedback on an employee; the employee reads it without peers' identities. */
  feedback: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id }))
    .query(({ ctx, input }) => feedbackFor(ctx.scope, input)),

  /** The caller's own sheets to write in the cycle, with state and deadline. */
  tasks: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, asOf: day.optional() }))
    .query(({ ctx, input }) => tasks(ctx.scope, input)),

  /** The peers chosen for an employee (admin, the employee's assessor; never the employee). */
  peers: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, employeeId: id }))
    .query(({ ctx, input }) => listPeers(ctx.scope, input)),

  /** Chooses an employee's peers (employee ids), within the rule set's workflow.peers.min/max. */
  setPeers: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, employeeId: id, peerIds: list(id, 50) }))
    .mutation(({ ctx, input }) => setPeers(ctx.scope, input)),

  /**
   * Starts choosing peers automatically for the cycle (or one unit with the units below it) by the rule
   * file's workflow.peers.assign, as a job; answers at once. The same seed on the same data gives the same pairs.
   */
  assignPeers: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, unitId: reference.optional(), seed: label.optional() }))
    .mutation(({ ctx, input }) => startPeerAssignment(ctx.scope, ctx.jobs, input)),

  /** An assignment job's progress and result (added, short); with only the cycle, its latest job (null if none). */
  peerJob: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id.min(1).optional(), cycleId: id.min(1).optional() }))
    .query(({ ctx, input }) => peerJobStatus(ctx.scope, input)),

  /** Who in the cycle (or a unit) still has fewer peers than workflow.peers.min, and why. */
  lackingPeers: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, unitId: id.min(1).optional() }))
    .query(({ ctx, input }) => lackingPeers(ctx.scope, input)),

  /** The cycle's assignments in which one colleague rates, or of a unit's employees. */
  peerAssignments: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, peerId: id.min(1).optional(), unitId: id.min(1).optional() }))
    .query(({ ctx, input }) => listPeerAssignments(ctx.scope, input)),

  /** Replaces the rater of every chosen assignment by one colleague, all or nothing, with one reason. */
  swapPeers: regionProcedure("operator", "admin")
    .input(
      z.object({
        cycleId: id,
        assignments: list(z.object({ employeeId: id, peerId: id }), 500),
        newPeerId: id,
        reason: freeText(2000),
      }),
    )
    .mutation(({ ctx, input }) => swapPeers(ctx.scope, input)),

  deadlines: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id }))
    .query(({ ctx, input }) => listDeadlines(ctx.scope, input)),

  setDeadline: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, source: z.enum(RATER_SOURCES), dueDate: day }))
    .mutation(({ ctx, input }) => setDeadline(ctx.scope, input)),

  /** Who is late (rater, ratee, source, days late) as of a day (today in WIB by default). */
  reminders: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, asOf: day.optional(), unitId: id.optional() }))
    .query(({ ctx, input }) => reminders(ctx.scope, input)),
} satisfies TRPCRouterRecord;
