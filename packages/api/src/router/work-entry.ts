import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES, WORK_ENTRY_STATUSES } from "@kinerja/db";
import { z } from "zod";
import { pageInput } from "../services/lib/index.js";
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

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal berformat YYYY-MM-DD").refine((d) => !Number.isNaN(Date.parse(d)), "tanggal tidak ada");
const fields = {
  ikiId: z.string(),
  workDate: date,
  description: z.string().trim().min(1, "Uraian kerja tidak boleh kosong").max(2000),
  quantity: z.number().min(0, "Jumlah tidak boleh negatif"),
};

export const workEntryRouter = {
  /** Logs work against an IKI of the plan: the employee (or an admin) only. Evidence is uploaded over HTTP. */
  create: regionProcedure(...ROLES)
    .input(z.object(fields))
    .mutation(({ ctx, input }) => createWorkEntry(ctx.scope, input)),

  /** Edits an entry not yet confirmed; a returned entry goes back to the assessor. */
  update: regionProcedure(...ROLES)
    .input(z.object({ id: z.string(), ...z.object(fields).partial().shape }))
    .mutation(({ ctx, input }) => updateWorkEntry(ctx.scope, input)),

  confirm: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id: z.string(), note: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => reviewWorkEntry(ctx.scope, { ...input, decision: "confirm" })),

  return: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id: z.string(), note: z.string().trim().min(1, "Catatan pengembalian tidak boleh kosong").max(2000) }))
    .mutation(({ ctx, input }) => reviewWorkEntry(ctx.scope, { ...input, decision: "return" })),

  get: regionProcedure(...ROLES)
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => getWorkEntry(ctx.scope, input.id)),

  list: regionProcedure(...ROLES)
    .input(
      z.object({
        cycleId: z.string(),
        employeeId: z.string().optional(),
        status: z.enum(WORK_ENTRY_STATUSES).optional(),
        ikiId: z.string().optional(),
        ...pageInput,
      }),
    )
    .query(({ ctx, input }) => listWorkEntries(ctx.scope, input)),

  /** Confirmed and pending quantities against each IKI's target, and the realisasi the evaluation would read now. */
  progress: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string().optional() }))
    .query(({ ctx, input }) => workProgress(ctx.scope, input)),

  removeEvidence: regionProcedure(...ROLES)
    .input(z.object({ evidenceId: z.string() }))
    .mutation(({ ctx, input }) => removeEvidence(ctx.scope, input.evidenceId)),
} satisfies TRPCRouterRecord;
