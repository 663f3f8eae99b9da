import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { pageInput } from "../services/lib/index.js";
import { distribution, getResult, listResults, RESULT_SORT_KEYS } from "../services/results/index.js";
import { regionProcedure } from "../trpc.js";

export const resultRouter = {
  list: regionProcedure(...ROLES)
    .input(
      z.object({
        cycleId: z.string(),
        runId: z.string().optional(),
        unitId: z.string().optional(),
        predikat: z.string().optional(),
        outcomeType: z.string().optional(),
        search: z.string().max(100).optional(),
        /** Without it, results come in NIP order. */
        sort: z.object({ key: z.enum(RESULT_SORT_KEYS), direction: z.enum(["asc", "desc"]).default("asc") }).optional(),
        ...pageInput,
      }),
    )
    .query(({ ctx, input }) => listResults(ctx.scope, input)),

  /** One employee's result with the explanation of every step. */
  get: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string(), runId: z.string().optional() }))
    .query(({ ctx, input }) => getResult(ctx.scope, input)),

  distribution: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: z.string(), unitId: z.string().optional(), runId: z.string().optional() }))
    .query(({ ctx, input }) => distribution(ctx.scope, input)),
} satisfies TRPCRouterRecord;
