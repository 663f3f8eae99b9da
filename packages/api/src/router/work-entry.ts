import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES, WORK_ENTRY_STATUSES } from "@kinerja/db";
import { z } from "zod";
import {
  createWorkEntry,
  getWorkEntry,
  listWorkEntries,
  removeEvidence,
  reviewWorkEntry,
  updateWorkEntry,
  workProgress,
} from "../services/planning/index.js";
import { regionProcedure } from "../trpc.js";
import { amount, day, filled, freeText, id, page } from "./inputs.js";

const fields = {
  ikiId: id,
  workDate: day,
  description: filled(2000, "Uraian kerja"),
  quantity: amount.min(0, "Jumlah tidak boleh negatif"),
};

export const workEntryRouter = {
  /** Logs work against an IKI of the plan: the employee (or an admin) only. Evidence is uploaded over HTTP. */
  create: regionProcedure(...ROLES)
    .input(z.object(fields))
    .mutation(({ ctx, input }) => createWorkEntry(ctx.scope, input)),

  /** Edits an entry not yet confirmed; a returned entry goes back to the assessor. */
  update: regionProcedure(...ROLES)
    .input(z.object({ id, ...z.object(fields).partial().shape }))
    .mutation(({ ctx, input }) => updateWorkEntry(ctx.scope, input)),

  confirm: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id, note: freeText(2000).optional() }))
    .mutation(({ ctx, input }) => reviewWorkEntry(ctx.scope, { ...input, decision: "confirm" })),

  return: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id, note: filled(2000, "Catatan pengembalian") }))
    .mutation(({ ctx, input }) => reviewWorkEntry(ctx.scope, { ...input, decision: "return" })),

  get: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(({ ctx, input }) => getWorkEntry(ctx.scope, input.id)),

  list: regionProcedure(...ROLES)
    .input(
      z.object({
        cycleId: id,
        employeeId: id.optional(),
        status: z.enum(WORK_ENTRY_STATUSES).optional(),
        ikiId: id.optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listWorkEntries(ctx.scope, input)),

  /** Confirmed and pending quantities against each IKI's target, and the realisasi the evaluation would read now. */
  progress: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id.optional() }))
    .query(({ ctx, input }) => workProgress(ctx.scope, input)),

  removeEvidence: regionProcedure(...ROLES)
    .input(z.object({ evidenceId: id }))
    .mutation(({ ctx, input }) => removeEvidence(ctx.scope, input.evidenceId)),
} satisfies TRPCRouterRecord;
