// A whole cycle walked through the API for each of the four regions, under each region's own rule file,
// on every dialect: peers and deadlines, every sheet the rules ask for (and the ones they refuse), locks
// and reopening, reminders, the run, the evaluation forum against the curve with rater-quality flags,
// finalisation and what it locks, appeals decided by the assessor's superior, follow-up lists with their
// exports, and the documents as PDF.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RaterSource } from "@kinerja/core";
import type { SessionUser } from "../auth.js";
import { scopeIn } from "../services/access/index.js";
import { employeeDocument, exportFollowUp, unitDocument } from "../services/documents/index.js";
import { fillForm, seedWalkRegion, WALK_REGIONS, type Member, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, type Caller, type TestEnv } from "../testing/env.js";
import { pdfText } from "../testing/pdf-text.js";

const DUE = "2025-12-15";
const LATE_AS_OF = "2025-12-20";
const PRINTED = new Date("2026-11-22T03:00:00Z");

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: { code?: string }) => e.code ?? "?",
  );
}

describe.each(inject("dialects"))("assessment workflow on %s", (dialect) => {
  let env: TestEnv;
  const regions = new Map<string, WalkRegion>();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    for (const { id } of WALK_REGIONS) regions.set(id, await seedWalkRegion(env, id));
  });
  afterAll(() => env?.dispose());

  describe.each(WALK_REGIONS.map((r) => r.id))("%s", (regionId) => {
    let r: WalkRegion;
    let cycleId: string;
    let members: Member[];
    const as = (user: Member | WalkRegion["admin"]): Caller => env.as("user" in user ? user.user : user);
    const admin = () => env.as(r.admin);
    /** The scope a service called without the API (exports, documents) takes for the user. */
    const scopeOf = (user: SessionUser) => scopeIn(env.database.db, user, r.regionId);
    /** Which sources the region's rules use for the pilot unit, as the forms say. */
    const used = new Set<RaterSource>();
    const peersOf = new Map<string, Member[]>();
    let lenient: Member;

    beforeAll(async () => {
      r = regions.get(regionId) as WalkRegion;
      members = [r.assessor, ...r.kasi, ...r.staff];
      const cycle = await admin().cycle.create({ name: "Penilaian Kinerja 2025", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.pilot] });
      cycleId = cycle.id;
      await admin().cycle.open({ id: cycleId });
    });

    it("chooses peers within the rule set's bounds and hides them from the rated employee", async () => {
      const scope = await admin().cycle.scope({ id: cycleId });
      expect(scope).toMatchObject({ chosenUnitIds: [r.units.pilot], employees: members.length });
      const probe = await as(r.assessor).assessment.form({ cycleId, employeeId: r.staff[0]!.id, source: "supervisor" });
      const peerForm = await codeOf(as(r.staff[1]!).assessment.form({ cycleId, employeeId: r.staff[0]!.id, source: "peer" }));
      expect(probe.indicators.length + probe.objective.length).toBeGreaterThan(0);
      // Until chosen as a peer, a colleague is nothing to the employee: refused as someone they cannot see.
      expect(peerForm).toBe("NOT_FOUND");

      const listed = await admin().assessment.peers({ cycleId, employeeId: r.staff[0]!.id });
      const { min, max } = listed;
      const tooMany = [...r.staff.slice(1), ...r.kasi, ...r.others].slice(0, max + 1).map((m) => m.id);
      await expect(admin().assessment.setPeers({ cycleId, employeeId: r.staff[0]!.id, peerIds: tooMany })).rejects.toThrow(/yang diharapkan: \d+ sampai \d+ orang/);
      if (min > 0) {
        await expect(admin().assessment.setPeers({ cycleId, employeeId: r.staff[0]!.id, peerIds: [] })).rejects.toThrow(/yang diharapkan: \d+ sampai \d+ orang/);
      }
      await expect(as(r.assessor).assessment.setPeers({ cycleId, employeeId: r.staff[0]!.id, peerIds: [r.assessor.id, r.staff[1]!.id] })).rejects.toThrow(
        /atasan langsungnya/,
      );
      // Two peers each: staff rotate among staff; the assessor and the two kasi rate one another.
      const ring = (group: Member[]) => group.forEach((m, i) => peersOf.set(m.id, [group[(i + 1) % group.length]!, group[(i + 2) % group.length]!]));
      ring(r.staff);
      ring([r.assessor, ...r.kasi]);
      lenient = r.staff[3]!;
      for (const m of r.staff) {
        const set = await as(r.assessor).assessment.setPeers({ cycleId, employeeId: m.id, peerIds: peersOf.get(m.id)!.map((p) => p.id) });
        expect(set.peers).toHaveLength(2);
      }
      for (const m of [r.assessor, ...r.kasi]) await admin().assessment.setPeers({ cycleId, employeeId: m.id, peerIds: peersOf.get(m.id)!.map((p) => p.id) });
      expect(await codeOf(as(r.staff[0]!).assessment.peers({ cycleId, employeeId: r.staff[0]!.id }))).toBe("FORBIDDEN");
      expect(await codeOf(as(r.staff[1]!).assessment.setPeers({ cycleId, employeeId: r.staff[0]!.id, peerIds: [] }))).toBe("FORBIDDEN");
    });

    it("sets deadlines, and lists everyone late with the days they are late", async () => {
      for (const source of ["supervisor", "peer", "self", "public"] as const) {
        const set = admin().assessment.setDeadline({ cycleId, source, dueDate: DUE });
        const code = await codeOf(set);
        if (code === null) used.add(source);
        else expect(code).toBe("BAD_REQUEST");
      }
      expect(used.has("supervisor") && used.has("peer")).toBe(true);
      expect(await codeOf(admin().assessment.setDeadline({ cycleId, source: "supervisor", dueDate: "2025-02-30" }))).toBe("BAD_REQUEST");
      const late = await admin().assessment.reminders({ cycleId, asOf: LATE_AS_OF });
      expect(late.missingPeers).toEqual([]);
      const supervisorRow = late.late.find((l) => l.source === "supervisor" && l.ratee.employeeId === r.staff[0]!.id);
      expect(supervisorRow).toMatchObject({ rater: { nip: r.assessor.nip }, dueDate: DUE, daysLate: 5, state: "missing" });
      const peerRows = late.late.filter((l) => l.source === "peer" && l.ratee.employeeId === r.staff[0]!.id);
      expect(peerRows.map((l) => l.rater?.nip).sort()).toEqual(peersOf.get(r.staff[0]!.id)!.map((p) => p.nip).sort());
      // An employee sees only the sheets they must write themselves.
      const mine = await as(r.staff[0]!).assessment.reminders({ cycleId, asOf: LATE_AS_OF });
      expect(mine.late.length).toBeGreaterThan(0);
      expect(mine.late.every((l) => l.rater?.nip === r.staff[0]!.nip)).toBe(true);
      const tasks = await as(r.staff[0]!).assessment.tasks({ cycleId, asOf: LATE_AS_OF });
      expect(tasks.filter((t) => t.source === "peer").map((t) => t.ratee.employeeId).sort()).toEqual(
        members.filter((m) => peersOf.get(m.id)?.some((p) => p.id === r.staff[0]!.id)).map((m) => m.id).sort(),
      );
    });

    it("takes every sheet the rules ask for, checked against the scales, and refuses the rest", async () => {
      const target = r.staff[0]!;
      const form = await as(r.assessor).assessment.form({ cycleId, employeeId: target.id, source: "supervisor" });
      const rated = form.indicators[0];
      if (rated) {
        const bad = fillForm(form, target.quality);
        bad.ratings[rated.id] = rated.scale.max + 1;
        await expect(as(r.assessor).assessment.submit(bad)).rejects.toThrow(/di luar skala; yang diharapkan/);
        const partial = { ...fillForm(form, target.quality), ratings: {} };
        await expect(as(r.assessor).assessment.submit(partial)).rejects.toThrow(/belum dinilai/);
        await expect(as(r.assessor).assessment.submit({ ...fillForm(form, target.quality), ratings: { tidak_ada: 3 } })).rejects.toThrow(/tidak ada di set/);
      }
      const draft = await as(r.assessor).assessment.save({ ...fillForm(form, target.quality), ratings: {} });
      expect(draft.submittedAt).toBeNull();
      if (!used.has("self")) {
        await expect(as(target).assessment.submit({ cycleId, employeeId: target.id, source: "self", ratings: {} })).rejects.toThrow(
          /Aturan wilayah ini tidak memakai penilaian dari diri sendiri /,
        );
      }
      expect(await codeOf(as(r.staff[1]!).assessment.submit({ cycleId, employeeId: target.id, source: "subordinate", ratings: {} }))).toBe("FORBIDDEN");

      for (const m of members) {
        const supervisor = m.id === r.assessor.id || r.kasi.some((k) => k.id === m.id) ? r.kepala : r.assessor;
        const sheet = await as(supervisor).assessment.form({ cycleId, employeeId: m.id, source: "supervisor" });
        await as(supervisor).assessment.submit(fillForm(sheet, m.quality, "honest", `Catatan atasan untuk ${m.nama}`));
        for (const peer of peersOf.get(m.id)!) {
          const peerForm = await as(peer).assessment.form({ cycleId, employeeId: m.id, source: "peer" });
          await as(peer).assessment.submit(fillForm(peerForm, m.quality, peer.id === lenient.id ? "lenient" : "honest", "Masukan rekan: tingkatkan dokumentasi pekerjaan"));
        }
        if (used.has("self")) {
          const selfForm = await as(m).assessment.form({ cycleId, employeeId: m.id, source: "self" });
          await as(m).assessment.submit(fillForm(selfForm, Math.min(1, m.quality + 0.2)));
        }
      }
      if (used.has("public")) {
        const publicForm = await admin().assessment.form({ cycleId, employeeId: target.id, source: "public", rater: "responden-1" });
        expect(publicForm.indicators.length).toBeGreaterThan(0);
        for (const m of members) {
          for (const respondent of [1, 2, 3]) {
            const form = await admin().assessment.form({ cycleId, employeeId: m.id, source: "public", rater: `responden-${m.nip}-${respondent}` });
            await admin().assessment.submit({ ...fillForm(form, m.quality), rater: `responden-${m.nip}-${respondent}` });
          }
        }
        await expect(as(target).assessment.submit({ cycleId, employeeId: target.id, source: "public", ratings: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
      }
      await expect(as(r.others[0]!).assessment.submit({ cycleId, employeeId: target.id, source: "peer", ratings: {} })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(as(r.assessor).assessment.submit({ cycleId, employeeId: r.others[0]!.id, source: "supervisor", ratings: {} })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      const late = await admin().assessment.reminders({ cycleId, asOf: LATE_AS_OF });
      expect(late.late).toEqual([]);
    });

    it("locks a submitted sheet until the assessor reopens it with a reason, audited", async () => {
      const target = r.staff[0]!;
      const peer = peersOf.get(target.id)![0]!;
      const form = await as(peer).assessment.form({ cycleId, employeeId: target.id, source: "peer" });
      expect(form.sheet?.submittedAt).not.toBeNull();
      await expect(as(peer).assessment.submit(fillForm(form, target.quality))).rejects.toMatchObject({ code: "CONFLICT" });
      const sheetId = form.sheet!.id;
      expect(await codeOf(as(peer).assessment.reopen({ assessmentId: sheetId, reason: "Mohon diperbaiki nilainya" }))).toBe("FORBIDDEN");
      expect(await codeOf(as(r.assessor).assessment.reopen({ assessmentId: sheetId, reason: "singkat" }))).toBe("BAD_REQUEST");
      const reopened = await as(r.assessor).assessment.reopen({ assessmentId: sheetId, reason: "Nilai rekan perlu ditinjau ulang bersama bukti" });
      expect(reopened).toMatchObject({ submittedAt: null, reopenings: [{ reason: "Nilai rekan perlu ditinjau ulang bersama bukti" }] });
      const again = await as(peer).assessment.submit(fillForm(form, target.quality, peer.id === lenient.id ? "lenient" : "honest", "Masukan rekan: tingkatkan dokumentasi pekerjaan"));
      expect(again.id).toBe(sheetId);
      const log = await admin().audit.list({ entity: "assessment", entityId: sheetId, limit: 20 });
      expect(log.items.map((e) => e.action)).toEqual(expect.arrayContaining(["assessment.submit", "assessment.reopen"]));
      expect(log.items.find((e) => e.action === "assessment.reopen")?.after).toMatchObject({ reason: "Nilai rekan perlu ditinjau ulang bersama bukti" });
    });

    it("never shows the rated employee who their peers are", async () => {
      const target = r.staff[0]!;
      const sheets = await as(target).assessment.list({ cycleId, employeeId: target.id });
      expect(sheets.every((s) => s.rater === target.nip)).toBe(true);
      const feedback = await as(target).assessment.feedback({ cycleId, employeeId: target.id });
      const peerItems = feedback.filter((f) => f.source === "peer");
      expect(peerItems.length).toBe(2);
      expect(peerItems.every((f) => f.rater === null && /^Rekan kerja \d$/.test(f.label))).toBe(true);
      const seen = JSON.stringify([sheets, feedback, await as(target).assessment.tasks({ cycleId })]);
      for (const peer of peersOf.get(target.id)!) {
        expect(seen).not.toContain(peer.nip);
        expect(seen).not.toContain(peer.nama);
      }
      const byAssessor = await as(r.assessor).assessment.feedback({ cycleId, employeeId: target.id });
      expect(byAssessor.filter((f) => f.source === "peer").map((f) => f.rater)).toEqual(expect.arrayContaining(peersOf.get(target.id)!.map((p) => p.nama)));
    });

    let forumEmployee: { employeeId: string; from: string; to: string };

    it("evaluates, and the forum reviews the unit against the curve with the raters' tendencies", async () => {
      await admin().cycle.run({ id: cycleId });
      await env.jobs.idle();
      const results = await admin().result.list({ cycleId, limit: 100 });
      expect(results.items).toHaveLength(members.length);
      expect(results.items.filter((i) => i.error !== null)).toEqual([]);
      const target = r.staff[0]!;
      expect(JSON.stringify(await as(target).result.get({ cycleId, employeeId: target.id }))).not.toContain(peersOf.get(target.id)![0]!.nip);

      const view = await admin().forum.view({ cycleId, unitId: r.units.pilot });
      expect(view.forum).toEqual({ enabled: true, maxLevels: 1 });
      expect(view.employees).toHaveLength(members.length);
      expect(view.curve?.total).toBe(members.length);
      expect(view.curve?.checks.every((c) => typeof c.message.id === "string" && /paling|tidak ada/.test(c.message.id))).toBe(true);
      const flagged = view.raterFlags.find((f) => f.rater === lenient.nip);
      expect(flagged?.flags.map((f) => f.kind)).toContain("lenient");
      expect(flagged?.flags[0]?.message).toMatch(/^Cenderung murah: rata-rata \+[\d,]+ poin di atas penilai lain untuk 2 pegawai/);
      const quality = await admin().raterQuality.raters({ cycleId, flaggedOnly: true });
      expect(quality.map((q) => q.rater)).toContain(lenient.nip);

      const assessorView = await as(r.assessor).forum.view({ cycleId, unitId: r.units.pilot });
      expect(assessorView.employees.map((e) => e.employeeId).sort()).toEqual(r.staff.map((m) => m.id).sort());
      expect(assessorView.hiddenEmployees).toBe(3);
      expect(await codeOf(as(target).forum.view({ cycleId, unitId: r.units.pilot }))).toBe("FORBIDDEN");

      // Move the first employee who may go up one level (or else down one), with a written reason.
      const candidate = view.employees.find((e) => e.predikat !== view.predikat[0]!.id) ?? view.employees[0]!;
      const levels = view.predikat.map((p) => p.id);
      const at = levels.indexOf(candidate.predikat!);
      const to = at > 0 ? levels[at - 1]! : levels[at + 1]!;
      const tooFar = at > 1 ? levels[at - 2]! : levels[at + 2]!;
      expect(await codeOf(admin().forum.adjust({ cycleId, employeeId: candidate.employeeId, predikat: to, reason: "pendek" }))).toBe("BAD_REQUEST");
      await expect(
        admin().forum.adjust({ cycleId, employeeId: candidate.employeeId, predikat: tooFar, reason: "Forum menilai kinerja jauh berbeda" }),
      ).rejects.toThrow(/paling banyak 1 tingkat/);
      expect(
        await codeOf(as(r.staff[5]!).forum.adjust({ cycleId, employeeId: candidate.employeeId, predikat: to, reason: "Forum menilai kinerja lebih baik" })),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(as(r.kepala).forum.adjust({ cycleId, employeeId: r.staff[0]!.id, predikat: to, reason: "Atasan dua tingkat tidak mencatat forum" })),
      ).toBe("FORBIDDEN");
      const before = await admin().result.get({ cycleId, employeeId: candidate.employeeId });
      const reason = "Forum evaluasi: capaian program unit melampaui target bersama";
      const adjusted = await admin().forum.adjust({ cycleId, employeeId: candidate.employeeId, predikat: to, reason });
      expect(adjusted).toMatchObject({ from: candidate.predikat, predikat: to });
      forumEmployee = { employeeId: candidate.employeeId, from: candidate.predikat!, to };

      const after = await admin().result.get({ cycleId, employeeId: candidate.employeeId });
      expect(after.predikat).toBe(to);
      expect(after.runVersion).toBe(before.runVersion + 1);
      const steps = (after.explanation as { steps: Array<{ kind: string; reason?: string; from?: unknown; to?: unknown }> }).steps;
      expect(steps.find((s) => s.kind === "adjustment")).toMatchObject({ from: candidate.predikat, to, reason });
      expect((after.input as { adjustments: unknown[] }).adjustments).toHaveLength(1);
      // The old version is kept as it was, and everyone else's result is carried over unchanged.
      expect((await admin().result.get({ cycleId, employeeId: candidate.employeeId, runId: before.runId })).predikat).toBe(candidate.predikat);
      const others = await admin().result.list({ cycleId, limit: 100 });
      for (const item of others.items.filter((i) => i.employeeId !== candidate.employeeId)) {
        expect(results.items.find((o) => o.employeeId === item.employeeId)?.predikat).toBe(item.predikat);
      }
      const audited = await admin().audit.list({ action: "forum.adjust", entityId: candidate.employeeId, limit: 5 });
      expect(audited.items[0]?.after).toMatchObject({ predikat: to, reason });
      const adjustments = await admin().forum.adjustments({ cycleId });
      expect(adjustments).toMatchObject([{ employeeId: candidate.employeeId, kind: "forum", from: candidate.predikat, to, reason }]);
      const sessions = await as(r.assessor).forum.record({
        cycleId,
        unitId: r.units.pilot,
        heldOn: "2026-01-10",
        memberNips: [r.assessor.nip, ...r.kasi.map((k) => k.nip)],
        notes: "Membahas sebaran predikat terhadap kurva",
      });
      expect(sessions[0]?.members.map((m) => m.nama)).toEqual([r.assessor.nama, ...r.kasi.map((k) => k.nama)]);
    });

    it("keeps a full re-run's results adjusted as the forum decided", async () => {
      await admin().cycle.run({ id: cycleId, reason: "penilaian ulang setelah forum" });
      await env.jobs.idle();
      const result = await admin().result.get({ cycleId, employeeId: forumEmployee.employeeId });
      expect(result.predikat).toBe(forumEmployee.to);
    });

    it("finalises, and then changes nothing in place", async () => {
      const closed = await admin().cycle.close({ id: cycleId });
      expect(closed.status).toBe("finalised");
      expect(closed.finalisedAt).not.toBeNull();
      const target = r.staff[1]!;
      const form = await as(r.assessor).assessment.form({ cycleId, employeeId: target.id, source: "supervisor" });
      expect(await codeOf(as(r.assessor).assessment.submit(fillForm(form, 0.5)))).toBe("PRECONDITION_FAILED");
      expect(await codeOf(as(r.assessor).assessment.reopen({ assessmentId: form.sheet!.id, reason: "Ingin mengubah nilai akhir" }))).toBe("PRECONDITION_FAILED");
      expect(
        await codeOf(admin().forum.adjust({ cycleId, employeeId: target.id, predikat: forumEmployee.from, reason: "Penyesuaian setelah penetapan" })),
      ).toBe("PRECONDITION_FAILED");
      expect(await codeOf(admin().assessment.setPeers({ cycleId, employeeId: target.id, peerIds: [] }))).toBe("PRECONDITION_FAILED");
      expect(await codeOf(admin().assessment.setDeadline({ cycleId, source: "supervisor", dueDate: "2026-01-31" }))).toBe("PRECONDITION_FAILED");
      const { db } = env.database;
      await expect(db.updateTable("results").set({ predikat: "sangat_baik" }).where("region_id", "=", r.regionId).execute()).rejects.toThrow(
        /never changed in place/,
      );
      await expect(db.deleteFrom("predikat_adjustments").where("region_id", "=", r.regionId).execute()).rejects.toThrow(/never changed in place/);
    });

    let appellant: Member;

    it("takes an appeal within the window and lets the assessor's superior uphold it as a new version", async () => {
      const levels = (await admin().forum.view({ cycleId, unitId: r.units.pilot })).predikat.map((p) => p.id);
      const current = await admin().result.list({ cycleId, limit: 100 });
      // Someone the forum left alone, below the top predikat, so that upholding moves them up one level.
      const employee = r.staff.find(
        (m) => m.id !== forumEmployee.employeeId && current.items.find((i) => i.employeeId === m.id)?.predikat !== levels[0],
      )!;
      appellant = employee;
      const before = await as(employee).result.get({ cycleId, employeeId: employee.id });
      expect(await codeOf(as(employee).appeal.submit({ cycleId, reason: "kurang" }))).toBe("BAD_REQUEST");
      const appeal = await as(employee).appeal.submit({ cycleId, reason: "Capaian vaksinasi saya belum dihitung dari laporan terakhir" });
      expect(appeal).toMatchObject({ status: "submitted", predikat: before.predikat, decider: { nip: r.kepala.nip, nama: r.kepala.nama }, canDecide: false });
      expect(await codeOf(as(employee).appeal.submit({ cycleId, reason: "Keberatan kedua atas hasil yang sama" }))).toBe("CONFLICT");
      expect((await as(r.kepala).appeal.inbox({})).map((a) => a.id)).toEqual([appeal.id]);
      expect((await as(r.kepala).appeal.inbox({}))[0]?.canDecide).toBe(true);
      expect((await admin().appeal.inbox({})).find((a) => a.id === appeal.id)?.canDecide).toBe(false);
      expect(await as(r.assessor).appeal.inbox({})).toEqual([]);
      expect(
        await codeOf(as(r.assessor).appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Nilai sudah sesuai bukti yang ada" })),
      ).toBe("FORBIDDEN");
      const to = levels[levels.indexOf(before.predikat!) - 1]!;
      const decided = await as(r.kepala).appeal.decide({
        appealId: appeal.id,
        decision: "uphold",
        reason: "Bukti capaian tambahan sah dan belum diperhitungkan",
        predikat: to,
      });
      expect(decided).toMatchObject({ status: "upheld", newPredikat: to, decidedBy: r.kepala.nama });
      const after = await as(employee).result.get({ cycleId, employeeId: employee.id });
      expect(after.predikat).toBe(to);
      expect(after.runId).toBe(decided.resultRunId);
      const step = (after.explanation as { steps: Array<{ kind: string; by?: string }> }).steps.find((s) => s.kind === "adjustment");
      expect(step?.by).toContain(r.kepala.nama);
      expect((await admin().result.get({ cycleId, employeeId: employee.id, runId: before.runId })).predikat).toBe(before.predikat);
      expect((await admin().cycle.get({ id: cycleId })).status).toBe("finalised");
      expect(await codeOf(as(r.kepala).appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Diputus dua kali tidak boleh" }))).toBe("CONFLICT");
      const log = await admin().audit.list({ entity: "appeal", entityId: appeal.id, limit: 10 });
      expect(log.items.map((e) => e.action).sort()).toEqual(["appeal.submit", "appeal.uphold"]);
    });

    it("lets the superior reject with a reason, and refuses appeals after the window", async () => {
      const employee = r.staff.find((m) => m.id !== appellant.id)!;
      const before = await as(employee).result.get({ cycleId, employeeId: employee.id });
      const appeal = await as(employee).appeal.submit({ cycleId, reason: "Penilaian rekan tidak mencerminkan kinerja saya" });
      const rejected = await as(r.kepala).appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Penilaian sudah didukung bukti kerja yang cukup" });
      expect(rejected).toMatchObject({ status: "rejected", decisionReason: "Penilaian sudah didukung bukti kerja yang cukup", newPredikat: null });
      expect((await as(employee).result.get({ cycleId, employeeId: employee.id })).runId).toBe(before.runId);
      expect((await as(employee).appeal.mine({})).map((a) => a.status)).toEqual(["rejected"]);
      // A kasi's assessor is the head, who has no superior: the BKD admin decides.
      const kasiAppeal = await as(r.kasi[0]!).appeal.submit({ cycleId, reason: "Mohon peninjauan predikat oleh BKD" });
      expect(kasiAppeal.decider).toMatchObject({ kind: "admin", reason: "no_superior", nip: null });
      expect((await admin().appeal.inbox({})).find((a) => a.id === kasiAppeal.id)?.canDecide).toBe(true);

      const { db } = env.database;
      const long = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();
      await db.updateTable("cycles").set({ finalised_at: long }).where("region_id", "=", r.regionId).where("id", "=", cycleId).execute();
      const late = r.staff.find((m) => m.id !== appellant.id && m.id !== employee.id)!;
      await expect(as(late).appeal.submit({ cycleId, reason: "Keberatan yang diajukan terlambat" })).rejects.toThrow(
        /Batas waktu keberatan \d+ hari setelah penetapan \(\d{1,2} [A-Z][a-z]+ \d{4}\) sudah lewat/,
      );
    });

    it("lists follow-up from the outcomes, each with its rule: training needs by topic, with exports", async () => {
      const summary = await admin().followUp.summary({ cycleId });
      expect(summary.length).toBeGreaterThan(0);
      for (const item of summary) {
        const list = await admin().followUp.list({ cycleId, type: item.type });
        expect(new Set(list.map((e) => e.employeeId)).size).toBe(item.employees);
        expect(list.every((e) => item.rules.includes(e.rule) && e.detail.length > 0)).toBe(true);
      }
      const training = await admin().followUp.training({ cycleId });
      expect(training.length).toBeGreaterThan(0);
      for (const topic of training) {
        expect(topic.count).toBe(new Set(topic.employees.map((e) => e.employeeId)).size);
        expect(topic.employees.every((e) => e.rule === `pelatihan:${e.indicator}`)).toBe(true);
      }
      expect(training.some((t) => t.employees.some((e) => e.employeeId === r.staff[5]!.id))).toBe(true);
      expect(await admin().followUp.training({ cycleId, unitId: r.units.other })).toEqual([]);
      const own = await as(r.staff[5]!).followUp.summary({ cycleId });
      expect((await as(r.staff[5]!).followUp.list({ cycleId, kind: "training" })).every((e) => e.employeeId === r.staff[5]!.id)).toBe(true);
      expect(own.every((s) => s.employees === 1)).toBe(true);

      const csv = await exportFollowUp(await scopeOf(r.admin), { cycleId, type: "pelatihan", format: "csv" });
      const lines = csv.body.toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
      expect(lines[0]).toBe("No,NIP,Nama,Jabatan,Unit Kerja,Predikat,Tindak Lanjut,Nilai,Kode Unit,Kode Aturan");
      expect(lines).toHaveLength(1 + training.reduce((n, t) => n + t.employees.length, 0));
      const xlsx = await exportFollowUp(await scopeOf(r.admin), { cycleId, type: summary[0]!.type, format: "xlsx", unitId: r.units.pilot });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      expect(book.getWorksheet("Tindak Lanjut")?.rowCount).toBe(1 + (await admin().followUp.list({ cycleId, type: summary[0]!.type })).length);
    });

    it("writes the employee's evaluation document and the unit's decision as PDF, in Indonesian", async () => {
      const employee = appellant;
      const file = await employeeDocument(await scopeOf(employee.user), { cycleId, nip: employee.nip }, { compress: false, at: PRINTED });
      expect(file.body.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(file.body).replace(/\s+/g, " ");
      for (const expected of [
        "DOKUMEN EVALUASI KINERJA PEGAWAI",
        employee.nama,
        employee.nip,
        r.assessor.nama,
        r.kepala.nama,
        "Januari \u2013 Desember 2025",
        `${r.regionName}, 22 November 2026`,
        "Bukti capaian tambahan sah dan belum diperhitungkan",
        "Kurva distribusi",
        "Rekan kerja 1",
      ]) {
        expect(text, expected).toContain(expected);
      }
      for (const peer of peersOf.get(employee.id)!) expect(text).not.toContain(peer.nama);
      // Names, not the engine's ids: no rule set hash, no outcome rule ids, ratings in words.
      expect(text).not.toMatch(/rule set|hash|\(aturan |\b(di_atas|di_bawah|sangat_baik|butuh_perbaikan)\b/i);
      expect(await codeOf(employeeDocument(await scopeOf(r.staff[0]!.user), { cycleId, nip: employee.nip }))).toBe("NOT_FOUND");
      const byKepala = await employeeDocument(await scopeOf(r.kepala.user), { cycleId, nip: employee.nip });
      expect(byKepala.body.subarray(0, 5).toString()).toBe("%PDF-");

      const unit = await unitDocument(await scopeOf(r.admin), { cycleId, unitId: r.units.pilot }, { compress: false, at: PRINTED });
      const unitText = pdfText(unit.body).replace(/\s+/g, " ");
      for (const expected of ["PENETAPAN PREDIKAT KINERJA PEGAWAI", "UNIT RINTISAN", ...members.map((m) => m.nama), "Distribusi predikat", "Predikat disesuaikan"]) {
        expect(unitText, expected).toContain(expected);
      }
      expect(await codeOf(unitDocument(await scopeOf(r.assessor.user), { cycleId, unitId: r.units.pilot }))).toBe("FORBIDDEN");
    });
  });
});
