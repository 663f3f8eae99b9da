// The sheet rules on a small rule set of their own: one indicator of every input kind, ratings on a named
// integer scale and on an inline half-step scale, facts of every type. Each problem is named in Indonesian
// with the indicator and what was expected; a draft is checked for what it holds, a submission for
// completeness too. Whether one value fits is @kinerja/core's (ruleset/values.test.ts); these show a whole
// sheet reported at once, who records what, and what a submission still lacks.
import { describe, expect, it } from "vitest";
import { parseRuleFile, resolveRuleSet, type IndicatorSet, type IndicatorValue, type RuleSet } from "@kinerja/core";
import { sheetProblems, type Sheet } from "./sheet-rules.js";

function ruleSet(): RuleSet {
  const file = parseRuleFile(
    {
      id: "uji",
      name: "Uji lembar penilaian",
      scales: { likert5: { min: 1, max: 5, step: 1 } },
      raters: { weights: { self: 20, peer: 20, supervisor: 60 } },
      facts: {
        inovasi: { type: "boolean", label: "Inovasi" },
        hukuman_hari: { type: "number", label: "Hari hukuman disiplin", min: 0, max: 30 },
        penilaian_atasan: { type: "string", label: "Penilaian atasan", values: ["sesuai", "di_atas"] },
        hari_mangkir: { type: "number", label: "Hari tidak masuk", min: 0, from: "raw.kehadiran" },
      },
      axes: { hasil_kerja: 60, perilaku: 40 },
      indicatorSets: [
        {
          id: "umum",
          name: "Umum",
          indicators: [
            { id: "capaian", name: "Capaian", axis: "hasil_kerja", weight: 30, input: { kind: "achievement" } },
            { id: "tugas", name: "Tugas pokok", axis: "hasil_kerja", weight: 30, input: { kind: "target", aspects: ["kuantitas", "waktu"] } },
            { id: "kehadiran", name: "Kehadiran", axis: "hasil_kerja", weight: 20, input: { kind: "attendance", bands: [{ maxDays: null, score: 100 }] } },
            { id: "laporan", name: "Laporan tepat waktu", axis: "hasil_kerja", weight: 10, input: { kind: "yesno" } },
            { id: "survei", name: "Survei internal", axis: "hasil_kerja", weight: 10, input: { kind: "score", min: 0, max: 10 } },
            { id: "pelayanan", name: "Orientasi Pelayanan", axis: "perilaku", weight: 50, input: { kind: "rating", scale: "likert5" } },
            {
              id: "kerja_sama",
              name: "Kerja sama",
              axis: "perilaku",
              weight: 50,
              input: { kind: "rating", scale: { min: 0, max: 4, step: 0.5 } },
              raters: ["peer", "supervisor"],
            },
          ],
        },
      ],
      predikat: [
        { id: "baik", label: "Baik", national: "baik" },
        { id: "kurang", label: "Kurang", national: "kurang" },
      ],
      decisions: [
        {
          id: "predikat",
          output: "predikat",
          hitPolicy: "first",
          inputs: ["score"],
          rows: [
            { when: [{ greaterThanInclusive: 76 }], then: "baik" },
            { when: [{ lessThan: 76 }], then: "kurang" },
          ],
        },
      ],
    },
    "uji.json",
  );
  return resolveRuleSet(file, "uji.json", () => {
    throw new Error("this rule file extends nothing");
  });
}

const rules = ruleSet();
const set = rules.indicatorSets[0] as IndicatorSet;

/** A complete supervisor sheet, every value as expected. */
function supervisorSheet(): Sheet {
  return {
    source: "supervisor",
    ratings: { pelayanan: 4, kerja_sama: 3.5 },
    values: {
      capaian: { target: 100, realisasi: 96 },
      tugas: { target: { kuantitas: 10, waktu: 12 }, realisasi: { kuantitas: 9, waktu: 12 } },
      kehadiran: 2,
      laporan: true,
      survei: 8,
    },
    facts: { inovasi: true, hukuman_hari: 0, penilaian_atasan: "sesuai" },
  };
}

