import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { importEmployees } from "../services/organisation/index.js";
import { getEmployee, listEmployees, updateEmployee } from "../services/organisation/index.js";
import { pageInput } from "../services/lib/index.js";
import { regionProcedure } from "../trpc.js";

const attribute = z.union([z.string(), z.number(), z.boolean()]);
/** 10 MB of CSV, or of XLSX as base64. */
const MAX_IMPORT = 10 * 1024 * 1024;

export const employeeRouter = {
  list: regionProcedure(...ROLES)
    .input(z.object({ search: z.string().max(100).optional(), unitId: z.string().optional(), ...pageInput }))
    .query(({ ctx, input }) => listEmployees(ctx.scope, input)),

  get: regionProcedure(...ROLES)
    .input(z.object({ id: z.string() }))
    .query(({ ctx, input }) => getEmployee(ctx.scope, input.id)),

  update: regionProcedure("operator", "admin")
    .input(
      z.object({
        id: z.string(),
        patch: z
          .object({
            nip: z.string(),
            nama: z.string().trim().min(1),
            jabatan: z.string().trim().min(1),
            jenisJabatan: z.enum(["struktural", "fungsional", "pelaksana"]).nullable(),
            jenjang: z.string().nullable(),
            golongan: z.string().nullable(),
            status: z.enum(["PNS", "PPPK"]).nullable(),
            unitId: z.string(),
            atasanNip: z.string().nullable(),
            attributes: z.record(z.string(), attribute),
          })
          .partial(),
      }),
    )
    .mutation(({ ctx, input }) => updateEmployee(ctx.scope, input.id, input.patch)),

  /**
   * Imports a sheet: CSV text, or XLSX as base64. Returns every bad cell, or the counts written; nothing
   * is written unless every row is good.
   */
  import: regionProcedure("operator", "admin")
    .input(z.object({ format: z.enum(["csv", "xlsx"]), content: z.string().min(1).max(MAX_IMPORT) }))
    .mutation(({ ctx, input }) => importEmployees(ctx.scope, input)),
} satisfies TRPCRouterRecord;
