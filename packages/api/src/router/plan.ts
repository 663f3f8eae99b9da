import type { TRPCRouterRecord } from "@trpc/server";
import { TARGET_ASPECTS } from "@kinerja/core";
import { PLAN_STATUSES, RHK_KINDS, ROLES } from "@kinerja/db";
import { z } from "zod";
import { createPlan, decidePlan, getPlan, linkRhk, listPlans, planWaiting, savePlan, submitPlan } from "../services/planning/index.js";
import { regionProcedure } from "../trpc.js";
import { amount, filled, freeText, id, list, page, reference } from "./inputs.js";

const iki = z.object({
  id: id.optional(),
  text: filled(500, "Teks IKI"),
  target: amount.positive("Target harus lebih dari 0"),
  satuan: filled(50, "Satuan target"),
  indicatorId: id.nullable().optional(),
  aspect: z.enum(TARGET_ASPECTS).nullable().optional(),
});

const rhk = z.object({
  id: id.optional(),
  kind: z.enum(RHK_KINDS),
  text: filled(1000, "Teks RHK"),
  parentRhkId: reference.nullable().optional(),
  indicators: list(iki, 20),
});

export const planRouter = {
  /** A plan by id, or the plan of an employee (own when none named) in a cycle; null when there is none yet. */
  get: regionProcedure(...ROLES)
    .input(z.object({ id: id.optional(), cycleId: id.optional(), employeeId: id.optional() }))
    .query(({ ctx, input }) => getPlan(ctx.scope, input)),

  list: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, status: z.enum(PLAN_STATUSES).optional(), employeeId: id.optional(), ...page }))
    .query(({ ctx, input }) => listPlans(ctx.scope, input)),

  /** Starts a plan: employees and assessors their own, admins anyone's. */
  create: regionProcedure(...ROLES)
    .input(z.object({ cycleId: id, employeeId: id.optional() }))
    .mutation(({ ctx, input }) => createPlan(ctx.scope, input)),

  /** Replaces the plan's RHK rows and IKIs (rows with an id are kept) while it is draft, in revision or rejected. */
  save: regionProcedure(...ROLES)
    .input(z.object({ id, rhk: list(rhk, 50) }))
    .mutation(({ ctx, input }) => savePlan(ctx.scope, input)),

  /** Links an RHK to (or unlinks it from) an RHK of the superior's plan, in any status. */
  link: regionProcedure(...ROLES)
    .input(z.object({ rhkId: id, parentRhkId: reference.nullable() }))
    .mutation(({ ctx, input }) => linkRhk(ctx.scope, input)),

  submit: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => submitPlan(ctx.scope, input)),

  approve: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id, note: freeText(2000).optional() }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { ...input, decision: "approve" })),

  requestRevision: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id, note: filled(2000, "Catatan revisi") }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { ...input, decision: "revise" })),

  reject: regionProcedure("operator", "admin", "assessor")
    .input(z.object({ id, reason: filled(2000, "Alasan penolakan") }))
    .mutation(({ ctx, input }) => decidePlan(ctx.scope, { id: input.id, decision: "reject", note: input.reason })),

  /** Who waits on whom: plans waiting for the assessor's decision, or for the superior's plan, grouped by that person. */
  waiting: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, on: z.enum(["approval", "superiorPlan"]), ...page }))
    .query(({ ctx, input }) => planWaiting(ctx.scope, input)),
} satisfies TRPCRouterRecord;
