import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { importUnits, saveUnit, unitTree } from "../services/organisation/index.js";
import { regionProcedure } from "../trpc.js";
import { name } from "./inputs.js";

const unitId = z.string().max(64).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "kode unit: huruf kecil, angka, titik, - dan _");

export const unitRouter = {
  tree: regionProcedure(...ROLES).query(({ ctx }) => unitTree(ctx.scope)),

  /** Creates a unit, or renames / moves it when the code exists. */
  save: regionProcedure("operator", "admin")
    .input(
      z.object({
        id: unitId,
        name,
        parentId: unitId.nullable().default(null),
        type: name.nullable().default(null),
      }),
    )
    .mutation(({ ctx, input }) => saveUnit(ctx.scope, input)),

  /** Units from a CSV sheet (kode, nama, induk, jenis): every bad cell reported, nothing written unless all are good. */
  import: regionProcedure("operator", "admin")
    .input(z.object({ content: z.string().min(1).max(1_000_000) }))
    .mutation(({ ctx, input }) => importUnits(ctx.scope, input)),
} satisfies TRPCRouterRecord;
