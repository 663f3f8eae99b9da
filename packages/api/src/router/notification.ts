import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  getPreference,
  getSchedule,
  inbox,
  listTemplates,
  markRead,
  NOTIFICATION_KINDS,
  outbox,
  previewTemplate,
  resend,
  resetTemplate,
  saveTemplate,
  setPreference,
  setSchedule,
  unreadCount,
} from "../services/notifications/index.js";
import { protectedProcedure, regionProcedure } from "../trpc.js";
import { freeText, id, ids, list } from "./inputs.js";

const template = z.object({ kind: z.enum(NOTIFICATION_KINDS), subject: freeText(300), body: freeText(5000) });
const days = list(z.number().int(), 20);

export const notificationRouter = {
  /** The signed-in person's notifications, newest first, with the unread count. */
  inbox: protectedProcedure
    .input(z.object({ cursor: id.optional(), limit: z.number().int().min(1).max(100).optional(), unreadOnly: z.boolean().optional() }))
    .query(({ ctx, input }) => inbox(ctx.db, ctx.user, input)),

  unreadCount: protectedProcedure.query(({ ctx }) => unreadCount(ctx.db, ctx.user)),

  /** Marks the given notifications read, or all of them when none are given; the unread count left. */
  markRead: protectedProcedure.input(z.object({ ids: ids.optional() })).mutation(({ ctx, input }) => markRead(ctx.db, ctx.user, input)),

  preference: protectedProcedure.query(({ ctx }) => getPreference(ctx.db, ctx.user)),

  setPreference: protectedProcedure
    .input(z.object({ email: z.boolean(), digest: z.boolean() }))
    .mutation(({ ctx, input }) => setPreference(ctx.db, ctx.user, input)),

  templates: regionProcedure("operator", "admin").query(({ ctx }) => listTemplates(ctx.scope)),

  previewTemplate: regionProcedure("operator", "admin")
    .input(template)
    .mutation(({ ctx, input }) => previewTemplate(ctx.scope, input)),

  saveTemplate: regionProcedure("operator", "admin")
    .input(template)
    .mutation(({ ctx, input }) => saveTemplate(ctx.scope, input)),

  resetTemplate: regionProcedure("operator", "admin")
    .input(z.object({ kind: z.enum(NOTIFICATION_KINDS) }))
    .mutation(({ ctx, input }) => resetTemplate(ctx.scope, input)),

  /** The region's mail that failed after its last try, and how much waits. */
  outbox: regionProcedure("operator", "admin").query(({ ctx }) => outbox(ctx.scope)),

  resend: regionProcedure("operator", "admin")
    .input(z.object({ ids: ids.min(1) }))
    .mutation(({ ctx, input }) => resend(ctx.scope, input)),

  /** Days before and after each assessment deadline on which raters are reminded. */
  schedule: regionProcedure(...ROLES).query(({ ctx }) => getSchedule(ctx.scope)),

  setSchedule: regionProcedure("operator", "admin")
    .input(z.object({ daysBefore: days, daysAfter: days }))
    .mutation(({ ctx, input }) => setSchedule(ctx.scope, input)),
} satisfies TRPCRouterRecord;
