import type { TRPCRouterRecord } from "@trpc/server";
import { TARGET_ASPECTS } from "@kinerja/core";
import { PLAN_STATUSES, RHK_KINDS, ROLES } from "@kinerja/db";
import { z } from "zod";
import { pageInput } from "../services/lib/index.js";
import { createPlan, decidePlan, getPlan, linkRhk, listPlans, planWaiting, savePlan, submitPlan } from "../services/planning/index.js";
import { regionProcedure } from "../trpc.js";

const text = (what: string, max: number) => z.string().trim().min(1, `${what} tidak boleh kosong`).max(max);

const iki = z.object({
  id: z.string().optional(),
  text: text("Teks IKI", 500),
  target: z.number().positive("Target harus lebih dari 0"),
  satuan: text("Satuan target", 50),
  indicatorId: z.string().nullable().optional(),
  aspect: z.enum(TARGET_ASPECTS).nullable().optional(),
});

const rhk = z.object({
  id: z.string().optional(),
  kind: z.enum(RHK_KINDS),
  text: text("Teks RHK", 1000),
  parentRhkId: z.string().nullable().optional(),
  indicators: z.array(iki).max(20),
});

export const planRouter = {
  /** A plan by id, or the plan of an employee (own when none named) in a cycle; null when there is none yet. */
  get: regionProcedure(...ROLES)
    .input(z.object({ id: z.string().optional(), cycleId: z.string().optional(), employeeId: z.string().optional() }))
    .query(({ ctx, input }) => getPlan(ctx.scope, input)),

  list: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), status: z.enum(PLAN_STATUSES).optional(), employeeId: z.string().optional(), ...pageInput }))
    .query(({ ctx, input }) => listPlans(ctx.scope, input)),

  /** Starts a plan: employees and assessors their own, admins anyone's. */
  create: regionProcedure(...ROLES)
    .input(z.object({ cycleId: z.string(), employeeId: z.string().optional() }))
    .mutation(({ ctx, input }) => createPlan(ctx.scope, input)),

  /** Replaces the plan's RHK rows and IKIs (rows with an id are kept) while it is draft, in revision or rejected. */
  save: regionProcedure(...ROLES)
    .input(z.object({ id: z.string(), rhk: z.array(rhk).max(50) }))
    .mutation(({ ctx, input }) => savePlan(ctx.scope, input)),

  /** Links an RHK to (or unlinks it from) an RHK of the superior's plan, in any status. */
  link: regionProcedure(...ROLES)
    .input(z.object({ rhkId: z.string(), parentRhkId: z.string().nullable() }))
    .mutation(({ ctx, input }) => linkRhk(ctx.scope, input)),

  submit: regionProcedure(...ROLES)
    .input(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => submitPlan(ctx.scope, input)),

  approve: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id: z.string(), note: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { ...input, decision: "approve" })),

  requestRevision: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id: z.string(), note: text("Catatan revisi", 2000) }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { ...input, decision: "revise" })),

  reject: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id: z.string(), reason: text("Alasan penolakan", 2000) }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { id: input.id, decision: "reject", note: input.reason })),

  /** Who waits on whom: plans waiting for the assessor's decision, or for the superior's plan, grouped by that person. */
  waiting: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: z.string(), on: z.enum(["approval", "superiorPlan"]), ...pageInput }))
    .query(({ ctx, input }) => planWaiting(ctx.scope, input)),
} satisfies TRPCRouterRecord;
