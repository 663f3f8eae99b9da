// The access matrix: every procedure of appRouter and every plain HTTP route, called by every role (and
// signed out), in the caller's own region, with another region's ids, and about a colleague the caller
// has nothing to do with. Who may is written once per procedure in RULES below; a procedure without a
// rule fails the suite. A refusal must come with the code the access policy gives it (UNAUTHORIZED signed
// out, FORBIDDEN for a role or a relation not allowed, NOT_FOUND for someone unrelated or another
// region's record) and change nothing; an allowed call may fail only for a business reason, and its
// answer names nobody the caller has no relation to. SQLite runs every case, PostgreSQL the refusals.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { ROLES, type Role } from "@kinerja/db";
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ZodError } from "zod";
import { handleDownloads } from "./http/downloads.js";
import { handleEvidence } from "./http/evidence.js";
import { handleConnectors } from "./http/connectors.js";
import { handleImports } from "./http/imports.js";
import type { HttpDeps } from "./http/session.js";
import { appRouter, type AppRouter } from "./root.js";
import { ALL_RELATIONS, systemScope, type Relation } from "./services/access/index.js";
import type { JobRunner } from "./services/cycles/index.js";
import { saveUnit, startBulkAccounts } from "./services/organisation/index.js";
import { seedBaselines } from "./services/rules/index.js";
import {
  CALLER_ROLES,
  createAccessWorld,
  RELATIONS,
  SUBJECTS_OF,
  type AccessWorld,
  type Stage,
  type Subject,
  type SubjectName,
} from "./testing/access-world.js";
import { createTestEnv, OPERATOR_EMAIL, type Caller, type TestEnv } from "./testing/env.js";

const ADMINS = ["operator", "admin"] as const satisfies readonly Role[];
const STAFF = ["operator", "admin", "assessor"] as const satisfies readonly Role[];
const PLAN_READERS = ["self", "assessor", "admin"] as const satisfies readonly Relation[];
const OWNER_OR_ADMIN = ["self", "admin"] as const satisfies readonly Relation[];
const REVIEWERS = ["assessor", "admin"] as const satisfies readonly Relation[];
const REASON = "Alasan tertulis untuk uji matriks akses";
/** A unit with nobody in it, in each region, over which a bulk-accounts job has run (see the suite's setup). */
const EMPTY_UNIT = "matriks-akun-kosong";
const bulkJobs = new Map<string, string>();
const bulkJobOf = (s: Subject): string => bulkJobs.get(s.regionId) ?? "job-belum-dibuat";

/**
 * Who may. By role alone unless the call is about one person (`relations`: how the caller must stand to
 * them) or a unit (`unit`: as to the people in it).
 */
interface Access {
  roles: readonly Role[];
  /** The relations to the person the call is about that are allowed; "anyone" for every person of the region. */
  relations?: readonly Relation[] | "anyone";
  /** About a unit: judged by `relations` to the people in it. Units are known to all, so no relation is FORBIDDEN. */
  unit?: true;
  /** A related person not allowed is told the record does not exist (the read filters them out), not FORBIDDEN. */
  hidden?: true;
  /** Where the relations allowed differ by the person the call is about: theirs instead of `relations`. */
  relationsAbout?: Partial<Record<SubjectName, readonly Relation[]>>;
  /** Not regional (no regionId). */
  national?: true;
}

/**
 * A procedure's access, and what a call sends: built from the subject's records, or, when it names nothing
 * of the region, the same every time (another region is then tried by naming it).
 */
interface Rule<I> extends Access {
  /** The cycle stage the call is made in (open unless said): the one the procedure acts in, or checks before the caller. */
  stage?: Stage;
  input: I | ((s: Subject, world: AccessWorld) => I | Promise<I>);
}

/** A plain HTTP route's access, and the request about a subject. */
interface Route extends Access {
  /** False for a route that names nothing of the region: another region is tried by naming it instead. */
  namesIds?: false;
  request(s: Subject): { method: "GET" | "POST"; path: string; body?: Buffer; headers?: Record<string, string> };
}

type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [R in keyof Inputs & string]: `${R}.${keyof Inputs[R] & string}` }[keyof Inputs & string];
type InputOf<P extends ProcedurePath> = P extends `${infer R extends keyof Inputs & string}.${infer N}` ? (N extends keyof Inputs[R] ? Inputs[R][N] : never) : never;

