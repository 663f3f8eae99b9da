// An employee sheet imported as a job, on each dialect: the job's progress and outcome are read back through
// employee.importStatus; a refused sheet keeps every problem by row and column and writes nothing, even when
// its good rows had already been written in parts while the rest was read.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { scopeIn } from "../access/index.js";
import { startEmployeeImport } from "./employee-import.js";
import { SHEET_PART } from "./employee-sheet.js";

const HEADER = "nip,nama,jabatan,unit,atasan_nip";

/** A good NIP for each i below 40,000: born one day after another from 1960, in service 25 years later. */
function nipOf(i: number): string {
  const born = new Date(Date.UTC(1960, 0, 1) + (i % 10_000) * 86_400_000);
  const month = String(Math.floor(i / 10_000) + 1).padStart(2, "0");
  return `${born.toISOString().slice(0, 10).replace(/-/g, "")}${born.getUTCFullYear() + 25}${month}1001`;
}

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

  /** A sheet of more than two parts: the region's reported employee renamed on the first row, then staff numbered from `from`. */
  const bigSheet = (count: number, name: string, from = 0) => [
    HEADER,
    `${region.report.nip},${name},Analis,${unit},`,
    ...Array.from({ length: count }, (_, i) => `${nipOf(from + i)},Pegawai ${i},Staf,${unit},${region.report.nip}`),
  ];

  it("writes a sheet of several parts whole: every employee written and counted, the known one updated", async () => {
    const count = SHEET_PART * 2 + 500;
    const started = await start("csv", bigSheet(count, "Nama Dari Berkas Besar").join("\r\n"));
    await env.jobs.idle();
    expect(await admin().employee.importStatus({ jobId: started.jobId })).toMatchObject({
      status: "succeeded",
      done: count + 1,
      total: count + 1,
      rows: count + 1,
      created: count,
      updated: 1,
      errors: [],
    });
    const written = await env.database.db
      .selectFrom("employees")
      .select(["nip", "nama", "atasan_nip"])
      .where("region_id", "=", region.regionId)
      .where("nip", "in", [nipOf(0), nipOf(SHEET_PART), nipOf(count - 1), region.report.nip])
      .execute();
    expect(written.map((e) => e.nama).sort()).toEqual(["Nama Dari Berkas Besar", "Pegawai 0", `Pegawai ${count - 1}`, `Pegawai ${SHEET_PART}`].sort());
  });

  // Each of these sheets has good parts read, and written, before what refuses it: the rows written are undone.
  const lateProblems: Array<[string, (rows: string[]) => string[], (errors: Array<{ row: number; column: string; message: string }>) => void]> = [
    [
      "a bad row after the first part",
      (rows) => rows.map((row, i) => (i === SHEET_PART + 100 ? `bukan-nip,Salah,Staf,${unit},` : row)),
      // The header is row 1 and the renamed employee row 2.
      (errors) => expect(errors.map((e) => [e.row, e.column])).toEqual([[SHEET_PART + 102, "nip"]]),
    ],
    [
      "a superior who is no one, found only at the end",
      (rows) => [...rows, `${nipOf(30_000)},Terakhir,Staf,${unit},198001012005011099`],
      (errors) => expect(errors.map((e) => [e.column, e.message])).toEqual([["atasan_nip", "atasan tidak ditemukan di berkas ini maupun di data pegawai wilayah"]]),
    ],
    [
      "a quote left open near the end, which only csv-parse reads to refuse",
      (rows) => [...rows, `${nipOf(30_001)},"Tanpa Tutup,Staf,${unit},`],
      (errors) => expect(errors).toEqual([expect.objectContaining({ row: 1, message: expect.stringMatching(/^Berkas tidak bisa dibaca: .*Quote Not Closed/) })]),
    ],
    [
      "a cell past the sheet's last column near the end",
      (rows) => [...rows, [nipOf(30_002), "Lebar", "Staf", unit, ...Array<string>(96).fill(""), "x"].join(",")],
      (errors) => expect(errors).toEqual([expect.objectContaining({ column: "CW", message: expect.stringMatching(/di luar batas berkas pegawai/) })]),
    ],
  ];
  it.each(lateProblems)("refuses %s: the parts already written are rolled back, nothing is saved", async (_name, bend, check) => {
    const before = await snapshot(env);
    const renamed = await env.database.db.selectFrom("employees").select(["nama", "updated_at"]).where("region_id", "=", region.regionId).where("nip", "=", region.report.nip).executeTakeFirstOrThrow();
    // NIPs no sheet has written, so each row would be a new employee were anything kept.
    const [header, ...rows] = bigSheet(SHEET_PART * 2 + 500, "Nama Yang Tidak Jadi", 10_000);
    const started = await start("csv", [header!, ...bend(rows)].join("\n"));
    await env.jobs.idle();
    const status = await admin().employee.importStatus({ jobId: started.jobId });
    expect(status).toMatchObject({ status: "failed", created: 0, updated: 0 });
    expect(status?.error).toMatch(/tidak ada yang disimpan \(file refused: \d+ problems?; nothing was saved\)$/);
    check(status!.errors);
    const after = await snapshot(env);
    expect({ ...after, jobs: before.jobs }).toEqual(before);
    // The known employee the first part renamed keeps their name.
    expect(
      await env.database.db.selectFrom("employees").select(["nama", "updated_at"]).where("region_id", "=", region.regionId).where("nip", "=", region.report.nip).executeTakeFirstOrThrow(),
    ).toEqual(renamed);
  });

  it("fails as a job and keeps nothing when the database refuses a part after earlier parts were written", async () => {
    // A trigger on the real database refuses one employee of the second part, as a lost connection or a full
    // disk would refuse the write.
    const { db } = env.database;
    if (dialect === "sqlite") {
      await sql`create trigger refuse_one before insert on employees when new.nama = 'Ditolak Basis Data' begin select raise(abort, 'penulisan ditolak'); end`.execute(db);
    } else {
      await sql`create function refuse_one() returns trigger language plpgsql as $$ begin if new.nama = 'Ditolak Basis Data' then raise exception 'penulisan ditolak'; end if; return new; end $$`.execute(db);
      await sql`create trigger refuse_one before insert on employees for each row execute function refuse_one()`.execute(db);
    }
    try {
      const before = await snapshot(env);
      const [header, ...rows] = bigSheet(SHEET_PART * 2 + 500, "Nama Yang Tidak Jadi", 20_000);
      rows[SHEET_PART + 50] = rows[SHEET_PART + 50]!.replace(/,Pegawai \d+,/, ",Ditolak Basis Data,");
      const started = await start("csv", [header!, ...rows].join("\n"));
      await env.jobs.idle().catch(() => undefined);
      const status = await admin().employee.importStatus({ jobId: started.jobId });
      expect(status).toMatchObject({ status: "failed", created: 0, updated: 0, errors: [] });
      expect(status?.error).toMatch(/^Gagal: .*penulisan ditolak.*; tidak ada yang disimpan \(failed: nothing was saved\)$/);
      const after = await snapshot(env);
      expect({ ...after, jobs: before.jobs }).toEqual(before);
    } finally {
      await sql`drop trigger refuse_one${sql.raw(dialect === "sqlite" ? "" : " on employees")}`.execute(db);
      if (dialect !== "sqlite") await sql`drop function refuse_one`.execute(db);
    }
  });
});
