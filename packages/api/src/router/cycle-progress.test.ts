// The dashboard's one call on a cycle's progress: counts that agree with the detailed reads (plans,
// reminders, results), scoped to the viewer like every other read.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 20;

describe.each(inject("dialects"))("cycle progress on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  const admin = () => env.as(binjai.admin);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", SIZE);
  });
  afterAll(() => env?.dispose());

  it("counts plans, pending work, expected and submitted sheets, late sheets and evaluations", async () => {
    const before = await admin().cycle.progress({ cycleId: binjai.cycleId });
    expect(before).toMatchObject({
      cycleId: binjai.cycleId,
      status: "open",
      employees: SIZE,
      plans: { none: SIZE, draft: 0, submitted: 0, approved: 0, revision: 0, rejected: 0 },
      workEntriesPending: 0,
      evaluated: 0,
    });
    expect(before.sheets.supervisor?.expected).toBeGreaterThan(0);
    for (const count of Object.values(before.sheets)) expect(count.submitted).toBeLessThanOrEqual(count.expected);

    await env.as(binjai.employee).plan.create({ cycleId: binjai.cycleId });
    const planned = await admin().cycle.progress({ cycleId: binjai.cycleId });
    expect(planned.plans).toMatchObject({ none: SIZE - 1, draft: 1 });

    await admin().assessment.setDeadline({ cycleId: binjai.cycleId, source: "supervisor", dueDate: "2025-01-31" });
    const late = await admin().cycle.progress({ cycleId: binjai.cycleId });
    expect(late.lateSheets).toBe((await admin().assessment.reminders({ cycleId: binjai.cycleId })).late.length);
    expect(late.lateSheets).toBe(late.sheets.supervisor!.expected - late.sheets.supervisor!.submitted);

    await admin().cycle.run({ id: binjai.cycleId });
    await env.jobs.idle();
    const evaluated = await admin().cycle.progress({ cycleId: binjai.cycleId });
    const results = await admin().result.list({ cycleId: binjai.cycleId, limit: 500 });
    expect(evaluated).toMatchObject({ status: "evaluated", evaluated: results.items.filter((r) => r.error === null).length });
  });

  it("scopes the counts to the assessor's reports and the employee's own", async () => {
    const reports = await env.as(binjai.assessor).employee.list({ limit: 100 });
    const team = await env.as(binjai.assessor).cycle.progress({ cycleId: binjai.cycleId });
    expect(team.employees).toBe(reports.items.length);
    const own = await env.as(binjai.employee).cycle.progress({ cycleId: binjai.cycleId });
    expect(own).toMatchObject({ employees: 1, plans: { draft: 1, none: 0 } });
    await expect(env.as(binjai.employee).cycle.progress({ cycleId: "tidak-ada" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
