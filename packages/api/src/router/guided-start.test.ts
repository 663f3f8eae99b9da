import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SessionUser } from "../auth.js";
import { createOperator, createTestEnv, snapshot, type TestEnv } from "../testing/env.js";

const EMPLOYEES = [
  "nip,nama,jabatan,unit,atasan_nip",
  "198001012005011001,Kepala Dinas Uji,Kepala Dinas,dinas-uji,",
  "199001012015031002,Pegawai Satu,Analis Kebijakan,bidang-a,198001012005011001",
  "199101012016032003,Pegawai Dua,Pranata Komputer,bidang-a,198001012005011001",
].join("\n");

describe.each(inject("dialects"))("a new region's guided start on %s", (dialect) => {
  let env: TestEnv;
  let operator: SessionUser;
  const regionId = "kota-uji-mulai";
  const admin = () => env.as(operator);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    operator = await createOperator(env);
    await env.as(operator).region.create({ id: regionId, name: "Kota Uji Mulai", admin: { name: "Admin", email: "admin@mulai.test", password: "sandi-kota-mulai" } });
  });
  afterAll(() => env?.dispose());

  it("walks rules from a baseline, units, employees, accounts and the first cycle, each step read from what is stored", async () => {
    const start = await admin().region.guidedStart({ regionId });
    expect(start).toMatchObject({ regionName: "Kota Uji Mulai", next: "rules", units: 0, employees: 0, cycles: 0, rules: { published: null, draft: null } });
    const baselines = start.baselines.map((b) => b.id);
    expect(baselines).toContain("permenpanrb-6-2022");
    expect(baselines).not.toContain("pp-94-2021"); // a part meant to be extended, not a whole rule set
    expect(start.baselines.find((b) => b.id === "permenpanrb-6-2022")?.name).toMatch(/PermenPANRB 6\/2022/);

    const draft = await admin().ruleSet.startFromBaseline({ regionId, baseline: "permenpanrb-6-2022" });
    expect(draft).toMatchObject({ status: "draft", version: 1, name: "Kota Uji Mulai: Pengelolaan Kinerja Pegawai ASN (PermenPANRB 6/2022)" });
    expect((await admin().region.guidedStart({ regionId })).rules.draft).toMatchObject({ id: draft.id, revision: draft.revision });
    await admin().ruleSet.publish({ regionId, id: draft.id, revision: draft.revision });
    expect((await admin().region.guidedStart({ regionId })).next).toBe("people");

    expect(await admin().unit.import({ regionId, content: "kode,nama,induk,jenis\nbidang-a,Bidang A,dinas-uji,bidang\ndinas-uji,Dinas Uji,,dinas\n" })).toEqual({
      ok: true,
      rows: 2,
      created: 2,
      updated: 0,
    });
    expect(await admin().employee.import({ regionId, format: "csv", content: EMPLOYEES })).toMatchObject({ ok: true, created: 3 });
    const people = await admin().region.guidedStart({ regionId });
    expect(people).toMatchObject({ units: 2, employees: 3, employeesWithoutAccount: 3, next: "accounts" });

    for (const nip of ["198001012005011001", "199001012015031002", "199101012016032003"]) {
      await admin().account.create({ regionId, role: nip.startsWith("1980") ? "assessor" : "employee", nip, password: "sandi-pegawai-baru" });
    }
    expect(await admin().region.guidedStart({ regionId })).toMatchObject({ employeesWithoutAccount: 0, next: "cycle" });
    await admin().cycle.create({ regionId, name: "Tahun 2026", periodKind: "annual", periodLabel: "2026" });
    expect(await admin().region.guidedStart({ regionId })).toMatchObject({ cycles: 1, next: null });
  });

  it("refuses a baseline that does not exist, naming those that do, and saves nothing", async () => {
    const before = await snapshot(env);
    await expect(admin().ruleSet.startFromBaseline({ regionId, baseline: "pp-1-1900" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/Baseline nasional "pp-1-1900" tidak ada; yang tersedia: .*permenpanrb-6-2022/),
    });
    await expect(admin().ruleSet.startFromBaseline({ regionId, baseline: "../binjai" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(env)).toEqual(before);
  });

  it("reports every bad cell of a unit sheet with row, column and what was expected, and writes nothing", async () => {
    const before = await snapshot(env);
    const sheet = ["kode;nama;induk", "Bidang B;Bidang B;dinas-uji", "bidang-c;C;", "bidang-d;Bidang D;tidak-ada", "putar-1;Putar 1;putar-2", "putar-2;Putar 2;putar-1", "bidang-e;Bidang E;dinas-uji", "bidang-e;Bidang E lagi;"].join("\n");
    const result = await admin().unit.import({ regionId, content: sheet });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "kode"],
      [3, "nama"],
      [4, "induk"],
      [5, "induk"],
      [6, "induk"],
      [8, "kode"],
    ]);
    expect(result.errors[0]).toMatchObject({ value: "bidang b", expected: expect.stringContaining("huruf kecil") });
    expect(result.errors[2]).toMatchObject({ message: "unit induk tidak-ada tidak ada" });
    expect(result.errors[5]?.message).toBe("kode bidang-e sudah dipakai di baris 7");
    expect(await admin().unit.import({ regionId, content: "nama\nTanpa Kode\n" })).toMatchObject({ ok: false, errors: [{ row: 1, column: "kode" }] });
    expect(await snapshot(env)).toEqual(before);
  });
});
