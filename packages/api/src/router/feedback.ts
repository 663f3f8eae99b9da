import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { LIMITS } from "../services/lib/index.js";
import { feedbackInbox, listFeedback, postFeedback } from "../services/planning/index.js";
import { regionProcedure } from "../trpc.js";
import { filled, id, nip, page, reference } from "./inputs.js";

export const feedbackRouter = {
  /** Anyone in the region asks for feedback on a work entry (optionally from a colleague, by NIP) or gives it. */
  post: regionProcedure(...ROLES)
    .input(
      z.object({
        workEntryId: id,
        kind: z.enum(["request", "feedback"]),
        body: filled(LIMITS.text, "Isi umpan balik"),
        parentId: reference.optional(),
        askNip: nip.regex(/^\d{18}$/, "NIP 18 angka").optional(),
      }),
    )
    .mutation(({ ctx, input }) => postFeedback(ctx.scope, input)),

  list: regionProcedure(...ROLES)
    .input(z.object({ workEntryId: id, ...page }))
    .query(({ ctx, input }) => listFeedback(ctx.scope, input)),

  /** Requests for feedback addressed to the signed-in user. */
  inbox: regionProcedure(...ROLES)
    .input(z.object(page))
    .query(({ ctx, input }) => feedbackInbox(ctx.scope, input)),
} satisfies TRPCRouterRecord;
