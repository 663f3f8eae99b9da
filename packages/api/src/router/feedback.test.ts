// Continuous feedback on a work entry: asked for and given by anyone in the region, threaded, each message
// with its author's role, read by the employee, the assessor, admins and those taking part, no one else.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { REGION_CASES, seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

describe.each(inject("dialects"))("feedback on work entries on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;
  let entryId: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env, REGION_CASES.filter((c) => c.regionId === "pariaman"))).get("pariaman") as RegionWorld;
    const report = env.as(w.report.user);
    const plan = await report.plan.create({ cycleId: w.cycleId });
    const saved = await report.plan.save({
      id: plan.id,
      rhk: [{ kind: "utama", text: "Cakupan imunisasi tercapai", indicators: [{ text: "Anak diimunisasi", target: 100, satuan: "anak", indicatorId: "cakupan_vaksinasi" }] }],
    });
    await report.plan.submit({ id: plan.id });
    await env.as(w.superior.user).plan.approve({ id: plan.id });
    const entry = await report.workEntry.create({ ikiId: saved.rhk[0]!.indicators[0]!.id, workDate: "2025-03-03", description: "Posyandu Naras", quantity: 30 });
    entryId = entry.id;
  });
  afterAll(() => env?.dispose());

  it("threads requests and feedback from anyone in the region, with each author's role", async () => {
    const report = env.as(w.report.user);
    const colleague = env.as(w.colleague.user);
    const outsider = env.as(w.outsider.user);
    const request = await report.feedback.post({ workEntryId: entryId, kind: "request", body: "Mohon masukan untuk laporan posyandu", askNip: w.colleague.nip });
    expect(request).toMatchObject({ kind: "request", askedNip: w.colleague.nip, author: { role: "employee", nip: w.report.nip } });

    const inbox = await colleague.feedback.inbox({});
    expect(inbox.items.map((f) => f.id)).toEqual([request.id]);
    expect((await colleague.workEntry.get({ id: entryId })).description).toBe("Posyandu Naras");
    const empty = await colleague.feedback.post({ workEntryId: entryId, kind: "feedback", body: "Balasan tanpa induk", parentId: "" }).catch((e: { code: string; message: string }) => e);
    expect(empty).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("parentId") });
    await colleague.feedback.post({ workEntryId: entryId, kind: "feedback", body: "Lampirkan daftar hadir", parentId: request.id });
    await env.as(w.superior.user).feedback.post({ workEntryId: entryId, kind: "feedback", body: "Sasaran bulan depan dinaikkan" });
    await env.as(w.admin).feedback.post({ workEntryId: entryId, kind: "feedback", body: "Format laporan sudah sesuai" });

    expect(await outsider.feedback.list({ workEntryId: entryId }).catch((e: { code: string }) => e.code)).toBe("NOT_FOUND");
    await outsider.feedback.post({ workEntryId: entryId, kind: "feedback", body: "Bisa berbagi jadwal posyandu?" });
    const thread = await outsider.feedback.list({ workEntryId: entryId });
    expect(thread.items.map((f) => [f.author.role, f.body])).toEqual([
      ["employee", "Mohon masukan untuk laporan posyandu"],
      ["employee", "Lampirkan daftar hadir"],
      ["assessor", "Sasaran bulan depan dinaikkan"],
      ["admin", "Format laporan sudah sesuai"],
      ["employee", "Bisa berbagi jadwal posyandu?"],
    ]);
    expect(thread.items[1]?.parentId).toBe(request.id);

    const pages: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await report.feedback.list({ workEntryId: entryId, limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual(thread.items.map((f) => f.id));
    const audit = await env.as(w.admin).audit.list({ entity: "workEntry", entityId: entryId });
    expect(audit.items.map((e) => e.action).filter((a) => a.startsWith("feedback."))).toEqual([
      "feedback.give",
      "feedback.give",
      "feedback.give",
      "feedback.give",
      "feedback.ask",
    ]);
  });

  it("refuses feedback that points at the wrong thread or person", async () => {
    const report = env.as(w.report.user);
    const mistakes = [
      () => report.feedback.post({ workEntryId: entryId, kind: "feedback", body: "x", askNip: w.colleague.nip }),
      () => report.feedback.post({ workEntryId: entryId, kind: "feedback", body: "x", parentId: "bukan-pesan" }),
      () => report.feedback.post({ workEntryId: entryId, kind: "request", body: "x", askNip: "199001012015031999" }),
    ];
    for (const mistake of mistakes) await expect(mistake()).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(report.feedback.post({ workEntryId: "tidak-ada", kind: "feedback", body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("closes the thread, the work entries, the dialogues and the plan once the cycle is final", async () => {
    const report = env.as(w.report.user);
    const superior = env.as(w.superior.user);
    const entry = await report.workEntry.get({ id: entryId });
    await env.database.db.updateTable("cycles").set({ status: "finalised" }).where("region_id", "=", w.regionId).where("id", "=", w.cycleId).execute();
    const closed = { code: "PRECONDITION_FAILED", message: expect.stringMatching(/sudah final/) };
    await expect(superior.feedback.post({ workEntryId: entryId, kind: "feedback", body: "Terlambat" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/sudah final; hasil dan bukti dukungnya ditutup, umpan balik tidak diterima lagi/),
    });
    await expect(report.feedback.post({ workEntryId: entryId, kind: "request", body: "x", askNip: w.colleague.nip })).rejects.toMatchObject(closed);
    await expect(report.workEntry.create({ ikiId: entry.ikiId, workDate: "2025-03-04", description: "x", quantity: 1 })).rejects.toMatchObject(closed);
    await expect(report.workEntry.update({ id: entryId, quantity: 31 })).rejects.toMatchObject(closed);
    await expect(superior.workEntry.confirm({ id: entryId })).rejects.toMatchObject(closed);
    await expect(
      superior.dialogue.record({ cycleId: w.cycleId, employeeId: w.report.id, heldOn: "2025-04-10", topic: "x", agreedActions: [] }),
    ).rejects.toMatchObject(closed);
    await expect(report.plan.save({ id: entry.planId, rhk: [{ kind: "utama", text: "x", indicators: [{ text: "x", target: 1, satuan: "x" }] }] })).rejects.toMatchObject(closed);
    await expect(report.plan.submit({ id: entry.planId })).rejects.toMatchObject(closed);
    await expect(superior.plan.requestRevision({ id: entry.planId, note: "Perbaiki target" })).rejects.toMatchObject(closed);
    expect((await report.feedback.list({ workEntryId: entryId })).items.length).toBeGreaterThan(0);
  });
});
