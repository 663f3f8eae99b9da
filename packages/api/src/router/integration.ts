import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { TOKEN_SCOPES } from "../services/access/index.js";
import {
  createApiToken,
  disableWebhook,
  listApiTokens,
  listDeliveries,
  listWebhooks,
  registerWebhook,
  revokeApiToken,
  testWebhook,
  WEBHOOK_EVENTS,
} from "../services/integrations/index.js";
import { regionProcedure } from "../trpc.js";
import { bounded, filled, id, list } from "./inputs.js";

const admin = () => regionProcedure("operator", "admin");

/** The region's API tokens and webhooks, for its admin (the "API & Webhook" screen). */
export const integrationRouter = {
  tokens: admin().query(({ ctx }) => listApiTokens(ctx.scope)),

  /** A new token; the answer's `token` is shown once and never stored. */
  createToken: admin()
    .input(
      z.object({
        name: filled(100, "Nama token"),
        scopes: list(z.enum(TOKEN_SCOPES), TOKEN_SCOPES.length),
        expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
      }),
    )
    .mutation(({ ctx, input }) => createApiToken(ctx.scope, input)),

  revokeToken: admin()
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => revokeApiToken(ctx.scope, input.id)),

  webhooks: admin().query(({ ctx }) => listWebhooks(ctx.scope)),

  /** Registers a URL for events; the answer's `secret` signs its deliveries and is shown once. */
  registerWebhook: admin()
    .input(z.object({ url: bounded(2000), events: list(z.enum(WEBHOOK_EVENTS), WEBHOOK_EVENTS.length) }))
    .mutation(({ ctx, input }) => registerWebhook(ctx.scope, input)),

  disableWebhook: admin()
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => disableWebhook(ctx.scope, input.id)),

  /** Queues a `ping` to the endpoint. */
  testWebhook: admin()
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => testWebhook(ctx.scope, input.id)),

  /** The latest deliveries (at most `limit`, default 100), newest first. */
  deliveries: admin()
    .input(z.object({ endpointId: id.optional(), limit: z.number().int().min(1).max(500).optional() }))
    .query(({ ctx, input }) => listDeliveries(ctx.scope, input)),
} satisfies TRPCRouterRecord;
