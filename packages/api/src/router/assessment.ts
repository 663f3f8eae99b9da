import type { TRPCRouterRecord } from "@trpc/server";
import { RATER_SOURCES } from "@kinerja/core";
import { z } from "zod";
import { listAssessments, submitAssessment } from "../services/assessments.js";
import { actorOf, regionProcedure } from "../trpc.js";

const everyone = ["operator", "admin", "assessor", "employee"] as const;
const indicatorValue = z.union([
  z.number(),
  z.boolean(),
  z.object({ target: z.number(), realisasi: z.number() }),
  z.object({ target: z.record(z.string(), z.number()), realisasi: z.record(z.string(), z.number()) }),
]);

export const assessmentRouter = {
  list: regionProcedure(...everyone)
    .input(z.object({ cycleId: z.string(), employeeId: z.string() }))
    .query(({ ctx, input }) => listAssessments(ctx.db, ctx.regionId, ctx.user, input)),

  submit: regionProcedure(...everyone)
    .input(
      z.object({
        cycleId: z.string(),
        employeeId: z.string(),
        source: z.enum(RATER_SOURCES),
        rater: z.string().optional(),
        ratings: z.record(z.string(), z.number()),
        values: z.record(z.string(), indicatorValue).optional(),
        facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      }),
    )
    .mutation(({ ctx, input }) => submitAssessment(ctx.db, ctx.regionId, ctx.user, actorOf(ctx.user), input)),
} satisfies TRPCRouterRecord;
