import { describe, expect, it } from "vitest";
import type { TestCase } from "../ruleset/schema.js";
import { actualExpectation, runTestCases } from "./cases.js";
import { compileRuleSet } from "./compile.js";
import { kuadranInput, kuadranRuleSet } from "./test-support/kuadran.js";

function withTests(tests: TestCase[]) {
  return compileRuleSet({ ...kuadranRuleSet(), tests });
}

const asRecord = (input: object) => input as Record<string, unknown>;

describe("runTestCases", () => {
  it("passes cases whose expectations hold", () => {
    const results = runTestCases(
      withTests([
        {
          name: "Sangat Baik, Ahli Pertama setahun",
          input: asRecord(kuadranInput("di_atas", "di_atas", { history: [{ period: "2024", predikat: "baik" }] })),
          expect: {
            predikat: "sangat_baik",
            indicatorSet: "umum",
            facts: { angka_kredit: 18.75, "score.perilaku": 97, "rating.hasil_kerja": "di_atas", "rating.pelayanan.self": null },
            outcomes: ["penghargaan", "usul_kenaikan_pangkat"],
            notOutcomes: ["pelatihan"],
          },
        },
        {
          name: "nilai di luar skala ditolak",
          input: asRecord(kuadranInput("sesuai", "sesuai", { ratings: { supervisor: { pelayanan: 7, kolaboratif: 4 } } })),
          expect: { error: "di luar skala 1–5" },
        },
      ]),
    );
    expect(results.map((r) => [r.name, r.passed, r.message])).toEqual([
      ["Sangat Baik, Ahli Pertama setahun", true, "lulus"],
      ["nilai di luar skala ditolak", true, "lulus"],
    ]);
  });

  it("compares numbers to two decimals", () => {
    const [result] = runTestCases(
      withTests([{ name: "dua bulan", input: asRecord(kuadranInput("sesuai", "sesuai", { period: { kind: "annual", label: "2025", months: 2 } })), expect: { facts: { angka_kredit: 2.083 } } }]),
    );
    expect(result?.passed).toBe(true);
  });

  it("says what was expected and what came out", () => {
    const results = runTestCases(
      withTests([
        {
          name: "salah semua",
          input: asRecord(kuadranInput("sesuai", "di_bawah")),
          expect: {
            predikat: "baik",
            indicatorSet: "guru",
            facts: { angka_kredit: 12.5, "score.tidak_ada": 1 },
            outcomes: ["penghargaan"],
            notOutcomes: ["pelatihan"],
          },
        },
        { name: "harus ditolak", input: asRecord(kuadranInput("sesuai", "sesuai")), expect: { error: "di luar skala" } },
        {
          name: "ditolak tak terduga",
          input: asRecord(kuadranInput("sesuai", "sesuai", { values: {} })),
          expect: { predikat: "baik" },
        },
        {
          name: "penolakan lain",
          input: asRecord(kuadranInput("sesuai", "sesuai", { values: {} })),
          expect: { error: "di luar skala" },
        },
      ]),
    );
    expect(results.every((r) => !r.passed)).toBe(true);
    expect(results[0]?.failures).toEqual([
      'predikat: diharapkan "baik", didapat "kurang"',
      'set indikator: diharapkan "guru", didapat "umum"',
      "fakta angka_kredit: diharapkan 12.5, didapat 6.25",
      "fakta score.tidak_ada: tidak dikenal (diharapkan 1)",
      "tindak lanjut yang harus terpicu tidak terpicu: penghargaan (terpicu: pelatihan)",
      "tindak lanjut yang tidak boleh terpicu ternyata terpicu: pelatihan",
    ]);
    expect(results[0]?.message).toContain('predikat: diharapkan "baik", didapat "kurang"; set indikator');
    expect(results[1]?.message).toBe('diharapkan penolakan berisi "di luar skala", tetapi penilaian berhasil (predikat "baik")');
    expect(results[2]?.message).toBe(
      'penilaian ditolak: 198503152010011001: indikator "capaian" (Capaian SKP): nilai belum diisi (values.capaian)',
    );
    expect(results[3]?.message).toMatch(/^diharapkan penolakan berisi "di luar skala", didapat: 198503152010011001: indikator "capaian"/);
    expect(results[2]?.error).toContain("nilai belum diisi");
    expect(results[0]?.result?.predikat).toBe("kurang");
  });
});

describe("actualExpectation", () => {
  const failing: TestCase[] = [
    {
      name: "salah semua",
      input: asRecord(kuadranInput("sesuai", "di_bawah")),
      expect: {
        predikat: "baik",
        indicatorSet: "guru",
        facts: { angka_kredit: 12.5, "score.tidak_ada": 1, "rating.hasil_kerja": "di_atas" },
        outcomes: ["penghargaan"],
        notOutcomes: ["pelatihan", "usul_kenaikan_pangkat"],
      },
    },
    { name: "harus ditolak", input: asRecord(kuadranInput("sesuai", "sesuai")), expect: { error: "di luar skala" } },
    { name: "ditolak tak terduga", input: asRecord(kuadranInput("sesuai", "sesuai", { values: {} })), expect: { predikat: "baik", outcomes: [] } },
    { name: "dua bulan", input: asRecord(kuadranInput("sesuai", "sesuai", { period: { kind: "annual", label: "2025", months: 2 } })), expect: { facts: { angka_kredit: 99 } } },
  ];

  it("gives the actual result under the keys the expectation had, and accepted cases then pass", () => {
    const compiled = withTests(failing);
    expect(runTestCases(compiled).every((r) => !r.passed)).toBe(true);
    const accepted = failing.map((test) => ({ ...test, expect: actualExpectation(compiled, test) }));
    expect(accepted.map((t) => t.expect)).toEqual([
      {
        predikat: "kurang",
        indicatorSet: "umum",
        facts: { angka_kredit: 6.25, "rating.hasil_kerja": "sesuai" },
        outcomes: ["pelatihan"],
        notOutcomes: ["usul_kenaikan_pangkat"],
      },
      { predikat: "baik" },
      { error: '198503152010011001: indikator "capaian" (Capaian SKP): nilai belum diisi (values.capaian)' },
      { facts: { angka_kredit: 2.08 } },
    ]);
    expect(runTestCases(withTests(accepted)).map((r) => [r.name, r.message])).toEqual(accepted.map((t) => [t.name, "lulus"]));
  });

  it("leaves a passing case's expectation as it was", () => {
    const passing: TestCase = {
      name: "lulus",
      input: asRecord(kuadranInput("di_atas", "di_atas", { history: [{ period: "2024", predikat: "baik" }] })),
      expect: { predikat: "sangat_baik", facts: { angka_kredit: 18.75 }, outcomes: ["penghargaan", "usul_kenaikan_pangkat"], notOutcomes: ["pelatihan"] },
    };
    expect(actualExpectation(withTests([passing]), passing)).toEqual(passing.expect);
  });
});
