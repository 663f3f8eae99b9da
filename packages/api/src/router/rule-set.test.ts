import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../testing/env.js";

type Content = Record<string, unknown> & {
  indicatorSets: Array<{ indicators: Array<{ weight: number }> }>;
  decisions: Array<{ id: string; rows: Array<{ then: unknown }> }>;
  tests: Array<{ name: string; expect: { predikat?: string } }>;
};

const clone = <T>(value: T): T => structuredClone(value);

describe.each(inject("dialects"))("rule set router on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let published: Content;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 24);
    published = (await env.as(binjai.admin).ruleSet.get({ id: binjai.ruleSetVersionId })).content as Content;
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  it("lists versions and reads one, to every role of the region", async () => {
    for (const user of [binjai.admin, binjai.assessor, binjai.employee]) {
      const versions = await env.as(user).ruleSet.list();
      expect(versions).toMatchObject([{ id: binjai.ruleSetVersionId, version: 1, status: "published" }]);
    }
    const one = await env.as(binjai.employee).ruleSet.get({ id: binjai.ruleSetVersionId });
    expect(one.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(one.content).toMatchObject({ id: "permenpanrb_6_2022" });
  });

  it("validates content and names the JSON pointer of every issue", async () => {
    const good = await admin().ruleSet.validate({ content: published });
    expect(good).toMatchObject({ ok: true, tests: { failed: 0 } });
    expect(good.tests?.passed).toBeGreaterThan(0);
    const bad = clone(published);
    bad.indicatorSets[0]!.indicators[0]!.weight = 999;
    const report = await admin().ruleSet.validate({ content: bad });
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => i.pointer)).toContain("/indicatorSets/0/indicators/0/weight");
    const extended = await admin().ruleSet.validate({ content: { ...published, extends: "national/pp-46-2011.json" } });
    expect(extended.issues).toMatchObject([{ pointer: "/extends" }]);
    await expect(env.as(binjai.assessor).ruleSet.validate({ content: published })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("saves drafts as new versions or over a draft, never over a published version", async () => {
    const first = await admin().ruleSet.saveDraft({ content: { ...published, name: "Draf A" } });
    expect(first.version).toMatchObject({ version: 2, status: "draft", name: "Draf A" });
    expect(first.validation.ok).toBe(true);
    const again = await admin().ruleSet.saveDraft({ id: first.version.id, content: { ...published, name: "Draf A2" } });
    expect(again.version).toMatchObject({ id: first.version.id, version: 2, name: "Draf A2" });
    expect(again.version.contentHash).not.toBe(first.version.contentHash);
    await expect(admin().ruleSet.saveDraft({ id: binjai.ruleSetVersionId, content: published })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const log = await admin().audit.list({ entity: "ruleSetVersion", entityId: first.version.id });
    expect(log.items.map((e) => e.action)).toEqual(["ruleSet.saveDraft", "ruleSet.saveDraft"]);
  });

  it("publishes only a valid draft whose own cases pass", async () => {
    const invalid = clone(published);
    invalid.indicatorSets[0]!.indicators[0]!.weight = 999;
    const draftInvalid = await admin().ruleSet.saveDraft({ content: invalid });
    expect(draftInvalid.validation.ok).toBe(false);
    await expect(admin().ruleSet.publish({ id: draftInvalid.version.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("/indicatorSets/0/indicators/0/weight"),
    });

    const failing = clone(published);
    failing.tests[0]!.expect.predikat = "sangat_kurang";
    const draftFailing = await admin().ruleSet.saveDraft({ content: failing });
    expect(draftFailing.validation).toMatchObject({ ok: false, tests: { failed: 1 } });
    await expect(admin().ruleSet.publish({ id: draftFailing.version.id })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining(failing.tests[0]!.name),
    });

    const before = await snapshot(env);
    const good = await admin().ruleSet.saveDraft({ content: { ...published, name: "Versi baru" } });
    const done = await admin().ruleSet.publish({ id: good.version.id });
    expect(done).toMatchObject({ status: "published", name: "Versi baru" });
    expect(done.publishedAt).not.toBeNull();
    await expect(admin().ruleSet.publish({ id: good.version.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await snapshot(env)).rule_set_versions).toBe((before.rule_set_versions ?? 0) + 1);
    const cycle = await admin().cycle.create({ name: "Baru", periodKind: "annual", periodLabel: "2026" });
    expect(cycle.ruleSetVersionId).toBe(good.version.id);
  });

  it("diffs two versions as a list of changed JSON pointers", async () => {
    const changed = clone(published);
    changed.indicatorSets[0]!.indicators[0]!.weight = 50;
    const draft = await admin().ruleSet.saveDraft({ content: { ...changed, name: "Bobot diubah" } });
    const diff = await admin().ruleSet.diff({ fromId: binjai.ruleSetVersionId, toId: draft.version.id });
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        { pointer: "/name", kind: "changed", before: published.name, after: "Bobot diubah" },
        expect.objectContaining({ pointer: "/indicatorSets/0/indicators/0/weight", kind: "changed", after: 50 }),
      ]),
    );
    expect(diff.changes).toHaveLength(2);
    expect((await admin().ruleSet.diff({ fromId: binjai.ruleSetVersionId, toId: binjai.ruleSetVersionId })).changes).toEqual([]);
  });

  it("evaluates a draft on a past cycle's stored inputs and reports who moves", async () => {
    await expect(admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content: published })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await admin().cycle.run({ id: binjai.cycleId });
    await env.jobs.idle();

    const same = await admin().ruleSet.whatIf({ cycleId: binjai.cycleId, ruleSetVersionId: binjai.ruleSetVersionId });
    expect(same).toMatchObject({ total: 24, moves: [], fromVersion: 1, toVersion: 1 });
    expect(same.after).toEqual(same.before);

    const generous = clone(published);
    const predikat = generous.decisions.find((d) => d.id === "predikat")!;
    for (const row of predikat.rows) if (row.then === "baik") row.then = "sangat_baik";
    const report = await admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content: generous });
    const baik = report.before.baik ?? 0;
    expect(baik).toBeGreaterThan(0);
    expect(report.after.baik ?? 0).toBe(0);
    expect(report.after.sangat_baik).toBe((report.before.sangat_baik ?? 0) + baik);
    expect(report.moves).toHaveLength(baik);
    expect(report.moves.every((m) => m.from === "baik" && m.to === "sangat_baik" && /^\d{18}$/.test(m.nip))).toBe(true);
    expect(report.toVersion).toBeNull();

    const broken = clone(published);
    broken.indicatorSets[0]!.indicators[0]!.weight = 999;
    await expect(admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content: broken })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });
});