const RULES: { [P in ProcedurePath]: Rule<InputOf<P>> } = {
  "region.list": { roles: ROLES, national: true, input: undefined },
  "region.create": {
    roles: ["operator"],
    national: true,
    input: { id: "matriks-uji", name: "Wilayah Uji Matriks", admin: { name: "Admin Uji", email: "admin@matriks-uji.test", password: "sandi-uji-matriks" } },
  },
  "region.guidedStart": { roles: ADMINS, input: {} },

  "account.list": { roles: ADMINS, input: {} },
  "account.create": { roles: ADMINS, input: (s) => ({ role: "employee", nip: s.employee.nip, password: "sandi-uji-matriks" }) },
  "account.disable": { roles: ADMINS, input: (s) => ({ id: s.spareAccountId }) },
  "account.enable": { roles: ADMINS, input: (s) => ({ id: s.spareAccountId }) },
  "account.setTemporaryPassword": { roles: ADMINS, input: (s) => ({ id: s.spareAccountId, password: "sandi-sementara-uji" }) },
  "account.endSessions": { roles: ADMINS, input: (s) => ({ id: s.spareAccountId }) },
  "account.sessions": { roles: ROLES, national: true, input: undefined },
  "account.endSession": { roles: ROLES, national: true, relations: ["self"], hidden: true, input: (s) => ({ id: s.sessionId }) },
  "account.bulkPreview": { roles: ADMINS, input: { unitId: EMPTY_UNIT } },
  "account.bulkStart": { roles: ADMINS, input: { unitId: EMPTY_UNIT } },
  "account.bulkStatus": { roles: ADMINS, input: (s) => ({ jobId: bulkJobOf(s) }) },
  "account.discardHandouts": { roles: ADMINS, input: (s) => ({ jobId: bulkJobOf(s) }) },
  "account.regenerateActivationCode": { roles: ADMINS, input: (s) => ({ id: s.spareAccountId }) },

  "identityProvider.list": { roles: ADMINS, input: {} },
  "identityProvider.create": {
    roles: ADMINS,
    input: { name: "SSO Uji Matriks", discoveryUrl: "https://sso.matriks-uji.invalid/.well-known/openid-configuration", clientId: "matriks", clientSecret: "rahasia-matriks" },
  },
  "identityProvider.update": {
    roles: ADMINS,
    input: async (s, world) => {
      const made = await world.env.as(world.callers.operator).identityProvider.create({
        regionId: s.regionId,
        name: "SSO Uji Matriks",
        discoveryUrl: "https://sso.matriks-uji.invalid/.well-known/openid-configuration",
        clientId: "matriks",
        clientSecret: "rahasia-matriks",
      });
      return { id: made.id, name: made.name, discoveryUrl: made.discoveryUrl, clientId: made.clientId, enabled: false };
    },
  },
  "identityProvider.test": { roles: ADMINS, input: { discoveryUrl: "http://sso.matriks-uji.invalid/.well-known/openid-configuration" } },

  "integration.tokens": { roles: ADMINS, input: {} },
  "integration.createToken": { roles: ADMINS, input: { name: "Token uji matriks", scopes: ["results:read"] } },
  "integration.revokeToken": {
    roles: ADMINS,
    input: async (s, world) => {
      const made = await world.env.as(world.callers.operator).integration.createToken({ regionId: s.regionId, name: "Token uji matriks", scopes: ["cycles:read"] });
      return { id: made.id };
    },
  },
  "integration.webhooks": { roles: ADMINS, input: {} },
  "integration.registerWebhook": { roles: ADMINS, input: { url: "http://127.0.0.1:9/matriks", events: ["cycle.opened"] } },
  "integration.disableWebhook": {
    roles: ADMINS,
    input: async (s, world) => {
      const made = await world.env.as(world.callers.operator).integration.registerWebhook({ regionId: s.regionId, url: "http://127.0.0.1:9/matriks", events: ["cycle.opened"] });
      return { id: made.id };
    },
  },
  "integration.testWebhook": {
    roles: ADMINS,
    input: async (s, world) => {
      const made = await world.env.as(world.callers.operator).integration.registerWebhook({ regionId: s.regionId, url: "http://127.0.0.1:9/matriks", events: ["cycle.opened"] });
      return { id: made.id };
    },
  },
  "integration.deliveries": { roles: ADMINS, input: {} },
  "connector.list": { roles: ADMINS, input: {} },
  "connector.configure": { roles: ADMINS, input: { name: "attendance", enabled: false } },
  "connector.runs": { roles: ADMINS, input: { name: "attendance" } },
  "connector.schedules": { roles: ADMINS, input: undefined },
  "connector.setSchedule": { roles: ADMINS, input: { name: "attendance", on: false, everyMinutes: 60, anchor: "02:00" } },
  "connector.fetch": { roles: ADMINS, input: { name: "siasn" } },
  "connector.decide": { roles: ADMINS, input: { name: "attendance", jobId: "job-tanpa-tinjauan", decision: "discarded" } },
  "connector.siasnSend": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },
  "connector.siasnSubmissions": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },
  "connector.holidays": { roles: ADMINS, input: { year: 2025 } },
  "connector.setHolidays": { roles: ADMINS, input: { year: 2031, days: [] } },
  "connector.leave": { roles: ADMINS, input: { period: "2025-01" } },
  "connector.addLeave": { roles: ADMINS, relations: ["admin"], input: (s) => ({ nip: s.employee.nip, from: "2031-01-06", to: "2031-01-06", kind: "cuti" }) },
  "connector.attendance": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ employeeId: s.employee.id, period: "2025-01" }) },

  "unit.tree": { roles: ROLES, input: {} },
  "unit.save": { roles: ADMINS, input: { id: "matriks-uji", name: "Unit Uji Matriks" } },
  "unit.import": { roles: ADMINS, input: { content: "kode,nama\nmatriks-impor,Unit Impor Matriks\n" } },

  "employee.list": { roles: ROLES, input: {} },
  "employee.get": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ id: s.employee.id }) },
  "employee.update": { roles: ADMINS, relations: ["admin"], input: (s) => ({ id: s.employee.id, patch: { jabatan: s.employee.jabatan } }) },
  "employee.import": { roles: ADMINS, input: { format: "csv", content: "kolom_tidak_dikenal\nx\n" } },
  "employee.importHistory": { roles: ADMINS, input: { format: "csv", content: "kolom_tidak_dikenal\nx\n" } },
  "employee.importedHistory": { roles: ADMINS, input: (s) => ({ id: s.employee.id }) },
  "employee.importStatus": { roles: ADMINS, input: {} },

  "ruleSet.list": { roles: ROLES, input: {} },
  "ruleSet.get": { roles: ROLES, input: (s) => ({ id: s.ruleSetVersionId }) },
  "ruleSet.startFromBaseline": { roles: ADMINS, input: { baseline: "permenpanrb-6-2022" } },
  "ruleSet.validate": { roles: ADMINS, input: { content: {} } },
  "ruleSet.saveDraft": {
    roles: ADMINS,
    input: async (s, world) => {
      const draft = await world.env.as(world.callers.operator).ruleSet.get({ regionId: s.regionId, id: s.draftId });
      return { id: s.draftId, baseRevision: draft.revision, content: draft.content };
    },
  },
  "ruleSet.publish": {
    roles: ADMINS,
    input: async (s, world) => {
      const draft = await world.env.as(world.callers.operator).ruleSet.get({ regionId: s.regionId, id: s.draftId });
      return { id: s.draftId, revision: draft.revision };
    },
  },
  "ruleSet.diff": { roles: ADMINS, input: (s) => ({ fromId: s.ruleSetVersionId, toId: s.draftId }) },
  "ruleSet.diffContent": { roles: ADMINS, input: (s) => ({ id: s.draftId, content: {} }) },
  "ruleSet.whatIf": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, ruleSetVersionId: s.ruleSetVersionId }) },
  "ruleSet.baselineStatus": { roles: ADMINS, input: {} },
  "ruleSet.moveToBaseline": { roles: ADMINS, input: { version: 1 } },

  "baseline.list": { roles: ADMINS, national: true, input: undefined },
  "baseline.get": { roles: ADMINS, national: true, input: { baselineId: "permenpanrb-6-2022", version: 1 } },
  "baseline.diff": { roles: ADMINS, national: true, input: { baselineId: "permenpanrb-6-2022", fromVersion: 1, toVersion: 1 } },
  "baseline.audit": { roles: ["operator"], national: true, input: { baselineId: "permenpanrb-6-2022" } },
  "baseline.publish": { roles: ["operator"], national: true, input: { baselineId: "uji-matriks", content: {}, note: "Uji matriks akses" } },

  "cycle.list": { roles: ROLES, input: {} },
  "cycle.get": { roles: ROLES, input: (s) => ({ id: s.cycleId }) },
  "cycle.create": { roles: ADMINS, input: { name: "Siklus Uji Matriks", periodKind: "annual", periodLabel: "2026" } },
  "cycle.open": { roles: ADMINS, input: (s) => ({ id: s.cycleId }) },
  "cycle.close": { roles: ADMINS, input: (s) => ({ id: s.cycleId }) },
  "cycle.progress": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "cycle.scope": { roles: ROLES, input: (s) => ({ id: s.cycleId }) },
  "cycle.setUnits": { roles: ADMINS, input: (s) => ({ id: s.cycleId, unitIds: [] }) },
  "cycle.setUnitPredikat": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, unitId: s.employee.unitId, predikat: "baik" }) },
  "cycle.run": { roles: ADMINS, input: (s) => ({ id: s.cycleId, reason: REASON }) },
  "cycle.runStatus": { roles: ADMINS, input: (s) => ({ jobId: s.jobId }) },
  "cycle.onRunProgress": { roles: ADMINS, input: (s) => ({ jobId: s.jobId }) },
  "cycle.runs": { roles: ADMINS, input: (s) => ({ id: s.cycleId }) },

  "assessment.list": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "assessment.form": { roles: ROLES, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, source: "supervisor" }) },
  "assessment.save": { roles: ROLES, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, source: "supervisor", ratings: {} }) },
  "assessment.submit": { roles: ROLES, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, source: "supervisor", ratings: {} }) },
  "assessment.reopen": { roles: ROLES, relations: REVIEWERS, input: (s) => ({ assessmentId: s.sheetId, reason: REASON }) },
  "assessment.feedback": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "assessment.tasks": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "assessment.peers": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "assessment.setPeers": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, peerIds: [] }) },
  "assessment.assignPeers": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, unitId: EMPTY_UNIT }) },
  "assessment.peerJob": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },
  "assessment.lackingPeers": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },
  "assessment.peerAssignments": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, peerId: s.employee.id }) },
  "assessment.swapPeers": {
    roles: ADMINS,
    input: (s) => ({ cycleId: s.cycleId, assignments: [{ employeeId: s.employee.id, peerId: s.employee.id }], newPeerId: s.employee.id, reason: REASON }),
  },
  "assessment.deadlines": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "assessment.setDeadline": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, source: "supervisor", dueDate: "2025-12-15" }) },
  "assessment.reminders": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },

  "result.list": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "result.get": { roles: ROLES, relations: PLAN_READERS, hidden: true, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "result.distribution": { roles: STAFF, input: (s) => ({ cycleId: s.cycleId }) },
  "result.judgeYear": {
    roles: ["admin", "assessor"],
    relations: REVIEWERS,
    stage: "evaluated",
    input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, predikat: "baik", reason: REASON }),
  },

  "audit.list": { roles: ADMINS, input: {} },

  "plan.get": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ id: s.planId }) },
  "plan.list": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "plan.create": { roles: ROLES, relations: OWNER_OR_ADMIN, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "plan.save": { roles: ROLES, relations: OWNER_OR_ADMIN, input: (s) => ({ id: s.planId, rhk: [s.rhk] }) },
  "plan.link": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ rhkId: s.rhkId, parentRhkId: null }) },
  "plan.submit": { roles: ROLES, relations: OWNER_OR_ADMIN, input: (s) => ({ id: s.planId }) },
  "plan.approve": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ id: s.planId }) },
  "plan.requestRevision": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ id: s.planId, note: REASON }) },
  "plan.reject": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ id: s.planId, reason: REASON }) },
  "plan.waiting": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId, on: "approval" }) },

  "workEntry.create": {
    roles: ROLES,
    relations: OWNER_OR_ADMIN,
    input: (s) => ({ ikiId: s.ikiId, workDate: "2025-03-03", description: "Berkas diselesaikan", quantity: 1 }),
  },
  "workEntry.update": { roles: ROLES, relations: OWNER_OR_ADMIN, input: (s) => ({ id: s.entryId, quantity: 3 }) },
  "workEntry.confirm": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ id: s.entryId }) },
  "workEntry.return": { roles: STAFF, relations: REVIEWERS, input: (s) => ({ id: s.entryId, note: REASON }) },
  "workEntry.get": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ id: s.entryId }) },
  "workEntry.list": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "workEntry.progress": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  // Each call removes a file stored just before it, so every allowed caller finds one.
  "workEntry.removeEvidence": { roles: ROLES, relations: OWNER_OR_ADMIN, input: async (s, world) => ({ evidenceId: await world.storeEvidence(s) }) },

  // Continuous feedback is open to anyone in the region; writing in a thread makes its author a reader of it.
  "feedback.post": { roles: ROLES, relations: "anyone", input: (s) => ({ workEntryId: s.threadEntryId, kind: "feedback", body: "Masukan untuk uji matriks" }) },
  "feedback.list": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ workEntryId: s.entryId }) },
  "feedback.inbox": { roles: ROLES, input: {} },

  "dialogue.record": {
    roles: ROLES,
    relations: PLAN_READERS,
    input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, heldOn: "2025-04-01", topic: "Pembinaan", agreedActions: [] }),
  },
  "dialogue.rate": { roles: ROLES, relations: ["self"], input: (s) => ({ id: s.dialogueId, usefulness: 4 }) },
  "dialogue.listForEmployee": { roles: ROLES, relations: PLAN_READERS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },

  "forum.view": { roles: STAFF, unit: true, relations: REVIEWERS, input: (s) => ({ cycleId: s.cycleId, unitId: s.employee.unitId }) },
  "forum.adjust": {
    roles: STAFF,
    relations: REVIEWERS,
    stage: "evaluated",
    input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id, predikat: "baik", reason: REASON }),
  },
  "forum.record": {
    roles: STAFF,
    unit: true,
    relations: REVIEWERS,
    stage: "evaluated",
    input: (s) => ({ cycleId: s.cycleId, unitId: s.employee.unitId, heldOn: "2026-01-10", memberNips: [] }),
  },
  // A session with no members: only the admin reads it; an admin enters a view in a member's name, and the
  // one named is no member (BAD_REQUEST). Anyone else is told the session does not exist.
  "forum.session": { roles: ROLES, relations: ["admin"], hidden: true, input: (s) => ({ sessionId: s.forumSessionId }) },
  "forum.recordView": {
    roles: ROLES,
    relations: ["admin"],
    hidden: true,
    stage: "evaluated",
    input: (s) => ({ sessionId: s.forumSessionId, employeeId: s.employee.id, view: "Pandangan anggota untuk uji matriks", memberNip: s.employee.nip }),
  },
  "forum.memberSessions": { roles: ROLES, input: {} },
  "forum.adjustments": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ cycleId: s.cycleId, employeeId: s.employee.id }) },
  "forum.proposals": { roles: ADMINS, stage: "evaluated", input: (s) => ({ cycleId: s.cycleId }) },
  // Proposals are read on a result version; one that is not the current one is refused as stale (CONFLICT).
  "forum.calibrate": {
    roles: ADMINS,
    stage: "evaluated",
    input: (s) => ({ cycleId: s.cycleId, runId: "versi-lama", unitIds: [s.employee.unitId], reason: REASON, decisions: [] }),
  },
  "forum.calibrations": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },

  "appeal.submit": { roles: ["assessor", "employee"], stage: "finalised", input: (s) => ({ cycleId: s.cycleId, reason: REASON }) },
  // The assessor's superior decides while they hold an assessor's account: the grand-report's superior is
  // the signed-in assessor. Every other appeal's superior has none (S, Z) or is only an employee (M), so the
  // rule file's fallback, the region's admin, decides it instead.
  "appeal.decide": {
    roles: ROLES,
    relations: ["atasan"],
    relationsAbout: { assessor: ["admin"], report: ["admin"], greatGrandReport: ["admin"], unrelated: ["admin"] },
    input: (s) => ({ appealId: s.appealId, decision: "reject", reason: REASON }),
  },
  "appeal.get": { roles: ROLES, relations: ALL_RELATIONS, input: (s) => ({ id: s.appealId }) },
  "appeal.mine": { roles: ROLES, input: {} },
  "appeal.inbox": { roles: ROLES, input: {} },

  "followUp.summary": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },
  "followUp.list": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId, type: "angka_kredit" }) },
  "followUp.training": { roles: ROLES, input: (s) => ({ cycleId: s.cycleId }) },

  "raterQuality.raters": { roles: ADMINS, input: (s) => ({ cycleId: s.cycleId }) },

  // One's own notifications: every signed-in person, about themself only.
  "notification.inbox": { roles: ROLES, national: true, input: {} },
  "notification.unreadCount": { roles: ROLES, national: true, input: undefined },
  "notification.markRead": { roles: ROLES, national: true, input: {} },
  "notification.preference": { roles: ROLES, national: true, input: undefined },
  "notification.setPreference": { roles: ROLES, national: true, input: { email: true, digest: false } },
  "notification.templates": { roles: ADMINS, input: {} },
  "notification.previewTemplate": { roles: ADMINS, input: { kind: "plan_submitted", subject: "SKP {{nama_pegawai}}", body: "Isi {{tautan}}" } },
  "notification.saveTemplate": { roles: ADMINS, input: { kind: "plan_submitted", subject: "SKP {{nama_pegawai}}", body: "Isi {{tautan}}" } },
  "notification.resetTemplate": { roles: ADMINS, input: { kind: "plan_submitted" } },
  "notification.outbox": { roles: ADMINS, input: {} },
  "notification.resend": { roles: ADMINS, input: { ids: ["tidak-ada"] } },
  "notification.schedule": { roles: ROLES, input: {} },
  "notification.setSchedule": { roles: ADMINS, input: { daysBefore: [3, 1], daysAfter: [1, 3] } },
};

