// Work recorded in a period belongs to that period's cycle and carries over into the year: the annual cycle's
// list of work entries holds the entries of its year's quarters (each with the quarter's cycle id and period),
// while a quarter's list holds only its own and another year's quarter stays out. Feedback belongs to its
// entry's period, and performance dialogues to the period they were held in, carried into the year the same way.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

describe.each(inject("dialects"))("the year's work in the annual view on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env)).get("binjai") as RegionWorld;
  });
  afterAll(() => env?.dispose());

  it("lists the quarters' entries in the annual cycle, each under its own quarter", async () => {
    const admin = env.as(w.admin);
    const report = env.as(w.report.user);
    const published = (await admin.ruleSet.list()).find((v) => v.status === "published")!;
    const { content } = await admin.ruleSet.get({ id: published.id });
    const relaxed = { ...content, workflow: { ...(content.workflow as object), planning: { required: false, cascade: false } } };
    const draft = await admin.ruleSet.saveDraft({ content: relaxed });
    await admin.ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });

    const entryIn = async (label: string, date: string) => {
      const cycle = await admin.cycle.create({ name: `Triwulan ${label}`, periodKind: "quarterly", periodLabel: label });
      await admin.cycle.open({ id: cycle.id });
      const plan = await report.plan.create({ cycleId: cycle.id });
      const saved = await report.plan.save({
        id: plan.id,
        rhk: [{ kind: "utama", text: "Layanan tepat waktu", indicators: [{ text: "Berkas diverifikasi", target: 30, satuan: "berkas" }] }],
      });
      const entry = await report.workEntry.create({ ikiId: saved.rhk[0]!.indicators[0]!.id, workDate: date, description: `Berkas ${label}`, quantity: 3 });
      const dialogue = await env
        .as(w.superior.user)
        .dialogue.record({ cycleId: cycle.id, employeeId: w.report.id, heldOn: date, topic: `Dialog ${label}`, agreedActions: ["Berkas tepat waktu"] });
      return { cycleId: cycle.id, entryId: entry.id, dialogueId: dialogue.id };
    };
    const q1 = await entryIn("2024-Q1", "2024-02-12");
    const q3 = await entryIn("2024-Q3", "2024-08-05");
    const q4Before = await entryIn("2023-Q4", "2023-11-20");
    const annual = await admin.cycle.create({ name: "Penilaian Tahunan 2024", periodKind: "annual", periodLabel: "2024" });

    for (const viewer of [report, env.as(w.superior.user), admin]) {
      const year = await viewer.workEntry.list({ cycleId: annual.id, employeeId: w.report.id, limit: 50 });
      expect(year.items.map((e) => [e.id, e.cycleId, e.periodLabel]).sort()).toEqual(
        [
          [q1.entryId, q1.cycleId, "2024-Q1"],
          [q3.entryId, q3.cycleId, "2024-Q3"],
        ].sort(),
      );
      const dialogues = await viewer.dialogue.listForEmployee({ cycleId: annual.id, employeeId: w.report.id, limit: 50 });
      expect(dialogues.items.map((d) => [d.id, d.cycleId, d.periodLabel])).toEqual([
        [q1.dialogueId, q1.cycleId, "2024-Q1"],
        [q3.dialogueId, q3.cycleId, "2024-Q3"],
      ]);
      expect(dialogues.summary.count).toBe(2);
    }
    const quarter = await report.workEntry.list({ cycleId: q1.cycleId, employeeId: w.report.id, limit: 50 });
    expect(quarter.items.map((e) => e.id)).toEqual([q1.entryId]);
    const quarterDialogues = await report.dialogue.listForEmployee({ cycleId: q3.cycleId, employeeId: w.report.id, limit: 50 });
    expect(quarterDialogues.items.map((d) => d.id)).toEqual([q3.dialogueId]);
    const lastYear = await report.dialogue.listForEmployee({ cycleId: q4Before.cycleId, employeeId: w.report.id, limit: 50 });
    expect(lastYear.items.map((d) => [d.id, d.periodLabel])).toEqual([[q4Before.dialogueId, "2023-Q4"]]);

    // Feedback asked on a quarter's entry carries that quarter, in the thread and in the asked person's inbox.
    const asked = await report.feedback.post({ workEntryId: q3.entryId, kind: "request", body: "Mohon masukan berkas triwulan III", askNip: w.colleague.nip });
    expect(asked.periodLabel).toBe("2024-Q3");
    const given = await env.as(w.superior.user).feedback.post({ workEntryId: q3.entryId, kind: "feedback", body: "Berkas lengkap", parentId: asked.id });
    expect(given.periodLabel).toBe("2024-Q3");
    const thread = await report.feedback.list({ workEntryId: q3.entryId });
    expect(thread.items.map((f) => [f.id, f.periodLabel])).toEqual([
      [asked.id, "2024-Q3"],
      [given.id, "2024-Q3"],
    ]);
    const inbox = await env.as(w.colleague.user).feedback.inbox({});
    expect(inbox.items.find((f) => f.id === asked.id)?.periodLabel).toBe("2024-Q3");
  });
});

