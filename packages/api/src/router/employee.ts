import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import { employeeImportStatus, importEmployees, importedHistoryOf, importHistory } from "../services/organisation/index.js";
import { getEmployee, listEmployees, updateEmployee } from "../services/organisation/index.js";
import { regionProcedure } from "../trpc.js";
import { publicEndpoint, employeesOutput } from "./public-api.js";
import { amount, entries, id, label, name, nip, page, search } from "./inputs.js";

const attribute = z.union([label, amount, z.boolean()]);
/** 10 MB of CSV, or of XLSX as base64. */
const MAX_IMPORT = 10 * 1024 * 1024;

export const employeeRouter = {
  list: regionProcedure(...ROLES)
    .meta(publicEndpoint("employees:read", { method: "GET", path: "/employees", summary: "Pegawai wilayah, per halaman", output: employeesOutput }))
    .input(z.object({ search: search.optional(), unitId: id.optional(), left: z.boolean().optional(), ...page }))
    .query(({ ctx, input }) => listEmployees(ctx.scope, input)),

  get: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(({ ctx, input }) => getEmployee(ctx.scope, input.id)),

  update: regionProcedure("operator", "admin")
    .input(
      z.object({
        id,
        patch: z
          .object({
            nip,
            nama: name,
            jabatan: name,
            jenisJabatan: z.enum(["struktural", "fungsional", "pelaksana"]).nullable(),
            jenjang: label.nullable(),
            golongan: label.nullable(),
            status: z.enum(["PNS", "PPPK"]).nullable(),
            unitId: id.min(1),
            atasanNip: nip.nullable(),
            attributes: entries(attribute, 100),
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

  /**
   * An import job started by uploading a sheet to POST /import/employees.{csv,xlsx}: progress, then the counts
   * written or every bad cell. The latest of the region when no id is given.
   */
  importStatus: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id.optional() }))
    .query(({ ctx, input }) => employeeImportStatus(ctx.scope, input)),

  /**
   * Imports annual predikat from before Kinerja: a sheet of nip, tahun, predikat (CSV text, or XLSX as
   * base64). Returns every bad cell by row and column, or the count written; nothing is written unless
   * every row is good. A year imported again replaces the earlier import.
   */
  importHistory: regionProcedure("operator", "admin")
    .input(z.object({ format: z.enum(["csv", "xlsx"]), content: z.string().min(1).max(MAX_IMPORT) }))
    .mutation(({ ctx, input }) => importHistory(ctx.scope, input)),

  /** The years imported for one employee, oldest first. */
  importedHistory: regionProcedure("operator", "admin")
    .input(z.object({ id }))
    .query(({ ctx, input }) => importedHistoryOf(ctx.scope, input.id)),
} satisfies TRPCRouterRecord;
