// History from earlier years on the server: results from before Kinerja imported per NIP and year (every bad
// cell reported, nothing written unless all are good), and the region's finalised cycles, read by the
// appraisal as each year's annual predikat. Promotion (two consecutive years rated Baik or better) then
// follows the years, not the entries.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { AppraisalInput } from "@kinerja/core";
import { appraisalInputs } from "../services/assessment/index.js";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../testing/env.js";

const SIZE = 12;

describe.each(inject("dialects"))("history from earlier years on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  /** An employee rated Baik or better in 2025, whose history the tests set. */
  let person: { id: string; nip: string };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", SIZE);
    await run();
    const rated = await env.database.db
      .selectFrom("results")
      .innerJoin("cycles", (join) => join.onRef("cycles.region_id", "=", "results.region_id").onRef("cycles.current_run_id", "=", "results.run_id"))
      .select(["results.employee_id", "results.nip"])
      .where("cycles.id", "=", binjai.cycleId)
      .where("results.predikat", "in", ["sangat_baik", "baik"])
      .orderBy("results.nip")
      .executeTakeFirstOrThrow();
    person = { id: rated.employee_id, nip: rated.nip };
    // The demo imported 2023 and 2024 for everyone; this employee's years are the tests' to set.
    await env.database.db.deleteFrom("imported_history").where("region_id", "=", "binjai").where("employee_id", "=", person.id).execute();
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  async function run(): Promise<void> {
    await admin().cycle.run({ id: binjai.cycleId, reason: "riwayat diperbarui" });
    await env.jobs.idle();
  }

  async function result() {
    const detail = await admin().result.get({ cycleId: binjai.cycleId, employeeId: person.id });
    return { history: (detail.input as AppraisalInput).history, outcomes: detail.outcomeEvents.map((o: { type: string }) => o.type) };
  }

  async function importedRows(): Promise<number> {
    const rows = await env.database.db.selectFrom("imported_history").select("employee_id").where("region_id", "=", "binjai").execute();
    return rows.length;
  }

  it("reports every bad row by row and column, with what was expected, and writes nothing", async () => {
    const before = await importedRows();
    const sheet = [
      "nip,nama,tahun,predikat",
      `${person.nip},Pegawai,2021,Baik`,
      "19850312201001100,Salah,2022,baik",
      "198503122010011001,Tidak Ada,2022,baik",
      `${person.nip},Pegawai,2099,baik`,
      `${person.nip},Pegawai,dua ribu,baik`,
      `${person.nip},Pegawai,2022,bagus`,
      `${person.nip},Pegawai,2021,sangat_baik`,
    ].join("\n");
    const answer = await admin().employee.importHistory({ format: "csv", content: sheet });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.rows).toBe(7);
    expect(answer.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "nip"],
      [4, "nip"],
      [5, "tahun"],
      [6, "tahun"],
      [7, "predikat"],
      [8, "tahun"],
    ]);
    expect(answer.errors[1]).toMatchObject({ message: "pegawai dengan NIP ini tidak ada di wilayah ini", expected: expect.stringMatching(/impor data pegawai/) });
    expect(answer.errors[2]).toMatchObject({ value: "2099", message: expect.stringMatching(/belum selesai/) });
    expect(answer.errors[4]).toMatchObject({ value: "bagus", expected: expect.stringMatching(/sangat_baik \(Sangat Baik\)/) });
    expect(answer.errors[5]).toMatchObject({ message: `NIP ${person.nip} tahun 2021 sudah ada di baris 2` });
    expect(await importedRows()).toBe(before);

    const header = await admin().employee.importHistory({ format: "csv", content: "nip,tahun\n" + `${person.nip},2021` });
    expect(header).toMatchObject({ ok: false, errors: [{ row: 1, column: "predikat", message: "kolom predikat tidak ada" }] });
  });

  it("does not propose promotion for a Baik whose only earlier Baik is four years back", async () => {
    expect(await admin().employee.importHistory({ format: "csv", content: `nip,tahun,predikat\n${person.nip},2021,Baik\n` })).toEqual({ ok: true, rows: 1, imported: 1 });
    expect(await admin().employee.importedHistory({ id: person.id })).toMatchObject([{ year: 2021, predikat: "baik", importedBy: expect.any(String) }]);
    await run();
    const { history, outcomes } = await result();
    expect(history).toEqual([{ year: 2021, predikat: "baik" }]);
    expect(outcomes).not.toContain("usulan_kenaikan_pangkat");
  });

  it("proposes promotion once the year before is Baik, imported from XLSX", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Riwayat");
    sheet.addRows([
      ["NIP", "Tahun", "Predikat"],
      [person.nip, 2024, "BAIK"],
    ]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    expect(await admin().employee.importHistory({ format: "xlsx", content })).toEqual({ ok: true, rows: 1, imported: 1 });
    await run();
    const { history, outcomes } = await result();
    expect(history).toEqual([
      { year: 2021, predikat: "baik" },
      { year: 2024, predikat: "baik" },
    ]);
    expect(outcomes).toContain("usulan_kenaikan_pangkat");
  });

  it("replaces a year imported again", async () => {
    await admin().employee.importHistory({ format: "csv", content: `nip;tahun;predikat\n${person.nip};2024;butuh perbaikan\n` });
    expect((await admin().employee.importedHistory({ id: person.id })).map((h) => [h.year, h.predikat])).toEqual([
      [2021, "baik"],
      [2024, "butuh_perbaikan"],
    ]);
    await run();
    expect((await result()).outcomes).not.toContain("usulan_kenaikan_pangkat");
  });

  it("takes a year the region finalised in Kinerja from its cycle, over an import of that year", async () => {
    await admin().employee.importHistory({ format: "csv", content: `nip,tahun,predikat\n${person.nip},2025,sangat_kurang\n` });
    const finalised = await admin().result.get({ cycleId: binjai.cycleId, employeeId: person.id });
    await admin().cycle.close({ id: binjai.cycleId });
    const next = await admin().cycle.create({ name: "Penilaian Semester I 2026", periodKind: "semester", periodLabel: "2026-S1" });
    const { db } = env.database;
    const cycle = await db.selectFrom("cycles").selectAll().where("region_id", "=", "binjai").where("id", "=", next.id).executeTakeFirstOrThrow();
    const employee = await db.selectFrom("employees").selectAll().where("region_id", "=", "binjai").where("id", "=", person.id).executeTakeFirstOrThrow();
    const [input] = await appraisalInputs(db, cycle, [employee]);
    expect(input?.history).toEqual([
      { year: 2021, predikat: "baik" },
      { year: 2024, predikat: "butuh_perbaikan" },
      { year: 2025, predikat: finalised.predikat },
    ]);

    // A semester of 2025 reads the years before 2025 only: the annual result of its own year is not earlier.
    const semester = await admin().cycle.create({ name: "Penilaian Semester II 2025", periodKind: "semester", periodLabel: "2025-S2" });
    const semesterRow = await db.selectFrom("cycles").selectAll().where("region_id", "=", "binjai").where("id", "=", semester.id).executeTakeFirstOrThrow();
    const [semesterInput] = await appraisalInputs(db, semesterRow, [employee]);
    expect(semesterInput?.history).toEqual([
      { year: 2021, predikat: "baik" },
      { year: 2024, predikat: "butuh_perbaikan" },
    ]);
  });
});
