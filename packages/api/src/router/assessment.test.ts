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

  it("keeps a submitted sheet locked until the assessor reopens it with a reason, then takes drafts and a complete submission", async () => {
    const assessor = env.as(binjai.assessor);
    const [seeded] = (await assessor.assessment.list({ cycleId: binjai.cycleId, employeeId: binjai.report.id })).filter(
      (s) => s.source === "supervisor" && s.rater === binjai.assessor.username,
    );
    expect(seeded?.submittedAt).not.toBeNull();
    await expect(
      assessor.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 4 } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(assessor.assessment.reopen({ assessmentId: seeded!.id, reason: "" })).rejects.toThrow(/alasan/i);
    const reopened = await assessor.assessment.reopen({ assessmentId: seeded!.id, reason: "Realisasi triwulan IV belum masuk" });
    expect(reopened).toMatchObject({ id: seeded!.id, submittedAt: null, reopenings: [{ reason: "Realisasi triwulan IV belum masuk" }] });

    const draft = await assessor.assessment.save({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 4 } });
    expect(draft).toMatchObject({ id: seeded!.id, submittedAt: null, ratings: { akuntabel: 4 } });
    await expect(
      assessor.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 4 } }),
    ).rejects.toThrow(/belum dinilai: .*berorientasi_pelayanan.*nilai objektif belum diisi: indikator "capaian_rhk"/);
    await expect(
      assessor.assessment.save({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "supervisor", ratings: { akuntabel: 6 } }),
    ).rejects.toThrow(/nilai 6 untuk indikator "akuntabel" \(Akuntabel\) di luar skala; yang diharapkan: 1–5, bilangan bulat/);
    const ratings = Object.fromEntries(["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"].map((id) => [id, 4]));
    const submitted = await assessor.assessment.submit({
      cycleId: binjai.cycleId,
      employeeId: binjai.report.id,
      source: "supervisor",
      ratings,
      values: { capaian_rhk: { target: 100, realisasi: 104 } },
      comment: "Pertahankan ketepatan laporan",
    });
    expect(submitted).toMatchObject({ id: seeded!.id, rater: binjai.assessor.username, comment: "Pertahankan ketepatan laporan" });
    expect(submitted.submittedAt).not.toBeNull();
    const sheets = await assessor.assessment.list({ cycleId: binjai.cycleId, employeeId: binjai.report.id });
    expect(sheets.filter((s) => s.rater === binjai.assessor.username)).toHaveLength(1);
  });

  it("lets an employee rate only as the region's rules allow, and see only their own sheets", async () => {
    const employee = env.as(binjai.employee);
    // The national rules these tests publish weigh the assessor alone: no self-assessment.
    await expect(
      employee.assessment.submit({ cycleId: binjai.cycleId, employeeId: binjai.report.id, source: "self", ratings: { akuntabel: 3 } }),
    ).rejects.toThrow(/tidak memakai penilaian dari diri sendiri .*yang dipakai: atasan langsung$/);
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
