// The employee an appraisal reads, from the stored row: optional fields only where the row has them, the
// unit type where the unit has one, and free attributes only when there are any, so a rule reading
// `employee.golongan` sees it absent rather than an empty string.
import { describe, expect, it } from "vitest";
import type { EmployeeRow } from "@kinerja/db";
import { employeeOf, unitLeaders, unitResultOf } from "./appraisal-inputs.js";

function row(fields: Partial<EmployeeRow> = {}): EmployeeRow {
  return {
    region_id: "r",
    id: "e",
    nip: "198503152010011001",
    nama: "Siti Aminah",
    jabatan: "Analis Kepegawaian",
    jenis_jabatan: null,
    jenjang: null,
    golongan: null,
    status: null,
    unit_id: "u",
    atasan_nip: null,
    attributes: "{}",
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    left_at: null,
    left_reason: null,
    ...fields,
  };
}

describe("employeeOf", () => {
  it("gives the required fields, and no optional field the row leaves empty", () => {
    expect(employeeOf(row(), null)).toEqual({ nip: "198503152010011001", nama: "Siti Aminah", jabatan: "Analis Kepegawaian", unit: "u" });
  });

  it("adds the optional fields, the unit type and the attributes where there are some", () => {
    const employee = employeeOf(
      row({ jenis_jabatan: "fungsional", jenjang: "ahli_muda", golongan: "III/c", status: "PNS", attributes: '{"guru":true,"jam":24}' }),
      "sekolah",
    );
    expect(employee).toEqual({
      nip: "198503152010011001",
      nama: "Siti Aminah",
      jabatan: "Analis Kepegawaian",
      unit: "u",
      jenisJabatan: "fungsional",
      jenjang: "ahli_muda",
      golongan: "III/c",
      status: "PNS",
      unitType: "sekolah",
      attributes: { guru: true, jam: 24 },
    });
  });
});

describe("the unit's result: a unit leader's hasil kerja is the unit's own achievement", () => {
  // Dinas kesehatan: the kepala dinas reports to the sekda (another unit); a kepala puskesmas reports to the
  // kepala dinas and leads the puskesmas, where a nurse reports to them; an analyst of the dinas has no one below.
  const rows = [
    { nip: "kadis", unit_id: "dinkes", atasan_nip: "sekda" },
    { nip: "analis", unit_id: "dinkes", atasan_nip: "kadis" },
    { nip: "kapus", unit_id: "pkm", atasan_nip: "kadis" },
    { nip: "perawat", unit_id: "pkm", atasan_nip: "kapus" },
  ];

  it("finds the leader of each unit by its reporting lines", () => {
    expect([...unitLeaders(rows)].sort()).toEqual(["kadis", "kapus"]);
  });

  it("leads a unit without a superior on record, when someone in the unit reports to them", () => {
    expect([...unitLeaders([{ nip: "sekda", unit_id: "setda", atasan_nip: null }, { nip: "kabag", unit_id: "setda", atasan_nip: "sekda" }])]).toEqual([
      "sekda",
    ]);
  });

  it("gives the unit's predikat where the cycle sets it, and whether the employee leads the unit", () => {
    const leaders = unitLeaders(rows);
    const predikat = { pkm: "istimewa" } as const;
    expect(unitResultOf(rows[2]!, predikat, leaders)).toEqual({ predikat: "istimewa", pimpinan: true });
    expect(unitResultOf(rows[3]!, predikat, leaders)).toEqual({ predikat: "istimewa", pimpinan: false });
    expect(unitResultOf(rows[0]!, predikat, leaders)).toEqual({ pimpinan: true });
  });
});
