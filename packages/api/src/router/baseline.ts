import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { baselineAudit, diffBaselines, getBaseline, listBaselines, publishBaseline } from "../services/rules/index.js";
import { actorOf, roleProcedure } from "../trpc.js";
import { filled } from "./inputs.js";

const baselineId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "id baseline: huruf kecil, angka dan tanda hubung, mis. pp-30-2019");
const version = z.number().int().min(1).max(999_999_999);

/** The national baselines: read by those who build a region's rules on them, published by the national operator. */
export const baselineRouter = {
  list: roleProcedure("operator", "admin").query(({ ctx }) => listBaselines(ctx.db)),

  get: roleProcedure("operator", "admin")
    .input(z.object({ baselineId, version }))
    .query(({ ctx, input }) => getBaseline(ctx.db, input)),

  diff: roleProcedure("operator", "admin")
    .input(z.object({ baselineId, fromVersion: version, toVersion: version }))
    .query(({ ctx, input }) => diffBaselines(ctx.db, input)),

  /** Who created and published the baseline's versions, from the national audit log: for the operator. */
  audit: roleProcedure("operator")
    .input(z.object({ baselineId }))
    .query(({ ctx, input }) => baselineAudit(ctx.db, input.baselineId)),

  /** A new version (a new regulation): self-contained, valid, its cases passing. Regions move to it when they choose. */
  publish: roleProcedure("operator")
    .input(z.object({ baselineId, content: z.record(z.string(), z.unknown()), note: filled(2000, "Catatan") }))
    .mutation(({ ctx, input }) => publishBaseline(ctx.db, actorOf(ctx.user), input)),
} satisfies TRPCRouterRecord;
