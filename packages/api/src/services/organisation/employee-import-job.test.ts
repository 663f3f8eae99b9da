// An employee sheet imported as a job, on each dialect: the job's progress and outcome are read back through
// employee.importStatus; a refused sheet keeps every problem by row and column and writes nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { scopeIn } from "../access/index.js";
import { startEmployeeImport } from "./employee-import.js";

const HEADER = "nip,nama,jabatan,unit,atasan_nip";

describe.each(inject("dialects"))("employee import jobs on %s", (dialect) => {
  let env: TestEnv;
  let region: SeededRegion;
  let unit: string;
  const admin = () => env.as(region.admin);
  const start = async (format: "csv" | "xlsx", text: string) =>
    startEmployeeImport(await scopeIn(env.database.db, region.admin, region.regionId), env.jobs, { format, bytes: Buffer.from(text, "utf8") });

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    region = await seedRegion(env, "binjai", 6);
    const row = await env.database.db.selectFrom("units").select("id").where("region_id", "=", region.regionId).executeTakeFirstOrThrow();
    unit = row.id;
  });
  afterAll(() => env?.dispose());

  it("imports a good sheet: the job succeeds with every employee written and counted", async () => {
    const csv = [HEADER, `199001012015031001,Rina,Staf,${unit},`, `199202022016032002,Budi,Staf,${unit},199001012015031001`, `${region.report.nip},Nama Baru,Analis,${unit},`].join("\n");
    const started = await start("csv", csv);
    expect(started).toMatchObject({ status: "queued", format: "csv", bytes: Buffer.byteLength(csv), errors: [] });
    await env.jobs.idle();
    const status = await admin().employee.importStatus({ jobId: started.jobId });
    expect(status).toMatchObject({ status: "succeeded", done: 3, total: 3, rows: 3, created: 2, updated: 1, errors: [], error: null });
    expect(await admin().employee.importStatus({})).toMatchObject({ jobId: started.jobId });
    const updated = await admin().employee.get({ id: region.report.id });
    expect(updated).toMatchObject({ nama: "Nama Baru", jabatan: "Analis" });
  });

  it("refuses a sheet with bad rows: every problem kept by row and column, nothing written", async () => {
    const before = await snapshot(env);
    const csv = [HEADER, `199303032017031003,Citra,Staf,${unit},`, `123,Dodi,Staf,${unit},`, `199404042018032004,Eka,Staf,unit-tidak-ada,`].join("\n");
    const started = await start("csv", csv);
    await env.jobs.idle();
    const status = await admin().employee.importStatus({ jobId: started.jobId });
    expect(status).toMatchObject({ status: "failed", rows: 3, created: 0, updated: 0 });
    expect(status?.error).toMatch(/^Berkas ditolak: 2 masalah; tidak ada yang disimpan \(file refused: 2 problems; nothing was saved\)$/);
    expect(status?.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "nip"],
      [4, "unit"],
    ]);
    const after = await snapshot(env);
    // The job's own row is the only thing added.
    expect({ ...after, jobs: before.jobs }).toEqual(before);
  });

  it("refuses an unreadable XLSX as a failed job, and an id of another region as not found", async () => {
    const started = await start("xlsx", "bukan excel");
    await env.jobs.idle();
    expect(await admin().employee.importStatus({ jobId: started.jobId })).toMatchObject({
      status: "failed",
      errors: [expect.objectContaining({ row: 1, message: expect.stringMatching(/^Berkas tidak bisa dibaca/) })],
    });
    await expect(admin().employee.importStatus({ jobId: "tidak-ada" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(env.as(region.employee).employee.importStatus({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
