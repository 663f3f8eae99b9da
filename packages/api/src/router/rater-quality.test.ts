// Rater quality against subjective ratings: each rater's mean difference from the other raters of the
// same employees, with the count of those employees, the z-score among the cycle's raters, and flags for
// the lenient, the severe and those whose ratings barely vary. Subordinates rate their superior where the
// rules weigh them, and only their own superior.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fillForm, seedWalkRegion, type Member, type RatingStyle, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, type TestEnv } from "../testing/env.js";

describe.each(inject("dialects"))("rater quality on %s", (dialect) => {
  let env: TestEnv;
  let r: WalkRegion;
  let cycleId: string;
  const admin = () => env.as(r.admin);
  const style = new Map<string, RatingStyle>();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    r = await seedWalkRegion(env, "amplas");
    // Amplas' rules with subordinates weighed in too, published as version 2 for this cycle.
    const current = (await admin().ruleSet.list())[0]!;
    const content = (await admin().ruleSet.get({ id: current.id })).content as { raters: { weights: Record<string, number> }; tests: unknown[] };
    content.raters.weights = { supervisor: 40, peer: 30, self: 15, subordinate: 15 };
    // Its embedded cases expect the weights it ships with.
    content.tests = [];
    const draft = await admin().ruleSet.saveDraft({ content });
    await admin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
    cycleId = (await admin().cycle.create({ name: "Uji penilai", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.pilot], ruleSetVersionId: draft.version.id })).id;
    await admin().cycle.open({ id: cycleId });
    const ring = (group: Member[]) =>
      Promise.all(group.map((m, i) => admin().assessment.setPeers({ cycleId, employeeId: m.id, peerIds: [group[(i + 1) % group.length]!.id, group[(i + 2) % group.length]!.id] })));
    await ring(r.staff);
    await ring([r.assessor, ...r.kasi]);
    style.set(r.staff[1]!.nip, "lenient");
    style.set(r.staff[4]!.nip, "flat");
    for (const m of r.staff) {
      const supervisor = await env.as(r.assessor.user).assessment.form({ cycleId, employeeId: m.id, source: "supervisor" });
      await env.as(r.assessor.user).assessment.submit(fillForm(supervisor, m.quality));
      for (const peer of (await admin().assessment.peers({ cycleId, employeeId: m.id })).peers) {
        const rater = r.staff.find((s) => s.nip === peer.nip)!;
        const form = await env.as(rater.user).assessment.form({ cycleId, employeeId: m.id, source: "peer" });
        await env.as(rater.user).assessment.submit(fillForm(form, m.quality, style.get(rater.nip) ?? "honest"));
      }
    }
  });
  afterAll(() => env?.dispose());

  it("measures each rater against the other raters of the same employees and flags the outliers", async () => {
    const raters = await admin().raterQuality.raters({ cycleId });
    const lenient = raters.find((q) => q.rater === r.staff[1]!.nip)!;
    expect(lenient).toMatchObject({ nama: r.staff[1]!.nama, sources: ["peer"], ratees: 2, ratings: 10 });
    expect(lenient.meanDifference).toBeGreaterThan(20);
    expect(lenient.z).toBeGreaterThanOrEqual(2);
    // Top marks for everyone are both lenient and without spread.
    expect(lenient.flags.map((f) => f.kind)).toEqual(["lenient", "flat"]);
    const flat = raters.find((q) => q.rater === r.staff[4]!.nip)!;
    expect(flat.sd).toBe(0);
    expect(flat.flags.map((f) => f.kind)).toContain("flat");
    expect(flat.flags.find((f) => f.kind === "flat")?.message).toBe("Nilai hampir seragam: simpangan baku 0 poin dari 10 nilai");
    const assessor = raters.find((q) => q.rater === r.assessor.nip)!;
    expect(assessor).toMatchObject({ sources: ["supervisor"], ratees: 6 });
    expect(Math.abs(assessor.z ?? 0)).toBeLessThan(2);
    expect(raters[0]?.rater).toBe(lenient.rater);
    expect((await admin().raterQuality.raters({ cycleId, flaggedOnly: true })).every((q) => q.flags.length > 0)).toBe(true);
    expect(await admin().raterQuality.raters({ cycleId, unitId: r.units.other })).toEqual([]);
    await expect(env.as(r.assessor.user).raterQuality.raters({ cycleId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("takes subordinates' sheets on their own superior only, and reminds them when late", async () => {
    await admin().assessment.setDeadline({ cycleId, source: "subordinate", dueDate: "2025-12-01" });
    const late = await admin().assessment.reminders({ cycleId, asOf: "2025-12-03" });
    const subordinateRows = late.late.filter((l) => l.source === "subordinate");
    expect(subordinateRows.map((l) => l.rater?.nip).sort()).toEqual(r.staff.map((m) => m.nip).sort());
    expect(subordinateRows.every((l) => l.ratee.employeeId === r.assessor.id && l.daysLate === 2)).toBe(true);

    const staff = r.staff[0]!;
    const form = await env.as(staff.user).assessment.form({ cycleId, employeeId: r.assessor.id, source: "subordinate" });
    expect(form.indicators.length).toBeGreaterThan(0);
    await env.as(staff.user).assessment.submit(fillForm(form, r.assessor.quality, "honest", "Arahan atasan jelas"));
    // A section head is neither their superior nor otherwise related to them: refused as someone they cannot see.
    await expect(
      env.as(staff.user).assessment.submit({ cycleId, employeeId: r.kasi[0]!.id, source: "subordinate", ratings: {} }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const after = await admin().assessment.reminders({ cycleId, asOf: "2025-12-03" });
    expect(after.late.filter((l) => l.source === "subordinate")).toHaveLength(r.staff.length - 1);
    const feedback = await env.as(r.assessor.user).assessment.feedback({ cycleId, employeeId: r.assessor.id });
    expect(feedback.find((f) => f.source === "subordinate")).toMatchObject({ rater: null, label: "Bawahan 1", comment: "Arahan atasan jelas" });
  });
});