const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

/** The plain HTTP routes (http/downloads.ts, http/evidence.ts, http/imports.ts), keyed as their modules' first lines document them. */
const ROUTES: Record<string, Route> = {
  "GET /export/cycles/:cycleId/results.{xlsx,csv}": { roles: ROLES, request: (s) => ({ method: "GET", path: `/export/cycles/${s.cycleId}/results.csv` }) },
  "GET /export/cycles/:cycleId/follow-up/:type.{xlsx,csv}": {
    roles: ROLES,
    request: (s) => ({ method: "GET", path: `/export/cycles/${s.cycleId}/follow-up/angka_kredit.csv` }),
  },
  "GET /documents/cycles/:cycleId/employees/:nip.pdf": {
    roles: ROLES,
    relations: ALL_RELATIONS,
    request: (s) => ({ method: "GET", path: `/documents/cycles/${s.cycleId}/employees/${s.employee.nip}.pdf` }),
  },
  "GET /documents/cycles/:cycleId/units/:unitId.pdf": {
    roles: ADMINS,
    request: (s) => ({ method: "GET", path: `/documents/cycles/${s.cycleId}/units/${s.employee.unitId}.pdf` }),
  },
  "POST /evidence/work-entries/:entryId": {
    roles: ROLES,
    relations: OWNER_OR_ADMIN,
    request: (s) => ({
      method: "POST",
      path: `/evidence/work-entries/${s.entryId}`,
      body: PDF,
      headers: { "content-type": "application/octet-stream", "x-filename": "bukti-http.pdf" },
    }),
  },
  "GET /downloads/account-jobs/:jobId/activation-letters.pdf": {
    roles: ADMINS,
    request: (s) => ({ method: "GET", path: `/downloads/account-jobs/${bulkJobOf(s)}/activation-letters.pdf` }),
  },
  "GET /downloads/account-jobs/:jobId/activation-codes.csv": {
    roles: ADMINS,
    request: (s) => ({ method: "GET", path: `/downloads/account-jobs/${bulkJobOf(s)}/activation-codes.csv` }),
  },
  "GET /evidence/files/:evidenceId": { roles: ROLES, relations: PLAN_READERS, request: (s) => ({ method: "GET", path: `/evidence/files/${s.evidenceId}` }) },
  "GET /connectors/:name/export/:cycleId.{xlsx,csv,json}": { roles: ADMINS, request: (s) => ({ method: "GET", path: `/connectors/payroll/export/${s.cycleId}.csv` }) },
  "GET /connectors/:name/template.{xlsx,csv}": { roles: ADMINS, namesIds: false, request: () => ({ method: "GET", path: "/connectors/worklogs/template.csv" }) },
  "POST /connectors/:name/run.:format": {
    roles: ADMINS,
    namesIds: false,
    request: () => ({ method: "POST", path: "/connectors/attendance/run.attlog?period=2025-01", body: Buffer.from("1\t2025-01-06 07:30:00\n"), headers: { "content-type": "text/plain" } }),
  },
  "POST /import/employees.{csv,xlsx}": {
    roles: ADMINS,
    namesIds: false,
    request: () => ({ method: "POST", path: "/import/employees.csv", body: Buffer.from("kolom_tidak_dikenal\nx\n"), headers: { "content-type": "text/csv" } }),
  },
};

