import { describe, expect, it } from "vitest";
import type { RuleSet } from "../ruleset/schema.js";
import { compileRuleSet } from "./compile.js";
import { formatNumber, renderExplanation } from "./explain.js";
import { appraisal, indicatorSet, ruleSet } from "./test-support/builders.js";
import { kuadranInput, kuadranRuleSet } from "./test-support/kuadran.js";

function binjai(): RuleSet {
  return ruleSet({
    id: "binjai",
    name: "Kota Binjai 2025",
    raters: { weights: { supervisor: 60, peer: 25, self: 15 }, missing: "renormalise" },
    scales: { likert5: { min: 1, max: 5, toScore: "percentOfMax" } },
    axes: { hasil_kerja: 60, perilaku: 40 },
    indicatorSets: [
      indicatorSet("pelaksana", [
        { id: "kualitas", name: "Kualitas Kerja", axis: "hasil_kerja", weight: 50, input: { kind: "rating", scale: "likert5" } },
        {
          id: "skp",
          name: "SKP",
          axis: "hasil_kerja",
          weight: 50,
          input: { kind: "target", aspects: ["kuantitas", "kualitas", "waktu"] },
        },
        {
          id: "disiplin",
          name: "Disiplin",
          axis: "perilaku",
          weight: 100,
          input: {
            kind: "attendance",
            bands: [
              { maxDays: 0, score: 100 },
              { maxDays: 3, score: 90 },
              { maxDays: null, score: 50 },
            ],
          },
          training: { below: 95, topic: "Manajemen waktu" },
        },
      ]),
    ],
    predikat: [
      { id: "baik", label: "Baik", national: "baik" },
      { id: "cukup", label: "Cukup", national: "butuh_perbaikan" },
    ],
    decisions: [
      {
        id: "predikat",
        name: "Predikat",
        output: "predikat",
        hitPolicy: "first",
        inputs: ["score"],
        rows: [
          { when: [{ greaterThanInclusive: 76 }], then: "baik", note: "76 ke atas" },
          { when: [{}], then: "cukup" },
        ],
      },
    ],
    calculations: [{ id: "tpp_persen", name: "TPP", expression: { min: [100, { fact: "score" }] }, round: 2 }],
  });
}

const input = appraisal({
  employee: { nip: "198503152010011001", nama: "Budi Santoso", jabatan: "Pengadministrasi Umum", unit: "Dinas Pendidikan" },
  ratings: { supervisor: { kualitas: 4 }, peer: [{ kualitas: 3 }, { kualitas: 4 }], self: { kualitas: 4 } },
  values: {
    skp: { target: { kuantitas: 12, kualitas: 100, waktu: 12 }, realisasi: { kuantitas: 12, kualitas: 90, waktu: 12 } },
    disiplin: 2,
  },
});

