import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { newId, now, toJson } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { contentHash } from "../services/rules/index.js";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../testing/env.js";

type Content = Record<string, unknown> & {
  indicatorSets: Array<{ indicators: Array<{ weight: number }> }>;
  decisions: Array<{ id: string; rows: Array<{ then: unknown }> }>;
  tests: Array<{ name: string; expect: { predikat?: string } }>;
};

const clone = <T>(value: T): T => structuredClone(value);

/** The error a call was refused with, and the HTTP status it answers. */
async function refusal(call: Promise<unknown>): Promise<{ code: string; status: number; message: string }> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, status: getHTTPStatusCodeFromError(error), message: error.message };
}

/** A condition 5,000 levels deep: nots around one test. */
function deepCondition(): Record<string, unknown> {
  let condition: Record<string, unknown> = { fact: "predikat", operator: "equal", value: "baik" };
  for (let i = 1; i < 5000; i++) condition = { not: condition };
  return condition;
}

/** A condition reading the employee through a JSONPath filter, which jsonpath-plus runs only when an evaluation reaches it. */
const BAD_PATH_TEST = { fact: "employee", path: "$[?(@.x.y)]", operator: "equal", value: 1 };

/** The content with one more outcome rule, the last. */
function withOutcome(content: Content, conditions: unknown): Content & { outcomes: unknown[] } {
  const changed = clone(content) as Content & { outcomes: unknown[] };
  changed.outcomes.push({ name: "tambahan", conditions, event: { type: "catatan" } });
  return changed;
}

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
    expect(first.version.revision).toBe(1);
    const again = await admin().ruleSet.saveDraft({ id: first.version.id, baseRevision: 1, content: { ...published, name: "Draf A2" } });
    expect(again.version).toMatchObject({ id: first.version.id, version: 2, name: "Draf A2", revision: 2 });
    expect(again.version.contentHash).not.toBe(first.version.contentHash);
    await expect(admin().ruleSet.saveDraft({ id: binjai.ruleSetVersionId, baseRevision: 1, content: published })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    const log = await admin().audit.list({ entity: "ruleSetVersion", entityId: first.version.id });
    expect(log.items.map((e) => e.action)).toEqual(["ruleSet.saveDraft", "ruleSet.saveDraft"]);
  });

  it("refuses a save over a draft edited from an older revision, and one that does not say which", async () => {
    const draft = await admin().ruleSet.saveDraft({ content: { ...published, name: "Draf bersama" } });
    const id = draft.version.id;
    await admin().ruleSet.saveDraft({ id, baseRevision: 1, content: { ...published, name: "Perubahan pertama" } });
    const stale = await refusal(admin().ruleSet.saveDraft({ id, baseRevision: 1, content: { ...published, name: "Perubahan kedua" } }));
    expect(stale).toEqual({
      code: "CONFLICT",
      status: 409,
      message:
        `Draf versi ${draft.version.version} sudah disimpan orang lain sejak Anda membukanya (Anda mengubah revisi 1, yang tersimpan kini revisi 2); ` +
        "muat ulang untuk memakai yang tersimpan, atau bandingkan dengan perubahan Anda",
    });
    await expect(admin().ruleSet.saveDraft({ id, content: published })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("baseRevision") });
    expect(await admin().ruleSet.get({ id })).toMatchObject({ name: "Perubahan pertama", revision: 2 });
    const compared = await admin().ruleSet.diffContent({ id, content: { ...published, name: "Perubahan kedua" } });
    expect(compared).toMatchObject({ version: { id, revision: 2 }, changes: [{ pointer: "/name", kind: "changed", before: "Perubahan pertama", after: "Perubahan kedua" }] });
    const reloaded = await admin().ruleSet.saveDraft({ id, baseRevision: 2, content: { ...published, name: "Perubahan kedua" } });
    expect(reloaded.version).toMatchObject({ name: "Perubahan kedua", revision: 3 });
  });

  it("lets exactly one of ten concurrent saves of one draft win; the nine others are told, and the stored draft is the winner's", async () => {
    const draft = await admin().ruleSet.saveDraft({ content: { ...published, name: "Draf serentak" } });
    const id = draft.version.id;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => admin().ruleSet.saveDraft({ id, baseRevision: 1, content: { ...published, name: `Simpanan ${i}` } })),
    );
    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason as TRPCError] : []));
    expect(won).toHaveLength(1);
    expect(lost.map((e) => e.code)).toEqual(Array(9).fill("CONFLICT"));
    expect(lost.every((e) => e.message.startsWith(`Draf versi ${draft.version.version} sudah disimpan orang lain`))).toBe(true);
    const stored = await admin().ruleSet.get({ id });
    expect(stored).toMatchObject({ revision: 2, name: won[0]!.version.name, contentHash: won[0]!.version.contentHash });
    expect(stored.content).toMatchObject({ name: won[0]!.version.name });
    const log = await admin().audit.list({ entity: "ruleSetVersion", entityId: id });
    expect(log.items.map((e) => e.action)).toEqual(["ruleSet.saveDraft", "ruleSet.saveDraft"]);
  });

  it("numbers ten concurrent new drafts of one region one after another, each answered", async () => {
    const before = (await admin().ruleSet.list()).map((v) => v.version);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => admin().ruleSet.saveDraft({ content: { ...published, name: `Draf baru ${i}` } })),
    );
    expect(results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []))).toEqual([]);
    const versions = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.version.version] : [])).sort((a, b) => a - b);
    const next = Math.max(...before) + 1;
    expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => next + i));
    const stored = await admin().ruleSet.list();
    expect(stored.filter((v) => v.name.startsWith("Draf baru ")).map((v) => v.version).sort((a, b) => a - b)).toEqual(versions);
  });

  it("publishes only a valid draft whose own cases pass", async () => {
    const invalid = clone(published);
    invalid.indicatorSets[0]!.indicators[0]!.weight = 999;
    const draftInvalid = await admin().ruleSet.saveDraft({ content: invalid });
    expect(draftInvalid.validation.ok).toBe(false);
    await expect(admin().ruleSet.publish({ id: draftInvalid.version.id, revision: 1 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining("/indicatorSets/0/indicators/0/weight"),
    });

    const failing = clone(published);
    failing.tests[0]!.expect.predikat = "sangat_kurang";
    const draftFailing = await admin().ruleSet.saveDraft({ content: failing });
    expect(draftFailing.validation).toMatchObject({ ok: false, tests: { failed: 1 } });
    await expect(admin().ruleSet.publish({ id: draftFailing.version.id, revision: 1 })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining(failing.tests[0]!.name),
    });

    const before = await snapshot(env);
    const good = await admin().ruleSet.saveDraft({ content: { ...published, name: "Versi baru" } });
    const done = await admin().ruleSet.publish({ id: good.version.id, revision: 1 });
    expect(done).toMatchObject({ status: "published", name: "Versi baru" });
    expect(done.publishedAt).not.toBeNull();
    await expect(admin().ruleSet.publish({ id: good.version.id, revision: 1 })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await snapshot(env)).rule_set_versions).toBe((before.rule_set_versions ?? 0) + 1);
    const cycle = await admin().cycle.create({ name: "Baru", periodKind: "annual", periodLabel: "2026" });
    expect(cycle.ruleSetVersionId).toBe(good.version.id);
  });

  it("refuses to publish a draft saved again since the revision the admin looked at, and publishes the stored one once seen", async () => {
    const draft = await admin().ruleSet.saveDraft({ content: { ...published, name: "Dilihat admin pertama" } });
    const id = draft.version.id;
    await admin().ruleSet.saveDraft({ id, baseRevision: 1, content: { ...published, name: "Diubah admin kedua" } });
    const stale = await refusal(admin().ruleSet.publish({ id, revision: 1 }));
    expect(stale).toEqual({
      code: "CONFLICT",
      status: 409,
      message:
        `Draf versi ${draft.version.version} sudah disimpan orang lain sejak Anda membukanya (Anda hendak menerbitkan revisi 1, yang tersimpan kini revisi 2); ` +
        "muat ulang untuk memakai yang tersimpan, atau periksa dulu yang tersimpan sebelum menerbitkannya",
    });
    expect(await admin().ruleSet.get({ id })).toMatchObject({ status: "draft", publishedAt: null, revision: 2, name: "Diubah admin kedua" });
    const log = await admin().audit.list({ entity: "ruleSetVersion", entityId: id });
    expect(log.items.map((e) => e.action)).toEqual(["ruleSet.saveDraft", "ruleSet.saveDraft"]);

    const done = await admin().ruleSet.publish({ id, revision: 2 });
    expect(done).toMatchObject({ id, status: "published", revision: 2, name: "Diubah admin kedua" });
    await expect(admin().ruleSet.publish({ id, revision: 2 })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("lets a save or a publish of one draft at one revision win, never both: the other is told", async () => {
    const draft = await admin().ruleSet.saveDraft({ content: { ...published, name: "Disimpan atau diterbitkan" } });
    const id = draft.version.id;
    const [saved, publishedNow] = await Promise.allSettled([
      admin().ruleSet.saveDraft({ id, baseRevision: 1, content: { ...published, name: "Simpanan serentak" } }),
      admin().ruleSet.publish({ id, revision: 1 }),
    ]);
    const stored = await admin().ruleSet.get({ id });
    if (saved.status === "fulfilled") {
      expect(publishedNow).toMatchObject({ status: "rejected", reason: { code: "CONFLICT" } });
      expect(stored).toMatchObject({ status: "draft", revision: 2, name: "Simpanan serentak" });
    } else {
      expect(saved.reason).toMatchObject({ code: "PRECONDITION_FAILED" });
      expect(publishedNow.status).toBe("fulfilled");
      expect(stored).toMatchObject({ status: "published", revision: 1, name: "Disimpan atau diterbitkan" });
    }
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

  it("refuses a path outside the JSONPath subset at its pointer, though none of the file's own cases reaches it", async () => {
    // The first priority group never holds in the file's cases, so the test with the bad path never runs there.
    const gated = withOutcome(published, { all: [{ fact: "period.label", operator: "equal", value: "tidak pernah", priority: 10 }, BAD_PATH_TEST] });
    const at = `/outcomes/${gated.outcomes.length - 1}/conditions/all/1/path`;
    const report = await admin().ruleSet.validate({ content: gated });
    expect(report.ok).toBe(false);
    expect(report.issues).toContainEqual(expect.objectContaining({ pointer: at, severity: "error", message: expect.stringContaining(BAD_PATH_TEST.path) }));
    const draft = await admin().ruleSet.saveDraft({ content: gated });
    expect(draft.validation.ok).toBe(false);
    const publish = await refusal(admin().ruleSet.publish({ id: draft.version.id, revision: 1 }));
    expect(publish.code).toBe("PRECONDITION_FAILED");
    expect(publish.message).toContain(`${at}: `);
    expect(publish.message).toContain(BAD_PATH_TEST.path);
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
    // Named as people read them: the predikat labels and why in words, no ids or JSON.
    expect(report.predikatLabels).toMatchObject({ baik: "Baik", sangat_baik: "Sangat Baik" });
    expect(report.moves.every((m) => m.fromLabel === "Baik" && m.toLabel === "Sangat Baik" && /: Baik → Sangat Baik$/.test(m.reason ?? ""))).toBe(true);
    expect(report.toVersion).toBeNull();

    const broken = clone(published);
    broken.indicatorSets[0]!.indicators[0]!.weight = 999;
    await expect(admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content: broken })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("/indicatorSets/0/indicators/0/weight"),
    });
  });

  it("refuses a file nested 5,000 deep with 400 naming the limit, wherever it is sent, and stores nothing (after the cycle's run)", async () => {
    const deep = withOutcome(published, deepCondition());
    const before = await snapshot(env);
    for (const call of [
      admin().ruleSet.validate({ content: deep }),
      admin().ruleSet.saveDraft({ content: deep }),
      admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content: deep }),
    ]) {
      const refused = await refusal(call);
      expect(refused).toMatchObject({ code: "BAD_REQUEST", status: 400 });
      // The pointer of the first value past the limit, and the limit.
      expect(refused.message).toMatch(/: \/outcomes\/\d+\/conditions(\/not){61}: .*\b64\b/);
    }
    expect(await snapshot(env)).toEqual(before);
  });

  it("never answers 500 for what-if on a stored version whose path an evaluation would fail on", async () => {
    const content = withOutcome(published, { all: [BAD_PATH_TEST] });
    const at = `/outcomes/${content.outcomes.length - 1}/conditions/all/0/path`;
    const refused = await refusal(admin().ruleSet.whatIf({ cycleId: binjai.cycleId, content }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", status: 400, message: expect.stringContaining(`${at}: `) });
    expect(refused.message).toContain(BAD_PATH_TEST.path);

    // Stored as published before paths were checked: its cases were never run against it.
    const id = newId();
    const stamp = now();
    await env.database.db
      .insertInto("rule_set_versions")
      .values({
        region_id: binjai.regionId,
        id,
        version: 99,
        name: "Tersimpan sebelum pemeriksaan jalur",
        content: toJson(content),
        content_hash: contentHash(content),
        status: "published",
        author_id: binjai.admin.id,
        author_name: binjai.admin.name,
        created_at: stamp,
        updated_at: stamp,
        published_at: stamp,
      })
      .execute();
    const stored = await refusal(admin().ruleSet.whatIf({ cycleId: binjai.cycleId, ruleSetVersionId: id }));
    expect(stored).toMatchObject({ code: "PRECONDITION_FAILED", status: 412, message: expect.stringContaining(`versi 99) belum sah: ${at}`) });
  });
});
