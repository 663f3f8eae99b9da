// Work recorded in a period belongs to that period's cycle and carries over into the year: the annual cycle's
// list of work entries holds the entries of its year's quarters (each with the quarter's cycle id), while a
// quarter's list holds only its own and another year's quarter stays out.
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
      return { cycleId: cycle.id, entryId: entry.id };
    };
    const q1 = await entryIn("2024-Q1", "2024-02-12");
    const q3 = await entryIn("2024-Q3", "2024-08-05");
    await entryIn("2023-Q4", "2023-11-20");
    const annual = await admin.cycle.create({ name: "Penilaian Tahunan 2024", periodKind: "annual", periodLabel: "2024" });

    for (const viewer of [report, env.as(w.superior.user), admin]) {
      const year = await viewer.workEntry.list({ cycleId: annual.id, employeeId: w.report.id, limit: 50 });
      expect(year.items.map((e) => [e.id, e.cycleId]).sort()).toEqual(
        [
          [q1.entryId, q1.cycleId],
          [q3.entryId, q3.cycleId],
        ].sort(),
      );
    }
    const quarter = await report.workEntry.list({ cycleId: q1.cycleId, employeeId: w.report.id, limit: 50 });
    expect(quarter.items.map((e) => e.id)).toEqual([q1.entryId]);
  });
});

