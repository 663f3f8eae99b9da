import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { distribution, getResult, judgeYear, listResults, RESULT_SORT_KEYS } from "../services/results/index.js";
import { regionProcedure } from "../trpc.js";
import { publicEndpoint, resultOutput, resultsOutput } from "./public-api.js";
import { filled, id, label, page, search } from "./inputs.js";

export const resultRouter = {
  list: regionProcedure(...ROLES)
    .meta(publicEndpoint("results:read", { method: "GET", path: "/cycles/{cycleId}/results", summary: "Hasil penilaian satu siklus, per halaman", output: resultsOutput }))
    .input(
      z.object({
        cycleId: id,
        runId: id.optional(),
        unitId: id.optional(),
        predikat: label.optional(),
        outcomeType: label.optional(),
        search: search.optional(),
        /** Without it, results come in NIP order. */
        sort: z.object({ key: z.enum(RESULT_SORT_KEYS), direction: z.enum(["asc", "desc"]).default("asc") }).optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listResults(ctx.scope, input)),

  /** One employee's result with the explanation of every step. */
  get: regionProcedure(...ROLES)
    .meta(publicEndpoint("results:read", { method: "GET", path: "/cycles/{cycleId}/results/{employeeId}", summary: "Hasil satu pegawai dalam satu siklus", output: resultOutput }))
    .input(z.object({ cycleId: id, employeeId: id, runId: id.optional() }))
    .query(({ ctx, input }) => getResult(ctx.scope, input)),

  /** The assessor sets an annual predikat rolled up by judgement, within the rule set's bounds, with a reason. */
  judgeYear: regionProcedure("admin", "assessor")
    .input(z.object({ cycleId: id, employeeId: id, predikat: label, reason: filled(2000, "Alasan") }))
    .mutation(({ ctx, input }) => judgeYear(ctx.scope, input)),

  distribution: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ cycleId: id, unitId: id.optional(), runId: id.optional() }))
    .query(({ ctx, input }) => distribution(ctx.scope, input)),
} satisfies TRPCRouterRecord;
