// Peers chosen automatically and in bulk, on each dialect, in Samarinda's walk organisation under its own
// rule file (workflow.peers.assign: two peers from the own unit, of the same jenis jabatan): who lacks peers
// and why, the assignment job for one unit and then the cycle with its progress and result, what it stored
// (never the person, their superior or report, always the same unit and level), the bulk swap of a rater,
// and who may do it. Then finalising where the region's curve blocks: refused, naming the unit and bound.
import { now } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoAppraisals, writeDemoAssessments } from "../services/seed/index.js";
import { loadRuleFile } from "../services/rules/index.js";
import { fillForm, seedWalkRegion, type WalkRegion } from "../testing/assessment-walk.js";
import { createTestEnv, demoProfile, NATIONAL_RULES, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const BATCH = 3;

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: { code?: string }) => e.code ?? "?",
  );
}

describe.each(inject("dialects"))("peers and finalising on %s", (dialect) => {
  let env: TestEnv;
  let r: WalkRegion;
  let cycleId: string;
  let following = false;
  const progress: Array<{ done: number; total: number; status: string }> = [];
  const admin = () => env.as(r.admin);

  beforeAll(async () => {
    env = await createTestEnv(dialect, {
      batchSize: BATCH,
      afterBatch: async () => {
        if (!following) return;
        const status = await admin().assessment.peerJob({ cycleId });
        if (status) progress.push({ done: status.done, total: status.total, status: status.status });
      },
    });
    r = await seedWalkRegion(env, "samarinda");
    const cycle = await admin().cycle.create({ name: "Penilaian Kinerja 2025", periodKind: "annual", periodLabel: "2025" });
    cycleId = cycle.id;
    await admin().cycle.open({ id: cycleId });
  });
  afterAll(() => env?.dispose());

  /** The stored employees by id, to check each pair against the register. */
  async function register() {
    const rows = await env.database.db.selectFrom("employees").selectAll().where("region_id", "=", r.regionId).execute();
    return new Map(rows.map((e) => [e.id, e]));
  }

  async function storedPairs() {
    return env.database.db
      .selectFrom("peer_assignments")
      .select(["employee_id", "peer_employee_id", "method"])
      .where("region_id", "=", r.regionId)
      .where("cycle_id", "=", cycleId)
      .execute();
  }

  it("lists everyone who lacks peers with the reason, and names those no assignment can help", async () => {
    const lacking = await admin().assessment.lackingPeers({ cycleId });
    expect(lacking).toMatchObject({ min: 1, count: 2 });
    expect(lacking.total).toBe(lacking.people.length);
    expect(lacking.total).toBeGreaterThan(0);
    // The head of the parent unit has no colleague of their level there: nothing can help.
    const kepala = lacking.people.find((p) => p.employeeId === r.kepala.id);
    expect(kepala).toMatchObject({ satisfiable: false, eligible: 0, assigned: 0, unitName: "Dinas Induk" });
    expect(kepala?.reason).toMatch(/^Hanya 0 rekan di Dinas Induk dengan jenis jabatan yang sama \(struktural\).*dibutuhkan paling sedikit 1$/);
    const staff = lacking.people.find((p) => p.employeeId === r.staff[0]!.id);
    expect(staff).toMatchObject({ satisfiable: true, eligible: 5, unitName: "Unit Rintisan" });
    expect(staff?.reason).toMatch(/^Baru 0 dari 1 rekan penilai; ada 5 rekan di Unit Rintisan/);
    expect(lacking.unsatisfiable).toBe(lacking.people.filter((p) => !p.satisfiable).length);
    // Those no assignment can help come first.
    expect(lacking.people.slice(0, lacking.unsatisfiable).every((p) => !p.satisfiable)).toBe(true);
    expect(await admin().assessment.peerJob({ cycleId })).toBeNull();
  });

  it("assigns peers in one unit only, then in the whole cycle, reporting progress batch by batch", async () => {
    const before = await admin().assessment.lackingPeers({ cycleId });
    const inOther = before.people.filter((p) => p.unitId === r.units.other);
    expect(inOther.length).toBe(3);

    const started = await admin().assessment.assignPeers({ cycleId, unitId: r.units.other, seed: "uji" });
    expect(started).toMatchObject({ cycleId, unitId: r.units.other, seed: "uji" });
    await env.jobs.idle();
    const unitJob = await admin().assessment.peerJob({ jobId: started.jobId });
    expect(unitJob).toMatchObject({ status: "succeeded", done: 3, total: 3, added: 6, short: 0, error: null });
    expect((await admin().assessment.lackingPeers({ cycleId, unitId: r.units.other })).total).toBe(0);
    expect((await storedPairs()).every((p) => inOther.some((o) => o.employeeId === p.employee_id))).toBe(true);

    following = true;
    const whole = await admin().assessment.assignPeers({ cycleId });
    // One job at a time per cycle.
    expect(await codeOf(admin().assessment.assignPeers({ cycleId }))).toBe("CONFLICT");
    await env.jobs.idle();
    following = false;
    const done = await admin().assessment.peerJob({ cycleId });
    expect(done?.jobId).toBe(whole.jobId);
    expect(done).toMatchObject({ status: "succeeded", seed: cycleId, unitId: null });
    expect(done!.total).toBe(before.total);
    expect(done!.done).toBe(done!.total);
    // Progress rose batch by batch while the job ran.
    const dones = progress.map((p) => p.done);
    expect(dones.length).toBeGreaterThanOrEqual(Math.ceil(done!.total / BATCH));
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(progress.every((p) => p.total === done!.total && p.status === "running")).toBe(true);

    const after = await admin().assessment.lackingPeers({ cycleId });
    // Only those no assignment can help are left.
    expect(after.total).toBe(after.unsatisfiable);
    expect(after.people.map((p) => p.employeeId)).toContain(r.kepala.id);
    expect(after.total).toBeLessThan(before.total);
  });

  it("stored only pairs the rule allows: same unit and level, never oneself, one's superior or report, two each where there are two", async () => {
    const people = await register();
    const pairs = await storedPairs();
    expect(pairs.length).toBeGreaterThan(0);
    const count = new Map<string, number>();
    for (const p of pairs) {
      const ratee = people.get(p.employee_id)!;
      const peer = people.get(p.peer_employee_id)!;
      expect(p.method).toBe("auto");
      expect(peer.id).not.toBe(ratee.id);
      expect(peer.nip).not.toBe(ratee.atasan_nip);
      expect(peer.atasan_nip).not.toBe(ratee.nip);
      expect(peer.unit_id).toBe(ratee.unit_id);
      expect(peer.jenis_jabatan).toBe(ratee.jenis_jabatan);
      count.set(ratee.id, (count.get(ratee.id) ?? 0) + 1);
    }
    for (const m of r.staff) expect(count.get(m.id)).toBe(2);
    for (const m of r.others) expect(count.get(m.id)).toBe(2);
    // The assessor and the two kasi are the only struktural of the pilot unit: each rates the other two.
    for (const m of [r.assessor, ...r.kasi]) expect(count.get(m.id)).toBe(2);
    expect(count.has(r.kepala.id)).toBe(false);
    // What the admin reads back is what was stored.
    const listed = await admin().assessment.peers({ cycleId, employeeId: r.staff[0]!.id });
    expect(listed.peers.map((p) => p.employeeId).sort()).toEqual(pairs.filter((p) => p.employee_id === r.staff[0]!.id).map((p) => p.peer_employee_id).sort());

    // Run again: everyone already has their peers, nothing is added.
    const again = await admin().assessment.assignPeers({ cycleId });
    await env.jobs.idle();
    expect(await admin().assessment.peerJob({ jobId: again.jobId })).toMatchObject({ status: "succeeded", added: 0 });
    expect((await storedPairs()).length).toBe(pairs.length);
  });

  it("swaps one rater for a colleague in every assignment chosen, all or nothing, with the reason audited", async () => {
    const staffIds = new Set(r.staff.map((m) => m.id));
    const pairs = (await storedPairs()).filter((p) => staffIds.has(p.employee_id));
    const rater = r.staff.find((m) => pairs.some((p) => p.peer_employee_id === m.id))!;
    const mine = await admin().assessment.peerAssignments({ cycleId, peerId: rater.id });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.peerId === rater.id && !a.started)).toBe(true);
    const replacement = r.staff.find(
      (m) => m.id !== rater.id && mine.every((a) => a.employeeId !== m.id && !pairs.some((p) => p.employee_id === a.employeeId && p.peer_employee_id === m.id)),
    )!;
    expect(replacement).toBeDefined();
    const chosen = mine.map((a) => ({ employeeId: a.employeeId, peerId: a.peerId }));

    // The staff's own superior may not rate them as a peer: the whole swap is refused, nothing changes.
    const before = await storedPairs();
    await expect(admin().assessment.swapPeers({ cycleId, assignments: chosen, newPeerId: r.assessor.id, reason: "Cuti panjang" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Penggantian rekan penilai ditolak: .*tidak boleh menilai/),
    });
    await expect(admin().assessment.swapPeers({ cycleId, assignments: chosen, newPeerId: replacement.id, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await storedPairs()).toEqual(before);

    const swapped = await admin().assessment.swapPeers({ cycleId, assignments: chosen, newPeerId: replacement.id, reason: "Cuti panjang sampai akhir tahun" });
    for (const a of chosen) expect(swapped).toContainEqual(expect.objectContaining({ employeeId: a.employeeId, peerId: replacement.id, method: "swap" }));
    expect(await admin().assessment.peerAssignments({ cycleId, peerId: rater.id })).toEqual([]);
    const stored = await storedPairs();
    expect(stored.length).toBe(before.length);
    for (const a of chosen) expect(stored).toContainEqual({ employee_id: a.employeeId, peer_employee_id: replacement.id, method: "swap" });
    const audit = await env.database.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("region_id", "=", r.regionId)
      .where("action", "=", "assessment.swapPeers")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after as string)).toMatchObject({ reason: "Cuti panjang sampai akhir tahun" });
  });

  it("counts a peer who left only if they rated first: the person lacks the other again and the job fills that place alone", async () => {
    const { db } = env.database;
    const people = await register();
    const pairs = await storedPairs();
    // A staff member rated by two colleagues: one rates them, then both leave the region (as an applied SIASN
    // departure marks them; leavers.test.ts drives that path).
    const ratee = r.staff.find((m) => pairs.filter((p) => p.employee_id === m.id).length === 2)!;
    const [rated, unrated] = pairs.filter((p) => p.employee_id === ratee.id).map((p) => people.get(p.peer_employee_id)!);
    const rater = [...r.staff, ...r.others, ...r.kasi, r.assessor].find((m) => m.id === rated!.id)!;
    const form = await env.as(rater.user).assessment.form({ cycleId, employeeId: ratee.id, source: "peer" });
    await env.as(rater.user).assessment.submit(fillForm(form, ratee.quality));
    await db
      .updateTable("employees")
      .set({ left_at: now(), left_reason: "Tidak ada lagi di data SIASN" })
      .where("region_id", "=", r.regionId)
      .where("id", "in", [rated!.id, unrated!.id])
      .execute();

    // Whoever had only those two and no rating from them now lacks peers, with none counted; the ratee keeps one.
    const lacking = await admin().assessment.lackingPeers({ cycleId });
    const onlyGone = pairs.filter(
      (p) => p.employee_id !== ratee.id && pairs.filter((q) => q.employee_id === p.employee_id).every((q) => q.peer_employee_id === rated!.id || q.peer_employee_id === unrated!.id),
    );
    for (const p of onlyGone) expect(lacking.people.find((l) => l.employeeId === p.employee_id)).toMatchObject({ assigned: 0 });
    expect(lacking.people.some((l) => l.employeeId === ratee.id)).toBe(false);

    const job = await admin().assessment.assignPeers({ cycleId, seed: "pengganti" });
    await env.jobs.idle();
    expect(await admin().assessment.peerJob({ jobId: job.jobId })).toMatchObject({ status: "succeeded" });
    const after = await storedPairs();
    const added = after.filter((p) => p.employee_id === ratee.id && !pairs.some((q) => q.employee_id === p.employee_id && q.peer_employee_id === p.peer_employee_id));
    // One new colleague, still working, in the place of the one who left without rating; the pairs with those
    // who left stay on record.
    expect(added).toHaveLength(1);
    expect(people.get(added[0]!.peer_employee_id)!.unit_id).toBe(people.get(ratee.id)!.unit_id);
    expect([rated!.id, unrated!.id]).not.toContain(added[0]!.peer_employee_id);
    expect(after.filter((p) => p.employee_id === ratee.id).map((p) => p.peer_employee_id)).toEqual(expect.arrayContaining([rated!.id, unrated!.id]));
    expect((await admin().assessment.lackingPeers({ cycleId })).people.some((l) => onlyGone.some((p) => p.employee_id === l.employeeId && l.satisfiable))).toBe(false);
  });

  it("is the region admin's: an assessor or employee is refused, another region's cycle is not found", async () => {
    const assessor = env.as(r.assessor.user);
    const employee = env.as(r.staff[0]!.user);
    for (const caller of [assessor, employee]) {
      expect(await codeOf(caller.assessment.assignPeers({ cycleId }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.assessment.lackingPeers({ cycleId }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.assessment.peerJob({ cycleId }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.assessment.peerAssignments({ cycleId, peerId: r.staff[1]!.id }))).toBe("FORBIDDEN");
      expect(await codeOf(caller.assessment.swapPeers({ cycleId, assignments: [{ employeeId: r.staff[0]!.id, peerId: r.staff[1]!.id }], newPeerId: r.staff[2]!.id, reason: "x" }))).toBe("FORBIDDEN");
    }
    expect(await codeOf(admin().assessment.lackingPeers({ cycleId: "siklus-wilayah-lain" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin().assessment.assignPeers({ cycleId, unitId: "unit-tak-ada" }))).toBe("NOT_FOUND");
  });

  describe("finalising where the curve blocks", () => {
    let binjai: SeededRegion;
    let blockedCycle: string;
    const binjaiAdmin = () => env.as(binjai.admin);

    beforeAll(async () => {
      binjai = await seedRegion(env, "binjai", 20);
      const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
      const draft = await binjaiAdmin().ruleSet.saveDraft({ content: { ...content, curve: { enforcement: "block", rounding: "round" } } });
      await binjaiAdmin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
      const cycle = await binjaiAdmin().cycle.create({ name: "Kurva Mengikat", periodKind: "annual", periodLabel: "2024" });
      blockedCycle = cycle.id;
      await binjaiAdmin().cycle.open({ id: cycle.id });
      const inputs = demoAppraisals(ruleSet, demoProfile("binjai"), { size: 20, seed: 1 });
      const ids = new Map((await binjaiAdmin().employee.list({ limit: 100 })).items.map((e, i) => [inputs[i]!.employee.nip, e.id] as const));
      await writeDemoAssessments(env.database.db, "binjai", cycle.id, inputs, ids);
      await binjaiAdmin().cycle.run({ id: cycle.id });
      await env.jobs.idle();
    });

    it("refuses to finalise while a unit breaks a bound, naming the unit, the bound and the count against its limit", async () => {
      const curve = await binjaiAdmin().result.distribution({ cycleId: blockedCycle });
      expect(curve.enforcement).toBe("block");
      const unit = curve.units.find((u) => u.total > 0)!;
      await binjaiAdmin().cycle.setUnitPredikat({ cycleId: blockedCycle, unitId: unit.unitId, predikat: "sangat_kurang" });
      const broken = (await binjaiAdmin().result.distribution({ cycleId: blockedCycle })).units.find((u) => u.unitId === unit.unitId)!.checks.find((c) => c.broken)!;
      expect(broken).toBeDefined();
      await expect(binjaiAdmin().cycle.close({ id: blockedCycle })).rejects.toMatchObject({
        code: "PRECONDITION_FAILED",
        message: expect.stringContaining(`${unit.unitName}: ${broken.message.id}`),
      });
      expect(broken.message.id).toMatch(new RegExp(`(paling sedikit|paling banyak) ${broken.allowed} dari ${broken.total} pegawai, ada ${broken.actual} `));
      expect((await binjaiAdmin().cycle.get({ id: blockedCycle })).status).toBe("evaluated");
      // Peers are fixed once the cycle is evaluated.
      expect(await codeOf(binjaiAdmin().assessment.assignPeers({ cycleId: blockedCycle }))).toBe("PRECONDITION_FAILED");
    });

    it("finalises once every unit is within its bounds", async () => {
      const curve = await binjaiAdmin().result.distribution({ cycleId: blockedCycle });
      // Istimewa bounds only Sangat Baik (at most 70%), which the demo units keep to.
      for (const u of curve.units) await binjaiAdmin().cycle.setUnitPredikat({ cycleId: blockedCycle, unitId: u.unitId, predikat: "istimewa" });
      expect((await binjaiAdmin().result.distribution({ cycleId: blockedCycle })).units.every((u) => u.broken === 0)).toBe(true);
      expect((await binjaiAdmin().cycle.close({ id: blockedCycle })).status).toBe("finalised");
    });
  });
});