describe("sheetProblems", () => {
  it("finds nothing wrong with a complete sheet, submitted or not", () => {
    expect(sheetProblems(rules, set, supervisorSheet(), true)).toEqual([]);
    expect(sheetProblems(rules, set, { source: "self", ratings: { pelayanan: 5 } }, true)).toEqual([]);
  });

  it("checks each rating against its scale: range and step", () => {
    const problems = sheetProblems(rules, set, { source: "peer", ratings: { pelayanan: 6, kerja_sama: 2.25 } }, false);
    expect(problems).toEqual([
      'nilai 6 untuk indikator "pelayanan" (Orientasi Pelayanan) di luar skala; yang diharapkan: 1–5, bilangan bulat',
      'nilai 2,25 untuk indikator "kerja_sama" (Kerja sama) tidak pada langkah skala; yang diharapkan: 0–4, kelipatan 0,5',
    ]);
    expect(sheetProblems(rules, set, { source: "peer", ratings: { pelayanan: Number.NaN } }, false)[0]).toMatch(/di luar skala/);
  });

  it("names indicators that are not in the set, not rated on a scale, or not rated by the source", () => {
    const problems = sheetProblems(rules, set, { source: "self", ratings: { tidak_ada: 3, capaian: 3, kerja_sama: 2 } }, false);
    expect(problems).toEqual([
      'indikator "tidak_ada" tidak ada di set Umum (umum); yang dinilai diri sendiri: pelayanan',
      'indikator "capaian" (Capaian) bukan penilaian berskala (jenis achievement); isi nilainya di values',
      'indikator "kerja_sama" (Kerja sama) tidak dinilai oleh diri sendiri; penilainya: rekan kerja, atasan langsung',
    ]);
  });

  it("takes objective values and facts from the supervisor only", () => {
    const problems = sheetProblems(rules, set, { source: "peer", ratings: {}, values: { kehadiran: 0 } }, false);
    expect(problems).toEqual(["nilai objektif (values) dan fakta (facts) dicatat oleh atasan langsung, bukan oleh rekan kerja"]);
    expect(sheetProblems(rules, set, { source: "self", ratings: {}, facts: { inovasi: true } }, false)).toHaveLength(1);
  });

  it("checks each objective value against its indicator's kind", () => {
    const sheet: Sheet = {
      source: "supervisor",
      ratings: {},
      values: {
        capaian: { target: 0, realisasi: 5 },
        tugas: { target: { kuantitas: 10 }, realisasi: { kuantitas: 9, waktu: 12 } },
        kehadiran: 1.5,
        laporan: 1,
        survei: 11,
        pelayanan: 4,
        lain: 1,
      },
    };
    const problems = sheetProblems(rules, set, sheet, false);
    expect(problems).toEqual([
      'nilai {"target":0,"realisasi":5} untuk indikator "capaian" (Capaian) tidak sesuai; yang diharapkan: { target, realisasi } dengan target lebih dari 0 dan realisasi 0 atau lebih, atau persentase capaian',
      'nilai {"target":{"kuantitas":10},"realisasi":{"kuantitas":9,"waktu":12}} untuk indikator "tugas" (Tugas pokok) tidak sesuai; yang diharapkan: angka target dan realisasi untuk aspek waktu (aspek yang dipakai: kuantitas, waktu)',
      'nilai 1.5 untuk indikator "kehadiran" (Kehadiran) tidak sesuai; yang diharapkan: jumlah hari tidak masuk tanpa keterangan (bilangan bulat 0 atau lebih)',
      'nilai 1 untuk indikator "laporan" (Laporan tepat waktu) tidak sesuai; yang diharapkan: true (ya) atau false (tidak)',
      'nilai 11 untuk indikator "survei" (Survei internal) tidak sesuai; yang diharapkan: angka 0–10',
      'indikator "pelayanan" (Orientasi Pelayanan) dinilai dengan skala, bukan diisi sebagai nilai objektif; isi di ratings',
      'indikator "lain" tidak ada di set Umum (umum); nilai objektif yang diisi: capaian, tugas, kehadiran, laporan, survei',
    ]);
  });

  it("takes an achievement as a percentage too, and refuses target aspects the rules do not know", () => {
    expect(sheetProblems(rules, set, { source: "supervisor", ratings: {}, values: { capaian: 104 } }, false)).toEqual([]);
    expect(sheetProblems(rules, set, { source: "supervisor", ratings: {}, values: { capaian: -1 } }, false)[0]).toMatch(/persentase capaian 0 atau lebih/);
    const unknownAspect = {
      target: { kuantitas: 10, waktu: 12, mutu: 1 },
      realisasi: { kuantitas: 9, waktu: 12 },
    } as unknown as IndicatorValue;
    const problems = sheetProblems(rules, set, { source: "supervisor", ratings: {}, values: { tugas: unknownAspect } }, false);
    expect(problems[0]).toMatch(/yang diharapkan: hanya aspek kuantitas, kualitas, waktu, biaya; tidak dikenal: mutu$/);
  });

  it("checks facts against their declarations, and lets any fact be left empty", () => {
    const problems = sheetProblems(
      rules,
      set,
      { source: "supervisor", ratings: {}, facts: { inovasi: "ya", hukuman_hari: 45, penilaian_atasan: "luar_biasa", cuti: 3 } },
      false,
    );
    expect(problems).toEqual([
      'fakta "inovasi" (Inovasi): yang diharapkan true atau false, bukan "ya"',
      'fakta "hukuman_hari" (Hari hukuman disiplin): 45 di luar rentang 0–30',
      'fakta "penilaian_atasan" (Penilaian atasan): "luar_biasa" tidak dikenal; yang boleh: sesuai, di_atas',
      'fakta "cuti" tidak dideklarasikan aturan wilayah ini; yang ada: inovasi, hukuman_hari, penilaian_atasan, hari_mangkir',
    ]);
    expect(sheetProblems(rules, set, { source: "supervisor", ratings: {}, facts: { inovasi: null, hukuman_hari: null } }, false)).toEqual([]);
    expect(sheetProblems(rules, set, { source: "supervisor", ratings: {}, facts: { hukuman_hari: "dua" } }, false)[0]).toMatch(/yang diharapkan angka/);
    // The evaluation sets a fact taken from a score and would refuse the sheet's value for it later.
    expect(sheetProblems(rules, set, { source: "supervisor", ratings: {}, facts: { hari_mangkir: 2 } }, false)).toEqual([
      'fakta "hari_mangkir" (Hari tidak masuk) diambil dari raw.kehadiran, jadi tidak diisi langsung; yang diharapkan: kosong',
    ]);
  });

  it("asks a submission, not a draft, for every rating of the source and every objective value", () => {
    const draft: Sheet = { source: "supervisor", ratings: { pelayanan: 4 } };
    expect(sheetProblems(rules, set, draft, false)).toEqual([]);
    expect(sheetProblems(rules, set, draft, true)).toEqual([
      'belum dinilai: indikator "kerja_sama" (Kerja sama)',
      'nilai objektif belum diisi: indikator "capaian" (Capaian), indikator "tugas" (Tugas pokok), indikator "kehadiran" (Kehadiran), indikator "laporan" (Laporan tepat waktu), indikator "survei" (Survei internal)',
    ]);
    expect(sheetProblems(rules, set, { source: "peer", ratings: { pelayanan: 3 } }, true)).toEqual(['belum dinilai: indikator "kerja_sama" (Kerja sama)']);
  });
});
