import type { TRPCRouterRecord } from "@trpc/server";
import { RATER_SOURCES } from "@kinerja/core";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  assessmentForm,
  feedbackFor,
  listAssessments,
  listDeadlines,
  listPeers,
  reminders,
  reopenAssessment,
  saveAssessment,
  setDeadline,
  setPeers,
  tasks,
} from "../services/assessment/index.js";
import { regionProcedure } from "../trpc.js";

const indicatorValue = z.union([
  z.number(),
  z.boolean(),
  z.object({ target: z.number(), realisasi: z.number() }),
  z.object({ target: z.record(z.string(), z.number()), realisasi: z.record(z.string(), z.number()) }),
]);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal YYYY-MM-DD");
const sheet = z.object({
  cycleId: z.string(),
  employeeId: z.string(),
  source: z.enum(RATER_SOURCES),
  /** Admins name the rater (a NIP, or a respondent id for public surveys). */
  rater: z.string().optional(),
  ratings: z.record(z.string(), z.number()),
  values: z.record(z.string(), indicatorValue).optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** Written feedback; a peer's reaches the employee without the peer's name. */
  comment: z.string().max(4000).optional(),
});

export const assessmentRouter = {
  list: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string() }))
    .query(({ ctx, input }) => listAssessments(ctx.scope, input)),

  /** The indicators, scales and values the caller fills in when rating the employee as the source. */
  form: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string(), source: z.enum(RATER_SOURCES), rater: z.string().optional() }))
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
    .input(z.object({ assessmentId: z.string(), reason: z.string().max(2000) }))
    .mutation(({ ctx, input }) => reopenAssessment(ctx.scope, input)),

  /** Written feedback on an employee; the employee reads it without peers' identities. */
  feedback: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string() }))
    .query(({ ctx, input }) => feedbackFor(ctx.scope, input)),

  /** The caller's own sheets to write in the cycle, with state and deadline. */
  tasks: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), asOf: date.optional() }))
    .query(({ ctx, input }) => tasks(ctx.scope, input)),

  /** The peers chosen for an employee (admin, the employee's assessor; never the employee). */
  peers: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: z.string(), employeeId: z.string() }))
    .query(({ ctx, input }) => listPeers(ctx.scope, input)),

  /** Chooses an employee's peers (employee ids), within the rule set's workflow.peers.min/max. */
  setPeers: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: z.string(), employeeId: z.string(), peerIds: z.array(z.string()).max(50) }))
    .mutation(({ ctx, input }) => setPeers(ctx.scope, input)),

  deadlines: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string() }))
    .query(({ ctx, input }) => listDeadlines(ctx.scope, input)),

  setDeadline: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: z.string(), source: z.enum(RATER_SOURCES), dueDate: date }))
    .mutation(({ ctx, input }) => setDeadline(ctx.scope, input)),

  /** Who is late (rater, ratee, source, days late) as of a day (today in WIB by default). */
  reminders: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), asOf: date.optional(), unitId: z.string().optional() }))
    .query(({ ctx, input }) => reminders(ctx.scope, input)),
} satisfies TRPCRouterRecord;
