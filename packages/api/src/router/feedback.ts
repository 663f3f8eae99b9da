import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { feedbackInbox, listFeedback, postFeedback } from "../services/planning/index.js";
import { pageInput } from "../services/lib/index.js";
import { regionProcedure } from "../trpc.js";

export const feedbackRouter = {
  /** Anyone in the region asks for feedback on a work entry (optionally from a colleague, by NIP) or gives it. */
  post: regionProcedure(...ROLES)
    .input(
      z.object({
        workEntryId: z.string(),
        kind: z.enum(["request", "feedback"]),
        body: z.string().trim().min(1, "Isi umpan balik tidak boleh kosong").max(4000),
        parentId: z.string().optional(),
        askNip: z.string().regex(/^\d{18}$/, "NIP 18 angka").optional(),
      }),
    )
    .mutation(({ ctx, input }) => postFeedback(ctx.scope, input)),

  list: regionProcedure(...ROLES)
    .input(z.object({ workEntryId: z.string(), ...pageInput }))
    .query(({ ctx, input }) => listFeedback(ctx.scope, input)),

  /** Requests for feedback addressed to the signed-in user. */
  inbox: regionProcedure(...ROLES)
    .input(z.object(pageInput))
    .query(({ ctx, input }) => feedbackInbox(ctx.scope, input)),
} satisfies TRPCRouterRecord;
