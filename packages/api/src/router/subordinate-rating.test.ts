// Samarinda rates a structural unit leader on leading and communicating with the team, by their direct
// reports only (rules/samarinda.json, set pimpinan_struktural). The subordinates rate anonymously: the
// leader and the leader's assessor read the ratings only as their mean, with no names on the feedback
// and no subordinate's sheet in their list; the region's admin sees each sheet.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fillForm, seedWalkRegion, type Member, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, type Caller, type TestEnv } from "../testing/env.js";

interface Step {
  kind: string;
  indicator?: string;
  raters?: { sources: Array<{ source: string; values: number[]; mean: number | null }> } | null;
}

describe.each(inject("dialects"))("subordinates rating their leader on %s", (dialect) => {
  let env: TestEnv;
  let r: WalkRegion;
  let cycleId: string;
  const as = (m: Member | WalkRegion["admin"]): Caller => env.as("user" in m ? m.user : m);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    r = await seedWalkRegion(env, "samarinda");
    // The kabid leads a dinas unit (not a puskesmas): Samarinda's pimpinan_struktural set applies to them.
    await env.database.db.updateTable("units").set({ type: "dinas" }).where("region_id", "=", r.regionId).where("id", "=", r.units.pilot).execute();
    const cycle = await as(r.admin).cycle.create({ name: "Penilaian Kinerja 2025", periodKind: "annual", periodLabel: "2025", unitIds: [r.units.pilot] });
    cycleId = cycle.id;
    await as(r.admin).cycle.open({ id: cycleId });
  });
  afterAll(() => env?.dispose());

  it("lets each direct report rate the leader and shows the leader and their assessor only the mean", async () => {
    const leader = r.assessor;
    const [a, b, c] = r.staff as [Member, Member, Member];
    const given = new Map([
      [a, 5],
      [b, 4],
      [c, 3],
    ]);
    for (const [staff, rating] of given) {
      const form = await as(staff).assessment.form({ cycleId, employeeId: leader.id, source: "subordinate" });
      expect(form.indicatorSet.id).toBe("pimpinan_struktural");
      expect(form.indicators.map((i) => i.id)).toEqual(["kepemimpinan_komunikasi"]);
      await as(staff).assessment.submit({
        cycleId,
        employeeId: leader.id,
        source: "subordinate",
        ratings: { kepemimpinan_komunikasi: rating },
        comment: `Masukan bawahan nomor ${rating}`,
      });
    }
    // A colleague who does not report to the leader cannot rate them as a subordinate: the leader is none of theirs.
    await expect(as(r.kasi[0]!).assessment.submit({ cycleId, employeeId: leader.id, source: "subordinate", ratings: { kepemimpinan_komunikasi: 1 } })).rejects.toThrow(
      /tidak ditemukan/,
    );
    const supervisorForm = await as(r.kepala).assessment.form({ cycleId, employeeId: leader.id, source: "supervisor" });
    expect(supervisorForm.indicators.map((i) => i.id)).not.toContain("kepemimpinan_komunikasi");
    await as(r.kepala).assessment.submit(fillForm(supervisorForm, leader.quality));

    await as(r.admin).cycle.run({ id: cycleId });
    await env.jobs.idle();

    const names = [a, b, c].flatMap((m) => [m.nip, m.nama]);
    const breakdown = (result: { explanation: unknown }) => {
      const steps = (result.explanation as { steps: Step[] }).steps;
      const step = steps.find((s) => s.kind === "indicator" && s.indicator === "kepemimpinan_komunikasi");
      return step?.raters?.sources.find((s) => s.source === "subordinate");
    };

    // The admin sees every sheet and every rating.
    const full = await as(r.admin).result.get({ cycleId, employeeId: leader.id });
    expect(full.decisions).toBeDefined();
    expect([...breakdown(full)!.values].sort()).toEqual([3, 4, 5]);
    expect((full.input as { ratings: { subordinate: unknown[] } }).ratings.subordinate).toHaveLength(3);
    const adminSheets = await as(r.admin).assessment.list({ cycleId, employeeId: leader.id });
    expect(adminSheets.filter((s) => s.source === "subordinate").map((s) => s.rater).sort()).toEqual([a.nip, b.nip, c.nip].sort());
    const adminFeedback = await as(r.admin).assessment.feedback({ cycleId, employeeId: leader.id });
    expect(adminFeedback.filter((f) => f.source === "subordinate").map((f) => f.rater).sort()).toEqual([a.nama, b.nama, c.nama].sort());

    for (const viewer of [leader, r.kepala]) {
      const shown = await as(viewer).result.get({ cycleId, employeeId: leader.id });
      // The same score, from the mean alone.
      expect(shown.scores).toEqual(full.scores);
      expect(shown.scores["score.kepemimpinan_komunikasi"]).toBe(80);
      expect(breakdown(shown)).toMatchObject({ values: [4], mean: 4 });
      expect((shown.input as { ratings: { subordinate: unknown } }).ratings.subordinate).toEqual([{ kepemimpinan_komunikasi: 4 }]);
      const text = JSON.stringify(shown);
      for (const name of names) expect(text).not.toContain(name);

      const sheets = await as(viewer).assessment.list({ cycleId, employeeId: leader.id });
      expect(sheets.filter((s) => s.source === "subordinate")).toEqual([]);
      const feedback = (await as(viewer).assessment.feedback({ cycleId, employeeId: leader.id })).filter((f) => f.source === "subordinate");
      expect(feedback.map((f) => f.rater)).toEqual([null, null, null]);
      expect(feedback.map((f) => f.comment).sort()).toEqual(["Masukan bawahan nomor 3", "Masukan bawahan nomor 4", "Masukan bawahan nomor 5"]);
    }

    // A subordinate still reads the sheet they wrote, and no one else's.
    const own = await as(a).assessment.list({ cycleId, employeeId: leader.id });
    expect(own.map((s) => [s.source, s.rater, s.ratings])).toEqual([["subordinate", a.nip, { kepemimpinan_komunikasi: 5 }]]);
  });
});