/** The codes the access policy refuses with. */
type Refusal = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
/** What a case must come to: allowed, or refused with this code. */
type Expected = "allowed" | Refusal;
/** Whom the call is about: a subject, or (for an input naming nothing of the region) another region named by its id. */
type Target = SubjectName | "namedRegion";

interface Case {
  role: Role | null;
  target: Target;
  expected: Expected;
}

const isRefusal = (c: Case): c is Case & { expected: Refusal } => c.expected !== "allowed";

/** Codes an allowed call may still fail with: the business said no, not the access policy. */
const BUSINESS_CODES = ["BAD_REQUEST", "CONFLICT", "PRECONDITION_FAILED"];

function expectedOf(rule: Access, role: Role | null, target: Target): Expected {
  if (role === null) return "UNAUTHORIZED";
  if (!rule.roles.includes(role)) return "FORBIDDEN";
  if (target === "namedRegion") return "FORBIDDEN";
  if (target === "otherRegion") return "NOT_FOUND";
  const relations = rule.relationsAbout?.[target] ?? rule.relations;
  if (!relations || relations === "anyone") return "allowed";
  const relation = RELATIONS[role][target];
  if (!relation) return rule.unit ? "FORBIDDEN" : "NOT_FOUND";
  if (relations.includes(relation)) return "allowed";
  return rule.hidden ? "NOT_FOUND" : "FORBIDDEN";
}

