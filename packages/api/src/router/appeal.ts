import type { TRPCRouterRecord } from "@trpc/server";
import { APPEAL_STATUSES, ROLES } from "@kinerja/db";
import { z } from "zod";
import { appealInbox, decideAppeal, getAppeal, myAppeals, submitAppeal } from "../services/results/index.js";
import { regionProcedure } from "../trpc.js";
import { freeText, id, label } from "./inputs.js";

export const appealRouter = {
  /** The signed-in employee appeals their finalised result (within workflow.appeals.windowDays). */
  submit: regionProcedure("assessor", "employee")
    .input(z.object({ cycleId: id, reason: freeText() }))
    .mutation(({ ctx, input }) => submitAppeal(ctx.scope, input)),

  /** The assessor's superior (or the admin, where there is none) rejects or upholds with a new predikat. */
  decide: regionProcedure(...ROLES)
    .input(
      z.discriminatedUnion("decision", [
        z.object({ appealId: id, decision: z.literal("reject"), reason: freeText() }),
        z.object({ appealId: id, decision: z.literal("uphold"), reason: freeText(), predikat: label }),
      ]),
    )
    .mutation(({ ctx, input }) => decideAppeal(ctx.scope, input)),

  get: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(({ ctx, input }) => getAppeal(ctx.scope, input.id)),

  /** The caller's own appeals. */
  mine: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id.optional() }))
    .query(({ ctx, input }) => myAppeals(ctx.scope, input)),

  /** Appeals to decide: the deciding superior's; every appeal of the region for admins. */
  inbox: regionProcedure(...ROLES)
    .input(z.object({ status: z.enum(APPEAL_STATUSES).optional(), cycleId: id.optional() }))
    .query(({ ctx, input }) => appealInbox(ctx.scope, input)),
} satisfies TRPCRouterRecord;
