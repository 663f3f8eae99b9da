// Whether a value fits what a small rule set declares: one indicator of every input kind, ratings on a
// named integer scale and on an inline half-step scale, facts of every type. Each problem names the
// indicator or fact and what was expected, in Indonesian and in English.
import { describe, expect, it } from "vitest";
import type { IndicatorValue } from "../domain/types.js";
import { ratedBy, recordedFacts } from "./read.js";
import { parseRuleFile } from "./parse.js";
import { resolveRuleSet } from "./resolve.js";
import type { IndicatorSet, RuleSet } from "./schema.js";
import { describeScale, factMisfit, factProblem, indicatorLabel, ratingMisfit, ratingProblem, scaleChoices, valueProblem } from "./values.js";

function ruleSet(): RuleSet {
  const file = parseRuleFile(
    {
      id: "uji",
      name: "Uji nilai",
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

describe("describeScale and scaleChoices", () => {
  it("names the range and the step as a rater reads them, in either language", () => {
    expect(describeScale({ min: 1, max: 5, step: 1, toScore: "percentOfMax" })).toBe("1–5, bilangan bulat");
    expect(describeScale({ min: 0, max: 4, step: 0.5, toScore: "linear" })).toBe("0–4, kelipatan 0,5");
    expect(describeScale({ min: 0, max: 100, toScore: "linear" })).toBe("0–100");
    expect(describeScale({ min: 1, max: 5, step: 1, toScore: "percentOfMax" }, "en")).toBe("1–5, whole numbers");
    expect(describeScale({ min: 0, max: 4, step: 0.5, toScore: "linear" }, "en")).toBe("0–4, in steps of 0.5");
  });

  it("lists the values of a narrow scale to pick from, and none for a wide one", () => {
    expect(scaleChoices({ min: 1, max: 5, toScore: "percentOfMax" })).toEqual([1, 2, 3, 4, 5]);
    expect(scaleChoices({ min: 0, max: 1, step: 0.25, toScore: "linear" })).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(scaleChoices({ min: 0, max: 100, toScore: "linear" })).toBeNull();
  });
});

describe("ratedBy", () => {
  it("gives the rating indicators a source rates, never the objective ones", () => {
    expect(ratedBy(rules, set, "supervisor").map((i) => i.id)).toEqual(["pelayanan", "kerja_sama"]);
    expect(ratedBy(rules, set, "peer").map((i) => i.id)).toEqual(["pelayanan", "kerja_sama"]);
    expect(ratedBy(rules, set, "self").map((i) => i.id)).toEqual(["pelayanan"]);
    expect(ratedBy(rules, set, "public")).toEqual([]);
  });
});

describe("ratingMisfit", () => {
  const halfSteps = { min: 0, max: 4, step: 0.5, toScore: "linear" as const };
  it("tells a value that is not a number, outside the scale, or between steps", () => {
    expect(ratingMisfit(halfSteps, 3.5)).toBeNull();
    expect(ratingMisfit(halfSteps, "3")).toBe("notNumber");
    expect(ratingMisfit(halfSteps, Number.NaN)).toBe("notNumber");
    expect(ratingMisfit(halfSteps, 4.5)).toBe("outOfScale");
    expect(ratingMisfit(halfSteps, 2.25)).toBe("offStep");
    expect(ratingMisfit({ min: 0, max: 100, toScore: "linear" }, 33.3)).toBeNull();
  });
});

describe("ratingProblem", () => {
  it("finds nothing wrong with a rating on its scale by a source that rates it", () => {
    expect(ratingProblem(rules, set, "peer", "kerja_sama", 3.5)).toBeNull();
    expect(ratingProblem(rules, set, "self", "pelayanan", 5)).toBeNull();
  });

  it("checks a rating against its scale: range and step, in both languages", () => {
    expect(ratingProblem(rules, set, "peer", "pelayanan", 6)).toEqual({
      id: 'nilai 6 untuk indikator "pelayanan" (Orientasi Pelayanan) di luar skala; yang diharapkan: 1–5, bilangan bulat',
      en: 'the value 6 for indicator "pelayanan" (Orientasi Pelayanan) is outside the scale; expected: 1–5, whole numbers',
    });
    expect(ratingProblem(rules, set, "peer", "kerja_sama", 2.25)).toEqual({
      id: 'nilai 2,25 untuk indikator "kerja_sama" (Kerja sama) tidak pada langkah skala; yang diharapkan: 0–4, kelipatan 0,5',
      en: 'the value 2.25 for indicator "kerja_sama" (Kerja sama) is not a step of the scale; expected: 0–4, in steps of 0.5',
    });
    expect(ratingProblem(rules, set, "peer", "pelayanan", Number.NaN)?.id).toMatch(/di luar skala/);
  });

  it("names an indicator not in the set, not rated on a scale, or not rated by the source", () => {
    expect(ratingProblem(rules, set, "self", "tidak_ada", 3)).toEqual({
      id: 'indikator "tidak_ada" tidak ada di set Umum (umum); yang dinilai diri sendiri: pelayanan',
      en: 'indicator "tidak_ada" is not in set Umum (umum); rated by self: pelayanan',
    });
    expect(ratingProblem(rules, set, "self", "capaian", 3)?.id).toBe(
      'indikator "capaian" (Capaian) bukan penilaian berskala (jenis achievement); isi nilainya di values',
    );
    expect(ratingProblem(rules, set, "self", "kerja_sama", 2)).toEqual({
      id: 'indikator "kerja_sama" (Kerja sama) tidak dinilai oleh diri sendiri; penilainya: rekan kerja, atasan langsung',
      en: 'indicator "kerja_sama" (Kerja sama) is not rated by self; its raters: peer, supervisor',
    });
    expect(ratingProblem(rules, set, "public", "tidak_ada", 3)?.en).toBe('indicator "tidak_ada" is not in set Umum (umum); rated by public: (none)');
  });
});

describe("valueProblem", () => {
  it("takes each objective value its input kind expects", () => {
    expect(valueProblem(set, "capaian", { target: 100, realisasi: 96 })).toBeNull();
    expect(valueProblem(set, "capaian", 104)).toBeNull();
    expect(valueProblem(set, "tugas", { target: { kuantitas: 10, waktu: 12 }, realisasi: { kuantitas: 9, waktu: 12 } })).toBeNull();
    expect(valueProblem(set, "kehadiran", 2)).toBeNull();
    expect(valueProblem(set, "laporan", false)).toBeNull();
    expect(valueProblem(set, "survei", 10)).toBeNull();
  });

  it("takes several tasks of a target or achievement indicator, and names the task that does not fit", () => {
    const task = { target: { kuantitas: 10, waktu: 12 }, realisasi: { kuantitas: 9, waktu: 12 } };
    expect(valueProblem(set, "tugas", [task, task])).toBeNull();
    expect(valueProblem(set, "capaian", [104, { target: 100, realisasi: 96 }])).toBeNull();
    const wrong = valueProblem(set, "tugas", [task, { target: { kuantitas: 10 }, realisasi: { kuantitas: 9 } }]);
    expect(wrong?.id).toMatch(/yang diharapkan: tugas ke-2: angka target dan realisasi untuk aspek waktu/);
    expect(wrong?.en).toMatch(/expected: task 2: target and realisasi numbers for the aspects waktu/);
    expect(valueProblem(set, "capaian", [])?.id).toMatch(/yang diharapkan: paling sedikit satu tugas$/);
    expect(valueProblem(set, "kehadiran", [1, 2])).not.toBeNull();
  });

  it("says what each kind expected when a value does not fit", () => {
    const problems = [
      valueProblem(set, "capaian", { target: 0, realisasi: 5 }),
      valueProblem(set, "tugas", { target: { kuantitas: 10 }, realisasi: { kuantitas: 9, waktu: 12 } }),
      valueProblem(set, "kehadiran", 1.5),
      valueProblem(set, "laporan", 1),
      valueProblem(set, "survei", 11),
      valueProblem(set, "pelayanan", 4),
      valueProblem(set, "lain", 1),
    ].map((p) => p?.id);
    expect(problems).toEqual([
      'nilai {"target":0,"realisasi":5} untuk indikator "capaian" (Capaian) tidak sesuai; yang diharapkan: { target, realisasi } dengan target lebih dari 0 dan realisasi 0 atau lebih, atau persentase capaian',
      'nilai {"target":{"kuantitas":10},"realisasi":{"kuantitas":9,"waktu":12}} untuk indikator "tugas" (Tugas pokok) tidak sesuai; yang diharapkan: angka target dan realisasi untuk aspek waktu (aspek yang dipakai: kuantitas, waktu)',
      'nilai 1.5 untuk indikator "kehadiran" (Kehadiran) tidak sesuai; yang diharapkan: jumlah hari tidak masuk tanpa keterangan (bilangan bulat 0 atau lebih)',
      'nilai 1 untuk indikator "laporan" (Laporan tepat waktu) tidak sesuai; yang diharapkan: true (ya) atau false (tidak)',
      'nilai 11 untuk indikator "survei" (Survei internal) tidak sesuai; yang diharapkan: angka 0–10',
      'indikator "pelayanan" (Orientasi Pelayanan) dinilai dengan skala, bukan diisi sebagai nilai objektif; isi di ratings',
      'indikator "lain" tidak ada di set Umum (umum); nilai objektif yang diisi: capaian, tugas, kehadiran, laporan, survei',
    ]);
    expect(valueProblem(set, "survei", 11)?.en).toBe('the value 11 for indicator "survei" (Survei internal) does not fit; expected: a number 0–10');
    expect(valueProblem(set, "capaian", -1)?.id).toMatch(/persentase capaian 0 atau lebih$/);
  });

  it("refuses target aspects the rules do not know", () => {
    const unknownAspect = { target: { kuantitas: 10, waktu: 12, mutu: 1 }, realisasi: { kuantitas: 9, waktu: 12 } } as unknown as IndicatorValue;
    expect(valueProblem(set, "tugas", unknownAspect)?.id).toMatch(/yang diharapkan: hanya aspek kuantitas, kualitas, waktu, biaya; tidak dikenal: mutu$/);
    expect(valueProblem(set, "tugas", unknownAspect)?.en).toMatch(/expected: only the aspects kuantitas, kualitas, waktu, biaya; unknown: mutu$/);
  });
});

describe("factMisfit and factProblem", () => {
  it("tells how a value misses its declaration", () => {
    const facts = rules.facts;
    expect(factMisfit(facts.hukuman_hari!, 3)).toBeNull();
    expect(factMisfit(facts.hukuman_hari!, "3")).toBe("notNumber");
    expect(factMisfit(facts.hukuman_hari!, 31)).toBe("outOfRange");
    expect(factMisfit(facts.inovasi!, "ya")).toBe("notBoolean");
    expect(factMisfit(facts.penilaian_atasan!, 1)).toBe("notText");
    expect(factMisfit(facts.penilaian_atasan!, "luar_biasa")).toBe("unknownValue");
  });

  it("checks facts against their declarations, and lets any declared fact be left empty", () => {
    const problems = [
      factProblem(rules, "inovasi", "ya"),
      factProblem(rules, "hukuman_hari", 45),
      factProblem(rules, "penilaian_atasan", "luar_biasa"),
      factProblem(rules, "cuti", 3),
    ];
    expect(problems.map((p) => p?.id)).toEqual([
      'fakta "inovasi" (Inovasi): yang diharapkan true atau false, bukan "ya"',
      'fakta "hukuman_hari" (Hari hukuman disiplin): 45 di luar rentang 0–30',
      'fakta "penilaian_atasan" (Penilaian atasan): "luar_biasa" tidak dikenal; yang boleh: sesuai, di_atas',
      'fakta "cuti" tidak dideklarasikan aturan wilayah ini; yang ada: inovasi, hukuman_hari, penilaian_atasan, hari_mangkir',
    ]);
    expect(problems.map((p) => p?.en)).toEqual([
      'fact "inovasi" (Inovasi): expected true or false, not "ya"',
      'fact "hukuman_hari" (Hari hukuman disiplin): 45 is outside the range 0–30',
      'fact "penilaian_atasan" (Penilaian atasan): "luar_biasa" is not known; allowed: sesuai, di_atas',
      'fact "cuti" is not declared by this region\'s rules; declared: inovasi, hukuman_hari, penilaian_atasan, hari_mangkir',
    ]);
    expect(factProblem(rules, "inovasi", null)).toBeNull();
    expect(factProblem(rules, "hari_mangkir", null)).toBeNull();
    expect(factProblem(rules, "hukuman_hari", "dua")?.id).toMatch(/yang diharapkan angka/);
  });
});

describe("a fact taken from a score", () => {
  it("is not given on a sheet, since the evaluation would refuse it, and is not offered to be recorded", () => {
    expect(factProblem(rules, "hari_mangkir", 2)).toEqual({
      id: 'fakta "hari_mangkir" (Hari tidak masuk) diambil dari raw.kehadiran, jadi tidak diisi langsung; yang diharapkan: kosong',
      en: 'fact "hari_mangkir" (Hari tidak masuk) is taken from raw.kehadiran, so it is not given directly; expected: empty',
    });
    expect(recordedFacts(rules).map((f) => f.name)).toEqual(["inovasi", "hukuman_hari", "penilaian_atasan"]);
    expect(recordedFacts(rules)[1]).toEqual({
      name: "hukuman_hari",
      type: "number",
      label: "Hari hukuman disiplin",
      description: null,
      values: null,
      min: 0,
      max: 30,
    });
  });
});

describe("indicatorLabel", () => {
  it("names an indicator by id and name", () => {
    expect(indicatorLabel({ id: "pelayanan", name: "Orientasi Pelayanan" })).toBe('indikator "pelayanan" (Orientasi Pelayanan)');
    expect(indicatorLabel({ id: "pelayanan", name: "Orientasi Pelayanan" }, "en")).toBe('indicator "pelayanan" (Orientasi Pelayanan)');
  });
});
