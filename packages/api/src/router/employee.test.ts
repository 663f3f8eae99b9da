import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scopeIn } from "../services/access/index.js";
import { updateEmployee } from "../services/organisation/index.js";
import { createTestEnv, seedRegion, snapshot, type SeededRegion, type TestEnv } from "../testing/env.js";

const HEADER = "nip,nama,jabatan,jenis_jabatan,golongan,status,unit,atasan_nip,atribut.guru";

async function xlsxBase64(rows: Array<Array<string | number>>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Pegawai");
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

describe.each(inject("dialects"))("units and employees on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let headNip: string;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 20);
    headNip = binjai.assessor.username as string;
  });
  afterAll(() => env?.dispose());

  const admin = () => env.as(binjai.admin);

  it("shows the unit tree with head counts, and saves and moves units", async () => {
    const tree = await admin().unit.tree();
    expect(tree).toHaveLength(1);
    const total = (nodes: typeof tree): number => nodes.reduce((n, u) => n + u.employees + total(u.children), 0);
    expect(total(tree)).toBe(20);
    const root = tree[0]!;
    await admin().unit.save({ id: "pkm-baru", name: "Puskesmas Baru", parentId: root.id, type: "puskesmas" });
    const moved = await admin().unit.save({ id: "pkm-baru", name: "Puskesmas Baru Sekali", parentId: null, type: "puskesmas" });
    expect(moved).toMatchObject({ parent_id: null, name: "Puskesmas Baru Sekali" });
    await expect(admin().unit.save({ id: root.id, name: root.name, parentId: "pkm-baru" })).resolves.toBeTruthy();
    await expect(admin().unit.save({ id: "pkm-baru", name: "x", parentId: root.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin().unit.save({ id: "y", name: "y", parentId: "tidak-ada" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await admin().unit.save({ id: root.id, name: root.name, parentId: null, type: root.type });
    await expect(env.as(binjai.employee).unit.save({ id: "z", name: "z" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("pages through employees with a cursor, searches, and filters by unit subtree", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin().employee.list({ limit: 7, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    const one = await admin().employee.get({ id: binjai.report.id });
    const byName = await admin().employee.list({ search: one.nama.slice(0, 5).toUpperCase() });
    expect(byName.items.map((e) => e.id)).toContain(one.id);
    expect((await admin().employee.list({ search: one.nip.slice(-6) })).items.map((e) => e.id)).toContain(one.id);
    expect((await admin().employee.list({ search: "%" })).items).toEqual([]);
    const root = (await admin().unit.tree())[0]!;
    expect((await admin().employee.list({ unitId: root.id, limit: 100 })).items).toHaveLength(20);
    await expect(admin().employee.list({ cursor: "rusak" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // A cursor edited to carry text no database can hold is refused, not passed on to PostgreSQL.
    const nul = Buffer.from(JSON.stringify(["\u0000", seen[0]])).toString("base64url");
    await expect(admin().employee.list({ cursor: nul })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows an assessor only direct reports and an employee only themselves", async () => {
    const reports = await env.as(binjai.assessor).employee.list({ limit: 100 });
    expect(reports.items.length).toBeGreaterThan(0);
    expect(reports.items.every((e) => e.atasanNip === headNip)).toBe(true);
    const self = await env.as(binjai.employee).employee.list({});
    expect(self.items.map((e) => e.nip)).toEqual([binjai.employee.username]);
    const someoneElse = (await admin().employee.list({ limit: 100 })).items.find(
      (e) => e.atasanNip !== headNip && e.nip !== headNip,
    )!;
    await expect(env.as(binjai.employee).employee.get({ id: someoneElse.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(env.as(binjai.assessor).employee.get({ id: someoneElse.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("edits an employee with an audit entry holding before and after", async () => {
    const before = await admin().employee.get({ id: binjai.report.id });
    const after = await admin().employee.update({ id: before.id, patch: { jabatan: "Analis SDM Aparatur Ahli Muda", attributes: { guru: false } } });
    expect(after.jabatan).toBe("Analis SDM Aparatur Ahli Muda");
    const log = await admin().audit.list({ entity: "employee", entityId: before.id });
    expect(log.items[0]).toMatchObject({ action: "employee.update", before: { jabatan: before.jabatan }, after: { jabatan: after.jabatan } });
    await expect(admin().employee.update({ id: before.id, patch: { nip: "12345" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin().employee.update({ id: before.id, patch: { unitId: "tidak-ada" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin().employee.update({ id: before.id, patch: { unitId: "" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The service looks an empty unit code up too, rather than leaving it to the foreign key (a server fault).
    const scope = await scopeIn(env.database.db, binjai.admin, "binjai");
    await expect(updateEmployee(scope, before.id, { unitId: "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(env.as(binjai.assessor).employee.update({ id: before.id, patch: { nama: "x" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("imports a CSV: new NIPs are added, known NIPs updated, attributes typed", async () => {
    const root = (await admin().unit.tree())[0]!.id;
    const csv = [
      HEADER,
      `199001012015031001,Rina Sitompul,Guru Ahli Pertama,fungsional,III/a,PNS,${root},${headNip},ya`,
      `"199202022016032002","Budi, S.Pd.",Guru Ahli Muda,fungsional,III/c,PPPK,${root},,tidak`,
      `${binjai.report.nip},Nama Diperbarui,Pengadministrasi Umum,pelaksana,II/b,PNS,${root},${headNip},`,
    ].join("\r\n");
    const result = await admin().employee.import({ format: "csv", content: csv });
    expect(result).toEqual({ ok: true, rows: 3, created: 2, updated: 1 });
    const budi = (await admin().employee.list({ search: "budi, s.pd" })).items[0];
    expect(budi).toMatchObject({ nama: "Budi, S.Pd.", status: "PPPK", attributes: { guru: false } });
    expect((await admin().employee.get({ id: binjai.report.id })).nama).toBe("Nama Diperbarui");
  });

  it("imports semicolon-separated CSV as Indonesian spreadsheets write it", async () => {
    const root = (await admin().unit.tree())[0]!.id;
    const csv = `NIP;Nama;Jabatan;Unit Kerja\n199303032017031003;Sari Lubis;Pranata Komputer;${root}\n`;
    expect(await admin().employee.import({ format: "csv", content: csv })).toMatchObject({ ok: true, created: 1 });
  });

  it("reports every bad cell of a CSV with row, column and what was expected, and writes nothing", async () => {
    const before = await snapshot(env);
    const root = (await admin().unit.tree())[0]!.id;
    const csv = [
      HEADER,
      `199001012015031004,Baik Saja,Staf,pelaksana,III/a,PNS,${root},,`,
      `19900101201503100,Kurang Digit,Staf,pelaksana,III/a,PNS,${root},,`,
      `199013012015031005,Bulan Salah,Staf,,,,${root},,`,
      `199001012015031004,Dobel,Staf,,,,${root},,`,
      `199001012015031006,,Staf,honorer,V/z,CPNS,unit-hantu,199001012015031099,`,
    ].join("\n");
    const result = await admin().employee.import({ format: "csv", content: csv });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (row: number, column: string) => result.errors.find((e) => e.row === row && e.column === column);
    expect(at(3, "nip")).toMatchObject({ value: "19900101201503100", expected: expect.stringContaining("18 digit") });
    expect(at(3, "nip")?.message).toMatch(/18 digit/);
    expect(at(4, "nip")?.message).toMatch(/tanggal lahir/);
    expect(at(5, "nip")?.message).toMatch(/baris 2/);
    expect(at(6, "nama")?.message).toBe("kosong");
    expect(at(6, "jenis_jabatan")).toMatchObject({ value: "honorer", expected: "struktural, fungsional, pelaksana" });
    expect(at(6, "golongan")?.value).toBe("V/z");
    expect(at(6, "status")?.value).toBe("CPNS");
    expect(at(6, "unit")?.value).toBe("unit-hantu");
    expect(at(2, "nip")).toBeUndefined();
    expect(await snapshot(env)).toEqual(before);
  });

  it("refuses a sheet whose superior exists nowhere, or with unknown or missing columns", async () => {
    const root = (await admin().unit.tree())[0]!.id;
    const orphan = await admin().employee.import({
      format: "csv",
      content: `nip,nama,jabatan,unit,atasan_nip\n199404042018032004,Tia,Staf,${root},198001012005011099\n`,
    });
    expect(orphan).toMatchObject({ ok: false, errors: [{ row: 2, column: "atasan_nip" }] });
    const columns = await admin().employee.import({ format: "csv", content: "nip,nama,hobi\n199404042018032004,Tia,catur\n" });
    expect(columns.ok).toBe(false);
    if (columns.ok) return;
    expect(columns.errors.map((e) => e.column).sort()).toEqual(["hobi", "jabatan", "unit"]);
  });

  it("imports XLSX, and refuses a NIP that Excel stored as a number", async () => {
    const root = (await admin().unit.tree())[0]!.id;
    const good = await xlsxBase64([
      ["NIP", "Nama", "Jabatan", "Unit"],
      ["199505052019032005", "Dewi Nasution", "Perawat Ahli Pertama", root],
    ]);
    expect(await admin().employee.import({ format: "xlsx", content: good })).toMatchObject({ ok: true, created: 1 });
    const before = await snapshot(env);
    const bad = await xlsxBase64([
      ["NIP", "Nama", "Jabatan", "Unit"],
      ["199606062020031006", "Eka", "Staf", root],
      [199707072021032000, "Fajar", "Staf", root],
    ]);
    const result = await admin().employee.import({ format: "xlsx", content: bad });
    expect(result).toMatchObject({ ok: false, errors: [{ row: 3, column: "nip", expected: expect.stringContaining("Teks") }] });
    expect(await snapshot(env)).toEqual(before);
    const garbage = await admin().employee.import({ format: "xlsx", content: Buffer.from("bukan excel").toString("base64") });
    expect(garbage).toMatchObject({ ok: false, errors: [{ row: 1 }] });
  });
});
