// National baselines as versioned data: the operator publishes versions, a region's rules extend one by name
// and override parts of it, a new version shows each region what changed and a what-if on its last
// finalised cycle, the region moves when it chooses, and a cycle keeps the baseline version it ran on.
import { TRPCError } from "@trpc/server";
import type { SessionUser } from "../auth.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cycleRules, seedBaselines } from "../services/rules/index.js";
import { createOperator, createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";
import { nextRegulation, type BaselineContent } from "../testing/next-regulation.js";

const BASELINE = "permenpanrb-6-2022";

async function refusedWith(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.code;
}

describe.each(inject("dialects"))("national baselines on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  let region: SeededRegion;
  const admin = () => env.as(region.admin);
  const regionId = "binjai";

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    region = await seedRegion(env, regionId, 24);
    await seedBaselines(env.database.db, { id: null, name: "Seeder", role: "system" });
    // The region's first cycle, on its self-contained rules, run and finalised: the one a what-if reads.
    await admin().cycle.run({ id: region.cycleId });
    await env.jobs.idle();
    await admin().cycle.close({ id: region.cycleId });
  }, 120_000);
  afterAll(() => env?.dispose());

  it("stores each national baseline file as version 1, read by admins, published only by the operator", async () => {
    const baselines = await admin().baseline.list();
    expect(baselines.map((b) => b.baselineId)).toEqual(["permenpanrb-6-2022", "pp-30-2019", "pp-46-2011"]);
    expect(baselines.every((b) => b.versions.length === 1 && b.versions[0]!.version === 1)).toBe(true);
    expect(baselines[0]!.versions[0]).toMatchObject({ ref: "national:permenpanrb-6-2022@1", note: expect.stringContaining("rules/national") });
    const v1 = await admin().baseline.get({ baselineId: BASELINE, version: 1 });
    expect(await refusedWith(admin().baseline.publish({ baselineId: BASELINE, content: v1.content, note: "Bukan operator" }))).toBe("FORBIDDEN");
    expect(await refusedWith(env.as(region.employee).baseline.list())).toBe("FORBIDDEN");
    // A baseline stands alone, and its cases must pass.
    expect(await refusedWith(env.as(operator).baseline.publish({ baselineId: BASELINE, content: { ...v1.content, extends: "national:pp-30-2019@1" }, note: "x" }))).toBe(
      "BAD_REQUEST",
    );
    const failing = structuredClone(v1.content) as BaselineContent;
    failing.decisions.find((d) => d.id === "predikat")!.rows[1]!.then = "kurang";
    expect(await refusedWith(env.as(operator).baseline.publish({ baselineId: BASELINE, content: failing, note: "Kasus gagal" }))).toBe("PRECONDITION_FAILED");
    // A note PostgreSQL could not store is refused as input, not failed in the database.
    expect(await refusedWith(env.as(operator).baseline.publish({ baselineId: BASELINE, content: v1.content, note: "Catatan\u0000" }))).toBe("BAD_REQUEST");
    expect((await admin().baseline.list())[0]!.versions).toHaveLength(1);
    // Each version stored is in the national audit log, the refused ones are not; only the operator reads it.
    const created = await env.as(operator).baseline.audit({ baselineId: BASELINE });
    expect(created).toMatchObject([{ action: "baseline.create", entityId: BASELINE, actor: { name: "Seeder", role: "system" }, after: { version: 1, note: expect.stringContaining("rules/national") } }]);
    expect(await refusedWith(admin().baseline.audit({ baselineId: BASELINE }))).toBe("FORBIDDEN");
    await expect(env.database.db.deleteFrom("national_audit_log").execute()).rejects.toThrow(/append-only/);
    // A version is never changed in place: the database itself refuses it.
    await expect(env.database.db.updateTable("national_baselines").set({ note: "diubah" }).where("baseline_id", "=", BASELINE).execute()).rejects.toThrow();
    await expect(env.database.db.deleteFrom("national_baselines").where("baseline_id", "=", BASELINE).execute()).rejects.toThrow();
  });

  it("builds the region's rules on a baseline version, overriding parts of it, and a new version shows what changed, a what-if, and moves the region when it chooses", async () => {
    const own = { id: "binjai", name: "Kota Binjai: PermenPANRB 6/2022", extends: "national:permenpanrb-6-2022@1", workflow: { appeals: { windowDays: 21 } } };
    const unknown = await admin().ruleSet.validate({ content: { ...own, extends: "national:permenpanrb-6-2022@9" } });
    expect(unknown.issues).toMatchObject([{ pointer: "/extends", message: expect.stringContaining("versi 9 tidak ada") }]);
    const onDisk = await admin().ruleSet.validate({ content: { ...own, extends: "./national/pp-46-2011.json" } });
    expect(onDisk.issues).toMatchObject([{ pointer: "/extends", message: expect.stringContaining("national:pp-30-2019@1") }]);

    const { version: draft, validation } = await admin().ruleSet.saveDraft({ content: own });
    expect(validation.ok).toBe(true);
    const built = await admin().ruleSet.publish({ id: draft.id, revision: draft.revision });
    expect((await admin().ruleSet.get({ id: built.id })).content).toEqual(own);

    // A cycle created now pins these rules, on baseline version 1.
    const pinnedCycle = await admin().cycle.create({ name: "Penilaian 2026", periodKind: "annual", periodLabel: "2026" });
    const cycleRow = await env.database.db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "=", pinnedCycle.id).executeTakeFirstOrThrow();
    const onV1 = await cycleRules(env.database.db, cycleRow);
    expect(onV1.ruleSet.workflow.appeals.windowDays).toBe(21);
    const rowOf = (rules: typeof onV1) => rules.ruleSet.decisions.find((d) => d.id === "predikat")!.rows[5]!.then;
    expect(rowOf(onV1)).toBe("baik");

    let status = await admin().ruleSet.baselineStatus();
    expect(status).toMatchObject({ ruleSetVersionId: built.id, extends: { ref: "national:permenpanrb-6-2022@1" }, newer: [], changes: [], lastFinalisedCycle: { id: region.cycleId } });

    const v1 = (await env.as(operator).baseline.get({ baselineId: BASELINE, version: 1 })).content as BaselineContent;
    const published = await env.as(operator).baseline.publish({ baselineId: BASELINE, content: nextRegulation(v1), note: "Peraturan baru: Sesuai/Di Atas menjadi Sangat Baik" });
    const logged = await env.as(operator).baseline.audit({ baselineId: BASELINE });
    expect(logged.map((e) => [e.action, (e.after as { version: number }).version])).toEqual([
      ["baseline.publish", published.version],
      ["baseline.create", 1],
    ]);
    expect(logged[0]).toMatchObject({ actor: { id: operator.id, role: "operator" }, after: { contentHash: published.contentHash, note: "Peraturan baru: Sesuai/Di Atas menjadi Sangat Baik" } });
    expect(published).toMatchObject({ version: 2, ref: "national:permenpanrb-6-2022@2", authorName: "Operator Nasional" });

    // The region sees the new version and what changed, and stays where it is until it moves.
    status = await admin().ruleSet.baselineStatus();
    expect(status.extends?.version).toBe(1);
    expect(status.newer).toMatchObject([{ version: 2, note: "Peraturan baru: Sesuai/Di Atas menjadi Sangat Baik" }]);
    // The rules' change; the baseline's own cases, which a region does not inherit, are left out.
    expect(status.changes).toEqual([{ pointer: "/decisions/2/rows/5/then", kind: "changed", before: "baik", after: "sangat_baik" }]);

    // The what-if of moving, on the last finalised cycle's stored inputs: who moves from Baik to Sangat Baik.
    const moved = { ...own, extends: "national:permenpanrb-6-2022@2" };
    const whatIf = await admin().ruleSet.whatIf({ cycleId: status.lastFinalisedCycle!.id, content: moved });
    expect(whatIf.total).toBe(24);
    expect(whatIf.moves.length).toBeGreaterThan(0);
    expect(whatIf.moves.every((m) => m.from === "baik" && m.to === "sangat_baik")).toBe(true);
    const unchanged = await admin().ruleSet.whatIf({ cycleId: status.lastFinalisedCycle!.id, content: own });
    expect(whatIf.moves.length).toBe(unchanged.moves.length + (whatIf.after.sangat_baik ?? 0) - (unchanged.after.sangat_baik ?? 0));

    // Moving: a draft of the published rules on version 2, overrides kept, published as any draft.
    const move = await admin().ruleSet.moveToBaseline({ version: 2 });
    expect((await admin().ruleSet.get({ id: move.id })).content).toEqual(moved);
    await admin().ruleSet.publish({ id: move.id, revision: move.revision });
    status = await admin().ruleSet.baselineStatus();
    expect(status).toMatchObject({ extends: { version: 2 }, newer: [], changes: [] });
    expect(await refusedWith(admin().ruleSet.moveToBaseline({ version: 7 }))).toBe("NOT_FOUND");

    // The cycle created before keeps the exact rules it pinned: baseline version 1, whatever came after.
    const still = await cycleRules(env.database.db, cycleRow);
    expect(rowOf(still)).toBe("baik");
    const next = await admin().cycle.create({ name: "Penilaian 2027", periodKind: "annual", periodLabel: "2027" });
    const nextRow = await env.database.db.selectFrom("cycles").selectAll().where("region_id", "=", regionId).where("id", "=", next.id).executeTakeFirstOrThrow();
    expect(rowOf(await cycleRules(env.database.db, nextRow))).toBe("sangat_baik");
    expect(nextRow.rule_set_hash).not.toBe(cycleRow.rule_set_hash);
  });
});
