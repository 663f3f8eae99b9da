import type { TRPCRouterRecord } from "@trpc/server";
import { ROLES } from "@kinerja/db";
import { z } from "zod";
import {
  diffRuleSets,
  diffWithStored,
  baselineStatus,
  getRuleSetVersion,
  listRuleSetVersions,
  moveToBaseline,
  publishRuleSet,
  ruleSetFile,
  saveDraft,
  startFromBaseline,
  validateRegionRules,
} from "../services/rules/index.js";
import { whatIf } from "../services/rules/index.js";
import { regionProcedure } from "../trpc.js";
import { id, revision } from "./inputs.js";

const content = z.record(z.string(), z.unknown());

export const ruleSetRouter = {
  list: regionProcedure(...ROLES).query(({ ctx }) => listRuleSetVersions(ctx.scope)),

  get: regionProcedure(...ROLES)
    .input(z.object({ id }))
    .query(({ ctx, input }) => getRuleSetVersion(ctx.scope, input.id)),

  /** Schema, static checks and the rule set's own cases; every issue names its JSON pointer. */
  validate: regionProcedure("operator", "admin")
    .input(z.object({ content }))
    .mutation(({ ctx, input }) => validateRegionRules(ctx.db, input.content, ruleSetFile(ctx.regionId, "baru"))),

  /** Over a draft (`id`), `baseRevision` is the draft's revision the content was edited from; a stale one is CONFLICT. */
  saveDraft: regionProcedure("operator", "admin")
    .input(z.object({ id: id.optional(), baseRevision: revision.optional(), content }))
    .mutation(({ ctx, input }) => saveDraft(ctx.scope, input)),

  /** A first draft with a national baseline's content (`rules/national/<baseline>.json`), named for the region. */
  startFromBaseline: regionProcedure("operator", "admin")
    .input(z.object({ baseline: z.string().min(1).max(80) }))
    .mutation(({ ctx, input }) => startFromBaseline(ctx.scope, input)),

  /** `revision` is the draft's revision the caller looked at; a draft saved again since is CONFLICT. */
  publish: regionProcedure("operator", "admin")
    .input(z.object({ id, revision }))
    .mutation(({ ctx, input }) => publishRuleSet(ctx.scope, input)),

  diff: regionProcedure("operator", "admin")
    .input(z.object({ fromId: id, toId: id }))
    .query(({ ctx, input }) => diffRuleSets(ctx.scope, input.fromId, input.toId)),

  /** Unsaved content against a stored version: what saving it over that version would change. */
  diffContent: regionProcedure("operator", "admin")
    .input(z.object({ id, content }))
    .mutation(({ ctx, input }) => diffWithStored(ctx.scope, input)),

  /** A version (or unsaved content) evaluated on a past cycle's stored inputs: who moves. */
  whatIf: regionProcedure("operator", "admin")
    .input(z.object({ cycleId: id, ruleSetVersionId: id.optional(), content: content.optional() }))
    .mutation(({ ctx, input }) => whatIf(ctx.scope, input)),

  /** The baseline version the published rules extend, newer versions, what changed, and the cycle to try them on. */
  baselineStatus: regionProcedure("operator", "admin").query(({ ctx }) => baselineStatus(ctx.scope)),

  /** A new draft of the published rules extending another version of their baseline, to check and publish. */
  moveToBaseline: regionProcedure("operator", "admin")
    .input(z.object({ version: z.number().int().min(1).max(999_999_999) }))
    .mutation(({ ctx, input }) => moveToBaseline(ctx.scope, input)),
} satisfies TRPCRouterRecord;
