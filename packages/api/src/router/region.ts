import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { createRegion, listRegions } from "../services/organisation/index.js";
import { guidedStart } from "../services/setup/index.js";
import { actorOf, protectedProcedure, regionProcedure, roleProcedure } from "../trpc.js";
import { email, name, password } from "./inputs.js";

export const regionRouter = {
  /** Operators: every region; everyone else: their own. */
  list: protectedProcedure.query(({ ctx }) => listRegions(ctx.db, ctx.user)),

  /** A new region with its first admin (who signs in with the e-mail). */
  create: roleProcedure("operator")
    .input(
      z.object({
        id: z.string().max(40).regex(/^[a-z][a-z0-9-]{1,39}$/, "huruf kecil, angka dan -, diawali huruf (contoh: kota-binjai)"),
        name: name.min(3),
        admin: z.object({ name, email, password: password(8) }),
      }),
    )
    .mutation(({ ctx, input }) => createRegion(ctx.db, actorOf(ctx.user), input)),

  /** A new region's first steps, each done or not from what is stored, and the national baselines to start from. */
  guidedStart: regionProcedure("operator", "admin").query(({ ctx }) => guidedStart(ctx.scope)),
} satisfies TRPCRouterRecord;
