import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  createRegionAccount,
  disableAccount,
  enableAccount,
  endAccountSessions,
  endOwnSession,
  bulkAccountsStatus,
  discardHandouts,
  listAccounts,
  listOwnSessions,
  MAX_CODE_VALID_DAYS,
  previewBulkAccounts,
  regenerateActivationCode,
  setTemporaryPassword,
  startBulkAccounts,
} from "../services/organisation/index.js";
import { PASSWORD_MIN_LENGTH } from "../services/credentials/index.js";
import { protectedProcedure, regionProcedure } from "../trpc.js";
import { email, id, name, nip, password } from "./inputs.js";

const accountId = z.object({ id: id.min(1) });
const validDays = z.number().int().min(1).max(MAX_CODE_VALID_DAYS);

export const accountRouter = {
  /** The region's sign-ins (never passwords), whether each may sign in, and its active sessions. */
  list: regionProcedure("operator", "admin").query(({ ctx }) => listAccounts(ctx.scope)),

  /** An admin by e-mail, or an assessor or employee by the NIP of one of the region's employees. */
  create: regionProcedure("operator", "admin")
    .input(
      z.object({
        role: z.enum(["admin", "assessor", "employee"]),
        password: password(PASSWORD_MIN_LENGTH),
        email: email.optional(),
        nip: nip.optional(),
        name: name.optional(),
      }),
    )
    .mutation(({ ctx, input }) => createRegionAccount(ctx.scope, input)),

  /** The account cannot sign in any more, and its sessions end now. */
  disable: regionProcedure("operator", "admin")
    .input(accountId)
    .mutation(({ ctx, input }) => disableAccount(ctx.scope, input)),

  enable: regionProcedure("operator", "admin")
    .input(accountId)
    .mutation(({ ctx, input }) => enableAccount(ctx.scope, input)),

  /** A password to pass on (generated when none is given), to be changed at the next sign-in; answered once. */
  setTemporaryPassword: regionProcedure("operator", "admin")
    .input(accountId.extend({ password: password(PASSWORD_MIN_LENGTH).optional() }))
    .mutation(({ ctx, input }) => setTemporaryPassword(ctx.scope, input)),

  /** Signs the account out everywhere. */
  endSessions: regionProcedure("operator", "admin")
    .input(accountId)
    .mutation(({ ctx, input }) => endAccountSessions(ctx.scope, input)),

  /** How many employees of the unit (with its sub-units) or the region have no account yet, and how many of them assess others. */
  bulkPreview: regionProcedure("operator", "admin")
    .input(z.object({ unitId: id.min(1).nullish() }))
    .query(({ ctx, input }) => previewBulkAccounts(ctx.scope, input)),

  /** Starts a job making an account, with a one-time activation code, for everyone there who has none; answers at once. */
  bulkStart: regionProcedure("operator", "admin")
    .input(z.object({ unitId: id.min(1).nullish(), validDays: validDays.optional() }))
    .mutation(({ ctx, input }) => startBulkAccounts(ctx.scope, ctx.jobs, input)),

  /** A bulk-accounts job's progress (the region's latest without an id), and whether its hand-outs can still be downloaded. */
  bulkStatus: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id.min(1).optional() }))
    .query(({ ctx, input }) => bulkAccountsStatus(ctx.scope, input)),

  /** Forgets the job's activation codes held in clear for the hand-outs; the codes themselves stay valid. */
  discardHandouts: regionProcedure("operator", "admin")
    .input(z.object({ jobId: id.min(1) }))
    .mutation(({ ctx, input }) => discardHandouts(ctx.scope, input)),

  /** A new activation code for an account not yet activated; the old one stops working. Answered once. */
  regenerateActivationCode: regionProcedure("operator", "admin")
    .input(accountId.extend({ validDays: validDays.optional() }))
    .mutation(({ ctx, input }) => regenerateActivationCode(ctx.scope, input)),

  /** The signed-in person's own sessions: device, address, since when; which one this is. */
  sessions: protectedProcedure.query(({ ctx }) => listOwnSessions({ db: ctx.db, user: ctx.user, sessionId: ctx.session.id })),

  /** Ends one of the signed-in person's own sessions. */
  endSession: protectedProcedure.input(accountId).mutation(({ ctx, input }) => endOwnSession({ db: ctx.db, user: ctx.user, sessionId: ctx.session.id }, input)),
} satisfies TRPCRouterRecord;