/** The targets a role is tried on: every subject it stands in some relation to, the unrelated colleague and another region. */
function targetsOf(access: Access, role: Role | null, namesIds: boolean): Target[] {
  if (role === null) return ["report"];
  if (access.relations && !access.unit) return [...SUBJECTS_OF[role]];
  if (access.unit) return ["report", "unrelated", "otherRegion"];
  if (access.national) return ["report"];
  // By role and region: another region by its ids, or by naming it, which only an operator may.
  if (namesIds) return ["report", "otherRegion"];
  return role === "operator" ? ["report"] : ["report", "namedRegion"];
}

/** Every role (and signed out) on every target its access is tried on, with what each must come to. */
function casesOf(access: Access, namesIds: boolean): Case[] {
  return [null, ...CALLER_ROLES].flatMap((role) => targetsOf(access, role, namesIds).map((target) => ({ role, target, expected: expectedOf(access, role, target) })));
}

/** The people a caller has no relation to: no answer may name them. */
function strangersOf(role: Role): SubjectName[] {
  return SUBJECTS_OF[role].filter((subject) => !RELATIONS[role][subject]);
}

/** How a case reads in a report: whom it is about, and how the caller stands to them. */
function describeCase(path: string, role: Role | null, target: Target): string {
  const who = role ?? "signed out";
  if (target === "namedRegion") return `${path} as ${who}, naming another region`;
  if (target === "otherRegion") return `${path} as ${who}, with another region's ids`;
  const relation = role ? (RELATIONS[role][target] ?? "no relation") : "no session";
  return `${path} as ${who} about ${target} (${relation})`;
}

