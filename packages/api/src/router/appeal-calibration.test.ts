// Appeal deciders and calibration at scale, in each region's own rule file (Binjai, Pariaman, Samarinda,
// Medan Amplas): the forum's proposals bring a unit within the curve and one session applies accepted,
// changed and rejected moves atomically as one new result version, recorded and audited; after
// finalisation nothing is calibrated and results change only as new versions. Appeals are decided by the
// assessor's superior while they have an account and time, and otherwise by the rule file's fallback (the
// BKD admin; Pariaman here a panel), and the API says which actions the caller may take.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "../auth.js";
import { createAccount } from "../services/organisation/index.js";
import { notifyOverdueAppeals } from "../services/results/index.js";
import { loadRuleFile } from "../services/rules/index.js";
import { demoAppraisals, writeDemoAssessments } from "../services/seed/index.js";
import { createTestEnv, demoProfile, PASSWORD, RULES_DIR, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 40;
const REGIONS = [
  { id: "binjai", file: "binjai.json" },
  { id: "pariaman", file: "pariaman.json" },
  { id: "samarinda", file: "samarinda.json" },
  { id: "amplas", file: "amplas.json" },
] as const;

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  return promise.then(
    () => null,
    (e: { code?: string }) => e.code ?? "?",
  );
}

describe.each(inject("dialects"))("appeal deciders and calibration on %s", (dialect) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv(dialect);
  });
  afterAll(() => env?.dispose());

  describe.each(REGIONS)("$id", ({ id: regionId, file }) => {
    let region: SeededRegion;
    let cycleId: string;
    /** Pariaman's appeals pass to a panel whose one member is this employee. */
    let panelMember: { id: string; nip: string; nama: string } | null = null;
    const admin = () => env.as(region.admin);
    const db = () => env.database.db;

    beforeAll(async () => {
      region = await seedRegion(env, regionId, SIZE);
      const { content, ruleSet } = loadRuleFile(`${RULES_DIR}${file}`);
      let rules = content as Record<string, unknown> & { workflow?: Record<string, unknown> };
      if (regionId === "pariaman") {
        const member = await db()
          .selectFrom("employees")
          .select(["id", "nip", "nama"])
          .where("region_id", "=", regionId)
          .orderBy("nip", "desc")
          .executeTakeFirstOrThrow();
        panelMember = member;
        const workflow = rules.workflow ?? {};
        rules = {
          ...rules,
          workflow: {
            ...workflow,
            appeals: { windowDays: 14, fallback: "panel", fallbackAfterDays: 10, panel: { name: "Tim Penyelesaian Keberatan", members: [member.nip] } },
          },
        };
      }
      const draft = await admin().ruleSet.saveDraft({ content: rules });
      await admin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
      const cycle = await admin().cycle.create({ name: "Kalibrasi 2025", periodKind: "annual", periodLabel: "2024" });
      cycleId = cycle.id;
      await admin().cycle.open({ id: cycleId });
      const inputs = demoAppraisals(ruleSet, demoProfile(regionId), { size: SIZE, seed: 3 });
      const employees = new Map((await admin().employee.list({ limit: 100 })).items.map((e, i) => [inputs[i]!.employee.nip, e.id] as const));
      await writeDemoAssessments(db(), regionId, cycleId, inputs, employees);
      await admin().cycle.run({ id: cycleId });
      await env.jobs.idle();
      expect((await admin().cycle.get({ id: cycleId })).status).toBe("evaluated");
    });

    /** A unit and a predikat organisasi under which the unit breaks the curve and the proposals bring it within. */
    async function unitToCalibrate(minMoves: number, fits = true): Promise<{ unitId: string; moves: number }> {
      const { units } = await admin().result.distribution({ cycleId });
      for (const predikat of ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const) {
        for (const unit of [...units].sort((a, b) => b.total - a.total)) {
          await admin().cycle.setUnitPredikat({ cycleId, unitId: unit.unitId, predikat });
          const proposals = await admin().forum.proposals({ cycleId, unitIds: [unit.unitId] });
          const found = proposals.units[0];
          if (found && (found.fits || !fits) && found.moves.length >= minMoves) return { unitId: unit.unitId, moves: found.moves.length };
          await admin().cycle.setUnitPredikat({ cycleId, unitId: unit.unitId, predikat: "baik" });
        }
      }
      throw new Error(`no unit of ${regionId} breaks the curve with ${minMoves} proposed moves`);
    }

    it("proposes moves within maxLevels, lowest scores first, that bring the unit within the curve", async () => {
      const { unitId } = await unitToCalibrate(1);
      const proposals = await admin().forum.proposals({ cycleId, unitIds: [unitId] });
      const unit = proposals.units[0]!;
      const ids = proposals.predikat.map((p) => p.id);
      expect(unit.before.some((c) => c.broken)).toBe(true);
      expect(unit.after.every((c) => !c.broken)).toBe(true);
      for (const move of unit.moves) {
        expect(Math.abs(ids.indexOf(move.to) - ids.indexOf(move.rulePredikat))).toBeLessThanOrEqual(proposals.forum.maxLevels);
        expect(move.allowedPredikat.map((p) => p.id)).toContain(move.to);
        expect(move.toLabel).toBe(proposals.predikat.find((p) => p.id === move.to)?.label);
      }
      // Only admins calibrate: an assessor is refused, an employee's role never reaches the procedure.
      expect(await codeOf(env.as(region.assessor).forum.proposals({ cycleId }))).toBe("FORBIDDEN");
      expect(await codeOf(env.as(region.employee).forum.proposals({ cycleId }))).toBe("FORBIDDEN");
    });

    it("applies accepted, changed and rejected moves in one session atomically, recorded and audited", async () => {
      const { unitId } = await unitToCalibrate(3, false);
      const proposals = await admin().forum.proposals({ cycleId, unitIds: [unitId] });
      const [accepted, changed, rejected, ...rest] = proposals.units[0]!.moves;
      const runBefore = (await admin().cycle.get({ id: cycleId })).currentRunId!;
      const other = changed!.allowedPredikat.find((p) => p.id !== changed!.to && p.id !== changed!.from);
      const changeTo = other?.id ?? changed!.from;

      // One bad decision refuses the whole session: nothing is written.
      const tooFar = proposals.predikat.map((p) => p.id).find((p) => !changed!.allowedPredikat.some((a) => a.id === p))!;
      const adjustmentsBefore = (await admin().forum.adjustments({ cycleId })).length;
      const bad = admin().forum.calibrate({
        cycleId,
        runId: runBefore,
        unitIds: [unitId],
        reason: "Forum evaluasi menyesuaikan sebaran predikat",
        decisions: [
          { employeeId: accepted!.employeeId, decision: "accept" },
          { employeeId: changed!.employeeId, decision: "change", predikat: tooFar },
        ],
      });
      await expect(bad).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("yang boleh:") });
      expect((await admin().cycle.get({ id: cycleId })).currentRunId).toBe(runBefore);
      expect(await admin().forum.calibrations({ cycleId })).toEqual([]);
      expect((await admin().forum.adjustments({ cycleId })).length).toBe(adjustmentsBefore);
      expect(await codeOf(admin().forum.calibrate({ cycleId, runId: runBefore, unitIds: [unitId], reason: "singkat", decisions: [] }))).toBe("BAD_REQUEST");

      const applied = await admin().forum.calibrate({
        cycleId,
        runId: runBefore,
        unitIds: [unitId],
        reason: "Forum evaluasi menyesuaikan sebaran predikat dengan kurva",
        decisions: [
          { employeeId: accepted!.employeeId, decision: "accept" },
          { employeeId: changed!.employeeId, decision: "change", predikat: changeTo },
          { employeeId: rejected!.employeeId, decision: "reject" },
        ],
      });
      expect(applied.runVersion).toBeGreaterThan(1);
      const cycle = await admin().cycle.get({ id: cycleId });
      expect(cycle.currentRunId).toBe(applied.session.runId);
      const decisions = new Map(applied.session.moves.map((m) => [m.employeeId, m]));
      expect(decisions.get(accepted!.employeeId)).toMatchObject({ decision: "accept", to: accepted!.to });
      expect(decisions.get(changed!.employeeId)).toMatchObject({ decision: "change", to: changeTo });
      expect(decisions.get(rejected!.employeeId)).toMatchObject({ decision: "reject", to: null });
      for (const move of rest) expect(decisions.get(move.employeeId)).toMatchObject({ decision: "reject", to: null });

      const result = (employeeId: string, runId?: string) => admin().result.get({ cycleId, employeeId, ...(runId ? { runId } : {}) });
      expect((await result(accepted!.employeeId)).predikat).toBe(accepted!.to);
      expect((await result(changed!.employeeId)).predikat).toBe(changeTo);
      expect((await result(rejected!.employeeId)).predikat).toBe(rejected!.from);
      // The version before stays as it was.
      expect((await result(accepted!.employeeId, runBefore)).predikat).toBe(accepted!.from);

      const [session] = await admin().forum.calibrations({ cycleId });
      expect(session).toMatchObject({ id: applied.session.id, unitIds: [unitId], reason: "Forum evaluasi menyesuaikan sebaran predikat dengan kurva", actorName: region.admin.name });
      const adjustments = await admin().forum.adjustments({ cycleId, employeeId: accepted!.employeeId });
      expect(adjustments.at(-1)).toMatchObject({ kind: "forum", from: accepted!.from, to: accepted!.to, reason: "Forum evaluasi menyesuaikan sebaran predikat dengan kurva" });
      const log = await admin().audit.list({ entity: "cycle", entityId: cycleId, limit: 50 });
      expect(log.items.filter((e) => e.action === "forum.calibrate")).toHaveLength(1);

      // Proposals read on the version before are stale now.
      expect(await codeOf(admin().forum.calibrate({ cycleId, runId: runBefore, unitIds: [unitId], reason: "Sesi kedua dengan usulan lama", decisions: [] }))).toBe(
        "CONFLICT",
      );

      // A second session accepts everything still proposed: the unit's stored counts are within the curve.
      const again = await admin().forum.proposals({ cycleId, unitIds: [unitId] });
      const all = await admin().forum.calibrate({
        cycleId,
        runId: again.runId!,
        unitIds: [unitId],
        reason: "Forum evaluasi menerima semua usulan kalibrasi",
        decisions: again.units[0]!.moves.map((m) => ({ employeeId: m.employeeId, decision: "accept" as const })),
      });
      const stored = (await admin().result.distribution({ cycleId, unitId })).units.find((u) => u.unitId === unitId)!;
      expect(stored.broken).toBe(again.units[0]!.fits ? 0 : stored.broken);
      expect(all.units[0]?.broken).toBe(stored.broken);
      if (again.units[0]!.fits) expect(stored.checks.every((c) => !c.broken)).toBe(true);
    });

    /**
     * An employee, their assessor and the assessor's superior. The demo organisation is two levels deep, so
     * the assessor is placed under another unit head when they have no superior yet.
     */
    async function chain(skip: number): Promise<{ employee: { id: string; nip: string; nama: string }; assessor: { nip: string; nama: string }; superior: { nip: string; nama: string } }> {
      const rows = await db()
        .selectFrom("employees as e")
        .innerJoin("employees as a", (j) => j.onRef("a.region_id", "=", "e.region_id").onRef("a.nip", "=", "e.atasan_nip"))
        .select(["e.id", "e.nip", "e.nama", "a.nip as aNip", "a.nama as aNama", "a.atasan_nip as aAtasan"])
        .where("e.region_id", "=", regionId)
        .where("e.nip", "!=", panelMember?.nip ?? "")
        .where("e.id", "in", (eb) =>
          eb
            .selectFrom("results")
            .innerJoin("cycles", (j) => j.onRef("cycles.region_id", "=", "results.region_id").onRef("cycles.current_run_id", "=", "results.run_id"))
            .select("results.employee_id")
            .where("cycles.id", "=", cycleId)
            .where("results.predikat", "is not", null),
        )
        .orderBy("e.nip")
        .execute();
      const row = rows[skip];
      if (!row) throw new Error(`${regionId} has fewer than ${skip + 1} employees with an assessor`);
      let superior = row.aAtasan
        ? await db().selectFrom("employees").select(["nip", "nama"]).where("region_id", "=", regionId).where("nip", "=", row.aAtasan).executeTakeFirst()
        : undefined;
      if (!superior) {
        superior = await db()
          .selectFrom("employees")
          .select(["nip", "nama"])
          .where("region_id", "=", regionId)
          .where("atasan_nip", "is", null)
          .where("nip", "not in", [row.aNip, panelMember?.nip ?? ""])
          .where("id", "not in", (eb) => eb.selectFrom("user").select("employee_id").where("employee_id", "is not", null))
          .orderBy("nip", "desc")
          .executeTakeFirstOrThrow();
        await db().updateTable("employees").set({ atasan_nip: superior.nip }).where("region_id", "=", regionId).where("nip", "=", row.aNip).execute();
      }
      return { employee: { id: row.id, nip: row.nip, nama: row.nama }, assessor: { nip: row.aNip, nama: row.aNama }, superior };
    }

    const accounts = new Map<string, SessionUser>();
    /** The newest notification of the kind in the person's portal inbox. */
    async function toldOf(user: SessionUser, kind: string) {
      return (await env.as(user).notification.inbox({ limit: 100 })).items.find((n) => n.kind === kind);
    }

    async function accountOf(person: { nip: string; nama: string }, role: "employee" | "assessor"): Promise<SessionUser> {
      const existing = accounts.get(person.nip);
      if (existing) return existing;
      const found = await db().selectFrom("user").selectAll().where("username", "=", person.nip).executeTakeFirst();
      const user: SessionUser = found
        ? { id: found.id, name: found.name, email: found.email, username: found.username, role: found.role, regionId: found.region_id, employeeId: found.employee_id }
        : { ...(await createAccount(db(), { name: person.nama, nip: person.nip, password: PASSWORD, role, regionId })) };
      accounts.set(person.nip, user);
      return user;
    }

    it("finalised: calibration is refused and the results stay as they were", async () => {
      const before = (await admin().cycle.get({ id: cycleId })).currentRunId!;
      await admin().cycle.close({ id: cycleId });
      const proposals = await admin().forum.proposals({ cycleId });
      const code = await codeOf(
        admin().forum.calibrate({ cycleId, runId: before, unitIds: [proposals.units[0]?.unitId ?? "x"], reason: "Kalibrasi setelah final", decisions: [] }),
      );
      expect(code === "PRECONDITION_FAILED" || code === "NOT_FOUND").toBe(true);
      expect((await admin().cycle.get({ id: cycleId })).currentRunId).toBe(before);
      // Results are never updated in place: the database itself refuses it.
      await expect(db().updateTable("results").set({ predikat: "baik" }).where("region_id", "=", regionId).where("run_id", "=", before).execute()).rejects.toThrow(
        /never changed in place/,
      );
    });

    it("an appeal whose superior has no account goes to the fallback, which sees the decider and deadline and decides", async () => {
      const { employee, superior } = await chain(0);
      const self = await accountOf(employee, "employee");
      const decider = regionId === "pariaman" ? await accountOf(panelMember!, "employee") : region.admin;
      const appeal = await env.as(self).appeal.submit({ cycleId, reason: "Capaian kinerja saya belum dihitung lengkap" });
      const fallback = regionId === "pariaman" ? "panel" : "admin";
      expect(appeal.decider).toMatchObject({ kind: fallback, reason: "no_account", nip: null, overdue: false });
      expect(appeal.decider.text).toBe(
        regionId === "pariaman" ? "Tim Penyelesaian Keberatan (atasan tidak memiliki akun)" : "admin BKD (atasan tidak memiliki akun)",
      );
      const days = regionId === "pariaman" ? 10 : 14;
      expect(appeal.decider.afterDays).toBe(days);
      expect(Date.parse(appeal.decider.deadline) - Date.parse(appeal.submittedAt)).toBe(days * 24 * 60 * 60 * 1000);
      expect(appeal.actions).toEqual([]);
      void superior;

      const adminView = (await admin().appeal.inbox({})).find((a) => a.id === appeal.id)!;
      // The fallback is told the appeal waits for them, with the way to it; the superior without an account is not.
      const told = await toldOf(decider, "appeal_filed");
      expect(told).toMatchObject({ title: `Keberatan dari ${employee.nama} menunggu keputusan Anda`, link: `/appeals?id=${appeal.id}`, read: false });
      if (regionId === "pariaman") {
        expect(adminView.actions).toEqual([]);
        expect(await codeOf(admin().appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Admin tidak memutus di sini" }))).toBe("FORBIDDEN");
        expect((await env.as(decider).appeal.inbox({})).map((a) => a.id)).toEqual([appeal.id]);
      } else {
        expect(adminView).toMatchObject({ actions: ["decide"], canDecide: true });
      }
      const current = await admin().result.get({ cycleId, employeeId: employee.id });
      const target = (await admin().forum.proposals({ cycleId })).predikat.map((p) => p.id).find((p) => p !== current.predikat)!;
      const decided = await env.as(decider).appeal.decide({ appealId: appeal.id, decision: "uphold", reason: "Bukti capaian tambahan sudah diperiksa", predikat: target });
      expect(decided).toMatchObject({ status: "upheld", newPredikat: target, decider: { kind: fallback, reason: "no_account" }, actions: [] });
      const stored = await db().selectFrom("appeals").select(["decided_as", "decider_reason"]).where("region_id", "=", regionId).where("id", "=", appeal.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ decided_as: fallback, decider_reason: "no_account" });
      // The employee reads the new version; the appealed one is unchanged.
      const mine = await env.as(self).result.get({ cycleId, employeeId: employee.id });
      expect(mine.predikat).toBe(target);
      expect(mine.runId).toBe(decided.resultRunId);
      expect((await env.as(self).result.get({ cycleId, employeeId: employee.id, runId: current.runId })).predikat).toBe(current.predikat);
      expect((await admin().cycle.get({ id: cycleId })).status).toBe("finalised");
      expect(await toldOf(self, "appeal_decided")).toMatchObject({ title: "Keberatan Anda atas Kalibrasi 2025 telah diputus", link: "/me" });
    });

    it("the superior with an account decides within the days; afterwards the fallback does, and only they are offered the form", async () => {
      const first = await chain(1);
      const superior = await accountOf(first.superior, "assessor");
      const self = await accountOf(first.employee, "employee");
      const appeal = await env.as(self).appeal.submit({ cycleId, reason: "Penilaian rekan kerja tidak mencerminkan kinerja saya" });
      expect(appeal.decider).toMatchObject({ kind: "atasan", reason: "superior", nip: first.superior.nip, nama: first.superior.nama });
      expect(appeal.decider.text).toBe(`atasan pejabat penilai (${first.superior.nama}, NIP ${first.superior.nip})`);
      expect((await env.as(superior).appeal.inbox({})).find((a) => a.id === appeal.id)?.actions).toEqual(["decide"]);
      expect(await toldOf(superior, "appeal_filed")).toMatchObject({ title: `Keberatan dari ${first.employee.nama} menunggu keputusan Anda`, link: `/appeals?id=${appeal.id}` });
      const adminTold = (await admin().notification.inbox({ limit: 100 })).items.filter((n) => n.link === `/appeals?id=${appeal.id}`);
      expect(adminTold, "the admin is not told of an appeal the superior decides").toEqual([]);
      expect((await admin().appeal.inbox({})).find((a) => a.id === appeal.id)?.actions).toEqual([]);
      await expect(admin().appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Admin mencoba memutus lebih dulu" })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("atasan pejabat penilai"),
      });

      // The superior lets the days pass: the appeal is the fallback's alone.
      const days = regionId === "pariaman" ? 10 : 14;
      const longAgo = new Date(Date.now() - (days + 1) * 24 * 60 * 60 * 1000).toISOString();
      await db().updateTable("appeals").set({ submitted_at: longAgo }).where("region_id", "=", regionId).where("id", "=", appeal.id).execute();
      const late = await env.as(superior).appeal.get({ id: appeal.id });
      const fallback = regionId === "pariaman" ? "panel" : "admin";
      expect(late.decider).toMatchObject({ kind: fallback, reason: "overdue", overdue: true });
      expect(late.decider.text).toBe(`${regionId === "pariaman" ? "Tim Penyelesaian Keberatan" : "admin BKD"} (tidak diputus dalam ${days} hari)`);
      expect(late.actions).toEqual([]);
      await expect(env.as(superior).appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Atasan memutus setelah lewat waktu" })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      const decider = regionId === "pariaman" ? await accountOf(panelMember!, "employee") : region.admin;
      expect((await env.as(decider).appeal.get({ id: appeal.id })).actions).toEqual(["decide"]);
      // The fallback is told the appeal is now theirs, once however often the rounds look.
      const handedOver = async () => (await env.as(decider).notification.inbox({ limit: 100 })).items.filter((n) => n.link === `/appeals?id=${appeal.id}`);
      expect(await handedOver()).toEqual([]);
      expect(await notifyOverdueAppeals(db())).toBeGreaterThanOrEqual(1);
      await notifyOverdueAppeals(db());
      expect(await handedOver()).toMatchObject([{ kind: "appeal_filed", title: `Keberatan dari ${first.employee.nama} menunggu keputusan Anda` }]);
      const rejected = await env.as(decider).appeal.decide({ appealId: appeal.id, decision: "reject", reason: "Penilaian sudah didukung bukti yang cukup" });
      expect(rejected).toMatchObject({ status: "rejected", decider: { kind: fallback, reason: "overdue" } });
      const log = await admin().audit.list({ entity: "appeal", entityId: appeal.id, limit: 10 });
      expect(log.items.find((e) => e.action === "appeal.reject")?.after).toMatchObject({ decidedAs: fallback, deciderReason: "overdue" });

      // Someone unrelated is not told the appeal exists.
      const stranger = await db()
        .selectFrom("employees")
        .select(["nip", "nama"])
        .where("region_id", "=", regionId)
        .where("nip", "not in", [first.employee.nip, first.assessor.nip, first.superior.nip, panelMember?.nip ?? ""])
        .where("id", "not in", (eb) => eb.selectFrom("user").select("employee_id").where("employee_id", "is not", null))
        .orderBy("nip")
        .executeTakeFirstOrThrow();
      expect(await codeOf(env.as(await accountOf(stranger, "employee")).appeal.get({ id: appeal.id }))).toBe("NOT_FOUND");
    });
  });
});
