// A cycle's planning and work walked in each of the four regions, on their own seeded rule files: the
// report plans before the superior does and is not blocked, the assessor asks for revision and rejects with
// a reason, the cascade is demanded once the superior's plan is approved, work is logged and reviewed with
// evidence checked against the region's limits, progress shows at once, and confirmed work becomes the
// realisasi the evaluation reads. Then a rule set that asks less (no approval, no cascade), and refusals.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scopeIn } from "../services/access/index.js";
import { storeEvidence } from "../services/planning/index.js";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

const TARGET = 20;
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....word/document.xml....")]);

function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: { code?: string }) => e.code ?? "?",
  );
}

describe.each(inject("dialects"))("planning and work entries on %s", (dialect) => {
  let env: TestEnv;
  let worlds: Map<string, RegionWorld>;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    worlds = await seedWorkRegions(env);
  });
  afterAll(() => env?.dispose());

  describe.each(REGION_CASES)("in $regionId", (regionCase) => {
    let w: RegionWorld;
    let planId: string;
    let rhkUtamaId: string;
    let tiedIkiId: string;
    const as = (who: "admin" | "superior" | "report" | "colleague") => env.as(who === "admin" ? w.admin : w[who].user);

    beforeAll(() => {
      w = worlds.get(regionCase.regionId) as RegionWorld;
    });

    it("lets the report plan and submit before the superior has a plan, and shows the admin who waits on whom", async () => {
      const report = as("report");
      const plan = await report.plan.create({ cycleId: w.cycleId });
      planId = plan.id;
      expect(plan).toMatchObject({ status: "draft", nip: w.report.nip, rhk: [] });
      expect(await codeOf(report.plan.create({ cycleId: w.cycleId }))).toBe("CONFLICT");

      const saved = await report.plan.save({
        id: planId,
        rhk: [
          {
            kind: "utama",
            text: "Terlaksananya layanan sesuai standar",
            indicators: [
              { text: "Jumlah layanan selesai", target: TARGET, satuan: "layanan", indicatorId: regionCase.indicatorId, aspect: regionCase.aspect },
              { text: "Laporan bulanan", target: 12, satuan: "laporan" },
            ],
          },
          { kind: "tambahan", text: "Pendampingan magang", indicators: [{ text: "Peserta didampingi", target: 2, satuan: "orang" }] },
        ],
      });
      rhkUtamaId = saved.rhk[0]!.id;
      tiedIkiId = saved.rhk[0]!.indicators[0]!.id;
      expect(saved.rhk[0]!.indicators[0]).toMatchObject({ indicatorId: regionCase.indicatorId, aspect: regionCase.aspect, target: TARGET });

      const bad = await report.plan.save({
        id: planId,
        rhk: [{ kind: "utama", text: "x", indicators: [{ text: "y", target: 1, satuan: "z", indicatorId: "tidak_ada" }] }],
      }).catch((e: Error) => e.message);
      expect(bad).toMatch(/rhk\[0\]\.indicators\[0\]\.indicatorId: "tidak_ada" bukan indikator target\/capaian.*yang diharapkan: .*/);

      const submitted = await report.plan.submit({ id: planId });
      expect(submitted.status).toBe("submitted");
      expect(submitted.assessorNip).toBe(w.superior.nip);
      expect(submitted.cascade).toMatchObject({ required: true, unlinked: 1, waitingForSuperior: true, superior: { nip: w.superior.nip, planId: null } });

      const waitingOnSuperior = await as("admin").plan.waiting({ cycleId: w.cycleId, on: "superiorPlan" });
      const group = waitingOnSuperior.groups.find((g) => g.waitingOn.nip === w.superior.nip);
      expect(group?.plans.map((p) => p.planId)).toEqual([planId]);
      expect(group?.waitingOn).toMatchObject({ nama: w.superior.nama, planId: null });
      const waitingOnApproval = await as("admin").plan.waiting({ cycleId: w.cycleId, on: "approval" });
      expect(waitingOnApproval.groups.find((g) => g.waitingOn.nip === w.superior.nip)?.plans[0]).toMatchObject({ planId, nip: w.report.nip });
      expect(waitingOnApproval.counts).toMatchObject({ submitted: 1, withoutPlan: 15 });
    });

    it("refuses work before the plan is approved, since the region's rules require approval", async () => {
      const refused = await as("report")
        .workEntry.create({ ikiId: tiedIkiId, workDate: "2025-02-03", description: "Layanan", quantity: 1 })
        .catch((e: { code: string; message: string }) => e);
      expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/mewajibkan SKP disetujui/) });
    });

    it("loops through a revision and a rejection, each with the assessor's words, back to submitted", async () => {
      const assessor = as("superior");
      const report = as("report");
      expect(await codeOf(assessor.plan.requestRevision({ id: planId, note: " " }))).toBe("BAD_REQUEST");
      const revision = await assessor.plan.requestRevision({ id: planId, note: "Target layanan terlalu rendah" });
      expect(revision).toMatchObject({ status: "revision", reviewNote: "Target layanan terlalu rendah" });
      expect(await codeOf(assessor.plan.approve({ id: planId }))).toBe("PRECONDITION_FAILED");
      await report.plan.submit({ id: planId });
      const rejected = await assessor.plan.reject({ id: planId, reason: "RHK tambahan bukan tugas jabatan ini" });
      expect(rejected).toMatchObject({ status: "rejected", reviewNote: "RHK tambahan bukan tugas jabatan ini" });
      const current = (await report.plan.get({ id: planId }))!;
      await report.plan.save({
        id: planId,
        rhk: current.rhk.filter((r) => r.kind === "utama").map((r) => ({ id: r.id, kind: r.kind, text: r.text, indicators: r.indicators })),
      });
      const again = await report.plan.submit({ id: planId });
      expect(again.status).toBe("submitted");
      expect(again.reviews.map((r) => r.action)).toEqual(["submit", "revise", "submit", "reject", "submit"]);
      expect(again.reviews[3]).toMatchObject({ note: "RHK tambahan bukan tugas jabatan ini", actorName: w.superior.nama });
    });

    it("demands the cascade once the superior's plan is approved, and approves when linked", async () => {
      const superior = as("superior");
      const own = await superior.plan.create({ cycleId: w.cycleId });
      const ownSaved = await superior.plan.save({
        id: own.id,
        rhk: [{ kind: "utama", text: "Meningkatnya mutu layanan unit", indicators: [{ text: "Indeks kepuasan", target: 80, satuan: "indeks" }] }],
      });
      await superior.plan.submit({ id: own.id });
      expect(await codeOf(superior.plan.approve({ id: own.id }))).toBe("FORBIDDEN");
      expect((await as("admin").plan.approve({ id: own.id })).status).toBe("approved");

      const refused = await superior.plan.approve({ id: planId }).catch((e: Error) => e.message);
      expect(refused).toMatch(/belum menginduk ke RHK atasan/);
      expect(await codeOf(as("report").plan.link({ rhkId: rhkUtamaId, parentRhkId: "bukan-rhk-atasan" }))).toBe("BAD_REQUEST");
      expect(await codeOf(as("report").plan.link({ rhkId: rhkUtamaId, parentRhkId: "" }))).toBe("BAD_REQUEST");
      const linked = await as("report").plan.link({ rhkId: rhkUtamaId, parentRhkId: ownSaved.rhk[0]!.id });
      expect(linked.rhk[0]?.parent).toMatchObject({ id: ownSaved.rhk[0]!.id, text: "Meningkatnya mutu layanan unit" });
      const approved = await superior.plan.approve({ id: planId, note: "Sesuai" });
      expect(approved).toMatchObject({ status: "approved", cascade: { unlinked: 0, waitingForSuperior: false } });

      const waiting = await as("admin").plan.waiting({ cycleId: w.cycleId, on: "superiorPlan" });
      expect(waiting.groups.flatMap((g) => g.plans.map((p) => p.planId))).not.toContain(planId);
      const audit = await as("admin").audit.list({ entity: "plan", entityId: planId });
      expect(audit.items.map((e) => e.action).reverse()).toEqual([
        "plan.create",
        "plan.save",
        "plan.submit",
        "plan.requestRevision",
        "plan.submit",
        "plan.reject",
        "plan.save",
        "plan.submit",
        "plan.link",
        "plan.approve",
      ]);
    });

    it("logs work, checks evidence against the region's limits, and shows progress to both at once", async () => {
      const report = as("report");
      const assessor = as("superior");
      const log = (workDate: string, quantity: number) =>
        report.workEntry.create({ ikiId: tiedIkiId, workDate, description: `Layanan ${workDate}`, quantity });
      const first = await log("2025-02-03", 4);
      const second = await log("2025-03-10", 3);
      const third = await log("2025-04-14", 5);
      await log("2025-05-02", 2);
      expect(await codeOf(log("2026-01-05", 1))).toBe("BAD_REQUEST");

      const scope = await scopeIn(env.database.db, w.report.user, w.regionId);
      const upload = (filename: string, content: Buffer) => storeEvidence(scope, { workEntryId: first.id, filename, content });
      const maxBytes = w.regionId === "binjai" ? 10 * 1024 * 1024 : 5 * 1024 * 1024;
      const tooLarge = Buffer.concat([PDF, Buffer.alloc(maxBytes + 1 - PDF.length)]);
      await expect(upload("besar.pdf", tooLarge)).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/melebihi batas/) });
      await expect(upload("foto.pdf", PNG)).rejects.toMatchObject({ message: expect.stringMatching(/berakhiran \.pdf tetapi isinya PNG/) });
      await expect(upload("catatan.txt", Buffer.from("bukan berkas yang diterima"))).rejects.toMatchObject({
        message: expect.stringMatching(/tidak dikenali/),
      });
      if (w.regionId === "binjai") expect((await upload("laporan.docx", DOCX)).contentType).toMatch(/wordprocessingml/);
      else await expect(upload("laporan.docx", DOCX)).rejects.toMatchObject({ message: expect.stringMatching(/hanya menerima PDF, JPEG, PNG/) });
      const stored = await upload("bukti-layanan.pdf", PDF);
      expect(stored).toMatchObject({ contentType: "application/pdf", size: PDF.length });
      expect((await assessor.workEntry.get({ id: first.id })).evidence.map((e) => e.filename)).toContain("bukti-layanan.pdf");

      await assessor.workEntry.confirm({ id: first.id });
      await assessor.workEntry.return({ id: second.id, note: "Jumlah tidak sesuai daftar hadir" });
      expect(await codeOf(report.workEntry.confirm({ id: third.id }))).toBe("FORBIDDEN");
      const fixed = await report.workEntry.update({ id: second.id, quantity: 6 });
      expect(fixed).toMatchObject({ status: "submitted", quantity: 6, reviewNote: "Jumlah tidak sesuai daftar hadir" });
      await assessor.workEntry.confirm({ id: second.id });
      await assessor.workEntry.confirm({ id: third.id });
      expect(await codeOf(report.workEntry.update({ id: third.id, quantity: 9 }))).toBe("PRECONDITION_FAILED");

      for (const viewer of [report, assessor]) {
        const progress = await viewer.workEntry.progress({ cycleId: w.cycleId, employeeId: w.report.id });
        expect(progress.indicators.find((i) => i.ikiId === tiedIkiId)).toMatchObject({
          target: TARGET,
          confirmed: 15,
          pending: 2,
          percent: 75,
          entries: { confirmed: 3, submitted: 1, returned: 0 },
        });
      }

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await assessor.workEntry.list({ cycleId: w.cycleId, employeeId: w.report.id, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(4);
      expect(new Set(seen).size).toBe(4);
      expect((await as("colleague").workEntry.list({ cycleId: w.cycleId })).items).toEqual([]);
    });

    it("feeds the confirmed quantities into the evaluation as realisasi", async () => {
      const admin = as("admin");
      await admin.cycle.run({ id: w.cycleId });
      await env.jobs.idle();
      const result = await admin.result.get({ cycleId: w.cycleId, employeeId: w.report.id });
      const value = (result.input as { values: Record<string, unknown> }).values[regionCase.indicatorId];
      if (regionCase.aspect) {
        expect(value).toMatchObject({ target: { [regionCase.aspect]: TARGET }, realisasi: { [regionCase.aspect]: 15 } });
        expect(result.scores[`score.${regionCase.indicatorId}`]).toBeGreaterThan(0);
      } else {
        expect(value).toEqual({ target: TARGET, realisasi: 15 });
        expect(result.scores[`score.${regionCase.indicatorId}`]).toBe(75);
      }
      expect(result.error).toBeNull();
    });
  });

  describe("under a rule set that requires neither approval nor cascading", () => {
    it("lets work be logged on a draft plan, approves without links, and means several IKIs of one indicator", async () => {
      const w = worlds.get("binjai") as RegionWorld;
      const admin = env.as(w.admin);
      const published = (await admin.ruleSet.list()).find((v) => v.status === "published")!;
      const { content } = await admin.ruleSet.get({ id: published.id });
      const relaxed = { ...content, workflow: { ...(content.workflow as object), planning: { required: false, cascade: false } } };
      const draft = await admin.ruleSet.saveDraft({ content: relaxed });
      await admin.ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
      const cycle = await admin.cycle.create({ name: "Penilaian 2024", periodKind: "annual", periodLabel: "2024", ruleSetVersionId: draft.version.id });
      await admin.cycle.open({ id: cycle.id });

      const superior = env.as(w.superior.user);
      const own = await superior.plan.create({ cycleId: cycle.id });
      await superior.plan.save({ id: own.id, rhk: [{ kind: "utama", text: "Mutu layanan", indicators: [{ text: "Indeks", target: 80, satuan: "indeks" }] }] });
      await superior.plan.submit({ id: own.id });
      await admin.plan.approve({ id: own.id });

      const report = env.as(w.report.user);
      const plan = await report.plan.create({ cycleId: cycle.id });
      const saved = await report.plan.save({
        id: plan.id,
        rhk: [
          {
            kind: "utama",
            text: "Layanan tepat waktu",
            indicators: [
              { text: "Berkas selesai", target: 10, satuan: "berkas", indicatorId: "penyelesaian_tepat_waktu" },
              { text: "Surat dibalas", target: 4, satuan: "surat", indicatorId: "penyelesaian_tepat_waktu" },
            ],
          },
        ],
      });
      const [berkas, surat] = saved.rhk[0]!.indicators;
      const a = await report.workEntry.create({ ikiId: berkas!.id, workDate: "2024-03-01", description: "Berkas", quantity: 5 });
      const b = await report.workEntry.create({ ikiId: surat!.id, workDate: "2024-03-02", description: "Surat", quantity: 4 });
      await report.plan.submit({ id: plan.id });
      const approved = await superior.plan.approve({ id: plan.id });
      expect(approved).toMatchObject({ status: "approved", cascade: { required: false, unlinked: 1, waitingForSuperior: false } });
      await superior.workEntry.confirm({ id: a.id });
      await superior.workEntry.confirm({ id: b.id });
      const progress = await report.workEntry.progress({ cycleId: cycle.id });
      expect(progress.realisasi).toEqual({ penyelesaian_tepat_waktu: { target: 100, realisasi: 75 } });
      const waiting = await admin.plan.waiting({ cycleId: cycle.id, on: "superiorPlan" });
      expect(waiting).toMatchObject({ cascade: false, groups: [] });
    });
  });

  describe("refusals", () => {
    it("keeps plans and entries to the employee, the assessor and admins; to anyone else they do not exist", async () => {
      const w = worlds.get("samarinda") as RegionWorld;
      const plan = (await env.as(w.report.user).plan.get({ cycleId: w.cycleId }))!;
      const entry = (await env.as(w.superior.user).workEntry.list({ cycleId: w.cycleId, employeeId: w.report.id })).items[0]!;
      const colleague = env.as(w.colleague.user);
      const assessor = env.as(w.superior.user);
      const outsiderAssessor = env.as({ ...w.outsider.user, role: "assessor" });
      const attempts: Array<[string, () => Promise<unknown>, string]> = [
        ["colleague reads the plan", () => colleague.plan.get({ id: plan.id }), "NOT_FOUND"],
        ["colleague edits the plan", () => colleague.plan.save({ id: plan.id, rhk: [] }), "NOT_FOUND"],
        ["colleague starts a plan for the report", () => colleague.plan.create({ cycleId: w.cycleId, employeeId: w.report.id }), "NOT_FOUND"],
        ["colleague logs work on the report's IKI", () => colleague.workEntry.create({ ikiId: entry.ikiId, workDate: "2025-06-01", description: "x", quantity: 1 }), "NOT_FOUND"],
        ["colleague reads the entry", () => colleague.workEntry.get({ id: entry.id }), "NOT_FOUND"],
        ["colleague reads the progress", () => colleague.workEntry.progress({ cycleId: w.cycleId, employeeId: w.report.id }), "NOT_FOUND"],
        ["another team's assessor returns the entry", () => outsiderAssessor.workEntry.return({ id: entry.id, note: "x" }), "NOT_FOUND"],
        ["another team's assessor rejects the plan", () => outsiderAssessor.plan.reject({ id: plan.id, reason: "x" }), "NOT_FOUND"],
        ["the assessor edits the report's plan", () => assessor.plan.save({ id: plan.id, rhk: [] }), "FORBIDDEN"],
        ["the assessor logs work for the report", () => assessor.workEntry.create({ ikiId: entry.ikiId, workDate: "2025-06-01", description: "x", quantity: 1 }), "FORBIDDEN"],
        ["an employee asks who waits", () => colleague.plan.waiting({ cycleId: w.cycleId, on: "approval" }), "FORBIDDEN"],
        ["edits an approved plan", () => env.as(w.report.user).plan.save({ id: plan.id, rhk: [] }), "PRECONDITION_FAILED"],
        ["signed out", () => env.as(null).plan.list({ cycleId: w.cycleId }), "UNAUTHORIZED"],
      ];
      for (const [name, attempt, code] of attempts) expect([name, await codeOf(attempt())]).toEqual([name, code]);
      const message = await assessor.plan.save({ id: plan.id, rhk: [] }).catch((e: Error) => e.message);
      expect(message).toMatch(/yang berwenang: pegawai yang bersangkutan, admin BKPSDM wilayah/);
      expect((await colleague.plan.list({ cycleId: w.cycleId, employeeId: w.report.id })).items).toEqual([]);
    });
  });
});
