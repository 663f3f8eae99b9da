// A year appraised by quarter on the server: four Triwulan cycles run and finalised, then the annual cycle
// rolls them up by the method the region's rule set states (the last quarter, or the quarters' combined
// inputs), names the quarters it used, and leaves the quarters' final results as they were.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { compileRuleSet, rollUpYear, type AppraisalInput, type RuleSet } from "@kinerja/core";
import { scopeIn } from "../services/access/index.js";
import { demoAppraisals, writeDemoAssessments } from "../services/seed/index.js";
import { loadRuleFile, publishRuleSet, saveDraft } from "../services/rules/index.js";
import { createTestEnv, demoProfile, NATIONAL_RULES, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 10;
/** Each roll-up method its own year: a period has one cycle per employee. */
const YEARS = { last: 2026, average: 2027, judgement: 2024 } as const;
type Method = keyof typeof YEARS;
const METHODS = ["last", "average", "judgement"] as const;
const quarters = (year: number) => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);

describe.each(inject("dialects"))("an annual cycle rolling up the year's quarters on %s", (dialect) => {
  let env: TestEnv;
  let region: SeededRegion;
  /** Quarterly rule sets that differ only in how the year rolls up. */
  const versions: Record<Method, { id: string; ruleSet: RuleSet }> = {} as never;
  const quarterIds: Record<Method, string[]> = { last: [], average: [], judgement: [] };

  const admin = () => env.as(region.admin);

  async function runAndWait(cycleId: string): Promise<void> {
    await admin().cycle.run({ id: cycleId });
    await env.jobs.idle();
    const status = await admin().cycle.runStatus({ cycleId });
    expect(status?.status).toBe("succeeded");
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    region = await seedRegion(env, "binjai", SIZE);
    const { db } = env.database;
    const scope = await scopeIn(db, region.admin, region.regionId);
    const { content, ruleSet } = loadRuleFile(NATIONAL_RULES);
    for (const method of METHODS) {
      const period = { kind: "quarterly" as const, rollup: { method, ...(method === "judgement" ? { bounds: 1 } : {}) } };
      const { version } = await saveDraft(scope, { content: { ...content, period } });
      await publishRuleSet(scope, version);
      versions[method] = { id: version.id, ruleSet: { ...ruleSet, period } };
    }

    // Each quarter its own sheets: the same people, rated as a differently seeded demo year rates them.
    const profile = demoProfile("binjai");
    const nips = [...region.employees.keys()];
    for (const method of METHODS) {
      for (const [q, label] of quarters(YEARS[method]).entries()) {
        const other = demoAppraisals(versions.last.ruleSet, profile, { size: SIZE, seed: 101 + q * 7 + YEARS[method] });
        const inputs: AppraisalInput[] = other.map((o, i) => ({ ...o, employee: { ...o.employee, nip: nips[i] ?? "" } }));
        const cycle = await admin().cycle.create({
          name: `Triwulan ${q + 1} ${YEARS[method]}`,
          periodKind: "quarterly",
          periodLabel: label,
          ruleSetVersionId: versions[method].id,
        });
        await admin().cycle.open({ id: cycle.id });
        await db.transaction().execute((trx) => writeDemoAssessments(trx, region.regionId, cycle.id, inputs, region.employees));
        await runAndWait(cycle.id);
        const listed = await admin().result.list({ cycleId: cycle.id });
        expect(listed.items.every((r) => r.predikat !== null)).toBe(true);
        await admin().cycle.close({ id: cycle.id });
        quarterIds[method].push(cycle.id);
      }
    }
  });
  afterAll(() => env?.dispose());

  async function quarterResults(method: Method, employeeId: string) {
    return Promise.all(quarterIds[method].map((cycleId) => admin().result.get({ cycleId, employeeId })));
  }

  async function annualCycle(method: Method, year: number = YEARS[method]): Promise<string> {
    const cycle = await admin().cycle.create({ name: `Penilaian Tahunan ${year}`, periodKind: "annual", periodLabel: String(year), ruleSetVersionId: versions[method].id });
    await admin().cycle.open({ id: cycle.id });
    await runAndWait(cycle.id);
    return cycle.id;
  }

  it("takes the last quarter's result when the rule says so, and names the four quarters used", async () => {
    const before = await Promise.all([...region.employees.values()].map((id) => quarterResults("last", id)));
    const annualId = await annualCycle("last");
    const page = await admin().result.list({ cycleId: annualId });
    expect(page.items.length).toBe(region.employees.size);
    for (const [i, employeeId] of [...region.employees.values()].entries()) {
      const annual = await admin().result.get({ cycleId: annualId, employeeId });
      const given = before[i]!;
      expect(annual.error).toBeNull();
      expect(annual.rollup?.method).toBe("last");
      expect(annual.rollup?.kind).toBe("quarterly");
      expect(annual.rollup?.periods.map((p) => p.label)).toEqual(quarters(YEARS.last));
      expect(annual.rollup?.periods.map((p) => p.cycleId)).toEqual(quarterIds.last);
      expect(annual.rollup?.periods.map((p) => p.predikat)).toEqual(given.map((q) => q.predikat));
      expect(annual.predikat).toBe(given[3]!.predikat);
      expect((annual.input as AppraisalInput).period).toEqual({ kind: "annual", label: String(YEARS.last), months: 12 });
    }
    // The quarters' final results are read, never rewritten: same run, same predikat.
    const after = await Promise.all([...region.employees.values()].map((id) => quarterResults("last", id)));
    expect(after.map((qs) => qs.map((q) => [q.runId, q.predikat]))).toEqual(before.map((qs) => qs.map((q) => [q.runId, q.predikat])));
  });

  it("combines the quarters' inputs when the rule says so, as the core's roll-up does", async () => {
    const annualId = await annualCycle("average");
    const compiled = compileRuleSet(versions.average.ruleSet);
    const predikats = new Set<string>();
    for (const employeeId of region.employees.values()) {
      const annual = await admin().result.get({ cycleId: annualId, employeeId });
      const periods = await quarterResults("average", employeeId);
      const expected = rollUpYear(
        compiled,
        periods.map((q) => ({ ...(q.input as AppraisalInput), history: (annual.input as AppraisalInput).history })),
        String(YEARS.average),
      );
      expect(annual.rollup?.method).toBe("average");
      expect(annual.rollup?.periods.map((p) => p.label)).toEqual(quarters(YEARS.average));
      expect(annual.predikat).toBe(expected.result.predikat);
      expect(annual.rollup?.computedPredikat).toBe(expected.computedPredikat);
      // Ratings of the four quarters stand side by side, as several raters' sheets do.
      const supervisor = (annual.input as AppraisalInput).ratings?.supervisor;
      expect(Array.isArray(supervisor) ? supervisor.length : 0).toBe(periods.filter((q) => (q.input as AppraisalInput).ratings?.supervisor).length);
      predikats.add(annual.predikat ?? "");
    }
    expect(predikats.size).toBeGreaterThan(0);
  });

  it("gives no annual result to someone without a final quarter of the year, and says why", async () => {
    const annualId = await annualCycle("last", 2028);
    const annual = await admin().result.get({ cycleId: annualId, employeeId: [...region.employees.values()][0]! });
    expect(annual.predikat).toBeNull();
    expect(annual.rollup).toBeNull();
    expect(annual.error).toMatch(/belum ada hasil periode \(quarterly\) tahun 2028 yang final/);
    const stored = await env.database.db.selectFrom("results").select("rollup").where("region_id", "=", region.regionId).where("run_id", "=", annual.runId).execute();
    expect(stored.every((r) => r.rollup === null)).toBe(true);
  });

  it("lets the assessor set the annual predikat within the rule's bounds, with a reason, as a new result version", async () => {
    const annualId = await annualCycle("judgement");
    const levels = versions.judgement.ruleSet.predikat.map((p) => p.id);
    // Someone whose computed predikat has a level above it, one step up being within bounds 1.
    let chosen: { employeeId: string; computed: string } | null = null;
    for (const employeeId of region.employees.values()) {
      const annual = await admin().result.get({ cycleId: annualId, employeeId });
      const at = levels.indexOf(annual.rollup?.computedPredikat ?? "");
      if (at > 0) {
        chosen = { employeeId, computed: annual.rollup!.computedPredikat! };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { employeeId, computed } = chosen!;
    const up = levels[levels.indexOf(computed) - 1]!;
    const before = await admin().result.get({ cycleId: annualId, employeeId });
    expect(before.rollup?.method).toBe("judgement");
    expect(before.predikat).toBe(computed);
    // What the assessor may choose: the computed predikat and one level either side, no judgement yet.
    expect(before.judgement).toMatchObject({ bounds: 1, computed, judged: null });
    expect(before.judgement!.choices.filter((c) => c.allowed).map((c) => c.id)).toEqual(levels.filter((_, i) => Math.abs(i - levels.indexOf(computed)) <= 1));

    // Two levels away, or no reason, is refused.
    const twoAway = levels[levels.indexOf(computed) + 2] ?? levels[levels.indexOf(computed) - 2];
    if (twoAway) {
      await expect(admin().result.judgeYear({ cycleId: annualId, employeeId, predikat: twoAway, reason: "Terlalu jauh" })).rejects.toThrow(/paling jauh 1 tingkat/);
    }
    await expect(admin().result.judgeYear({ cycleId: annualId, employeeId, predikat: up, reason: " " })).rejects.toThrow();

    const judged = await admin().result.judgeYear({ cycleId: annualId, employeeId, predikat: up, reason: "Memimpin inovasi layanan sepanjang tahun" });
    const after = await admin().result.get({ cycleId: annualId, employeeId });
    expect(after.runId).toBe(judged.runId);
    expect(after.runVersion).toBe(before.runVersion + 1);
    expect(after.predikat).toBe(up);
    expect(after.judgement?.judged).toMatchObject({ predikat: up, reason: "Memimpin inovasi layanan sepanjang tahun" });
    expect(after.judgement?.computed).toBe(computed);
    // Still rolled up from the same quarters, the periods' own predikat kept beside the judged one.
    expect(after.rollup).toEqual(before.rollup);
    expect((after.input as AppraisalInput).adjustments).toMatchObject([{ fact: "predikat", value: up, reason: "Memimpin inovasi layanan sepanjang tahun" }]);

    // A year rolled up by another method takes no judgement.
    const lastAnnual = (await admin().cycle.list()).find((c) => c.periodLabel === String(YEARS.last) && c.periodKind === "annual")!;
    expect((await admin().result.get({ cycleId: lastAnnual.id, employeeId })).judgement).toBeNull();
    await expect(admin().result.judgeYear({ cycleId: lastAnnual.id, employeeId, predikat: up, reason: "Memimpin inovasi layanan sepanjang tahun" })).rejects.toThrow(/tidak mengizinkan/);
  });
});