describe("explanation", () => {
  const compiled = compileRuleSet(binjai());
  const explanation = compiled.explain(input);

  it("records the steps in the order of the data path and the same result as evaluate", () => {
    expect(explanation.steps.map((s) => s.kind)).toEqual([
      "indicatorSet",
      "indicator",
      "indicator",
      "indicator",
      "axis",
      "axis",
      "score",
      "decision",
      "calculation",
      "outcome",
      "predikat",
    ]);
    expect(explanation.result).toEqual(compiled.evaluate(input));
    expect(explanation.error).toBeNull();
    expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
  });

  it("gives the axis contributions", () => {
    const axis = explanation.steps.find((s) => s.kind === "axis" && s.axis === "hasil_kerja");
    expect(axis).toMatchObject({ contributions: [{ part: "kualitas", weight: 50 }, { part: "skp", weight: 50 }] });
    if (axis?.kind === "axis") expect(axis.contributions[0]?.contribution).toBeCloseTo(77.5 / 2, 10);
  });

  it("reads in Indonesian with decimal commas", () => {
    const text = renderExplanation(explanation, "id");
    const lines = text.split("\n");
    expect(lines[0]).toBe('Penjelasan penilaian Budi Santoso (NIP 198503152010011001) menurut aturan "Kota Binjai 2025" (binjai)');
    expect(lines[1]).toBe("1. Set indikator: pelaksana (pelaksana), berlaku untuk semua pegawai");
    expect(lines[2]).toBe(
      "2. Nilai indikator Kualitas Kerja: 77,50 (rata-rata penilai: atasan langsung 4 × 60%, rekan kerja 3,5 [3; 4] × 25%, " +
        "diri sendiri 4 × 15% = 3,88; skala 1–5: 3,88 / 5 × 100)",
    );
    expect(lines[3]).toBe(
      "3. Nilai indikator SKP: 88,67 (PP 46/2011: kuantitas 12/12 → 100,00; kualitas 90/100 → 90,00; waktu 12/12 → 76,00; rata-rata aspek 88,67)",
    );
    expect(lines[4]).toBe("4. Nilai indikator Disiplin: 90,00 (2 hari tidak masuk tanpa keterangan → pita ≤ 3 hari)");
    expect(lines[5]).toBe("5. Nilai Hasil Kerja: 83,08 (Kualitas Kerja 77,50 × 50% + SKP 88,67 × 50%)");
    expect(lines[7]).toBe("7. Nilai akhir: 85,85 (bobot sumbu: Hasil Kerja 83,08 × 60% + Perilaku Kerja 90,00 × 40%)");
    expect(lines[8]).toBe('8. Tabel keputusan Predikat: predikat = "baik" (masukan: score = 85,85; cocok: baris 1 "76 ke atas" → "baik")');
    expect(lines[9]).toBe("9. Perhitungan TPP: 85,85 (score = 85,85)");
    expect(lines[10]).toBe(
      '10. Aturan tindak lanjut "pelatihan:disiplin": terpicu → pelatihan {"indicator":"disiplin","topic":"Manajemen waktu"} ' +
        "(semua dari [score.disiplin (90) < 95 ✓] ✓)",
    );
    expect(lines[11]).toBe("11. Predikat: Baik (baik)");
  });

  it("reads in English", () => {
    const text = renderExplanation(explanation, "en");
    expect(text).toContain(
      "2. Indicator score Kualitas Kerja: 77.50 (raters' mean: supervisor 4 × 60%, peer 3.5 [3; 4] × 25%, self 4 × 15% = 3.88; scale 1–5: 3.88 / 5 × 100)",
    );
    expect(text).toContain("4. Indicator score Disiplin: 90.00 (2 days of unexcused absence → band ≤ 3 days)");
    expect(text).toContain("7. Final score: 85.85 (axis weights: Hasil Kerja 83.08 × 60% + Perilaku Kerja 90.00 × 40%)");
    expect(text).toContain('8. Decision table Predikat: predikat = "baik" (inputs: score = 85.85; matched: row 1 "76 ke atas" → "baik")');
  });

  it("shows renormalised weights beside the written ones", () => {
    const { self: _self, ...ratings } = input.ratings!;
    const text = renderExplanation(compiled.explain({ ...input, ratings }), "id");
    expect(text).toContain(
      "Nilai indikator Kualitas Kerja: 77,06 (rata-rata penilai: atasan langsung 4 × 70,59% (bobot 60%), rekan kerja 3,5 [3; 4] × 29,41% (bobot 25%) = 3,85; " +
        "tidak menilai: diri sendiri, bobot dibagi ulang di antara penilai yang menilai",
    );
  });

  it("reports a refusal with the steps before it instead of throwing", () => {
    const refused = compiled.explain({ ...input, values: { ...input.values, disiplin: -2 } });
    expect(refused.result).toBeNull();
    expect(refused.error).toContain('indikator "disiplin" (Disiplin)');
    expect(refused.steps.map((s) => s.kind)).toEqual(["indicatorSet", "indicator", "indicator"]);
    expect(renderExplanation(refused, "id").split("\n").at(-1)).toMatch(/^Penilaian ditolak: 198503152010011001: indikator "disiplin"/);
    expect(renderExplanation(refused, "en").split("\n").at(-1)).toMatch(/^Appraisal refused: /);
  });

  it("says when the assessor's judgement was used and when a table did not apply", () => {
    const kuadran = compileRuleSet(kuadranRuleSet());
    const judged = kuadranInput("sesuai", "sesuai", {
      facts: { "rating.hasil_kerja": "di_atas" },
      employee: { nip: "1", nama: "Sari", jabatan: "Kepala Seksi", jenisJabatan: "struktural", unit: "Dinas Kesehatan" },
    });
    const text = renderExplanation(kuadran.explain(judged), "id");
    expect(text).toContain(
      'Tabel keputusan Rating hasil kerja: rating.hasil_kerja = "di_atas" (diberikan oleh pejabat penilai (penilaian atasan); tabel tidak dipakai)',
    );
    expect(text).toContain(
      "Tabel keputusan Koefisien angka kredit tahunan: koefisien_angka_kredit = kosong (tabel tidak berlaku (syarat 'when' tidak terpenuhi), memakai nilai bawaan)",
    );
    expect(text).toContain("Perhitungan Angka kredit: kosong (persen_angka_kredit = 100, koefisien_angka_kredit = kosong, period.months = 12)");
    expect(renderExplanation(kuadran.explain(judged), "en")).toContain("given by the assessor (judgement); the table was not used");
  });
});

describe("formatNumber", () => {
  it("groups thousands and uses the language's decimal mark", () => {
    expect(formatNumber(1234567.891, "id")).toBe("1.234.567,89");
    expect(formatNumber(1234567.891, "en")).toBe("1,234,567.89");
    expect(formatNumber(80, "id", 2, true)).toBe("80,00");
    expect(formatNumber(3.5, "id")).toBe("3,5");
    expect(formatNumber(-0.001, "id")).toBe("0");
    expect(formatNumber(-12.5, "en")).toBe("-12.5");
  });
});
