// Every router, asked by users of one region for another region's data by id: refused (FORBIDDEN when
// they name the other region, NOT_FOUND when they pass its ids), and the other region is left untouched.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "./auth.js";
import { newId, now } from "@kinerja/db";
import { scopeIn } from "./services/access/index.js";
import { storeEvidence } from "./services/planning/index.js";
import { createOperator, createTestEnv, seedRegion, type Caller, type SeededRegion, type TestEnv } from "./testing/env.js";

type Attempt = [name: string, call: (caller: Caller) => Promise<unknown>];

describe.each(inject("dialects"))("region isolation on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  let binjai: SeededRegion;
  let pariaman: SeededRegion;
  let pariamanDraftId: string;
  let pariamanJobId: string;
  let pariamanUnitId: string;
  /** Pariaman's plan, work entry, evidence, feedback and dialogue. */
  let pariamanWork: { planId: string; rhkId: string; ikiId: string; entryId: string; evidenceId: string; feedbackId: string; dialogueId: string };
  /** Pariaman's assessment workflow: a sheet, an appeal (and a forum adjustment and session, found by state). */
  let pariamanAssessment: { sheetId: string; appealId: string };

  /** Everything of Pariaman's, row by row, to prove nothing changed. */
  async function pariamanState(): Promise<unknown> {
    const { db } = env.database;
    const tables = [
      "units",
      "employees",
      "rule_set_versions",
      "cycles",
      "assessments",
      "result_runs",
      "results",
      "jobs",
      "audit_log",
      "plans",
      "plan_reviews",
      "plan_rhk",
      "plan_iki",
      "work_entries",
      "evidence_files",
      "feedback",
      "dialogues",
      "cycle_units",
      "assessment_deadlines",
      "peer_assignments",
      "assessment_reopenings",
      "appeals",
      "predikat_adjustments",
      "forum_sessions",
    ] as const;
    const state: Record<string, unknown> = {};
    for (const table of tables) {
      state[table] = await db.selectFrom(table).selectAll().where("region_id", "=", "pariaman").orderBy("region_id").execute();
    }
    return JSON.parse(JSON.stringify(state, (_k, v: unknown) => v));
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    binjai = await seedRegion(env, "binjai", 12);
    pariaman = await seedRegion(env, "pariaman", 12);
    const asPariaman = env.as(pariaman.admin);
    const current = await asPariaman.ruleSet.get({ id: pariaman.ruleSetVersionId });
    pariamanDraftId = (await asPariaman.ruleSet.saveDraft({ content: current.content })).version.id;
    pariamanJobId = (await asPariaman.cycle.run({ id: pariaman.cycleId })).jobId;
    await env.jobs.idle();
    pariamanUnitId = (await asPariaman.unit.tree())[0]?.id ?? "";
    const pariamanEmployee = env.as(pariaman.employee);
    const plan = await pariamanEmployee.plan.create({ cycleId: pariaman.cycleId });
    const saved = await pariamanEmployee.plan.save({
      id: plan.id,
      rhk: [{ kind: "utama", text: "Layanan", indicators: [{ text: "Berkas", target: 10, satuan: "berkas", indicatorId: "capaian_rhk" }] }],
    });
    await pariamanEmployee.plan.submit({ id: plan.id });
    await env.as(pariaman.assessor).plan.approve({ id: plan.id });
    const ikiId = saved.rhk[0]!.indicators[0]!.id;
    const entry = await pariamanEmployee.workEntry.create({ ikiId, workDate: "2025-02-03", description: "Berkas", quantity: 2 });
    const evidence = await storeEvidence(await scopeIn(env.database.db, pariaman.employee, "pariaman"), {
      workEntryId: entry.id,
      filename: "bukti.pdf",
      content: Buffer.from("%PDF-1.7\n"),
    });
    const feedback = await pariamanEmployee.feedback.post({ workEntryId: entry.id, kind: "request", body: "Mohon masukan" });
    const dialogue = await env.as(pariaman.assessor).dialogue.record({
      cycleId: pariaman.cycleId,
      employeeId: pariaman.report.id,
      heldOn: "2025-03-01",
      topic: "Pembinaan",
      agreedActions: [],
    });
    pariamanWork = {
      planId: plan.id,
      rhkId: saved.rhk[0]!.id,
      ikiId,
      entryId: entry.id,
      evidenceId: evidence.id,
      feedbackId: feedback.id,
      dialogueId: dialogue.id,
    };
  });
  afterAll(() => env?.dispose());

  // Pariaman's assessment workflow rows: a forum adjustment and session through the API, a deadline, peers,
  // a reopening and an appeal written straight in (the cycle is already evaluated, past those steps).
  beforeAll(async () => {
    const { db } = env.database;
    const asPariaman = env.as(pariaman.admin);
    const pariamanRow = (table: "employees" | "assessments", column: "id" | "employee_id", value: string) =>
      db.selectFrom(table).selectAll().where("region_id", "=", "pariaman").where(column, "=", value).executeTakeFirstOrThrow();
    const reportRow = await pariamanRow("employees", "id", pariaman.report.id);
    const view = await asPariaman.forum.view({ cycleId: pariaman.cycleId, unitId: (reportRow as { unit_id: string }).unit_id });
    const report = view.employees.find((e) => e.employeeId === pariaman.report.id)!;
    const to = report.allowedPredikat.find((p) => p !== report.predikat)!;
    await asPariaman.forum.adjust({ cycleId: pariaman.cycleId, employeeId: pariaman.report.id, predikat: to, reason: "Forum evaluasi Pariaman menyesuaikan" });
    await asPariaman.forum.record({ cycleId: pariaman.cycleId, unitId: view.unit.id, heldOn: "2026-01-10", memberNips: [pariaman.assessor.username!] });
    const sheet = await pariamanRow("assessments", "employee_id", pariaman.report.id);
    const colleague = await db
      .selectFrom("employees")
      .select("id")
      .where("region_id", "=", "pariaman")
      .where("id", "!=", pariaman.report.id)
      .executeTakeFirstOrThrow();
    const cycle = await asPariaman.cycle.get({ id: pariaman.cycleId });
    const at = now();
    const appealId = newId();
    await db
      .insertInto("assessment_deadlines")
      .values({ region_id: "pariaman", cycle_id: pariaman.cycleId, source: "supervisor", due_date: "2025-12-15", set_by: null, updated_at: at })
      .execute();
    await db
      .insertInto("peer_assignments")
      .values({ region_id: "pariaman", cycle_id: pariaman.cycleId, employee_id: pariaman.report.id, peer_employee_id: colleague.id, assigned_by: null, created_at: at })
      .execute();
    await db
      .insertInto("assessment_reopenings")
      .values({ region_id: "pariaman", id: newId(), assessment_id: sheet.id, reason: "uji", actor_id: null, actor_name: "uji", at })
      .execute();
    await db
      .insertInto("appeals")
      .values({
        region_id: "pariaman",
        id: appealId,
        cycle_id: pariaman.cycleId,
        employee_id: pariaman.report.id,
        run_id: cycle.currentRunId!,
        predikat: to,
        reason: "Keberatan uji",
        status: "submitted",
        assessor_nip: pariaman.assessor.username,
        decider_nip: null,
        submitted_by: null,
        submitted_at: at,
        decided_by: null,
        decided_by_name: null,
        decided_at: null,
        decision_reason: null,
        new_predikat: null,
        result_run_id: null,
      })
      .execute();
    pariamanAssessment = { sheetId: sheet.id, appealId };
  });

  /** The assessment workflow's procedures, with Pariaman's ids. */
  function workflowAttemptsWithPariamanIds(): Attempt[] {
    const p = pariaman;
    const pa = pariamanAssessment;
    const cycleId = p.cycleId;
    const employeeId = p.report.id;
    const reason = "Alasan yang cukup panjang";
    return [
      ["assessment.form", (c) => c.assessment.form({ cycleId, employeeId, source: "supervisor" })],
      ["assessment.save", (c) => c.assessment.save({ cycleId, employeeId, source: "supervisor", ratings: {} })],
      ["assessment.reopen", (c) => c.assessment.reopen({ assessmentId: pa.sheetId, reason })],
      ["assessment.feedback", (c) => c.assessment.feedback({ cycleId, employeeId })],
      ["assessment.tasks", (c) => c.assessment.tasks({ cycleId })],
      ["assessment.peers", (c) => c.assessment.peers({ cycleId, employeeId })],
      ["assessment.setPeers", (c) => c.assessment.setPeers({ cycleId, employeeId, peerIds: [] })],
      ["assessment.deadlines", (c) => c.assessment.deadlines({ cycleId })],
      ["assessment.setDeadline", (c) => c.assessment.setDeadline({ cycleId, source: "supervisor", dueDate: "2025-12-31" })],
      ["assessment.reminders", (c) => c.assessment.reminders({ cycleId })],
      ["cycle.scope", (c) => c.cycle.scope({ id: cycleId })],
      ["cycle.progress", (c) => c.cycle.progress({ cycleId })],
      ["cycle.setUnits", (c) => c.cycle.setUnits({ id: cycleId, unitIds: [] })],
      ["forum.view", (c) => c.forum.view({ cycleId, unitId: pariamanUnitId })],
      ["forum.adjust", (c) => c.forum.adjust({ cycleId, employeeId, predikat: "baik", reason })],
      ["forum.record", (c) => c.forum.record({ cycleId, unitId: pariamanUnitId, heldOn: "2026-01-11", memberNips: [] })],
      ["forum.adjustments", (c) => c.forum.adjustments({ cycleId })],
      ["appeal.decide", (c) => c.appeal.decide({ appealId: pa.appealId, decision: "uphold", reason, predikat: "baik" })],
      ["appeal.get", (c) => c.appeal.get({ id: pa.appealId })],
      ["followUp.summary", (c) => c.followUp.summary({ cycleId })],
      ["followUp.list", (c) => c.followUp.list({ cycleId, type: "angka_kredit" })],
      ["followUp.training", (c) => c.followUp.training({ cycleId })],
      ["raterQuality.raters", (c) => c.raterQuality.raters({ cycleId })],
    ];
  }

  function attemptsWithPariamanIds(): Attempt[] {
    const p = pariaman;
    const pw = pariamanWork;
    const someEmployee = p.report.id;
    return [
      ["employee.get", (c) => c.employee.get({ id: someEmployee })],
      ["employee.update", (c) => c.employee.update({ id: someEmployee, patch: { nama: "Diubah" } })],
      ["employee.list by unit", (c) => c.employee.list({ unitId: "no-such-unit-in-binjai" })],
      ["ruleSet.get", (c) => c.ruleSet.get({ id: p.ruleSetVersionId })],
      ["ruleSet.saveDraft over", (c) => c.ruleSet.saveDraft({ id: pariamanDraftId, baseRevision: 1, content: { id: "x", name: "x" } })],
      ["ruleSet.publish", (c) => c.ruleSet.publish({ id: pariamanDraftId, revision: 1 })],
      ["ruleSet.diff", (c) => c.ruleSet.diff({ fromId: p.ruleSetVersionId, toId: pariamanDraftId })],
      ["ruleSet.whatIf", (c) => c.ruleSet.whatIf({ cycleId: p.cycleId, ruleSetVersionId: pariamanDraftId })],
      ["cycle.get", (c) => c.cycle.get({ id: p.cycleId })],
      ["cycle.create pinned", (c) => c.cycle.create({ name: "x", periodKind: "annual", periodLabel: "2026", ruleSetVersionId: p.ruleSetVersionId })],
      ["cycle.open", (c) => c.cycle.open({ id: p.cycleId })],
      ["cycle.close", (c) => c.cycle.close({ id: p.cycleId })],
      ["cycle.run", (c) => c.cycle.run({ id: p.cycleId })],
      ["cycle.runStatus job", (c) => c.cycle.runStatus({ jobId: pariamanJobId })],
      ["cycle.runStatus cycle", (c) => c.cycle.runStatus({ cycleId: p.cycleId })],
      ["cycle.runs", (c) => c.cycle.runs({ id: p.cycleId })],
      ["cycle.setUnitPredikat", (c) => c.cycle.setUnitPredikat({ cycleId: p.cycleId, unitId: pariamanUnitId, predikat: "istimewa" })],
      ["assessment.list", (c) => c.assessment.list({ cycleId: p.cycleId, employeeId: someEmployee })],
      ["assessment.submit", (c) => c.assessment.submit({ cycleId: p.cycleId, employeeId: someEmployee, source: "supervisor", ratings: {} })],
      ["result.list", (c) => c.result.list({ cycleId: p.cycleId })],
      ["result.get", (c) => c.result.get({ cycleId: p.cycleId, employeeId: someEmployee })],
      ["result.distribution", (c) => c.result.distribution({ cycleId: p.cycleId })],
      ["plan.get", (c) => c.plan.get({ id: pw.planId })],
      ["plan.get by cycle", (c) => c.plan.get({ cycleId: p.cycleId, employeeId: someEmployee })],
      ["plan.list", (c) => c.plan.list({ cycleId: p.cycleId })],
      ["plan.create", (c) => c.plan.create({ cycleId: p.cycleId, employeeId: someEmployee })],
      ["plan.save", (c) => c.plan.save({ id: pw.planId, rhk: [] })],
      ["plan.link", (c) => c.plan.link({ rhkId: pw.rhkId, parentRhkId: null })],
      ["plan.submit", (c) => c.plan.submit({ id: pw.planId })],
      ["plan.approve", (c) => c.plan.approve({ id: pw.planId })],
      ["plan.requestRevision", (c) => c.plan.requestRevision({ id: pw.planId, note: "x" })],
      ["plan.reject", (c) => c.plan.reject({ id: pw.planId, reason: "x" })],
      ["plan.waiting", (c) => c.plan.waiting({ cycleId: p.cycleId, on: "approval" })],
      ["workEntry.create", (c) => c.workEntry.create({ ikiId: pw.ikiId, workDate: "2025-02-04", description: "x", quantity: 1 })],
      ["workEntry.update", (c) => c.workEntry.update({ id: pw.entryId, quantity: 9 })],
      ["workEntry.confirm", (c) => c.workEntry.confirm({ id: pw.entryId })],
      ["workEntry.return", (c) => c.workEntry.return({ id: pw.entryId, note: "x" })],
      ["workEntry.get", (c) => c.workEntry.get({ id: pw.entryId })],
      ["workEntry.list", (c) => c.workEntry.list({ cycleId: p.cycleId })],
      ["workEntry.progress", (c) => c.workEntry.progress({ cycleId: p.cycleId, employeeId: someEmployee })],
      ["workEntry.removeEvidence", (c) => c.workEntry.removeEvidence({ evidenceId: pw.evidenceId })],
      ["feedback.post", (c) => c.feedback.post({ workEntryId: pw.entryId, kind: "feedback", body: "x" })],
      ["feedback.post reply", (c) => c.feedback.post({ workEntryId: pw.entryId, kind: "feedback", body: "x", parentId: pw.feedbackId })],
      ["feedback.list", (c) => c.feedback.list({ workEntryId: pw.entryId })],
      ["dialogue.record", (c) => c.dialogue.record({ cycleId: p.cycleId, employeeId: someEmployee, heldOn: "2025-03-02", topic: "x", agreedActions: [] })],
      ["dialogue.rate", (c) => c.dialogue.rate({ id: pw.dialogueId, usefulness: 5 })],
      ["dialogue.listForEmployee", (c) => c.dialogue.listForEmployee({ cycleId: p.cycleId, employeeId: someEmployee })],
      ...workflowAttemptsWithPariamanIds(),
    ];
  }

  function attemptsNamingPariaman(): Attempt[] {
    const regionId = "pariaman";
    return [
      ["account.list", (c) => c.account.list({ regionId })],
      ["account.create", (c) => c.account.create({ regionId, role: "employee", nip: pariaman.report.nip, password: "12345678" })],
      ["unit.tree", (c) => c.unit.tree({ regionId })],
      ["unit.save", (c) => c.unit.save({ regionId, id: "baru", name: "Baru" })],
      ["employee.list", (c) => c.employee.list({ regionId })],
      ["employee.import", (c) => c.employee.import({ regionId, format: "csv", content: "nip,nama,jabatan,unit\n" })],
      ["ruleSet.list", (c) => c.ruleSet.list({ regionId })],
      ["ruleSet.validate", (c) => c.ruleSet.validate({ regionId, content: {} })],
      ["cycle.list", (c) => c.cycle.list({ regionId })],
      ["audit.list", (c) => c.audit.list({ regionId })],
      ["result.list", (c) => c.result.list({ regionId, cycleId: pariaman.cycleId })],
      ["plan.list", (c) => c.plan.list({ regionId, cycleId: pariaman.cycleId })],
      ["plan.create", (c) => c.plan.create({ regionId, cycleId: pariaman.cycleId })],
      ["plan.waiting", (c) => c.plan.waiting({ regionId, cycleId: pariaman.cycleId, on: "superiorPlan" })],
      ["workEntry.list", (c) => c.workEntry.list({ regionId, cycleId: pariaman.cycleId })],
      ["workEntry.progress", (c) => c.workEntry.progress({ regionId, cycleId: pariaman.cycleId })],
      ["feedback.inbox", (c) => c.feedback.inbox({ regionId })],
      ["dialogue.listForEmployee", (c) => c.dialogue.listForEmployee({ regionId, cycleId: pariaman.cycleId, employeeId: pariaman.report.id })],
      ["assessment.deadlines", (c) => c.assessment.deadlines({ regionId, cycleId: pariaman.cycleId })],
      ["assessment.reminders", (c) => c.assessment.reminders({ regionId, cycleId: pariaman.cycleId })],
      ["assessment.tasks", (c) => c.assessment.tasks({ regionId, cycleId: pariaman.cycleId })],
      ["cycle.scope", (c) => c.cycle.scope({ regionId, id: pariaman.cycleId })],
      ["cycle.progress", (c) => c.cycle.progress({ regionId, cycleId: pariaman.cycleId })],
      ["forum.view", (c) => c.forum.view({ regionId, cycleId: pariaman.cycleId, unitId: pariamanUnitId })],
      ["forum.adjustments", (c) => c.forum.adjustments({ regionId, cycleId: pariaman.cycleId })],
      ["appeal.submit", (c) => c.appeal.submit({ regionId, cycleId: pariaman.cycleId, reason: "Keberatan dari wilayah lain" })],
      ["appeal.inbox", (c) => c.appeal.inbox({ regionId })],
      ["appeal.mine", (c) => c.appeal.mine({ regionId })],
      ["followUp.summary", (c) => c.followUp.summary({ regionId, cycleId: pariaman.cycleId })],
      ["followUp.training", (c) => c.followUp.training({ regionId, cycleId: pariaman.cycleId })],
      ["raterQuality.raters", (c) => c.raterQuality.raters({ regionId, cycleId: pariaman.cycleId })],
    ];
  }

  it("refuses Binjai's admin every one of Pariaman's ids, and Pariaman stays as it was", async () => {
    const before = await pariamanState();
    const caller = env.as(binjai.admin);
    for (const [name, call] of attemptsWithPariamanIds()) {
      const error = await call(caller).then(
        () => null,
        (e: { code?: string }) => e.code,
      );
      expect([name, error]).toEqual([name, "NOT_FOUND"]);
    }
    expect(await pariamanState()).toEqual(before);
  });

  it("refuses every user of Binjai who names Pariaman as their region", async () => {
    const before = await pariamanState();
    for (const user of [binjai.admin, binjai.assessor, binjai.employee]) {
      const caller = env.as(user);
      for (const [name, call] of attemptsNamingPariaman()) {
        const error = await call(caller).then(
          () => null,
          (e: { code?: string }) => e.code,
        );
        expect([user.role, name, error]).toEqual([user.role, name, "FORBIDDEN"]);
      }
    }
    expect(await pariamanState()).toEqual(before);
  });

  it("refuses Binjai's assessor and employee Pariaman's ids too", async () => {
    for (const user of [binjai.assessor, binjai.employee]) {
      const caller = env.as(user);
      for (const [name, call] of attemptsWithPariamanIds()) {
        const error = await call(caller).then(
          () => null,
          (e: { code?: string }) => e.code,
        );
        expect(["FORBIDDEN", "NOT_FOUND"], `${user.role} ${name}`).toContain(error);
      }
    }
  });

  it("refuses Binjai's employees an appeal against Pariaman's cycle, and shows them none of Pariaman's appeals", async () => {
    const before = await pariamanState();
    for (const user of [binjai.assessor, binjai.employee]) {
      await expect(env.as(user).appeal.submit({ cycleId: pariaman.cycleId, reason: "Keberatan atas siklus wilayah lain" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    expect(await env.as(binjai.admin).appeal.inbox({})).toEqual([]);
    expect(await env.as(binjai.admin).forum.adjustments({ cycleId: binjai.cycleId })).toEqual([]);
    expect(await pariamanState()).toEqual(before);
  });

  it("shows Binjai's lists without a trace of Pariaman", async () => {
    const caller = env.as(binjai.admin);
    const employees = await caller.employee.list({ limit: 500 });
    const pariamanNips = new Set(
      (await env.database.db.selectFrom("employees").select("id").where("region_id", "=", "pariaman").execute()).map((e) => e.id),
    );
    expect(employees.items.some((e) => pariamanNips.has(e.id))).toBe(false);
    expect((await caller.cycle.list()).map((c) => c.id)).toEqual([binjai.cycleId]);
    expect((await caller.ruleSet.list()).map((v) => v.id)).toEqual([binjai.ruleSetVersionId]);
    const audit = await caller.audit.list({ entityId: pariaman.cycleId });
    expect(audit.items).toEqual([]);
  });

  it("lets the operator into Pariaman by naming it, and nowhere without a region", async () => {
    const caller = env.as(operator);
    expect((await caller.cycle.get({ regionId: "pariaman", id: pariaman.cycleId })).id).toBe(pariaman.cycleId);
    await expect(caller.cycle.get({ regionId: "binjai", id: pariaman.cycleId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.cycle.list()).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.plan.get({ regionId: "pariaman", id: pariamanWork.planId }))?.id).toBe(pariamanWork.planId);
    await expect(caller.workEntry.get({ regionId: "binjai", id: pariamanWork.entryId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
