import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

describe.each(inject("dialects"))("assessments on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 16);
  });
  afterAll(() => env?.dispose());

  it("lets an assessor rate a direct report as supervisor, replacing their own earlier sheet", async () => {
    const assessor = env.as(binjai.assessor);
    const first = await assessor.assessment.submit({
      cycleId: binjai.cycleId,
      employeeId: binjai.report.id,
      source: "supervisor",
      ratings: { akuntabel: 4 },
      values: { capaian_rhk: { target: 100, realisasi: 104 } },
    });
    expect(first).toMatchObject({ source: "supervisor", rater: binjai.assessor.username, ratings: { akuntabel: 4 } });
    const second = await assessor.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 5 } });
    expect(second.id).toBe(first.id);
    const sheets = await assessor.assessment.list({ cycleId: binjai.cycleId, employeeId: binjai.report.id });
    expect(sheets.filter((s) => s.rater === binjai.assessor.username)).toHaveLength(1);
  });

  it("lets an employee rate themselves but not as supervisor, and see only their own sheets", async () => {
    const employee = env.as(binjai.employee);
    await expect(
      employee.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "self", ratings: { akuntabel: 3 } }),
    ).resolves.toMatchObject({ rater: binjai.employee.username });
    await expect(
      employee.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 5 } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const mine = await employee.assessment.list({ cycleId: binjai.cycleId, employeeId: binjai.report.id });
    expect(mine.every((s) => s.rater === binjai.employee.username)).toBe(true);
  });

  it("accepts assessments only while the cycle is open", async () => {
    await env.as(binjai.admin).cycle.run({ id: binjai.cycleId });
    await env.jobs.idle();
    await expect(
      env.as(binjai.assessor).assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: {} }),
    ).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });
});
