import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { FOLLOW_UP_KINDS, followUpList, followUpSummary, trainingPlan } from "../services/results/index.js";
import { regionProcedure } from "../trpc.js";
import { id, label } from "./inputs.js";

const filter = { cycleId: id, unitId: id.optional() };

export const followUpRouter = {
  /** Each outcome type of the current results: how many employees, which rules. */
  summary: regionProcedure(...ROLES)
    .input(z.object(filter))
    .query(({ ctx, input }) => followUpSummary(ctx.scope, input)),

  /** The entries of one outcome type (penghargaan, pembinaan, tpp, angka_kredit …) or of a kind, each with its rule. */
  list: regionProcedure(...ROLES)
    .input(z.object({ ...filter, type: label.optional(), kind: z.enum(FOLLOW_UP_KINDS).optional() }))
    .query(({ ctx, input }) => followUpList(ctx.scope, input)),

  /** Training needs grouped by topic (topic → employees, with counts). */
  training: regionProcedure(...ROLES)
    .input(z.object(filter))
    .query(({ ctx, input }) => trainingPlan(ctx.scope, input)),
} satisfies TRPCRouterRecord;
