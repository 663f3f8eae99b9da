// The CSV `riwayat` column: each earlier result with its year, and the period within the year when there is one.
import { describe, expect, it } from "vitest";
import { inputToRow, rowToInput } from "./csv-columns.js";

const person = { nip: "198503122010011001", nama: "Budi Siregar", jabatan: "Analis", unit: "bkd" };

describe("the riwayat column", () => {
  it("reads a year, or a period label that begins with its year", () => {
    const input = rowToInput({ ...person, riwayat: "2023:baik;2024-S1:butuh_perbaikan;2024-S2:sangat_baik" }, 2);
    expect(input.history).toEqual([
      { year: 2023, predikat: "baik" },
      { year: 2024, period: "2024-S1", predikat: "butuh_perbaikan" },
      { year: 2024, period: "2024-S2", predikat: "sangat_baik" },
    ]);
    expect(inputToRow(input).riwayat).toBe("2023:baik;2024-S1:butuh_perbaikan;2024-S2:sangat_baik");
  });

  it("names the row and the entry without a year", () => {
    expect(() => rowToInput({ ...person, riwayat: "2024:baik;Triwulan I:baik" }, 7)).toThrow(
      /baris 7.*"Triwulan I:baik": yang diharapkan <tahun>:<predikat>.*EN: expected <year>:<predikat>/,
    );
  });
});