/** The tables (and their latest change) that differ between two reads of the database. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after }).filter((key) => before[key] !== after[key]);
}

type Procedure = (input: unknown) => Promise<unknown>;

function procedureOf(caller: Caller, path: string): Procedure {
  return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as Procedure;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

interface Answer {
  code: string | null;
  message: string;
  badInput: boolean;
  /** What an allowed call answered, as JSON. */
  json: string;
}

async function attempt(caller: Caller, path: string, input: unknown): Promise<Answer> {
  try {
    const result = await procedureOf(caller, path)(input);
    // A subscription checks its input as it runs: read it to its end.
    const updates: unknown[] = [];
    if (isAsyncIterable(result)) for await (const update of result) updates.push(update);
    return { code: null, message: "", badInput: false, json: JSON.stringify(isAsyncIterable(result) ? updates : result) ?? "" };
  } catch (error) {
    // Anything but a TRPCError escaped the API's error handling: a client would read it as a server fault.
    if (!(error instanceof TRPCError)) return { code: "INTERNAL_SERVER_ERROR", message: `${String(error)} escaped as is`, badInput: false, json: "" };
    return { code: error.code, message: error.message, badInput: error.cause instanceof ZodError, json: "" };
  }
}

/** The input as the caller sends it: operators name the region they act in, and a named region is named. */
function sent(rule: Rule<unknown>, input: unknown, role: Role | null, target: Target): unknown {
  if (rule.national) return input;
  if (target === "namedRegion") return { ...(input as object), regionId: "pariaman" };
  if (role === "operator") return { ...(input as object), regionId: "binjai" };
  return input;
}

