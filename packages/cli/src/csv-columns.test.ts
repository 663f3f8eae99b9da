// The CSV form of an appraisal input, where a cell holds more than one value: the `riwayat` column (each earlier
// result with its year, and the period within the year when there is one), several tasks per indicator
// (PP 46/2011: SKP is the mean over the tasks) read into the task list the evaluator takes and written back
// the same way, and the unit's result; the row and column named when a cell is wrong.
import { describe, expect, it } from "vitest";
import { inputToRow, rowToInput } from "./csv-columns.js";

const employee = { nip: "198503122010011001", nama: "Budi Siregar", jabatan: "Analis", unit: "bkd" };

describe("the riwayat column", () => {
  it("reads a year, or a period label that begins with its year", () => {
    const input = rowToInput({ ...employee, riwayat: "2023:baik;2024-S1:butuh_perbaikan;2024-S2:sangat_baik" }, 2);
    expect(input.history).toEqual([
      { year: 2023, predikat: "baik" },
      { year: 2024, period: "2024-S1", predikat: "butuh_perbaikan" },
      { year: 2024, period: "2024-S2", predikat: "sangat_baik" },
    ]);
    expect(inputToRow(input).riwayat).toBe("2023:baik;2024-S1:butuh_perbaikan;2024-S2:sangat_baik");
  });

  it("names the row and the entry without a year", () => {
    expect(() => rowToInput({ ...employee, riwayat: "2024:baik;Triwulan I:baik" }, 7)).toThrow(
      /baris 7.*"Triwulan I:baik": yang diharapkan <tahun>:<predikat>.*EN: expected <year>:<predikat>/,
    );
  });
});

describe("several tasks of one indicator in a CSV row", () => {
  it("reads per-aspect columns listing one value per task into a task list", () => {
    const input = rowToInput(
      {
        ...employee,
        "target.skp.kuantitas": "12;10",
        "realisasi.skp.kuantitas": "12;5",
        "target.skp.waktu": "12;12",
        "realisasi.skp.waktu": "12;10",
      },
      2,
    );
    expect(input.values?.skp).toEqual([
      { target: { kuantitas: 12, waktu: 12 }, realisasi: { kuantitas: 12, waktu: 12 } },
      { target: { kuantitas: 10, waktu: 12 }, realisasi: { kuantitas: 5, waktu: 10 } },
    ]);
  });

  it("reads achievement columns and percentages listing several tasks", () => {
    const input = rowToInput({ ...employee, "target.capaian": "100;50", "realisasi.capaian": "90;55", "nilai.rhk": "95;110" }, 2);
    expect(input.values).toEqual({
      capaian: [
        { target: 100, realisasi: 90 },
        { target: 50, realisasi: 55 },
      ],
      rhk: [95, 110],
    });
  });

  it("keeps one task as a single value, as before", () => {
    const input = rowToInput({ ...employee, "target.capaian": "100", "realisasi.capaian": "90" }, 2);
    expect(input.values?.capaian).toEqual({ target: 100, realisasi: 90 });
  });

  it("writes a task list back as the same cells", () => {
    const values = {
      skp: [
        { target: { kuantitas: 12 }, realisasi: { kuantitas: 12 } },
        { target: { kuantitas: 10 }, realisasi: { kuantitas: 5 } },
      ],
    };
    const row = inputToRow({ employee, values });
    expect(row).toMatchObject({ "target.skp.kuantitas": "12;10", "realisasi.skp.kuantitas": "12;5" });
    const cells = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ""));
    expect(rowToInput(cells, 2).values).toEqual(values);
  });

  it("names the row and column whose list is shorter than the others, in Indonesian and English", () => {
    expect(() =>
      rowToInput({ ...employee, "target.skp.kuantitas": "12;10;8", "realisasi.skp.kuantitas": "12;5" }, 4),
    ).toThrow(
      'baris 4, kolom realisasi.skp.kuantitas: 2 tugas, padahal kolom target.skp.kuantitas berisi 3; yang diharapkan: satu nilai per ' +
        'tugas di setiap kolom indikator skp, dipisah ";" (EN: 2 tasks, but column target.skp.kuantitas has 3; expected one value per ' +
        'task in every column of indicator skp, separated by ";")',
    );
  });

  it("names a target without its realisasi", () => {
    expect(() => rowToInput({ ...employee, "target.skp.kuantitas": "12;10", "realisasi.skp.waktu": "12;10", "target.skp.waktu": "12;12" }, 3)).toThrow(
      "baris 3, kolom target.skp.kuantitas: kolom realisasi.skp.kuantitas kosong atau tidak ada; yang diharapkan: target dan realisasi bersama",
    );
  });

  it("refuses columns per aspect mixed with a column without one", () => {
    expect(() =>
      rowToInput({ ...employee, "target.skp.kuantitas": "12", "realisasi.skp.kuantitas": "12", "target.skp": "100", "realisasi.skp": "90" }, 5),
    ).toThrow("baris 5, kolom target.skp: indikator skp punya kolom per aspek dan kolom tanpa aspek");
  });

  it("names a value in a list that is not a number", () => {
    expect(() => rowToInput({ ...employee, "target.capaian": "100;x", "realisasi.capaian": "90;50" }, 6)).toThrow(
      'baris 6, kolom target.capaian: "x" bukan angka; yang diharapkan: angka',
    );
  });
});

describe("the unit's result in a CSV row", () => {
  it("reads the unit's predikat and whether the employee leads it, and writes them back", () => {
    const input = rowToInput({ ...employee, predikat_unit: "istimewa", pimpinan_unit: "ya" }, 2);
    expect(input.unit).toEqual({ predikat: "istimewa", pimpinan: true });
    expect(inputToRow(input)).toMatchObject({ predikat_unit: "istimewa", pimpinan_unit: "ya" });
  });

  it("names a predikat that is not an organisation predikat", () => {
    expect(() => rowToInput({ ...employee, predikat_unit: "bagus" }, 3)).toThrow(
      'baris 3, kolom predikat_unit: "bagus" bukan predikat organisasi; yang diharapkan: salah satu dari istimewa, baik, butuh_perbaikan, ' +
        'kurang, sangat_kurang (EN: "bagus" is not an organisation predikat, expected one of istimewa, baik, butuh_perbaikan, kurang, sangat_kurang)',
    );
  });
});
