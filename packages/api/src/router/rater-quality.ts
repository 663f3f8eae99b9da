import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { raterQualityReport } from "../services/assessment/index.js";
import { regionProcedure } from "../trpc.js";

export const raterQualityRouter = {
  /** Per rater: leniency or severity against the other raters of the same employees, and flags. */
  raters: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: z.string(), unitId: z.string().optional(), flaggedOnly: z.boolean().default(false) }))
    .query(({ ctx, input }) => raterQualityReport(ctx.scope, input)),
} satisfies TRPCRouterRecord;
