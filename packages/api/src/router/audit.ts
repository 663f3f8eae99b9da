import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { listAudit } from "../services/lib/index.js";
import { regionProcedure } from "../trpc.js";
import { id, page } from "./inputs.js";

export const auditRouter = {
  list: regionProcedure("operator", "admin")
    .input(
      z.object({
        action: id.optional(),
        entity: id.optional(),
        entityId: id.optional(),
        actorId: id.optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
        ...page,
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
} satisfies TRPCRouterRecord;
