// An IKI counted in percent, on a real database: twelve monthly rates confirmed become their mean as the
// realisasi the evaluation reads and the progress both the employee and the assessor see, not their sum
// (12 × 92 % is not 1104 %, nor is twelve entries of 1 "12 persen" against a 95 % target).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/env.js";
import { seedWorkRegions, type RegionWorld } from "../testing/work-period.js";

const RATES = [88, 90, 91, 92, 93, 94, 95, 96, 92, 91, 90, 92];
const MEAN = RATES.reduce((a, b) => a + b, 0) / RATES.length;

describe.each(inject("dialects"))("realisasi of an IKI in percent on %s", (dialect) => {
  let env: TestEnv;
  let w: RegionWorld;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    w = (await seedWorkRegions(env)).get("binjai") as RegionWorld;
  });
  afterAll(() => env?.dispose());

  it("is the mean of the confirmed rates, in the progress and in the evaluation's input", async () => {
    const admin = env.as(w.admin);
    const published = (await admin.ruleSet.list()).find((v) => v.status === "published")!;
    const { content } = await admin.ruleSet.get({ id: published.id });
    const relaxed = { ...content, workflow: { ...(content.workflow as object), planning: { required: false, cascade: false } } };
    const draft = await admin.ruleSet.saveDraft({ content: relaxed });
    await admin.ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
    const cycle = await admin.cycle.create({ name: "Penilaian 2024", periodKind: "annual", periodLabel: "2024", ruleSetVersionId: draft.version.id });
    await admin.cycle.open({ id: cycle.id });

    const report = env.as(w.report.user);
    const superior = env.as(w.superior.user);
    const plan = await report.plan.create({ cycleId: cycle.id });
    const saved = await report.plan.save({
      id: plan.id,
      rhk: [
        {
          kind: "utama",
          text: "Layanan tepat waktu",
          indicators: [
            { text: "Persentase berkas selesai tepat waktu", target: 95, satuan: "persen", indicatorId: "penyelesaian_tepat_waktu" },
            { text: "Berkas diverifikasi", target: 95, satuan: "berkas" },
          ],
        },
      ],
    });
    const [rate, count] = saved.rhk[0]!.indicators;
    for (const [month, value] of RATES.entries()) {
      const date = `2024-${String(month + 1).padStart(2, "0")}-15`;
      const rateEntry = await report.workEntry.create({ ikiId: rate!.id, workDate: date, description: `Rekap bulan ${month + 1}`, quantity: value });
      const countEntry = await report.workEntry.create({ ikiId: count!.id, workDate: date, description: `Berkas bulan ${month + 1}`, quantity: 1 });
      await superior.workEntry.confirm({ id: rateEntry.id });
      await superior.workEntry.confirm({ id: countEntry.id });
    }

    for (const viewer of [report, superior]) {
      const progress = await viewer.workEntry.progress({ cycleId: cycle.id, employeeId: w.report.id });
      const byText = (text: string) => progress.indicators.find((i) => i.text === text);
      expect(byText("Persentase berkas selesai tepat waktu")).toMatchObject({ confirmed: MEAN, percent: Math.round((MEAN / 95) * 1000) / 10 });
      // A count still adds up: twelve documents.
      expect(byText("Berkas diverifikasi")).toMatchObject({ confirmed: 12 });
      expect(progress.realisasi).toEqual({ penyelesaian_tepat_waktu: { target: 95, realisasi: MEAN } });
    }

    await admin.cycle.run({ id: cycle.id });
    await env.jobs.idle();
    const result = await admin.result.get({ cycleId: cycle.id, employeeId: w.report.id });
    expect((result.input as { values: Record<string, unknown> }).values.penyelesaian_tepat_waktu).toEqual({ target: 95, realisasi: MEAN });
  });
});
