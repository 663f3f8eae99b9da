import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listAudit } from "../services/lib/index.js";
import { pageInput } from "../services/lib/index.js";
import { regionProcedure } from "../trpc.js";

export const auditRouter = {
  list: regionProcedure("operator", "admin")
    .input(
      z.object({
        action: z.string().optional(),
        entity: z.string().optional(),
        entityId: z.string().optional(),
        actorId: z.string().optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        ...pageInput,
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
} satisfies TRPCRouterRecord;
