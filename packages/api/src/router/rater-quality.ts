import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { raterQualityReport } from "../services/assessment/index.js";
import { regionProcedure } from "../trpc.js";
import { id } from "./inputs.js";

export const raterQualityRouter = {
  /** Per rater: leniency or severity against the other raters of the same employees, and flags. */
  raters: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, unitId: id.optional(), flaggedOnly: z.boolean().default(false) }))
    .query(({ ctx, input }) => raterQualityReport(ctx.scope, input)),
} satisfies TRPCRouterRecord;
