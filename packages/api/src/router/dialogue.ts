import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { listDialoguesForEmployee, rateDialogue, recordDialogue } from "../services/planning/index.js";
import { pageInput } from "../services/lib/index.js";
import { regionProcedure } from "../trpc.js";

export const dialogueRouter = {
  /** The assessor, the employee or an admin records a coaching conversation. */
  record: regionProcedure(...ROLES)
    .input(
      z.object({
        cycleId: z.string(),
        employeeId: z.string(),
        heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal berformat YYYY-MM-DD"),
        topic: z.string().trim().min(1, "Topik dialog tidak boleh kosong").max(500),
        agreedActions: z.array(z.string().trim().min(1).max(1000)).max(20),
        notes: z.string().max(4000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => recordDialogue(ctx.scope, input)),

  /** The coached employee rates how useful it was. */
  rate: regionProcedure(...ROLES)
    .input(z.object({ id: z.string(), usefulness: z.number().int().min(1, "nilai 1–5").max(5, "nilai 1–5"), comment: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => rateDialogue(ctx.scope, input)),

  /** The employee's dialogues in a cycle with a summary: evidence listed beside the result. */
  listForEmployee: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string(), ...pageInput }))
    .query(({ ctx, input }) => listDialoguesForEmployee(ctx.scope, input)),
} satisfies TRPCRouterRecord;
