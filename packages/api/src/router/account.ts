import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { createRegionAccount, listAccounts } from "../services/organisation/index.js";
import { regionProcedure } from "../trpc.js";

export const accountRouter = {
  /** The region's sign-ins (never passwords). */
  list: regionProcedure("operator", "admin").query(({ ctx }) => listAccounts(ctx.scope)),

  /** An admin by e-mail, or an assessor or employee by the NIP of one of the region's employees. */
  create: regionProcedure("operator", "admin")
    .input(
      z.object({
        role: z.enum(["admin", "assessor", "employee"]),
        password: z.string().min(8),
        email: z.email().optional(),
        nip: z.string().optional(),
        name: z.string().trim().min(1).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createRegionAccount(ctx.scope, input)),
} satisfies TRPCRouterRecord;
