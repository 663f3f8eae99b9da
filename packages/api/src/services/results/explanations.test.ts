// A run stores the input and the pinned rules' hash, not the explanation: every reader gets the explanation
// rebuilt from them, equal to what `explain` gives for the stored input under the region's own rule file
// (Binjai, Pariaman, Samarinda, Medan Amplas); a revision's new row, a year rolled up from its quarters and a
// refused roll-up are read the same way; ratings hidden from the viewer are hidden in the rebuilt explanation;
// a row written before, with its explanation stored, is read as stored.
import { compileRuleSet, predikatLevels, type AppraisalInput, type CompiledRuleSet, type Explanation } from "@kinerja/core";
import { newId, parseJson, toJson, type ResultRow } from "@kinerja/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAccount } from "../organisation/index.js";
import { scopeIn, systemScope } from "../access/index.js";
import { loadRuleFile } from "../rules/index.js";
import { demoAppraisals, writeDemoAssessments } from "../seed/index.js";
import { createTestEnv, demoProfile, NATIONAL_RULES, PASSWORD, RULES_DIR, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { withHiddenRatings } from "./hidden-ratings.js";
import { employeeDocument } from "../documents/index.js";
import { pdfText } from "../../testing/pdf-text.js";
import { reviseResults } from "./revisions.js";
import { insertRun } from "./runs.js";

const SIZE = 16;
/** Enough of Samarinda's demo people that some structural leaders among them are rated by a direct report. */
const LEADERS_SIZE = 60;
/** Samarinda's indicator of leading a unit, rated by the leader's direct reports. */
const LEADING = "kepemimpinan_komunikasi";
const REGIONS = ["binjai", "pariaman", "samarinda", "amplas"] as const;

describe.each(inject("dialects"))("explanations rebuilt on read on %s", (dialect) => {
  /** Each block its own database, since a demo region's id is its profile's. */
  let env: TestEnv;
  const ownDatabase = () => {
    beforeAll(async () => {
      env = await createTestEnv(dialect);
    });
    afterAll(() => env?.dispose());
  };

  const runRows = (regionId: string, runId: string): Promise<ResultRow[]> =>
    env.database.db.selectFrom("results").selectAll().where("region_id", "=", regionId).where("run_id", "=", runId).orderBy("employee_id").execute();

  describe("each region's own rule file", () => {
    ownDatabase();
    describe.each(REGIONS)("%s", (regionId) => {
      let region: SeededRegion;
      let cycleId: string;
      let compiled: CompiledRuleSet;
      let rows: ResultRow[];
      const admin = () => env.as(region.admin);

      beforeAll(async () => {
        region = await seedRegion(env, regionId, SIZE);
        const { content, ruleSet } = loadRuleFile(`${RULES_DIR}${regionId}.json`);
        compiled = compileRuleSet(ruleSet);
        const draft = await admin().ruleSet.saveDraft({ content });
        await admin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
        const cycle = await admin().cycle.create({ name: "Penilaian 2024", periodKind: "annual", periodLabel: "2024" });
        cycleId = cycle.id;
        await admin().cycle.open({ id: cycleId });
        const inputs = demoAppraisals(ruleSet, demoProfile(regionId), { size: SIZE, seed: 5 });
        const employees = new Map((await admin().employee.list({ limit: 100 })).items.map((e, i) => [inputs[i]!.employee.nip, e.id] as const));
        await writeDemoAssessments(env.database.db, regionId, cycleId, inputs, employees);
        await admin().cycle.run({ id: cycleId });
        await env.jobs.idle();
        const run = await admin().cycle.get({ id: cycleId });
        rows = await runRows(regionId, run.currentRunId!);
      });

      it("stores no explanation with a new run's results", () => {
        expect(rows.length).toBe(SIZE);
        expect(rows.every((row) => row.explanation === null)).toBe(true);
      });

      it("reads back what explain gives for the stored input, agreeing with the stored predikat", async () => {
        const predikats = new Set<string | null>();
        for (const row of rows) {
          const expected = compiled.explain(parseJson<AppraisalInput>(row.input));
          const detail = await admin().result.get({ cycleId, employeeId: row.employee_id });
          expect(detail.explanation).toEqual(expected);
          expect(expected.result?.predikat ?? null).toBe(row.predikat);
          expect(expected.error).toBe(row.error);
          expect(detail.sentences.id.length).toBeGreaterThan(0);
          predikats.add(row.predikat);
        }
        expect(predikats.size).toBeGreaterThan(1);
      });

      it("writes the employee's document with the rated indicators of the rebuilt explanation", async () => {
        const row = rows.find((r) => compiled.explain(parseJson<AppraisalInput>(r.input)).steps.some((s) => s.kind === "indicator" && s.raters !== null))!;
        const file = await employeeDocument(await scopeIn(env.database.db, region.admin, regionId), { cycleId, nip: row.nip }, { compress: false });
        expect(pdfText(file.body).replace(/\s+/g, " ")).toContain("Penilai (rata-rata)");
      });
    });
  });

  describe("a region under the national rules", () => {
    ownDatabase();
    let region: SeededRegion;
    let compiled: CompiledRuleSet;
    const admin = () => env.as(region.admin);
    const db = () => env.database.db;
    const cycleOf = () => db().selectFrom("cycles").selectAll().where("region_id", "=", region.regionId).where("id", "=", region.cycleId).executeTakeFirstOrThrow();

    beforeAll(async () => {
      region = await seedRegion(env, "binjai", SIZE, 11);
      compiled = compileRuleSet(loadRuleFile(NATIONAL_RULES).ruleSet);
      await admin().cycle.run({ id: region.cycleId });
      await env.jobs.idle();
    });

    it("rebuilds a revision's new row, with the adjustment, and leaves the earlier run's row as it was", async () => {
      const before = await cycleOf();
      const [target] = (await runRows(region.regionId, before.current_run_id!)).filter((r) => r.error === null);
      const to = predikatLevels(compiled.ruleSet).find((level) => level !== target!.predikat)!;
      const revision = await db()
        .transaction()
        .execute((trx) =>
          reviseResults(systemScope(trx, region.regionId, { id: null, name: "Forum uji", role: "admin" }), before, "Forum evaluasi uji", [
            { employeeId: target!.employee_id, kind: "forum", to, reason: "Capaian unit melampaui target bersama", by: "Forum uji" },
          ]),
        );
      const revised = (await runRows(region.regionId, revision.runId)).find((r) => r.employee_id === target!.employee_id)!;
      expect(revised.explanation).toBeNull();
      const detail = await admin().result.get({ cycleId: region.cycleId, employeeId: target!.employee_id });
      const explanation = detail.explanation as Explanation;
      expect(explanation).toEqual(compiled.explain(parseJson<AppraisalInput>(revised.input)));
      expect(explanation.result?.predikat).toBe(to);
      expect(explanation.steps.some((s) => s.kind === "adjustment" && s.by === "Forum uji")).toBe(true);
      // The earlier version is untouched and still explained as it was evaluated.
      const earlier = (await runRows(region.regionId, before.current_run_id!)).find((r) => r.employee_id === target!.employee_id)!;
      expect(earlier).toEqual(target);
      const old = await admin().result.get({ cycleId: region.cycleId, employeeId: target!.employee_id, runId: before.current_run_id! });
      expect(old.explanation).toEqual(compiled.explain(parseJson<AppraisalInput>(target!.input)));
      expect((old.explanation as Explanation).result?.predikat).toBe(target!.predikat);
    });

    it("reads a row written with its explanation as stored", async () => {
      // Results are never changed in place: the row as the code before wrote it, in a run of its own.
      const cycle = await cycleOf();
      const [row] = await runRows(region.regionId, cycle.current_run_id!);
      const stored: Explanation = { ...compiled.explain(parseJson<AppraisalInput>(row!.input)), ruleSetName: "Dijelaskan saat dinilai" };
      const at = new Date().toISOString();
      const { runId } = await insertRun(db(), cycle, { id: null, name: "Penilaian lama", role: "system" }, { kind: "cycle.run", total: 1, reason: null, complete: true, at });
      await db().insertInto("results").values({ ...row!, run_id: runId, explanation: toJson(stored) }).execute();
      const detail = await admin().result.get({ cycleId: region.cycleId, employeeId: row!.employee_id, runId });
      expect(detail.explanation).toEqual(stored);
    });
  });

  describe("a year rolled up from its quarters", () => {
    ownDatabase();
    let region: SeededRegion;
    let compiled: CompiledRuleSet;
    let versionId: string;
    const admin = () => env.as(region.admin);

    async function annualRun(year: number): Promise<{ cycleId: string; rows: ResultRow[] }> {
      const cycle = await admin().cycle.create({ name: `Penilaian Tahunan ${year}`, periodKind: "annual", periodLabel: String(year), ruleSetVersionId: versionId });
      await admin().cycle.open({ id: cycle.id });
      await admin().cycle.run({ id: cycle.id });
      await env.jobs.idle();
      const { currentRunId } = await admin().cycle.get({ id: cycle.id });
      return { cycleId: cycle.id, rows: await runRows(region.regionId, currentRunId!) };
    }

    beforeAll(async () => {
      region = await seedRegion(env, "pariaman", SIZE, 17);
      const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
      const period = { kind: "quarterly" as const, rollup: { method: "average" as const } };
      compiled = compileRuleSet({ ...ruleSet, period });
      const scope = await scopeIn(env.database.db, region.admin, region.regionId);
      const draft = await admin().ruleSet.saveDraft({ content: { ...content, period } });
      await admin().ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
      versionId = draft.version.id;
      const nips = [...region.employees.keys()];
      for (const q of [1, 2, 3, 4]) {
        const cycle = await admin().cycle.create({ name: `Triwulan ${q} 2026`, periodKind: "quarterly", periodLabel: `2026-Q${q}`, ruleSetVersionId: versionId });
        await admin().cycle.open({ id: cycle.id });
        const inputs = demoAppraisals(compiled.ruleSet, demoProfile("pariaman"), { size: SIZE, seed: 40 + q }).map((input, i) => ({ ...input, employee: { ...input.employee, nip: nips[i]! } }));
        await writeDemoAssessments(scope.db, region.regionId, cycle.id, inputs, region.employees);
        await admin().cycle.run({ id: cycle.id });
        await env.jobs.idle();
        await admin().cycle.close({ id: cycle.id });
      }
    });

    it("rebuilds an annual result rolled up from the quarters from the year's input", async () => {
      const { cycleId, rows } = await annualRun(2026);
      expect(rows.length).toBe(SIZE);
      for (const row of rows) {
        expect(row.explanation).toBeNull();
        expect(row.rollup).not.toBeNull();
        const detail = await admin().result.get({ cycleId, employeeId: row.employee_id });
        expect(detail.explanation).toEqual(compiled.explain(parseJson<AppraisalInput>(row.input)));
        expect((detail.explanation as Explanation).result?.predikat ?? null).toBe(row.predikat);
      }
    });

    it("reads a refused roll-up (a year with no final quarter) as the refusal it was", async () => {
      const { cycleId, rows } = await annualRun(2030);
      expect(rows.length).toBe(SIZE);
      for (const row of rows) {
        const detail = await admin().result.get({ cycleId, employeeId: row.employee_id });
        const explanation = detail.explanation as Explanation;
        expect(explanation).toMatchObject({ steps: [], result: null, nip: row.nip });
        expect(explanation.error).toBe(row.error);
        expect(explanation.error).toMatch(/belum ada hasil periode \(quarterly\) tahun 2030 yang final/);
      }
    });
  });

  describe("ratings hidden from the viewer", () => {
    ownDatabase();
    let region: SeededRegion;
    let cycleId: string;
    let compiled: CompiledRuleSet;
    let leader: ResultRow;

    beforeAll(async () => {
      region = await seedRegion(env, "samarinda", LEADERS_SIZE, 23);
      const admin = env.as(region.admin);
      const { content, ruleSet } = loadRuleFile(`${RULES_DIR}samarinda.json`);
      compiled = compileRuleSet(ruleSet);
      const draft = await admin.ruleSet.saveDraft({ content });
      await admin.ruleSet.publish({ id: draft.version.id, revision: draft.version.revision });
      const cycle = await admin.cycle.create({ name: "Penilaian 2023", periodKind: "annual", periodLabel: "2023" });
      cycleId = cycle.id;
      await admin.cycle.open({ id: cycleId });
      const inputs = demoAppraisals(ruleSet, demoProfile("samarinda"), { size: LEADERS_SIZE, seed: 9 });
      const employees = new Map((await admin.employee.list({ limit: 100 })).items.map((e, i) => [inputs[i]!.employee.nip, e.id] as const));
      await writeDemoAssessments(env.database.db, region.regionId, cycleId, inputs, employees);
      await admin.cycle.run({ id: cycleId });
      await env.jobs.idle();
      // A structural leader (the set whose indicator their direct reports rate) gets two differing sheets from
      // two of their reports, and the cycle is run again.
      const { db } = env.database;
      const leaderSet = ruleSet.indicatorSets.find((set) => set.indicators.some((i) => i.id === LEADING))!;
      const first = await runRows(region.regionId, (await admin.cycle.get({ id: cycleId })).currentRunId!);
      const chosen = first.find((row) => compiled.explain(parseJson<AppraisalInput>(row.input)).steps.some((s) => s.kind === "indicatorSet" && s.chosen === leaderSet.id))!;
      expect(chosen, "a structural leader among the demo people").toBeDefined();
      const at = new Date().toISOString();
      for (const [rater, rating] of [["199901012024011001", 5], ["199901012024011002", 2]] as const) {
        await db
          .insertInto("assessments")
          .values({ region_id: region.regionId, id: newId(), cycle_id: cycleId, employee_id: chosen.employee_id, source: "subordinate", rater, rater_user_id: null, ratings: toJson({ [LEADING]: rating }), submitted_at: at, created_at: at, updated_at: at })
          .execute();
      }
      await admin.cycle.run({ id: cycleId });
      await env.jobs.idle();
      const { currentRunId } = await admin.cycle.get({ id: cycleId });
      leader = (await runRows(region.regionId, currentRunId!)).find((row) => row.employee_id === chosen.employee_id)!;
    });

    it("shows the leader their subordinates' ratings only as means, in the explanation rebuilt", async () => {
      expect(leader, "a leader rated by two or more subordinates differently").toBeDefined();
      expect(leader.explanation).toBeNull();
      const user = await createAccount(env.database.db, { name: leader.nama, nip: leader.nip, password: PASSWORD, role: "employee", regionId: region.regionId });
      const own = await env.as(user).result.get({ cycleId, employeeId: leader.employee_id });
      const full = compiled.explain(parseJson<AppraisalInput>(leader.input));
      const subordinates = full.steps.flatMap((s) => (s.kind === "indicator" ? (s.raters?.sources ?? []) : [])).filter((b) => b.source === "subordinate");
      expect(subordinates.map((b) => b.values.length)).toEqual([2]);
      expect(own.explanation).toEqual(withHiddenRatings("self", parseJson<unknown>(leader.input), full).explanation);
      expect(own.explanation).not.toEqual(full);
      const asAdmin = await env.as(region.admin).result.get({ cycleId, employeeId: leader.employee_id });
      expect(asAdmin.explanation).toEqual(full);
    });
  });
});
