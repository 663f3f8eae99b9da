import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { listDialoguesForEmployee, rateDialogue, recordDialogue } from "../services/planning/index.js";
import { regionProcedure } from "../trpc.js";
import { day, filled, freeText, id, list, page } from "./inputs.js";

export const dialogueRouter = {
  /** The assessor, the employee or an admin records a coaching conversation. */
  record: regionProcedure(...ROLES)
    .input(
      z.object({
        cycleId: id,
        employeeId: id,
        heldOn: day,
        topic: filled(500, "Topik dialog"),
        agreedActions: list(filled(1000, "Tindak lanjut yang disepakati"), 20),
        notes: freeText().optional(),
      }),
    )
    .mutation(({ ctx, input }) => recordDialogue(ctx.scope, input)),

  /** The coached employee rates how useful it was. */
  rate: regionProcedure(...ROLES)
    .input(z.object({ id, usefulness: z.number().int().min(1, "nilai 1–5").max(5, "nilai 1–5"), comment: freeText(2000).optional() }))
    .mutation(({ ctx, input }) => rateDialogue(ctx.scope, input)),

  /** The employee's dialogues in a cycle with a summary: evidence listed beside the result. */
  listForEmployee: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id, ...page }))
    .query(({ ctx, input }) => listDialoguesForEmployee(ctx.scope, input)),
} satisfies TRPCRouterRecord;
