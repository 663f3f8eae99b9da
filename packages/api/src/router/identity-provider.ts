import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  createIdentityProvider,
  DEFAULT_NIP_CLAIM,
  listIdentityProviders,
  testIdentityProvider,
  updateIdentityProvider,
} from "../services/identity/index.js";
import { regionProcedure } from "../trpc.js";
import { bounded, id, list, name } from "./inputs.js";

const providerInput = z.object({
  name: name,
  discoveryUrl: bounded(2048).min(1),
  clientId: bounded(500).min(1),
  /** Write-only: required when creating, blank on an edit keeps the stored one. */
  clientSecret: bounded(2000).optional(),
  scopes: list(bounded(100).min(1), 20).default(["profile"]),
  nipClaim: bounded(100).min(1).default(DEFAULT_NIP_CLAIM),
  createAccounts: z.boolean().default(false),
  enabled: z.boolean().default(true),
});

export const identityProviderRouter = {
  /** The region's OpenID Connect providers; the client secret is never read back, only whether one is stored. */
  list: regionProcedure("operator", "admin").query(({ ctx }) => listIdentityProviders(ctx.scope)),

  create: regionProcedure("operator", "admin")
    .input(providerInput)
    .mutation(({ ctx, input }) => createIdentityProvider(ctx.scope, input)),

  /** Also enables and disables: a disabled provider signs nobody in. */
  update: regionProcedure("operator", "admin")
    .input(providerInput.extend({ id: id.min(1) }))
    .mutation(({ ctx, input: { id: providerId, ...input } }) => updateIdentityProvider(ctx.scope, providerId, input)),

  /** "Uji koneksi": reads the discovery document of a stored provider or of a URL being typed. */
  test: regionProcedure("operator", "admin")
    .input(z.object({ id: id.min(1).optional(), discoveryUrl: bounded(2048).min(1).optional() }))
    .mutation(({ ctx, input }) => testIdentityProvider(ctx.scope, input)),
} satisfies TRPCRouterRecord;