/** What a run tried: procedures or routes, cases, and of those the refusals. */
interface Tally {
  entries: number;
  cases: number;
  refusals: number;
}

const HTTP_STATUS: Record<Refusal, number> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };
/** Statuses an allowed request may still answer with: the business said no (400, 409, 412), not the access policy. */
const BUSINESS_STATUSES = [400, 409, 412];

/** The download and evidence routes on a real HTTP server on loopback, as apps/server mounts them. */
async function listen(deps: HttpDeps & { jobs: JobRunner }): Promise<{ base: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (await handleDownloads(req, res, deps)) return;
        if (await handleEvidence(req, res, deps)) return;
        if (await handleImports(req, res, deps)) return;
        if (await handleConnectors(req, res, deps)) return;
        res.writeHead(404).end();
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Text answers are searched for people the caller has no relation to; spreadsheets and PDFs are compressed. */
function isText(response: Response): boolean {
  return /^(text\/|application\/json)/.test(response.headers.get("content-type") ?? "");
}

describe.each(inject("dialects"))("access matrix on %s", (dialect) => {
  // PostgreSQL tries the refusals only, SQLite every case: in full, each takes more than a minute on a busy
  // machine, and the refusals are where a dialect's queries (the region and relation filters) decide.
  const allowedToo = dialect === "sqlite";
  let env: TestEnv;
  let world: AccessWorld;
  const trpc: Tally = { entries: 0, cases: 0, refusals: 0 };
  const http: Tally = { entries: 0, cases: 0, refusals: 0 };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    world = await createAccessWorld(env);
    await seedBaselines(env.database.db, { id: null, name: "Uji matriks akses", role: "operator" });
  }, 600_000);
  // A bulk-accounts job in each region, over a unit with nobody in it: the calls and routes that name a job name it.
  beforeAll(async () => {
    for (const regionId of ["binjai", "pariaman"]) {
      const scope = systemScope(env.database.db, regionId, { id: null, name: "Uji matriks akses", role: "operator" });
      await saveUnit(scope, { id: EMPTY_UNIT, name: "Unit Kosong Uji Akun", parentId: null, type: null });
      bulkJobs.set(regionId, (await startBulkAccounts(scope, env.jobs, { unitId: EMPTY_UNIT })).jobId);
    }
    await env.jobs.idle();
  });
  afterAll(async () => {
    console.log(
      `[access matrix, ${dialect}${allowedToo ? "" : ", refusals only"}] ` +
        `tRPC: ${trpc.entries} procedures × ${CALLER_ROLES.length + 1} roles, ${trpc.cases} cases, ${trpc.refusals} refusals verified; ` +
        `HTTP: ${http.entries} routes × ${CALLER_ROLES.length + 1} roles, ${http.cases} cases, ${http.refusals} refusals verified`,
    );
    await env?.dispose();
  });

  /** Who calls in a case: a session user for tRPC (null signed out). */
  const userOf = (role: Role | null) => (role ? world.callers[role] : null);

  it("has a rule for every procedure of appRouter and none for a procedure it does not have", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(RULES).sort()).toEqual(procedures);
  });

  it("has a rule for every plain HTTP route the download, evidence and import modules document", () => {
    const documented = ["./http/downloads.ts", "./http/evidence.ts", "./http/imports.ts", "./http/connectors.ts"].flatMap((file) =>
      [...readFileSync(new URL(file, import.meta.url), "utf8").matchAll(/^\/\/\s+(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s[]+)/gm)].map(([, method, path]) => `${method} ${path}`),
    );
    expect(Object.keys(ROUTES).sort()).toEqual(documented.sort());
  });

  it("refuses and allows every procedure as its rule says, for every role, in its own region, another region, and about an unrelated colleague", async () => {
    const problems: string[] = [];
    for (const [path, rule] of Object.entries(RULES) as Array<[string, Rule<unknown>]>) {
      await world.stage(rule.stage ?? "open");
      const cases = casesOf(rule, typeof rule.input === "function");
      // Refusals first, so that what an allowed call changes cannot make a refusal pass; their inputs are
      // built before the database is read, as building one may store something (an evidence file).
      const refusals = [];
      for (const c of cases.filter(isRefusal)) refusals.push({ ...c, call: await prepare(path, rule, c.role, c.target) });
      const before = await world.state();
      for (const { expected, call } of refusals) {
        const answer = await attempt(env.as(call.user), path, call.input);
        trpc.cases++;
        trpc.refusals++;
        if (answer.badInput) problems.push(`${call.label}: the input does not pass validation (${answer.message})`);
        else if (answer.code !== expected) problems.push(`${call.label}: expected ${expected}, got ${answer.code ?? "success"} (${answer.message})`);
      }
      const changed = changesBetween(before, await world.state());
      if (changed.length > 0) problems.push(`${path}: refused ${refusals.length} times, yet the database changed (${changed.join(", ")})`);

      for (const { role, target } of allowedToo ? cases.filter((c) => c.expected === "allowed") : []) {
        const call = await prepare(path, rule, role, target);
        const answer = await attempt(env.as(call.user), path, call.input);
        trpc.cases++;
        if (answer.badInput) problems.push(`${call.label}: the input does not pass validation (${answer.message})`);
        else if (answer.code !== null && !BUSINESS_CODES.includes(answer.code)) problems.push(`${call.label}: expected allowed, got ${answer.code} (${answer.message})`);
        problems.push(...strangersNamed(call.label, role, answer.json));
        await env.jobs.idle();
      }
      trpc.entries++;
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it("applies the same access to the plain HTTP routes: exports, documents and evidence", async () => {
    await world.stage("open");
    const server = await listen({ db: env.database.db, auth: world.auth, jobs: env.jobs });
    const logins = {
      operator: { email: OPERATOR_EMAIL },
      admin: { email: world.callers.admin.email },
      assessor: { nip: world.callers.assessor.username as string },
      employee: { nip: world.callers.employee.username as string },
    };
    const cookies = new Map<Role, string>();
    for (const role of CALLER_ROLES) cookies.set(role, await world.signIn(logins[role]));
    /** The route's request about the target, as the role sends it (operators name the region they act in). */
    async function send(name: string, route: Route, role: Role | null, target: Target) {
      const { method, path, body, headers } = route.request(world.subjects[target === "namedRegion" ? "otherRegion" : target]);
      const region = target === "namedRegion" ? "pariaman" : role === "operator" ? "binjai" : null;
      const response = await fetch(`${server.base}${region ? `${path}${path.includes("?") ? "&" : "?"}regionId=${region}` : path}`, {
        method,
        headers: { ...headers, ...(role ? { cookie: cookies.get(role) as string } : {}) },
        ...(body ? { body: new Uint8Array(body) } : {}),
      });
      const answer = Buffer.from(await response.arrayBuffer());
      return { label: describeCase(name, role, target), status: response.status, text: isText(response) ? answer.toString("utf8") : "" };
    }
    const problems: string[] = [];
    try {
      for (const [name, route] of Object.entries(ROUTES)) {
        const cases = casesOf(route, route.namesIds ?? true);
        const refusals = cases.filter(isRefusal);
        const before = await world.state();
        for (const { role, target, expected } of refusals) {
          const { label, status, text } = await send(name, route, role, target);
          http.cases++;
          http.refusals++;
          if (status !== HTTP_STATUS[expected]) problems.push(`${label}: expected HTTP ${HTTP_STATUS[expected]}, got ${status} ${text}`);
        }
        const changed = changesBetween(before, await world.state());
        if (changed.length > 0) problems.push(`${name}: refused ${refusals.length} times, yet the database changed (${changed.join(", ")})`);
        for (const { role, target } of allowedToo ? cases.filter((c) => c.expected === "allowed") : []) {
          const { label, status, text } = await send(name, route, role, target);
          http.cases++;
          if (status >= 300 && !BUSINESS_STATUSES.includes(status)) problems.push(`${label}: expected allowed, got HTTP ${status} ${text}`);
          problems.push(...strangersNamed(label, role, text));
        }
        http.entries++;
      }
    } finally {
      await server.close();
    }
    expect(problems).toEqual([]);
  });

  /** A case as it is sent: who calls, with what input, and how the case reads in a report. */
  async function prepare(path: string, rule: Rule<unknown>, role: Role | null, target: Target) {
    const subject = world.subjects[target === "namedRegion" ? "otherRegion" : target];
    const built = typeof rule.input === "function" ? await (rule.input as (s: Subject, w: AccessWorld) => unknown)(subject, world) : rule.input;
    return { user: userOf(role), input: sent(rule, built, role, target), label: describeCase(path, role, target) };
  }

  /** Problems where an answer to a caller names someone the caller has no relation to. */
  function strangersNamed(label: string, role: Role | null, answer: string): string[] {
    return (role ? strangersOf(role) : [])
      .filter((stranger) => answer.includes(world.subjects[stranger].employee.id) || answer.includes(world.subjects[stranger].employee.nip))
      .map((stranger) => `${label}: the answer names ${stranger}, whom the caller has no relation to`);
  }
});
