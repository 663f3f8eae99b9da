// The employee an appraisal reads, from the stored row: optional fields only where the row has them, the
// unit type where the unit has one, and free attributes only when there are any, so a rule reading
// `employee.golongan` sees it absent rather than an empty string.
import { describe, expect, it } from "vitest";
import type { EmployeeRow } from "@kinerja/db";
import { employeeOf } from "./appraisal-inputs.js";

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
