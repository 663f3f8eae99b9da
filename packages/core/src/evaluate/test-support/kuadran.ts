// PermenPANRB 6/2022 as a small rule set: hasil kerja from achievement (the local convention > 100% Di Atas,
// 90–100% Sesuai, < 90% Di Bawah), perilaku from BerAKHLAK ratings by the supervisor and peers, the kuadran
// as a unique-hit table, angka kredit for functional posts, training, and a promotion rule on history.
import type { AppraisalInput } from "../../domain/types.js";
import type { RuleSet } from "../../ruleset/schema.js";
import { appraisal, employee, indicatorSet, NATIONAL_PREDIKAT_VALUES, ruleSet } from "./builders.js";

export type Level = "di_atas" | "sesuai" | "di_bawah";
export const LEVELS: Level[] = ["di_atas", "sesuai", "di_bawah"];

/** The kuadran of DOMAIN.md: hasil kerja (rows) × perilaku (columns). */
export const KUADRAN: Record<Level, Record<Level, string>> = {
  di_atas: { di_bawah: "kurang", sesuai: "baik", di_atas: "sangat_baik" },
  sesuai: { di_bawah: "kurang", sesuai: "baik", di_atas: "baik" },
  di_bawah: { di_bawah: "sangat_kurang", sesuai: "butuh_perbaikan", di_atas: "butuh_perbaikan" },
};

const levelFact = (label: string) => ({ type: "string" as const, label, values: [...LEVELS] });

export function kuadranRuleSet(): RuleSet {
  return ruleSet({
    id: "permenpanrb_6_2022",
    name: "PermenPANRB 6/2022",
    raters: { weights: { supervisor: 70, peer: 30 }, missing: "renormalise" },
    scales: { likert5: { min: 1, max: 5, step: 0.5, toScore: "percentOfMax" } },
    facts: {
      "rating.hasil_kerja": levelFact("Rating hasil kerja"),
      "rating.perilaku": levelFact("Rating perilaku kerja"),
    },
    indicatorSets: [
      indicatorSet("umum", [
        { id: "capaian", name: "Capaian SKP", axis: "hasil_kerja", weight: 100, input: { kind: "achievement" } },
        {
          id: "pelayanan",
          name: "Berorientasi Pelayanan",
          axis: "perilaku",
          weight: 50,
          input: { kind: "rating", scale: "likert5" },
          training: { below: 70, topic: "Pelayanan prima" },
        },
        {
          id: "kolaboratif",
          name: "Kolaboratif",
          axis: "perilaku",
          weight: 50,
          input: { kind: "rating", scale: "likert5" },
          training: { below: 70, topic: "Kerja sama tim" },
        },
      ]),
    ],
    predikat: NATIONAL_PREDIKAT_VALUES,
    decisions: [
      {
        id: "rating_hasil_kerja",
        name: "Rating hasil kerja",
        output: "rating.hasil_kerja",
        hitPolicy: "first",
        inputs: ["score.hasil_kerja"],
        rows: [
          { when: [{ greaterThan: 100 }], then: "di_atas", note: "capaian di atas 100%" },
          { when: [{ greaterThanInclusive: 90 }], then: "sesuai", note: "capaian 90–100%" },
          { when: [{}], then: "di_bawah", note: "capaian di bawah 90%" },
        ],
      },
      {
        id: "rating_perilaku",
        name: "Rating perilaku kerja",
        output: "rating.perilaku",
        hitPolicy: "first",
        inputs: ["score.perilaku"],
        rows: [
          { when: [{ greaterThanInclusive: 90 }], then: "di_atas" },
          { when: [{ greaterThanInclusive: 70 }], then: "sesuai" },
          { when: [{}], then: "di_bawah" },
        ],
      },
      {
        id: "kuadran",
        name: "Kuadran predikat kinerja",
        output: "predikat",
        hitPolicy: "unique",
        inputs: ["rating.hasil_kerja", "rating.perilaku"],
        rows: LEVELS.flatMap((hasil) =>
          LEVELS.map((perilaku) => ({
            when: [{ equal: hasil }, { equal: perilaku }],
            then: KUADRAN[hasil][perilaku],
          })),
        ),
      },
      {
        id: "persen_angka_kredit",
        name: "Persentase angka kredit",
        output: "persen_angka_kredit",
        hitPolicy: "first",
        inputs: ["predikat"],
        rows: [
          { when: [{ equal: "sangat_baik" }], then: 150 },
          { when: [{ equal: "baik" }], then: 100 },
          { when: [{ equal: "butuh_perbaikan" }], then: 75 },
          { when: [{ equal: "kurang" }], then: 50 },
          { when: [{ equal: "sangat_kurang" }], then: 25 },
        ],
      },
      {
        id: "koefisien_angka_kredit",
        name: "Koefisien angka kredit tahunan",
        output: "koefisien_angka_kredit",
        hitPolicy: "first",
        inputs: ["employee.jenjang"],
        when: { all: [{ fact: "employee.jenisJabatan", operator: "equal", value: "fungsional" }] },
        default: null,
        rows: [
          { when: [{ equal: "Ahli Pertama" }], then: 12.5 },
          { when: [{ equal: "Ahli Muda" }], then: 25 },
          { when: [{ equal: "Ahli Madya" }], then: 37.5 },
          { when: [{ equal: "Ahli Utama" }], then: 50 },
        ],
      },
    ],
    calculations: [
      {
        id: "angka_kredit",
        name: "Angka kredit",
        expression: {
          div: [{ mul: [{ fact: "persen_angka_kredit" }, { fact: "koefisien_angka_kredit" }, { fact: "period.months" }] }, 1200],
        },
        round: 2,
      },
    ],
    outcomes: [
      {
        name: "usul_kenaikan_pangkat",
        conditions: {
          all: [
            { fact: "predikat", operator: "in", value: ["sangat_baik", "baik"] },
            { fact: "predikat.previous", operator: "in", value: ["sangat_baik", "baik"] },
          ],
        },
        event: { type: "usul_kenaikan_pangkat", params: { predikat: { fact: "predikat" } } },
      },
      {
        name: "penghargaan",
        priority: 10,
        conditions: { all: [{ fact: "predikat", operator: "equal", value: "sangat_baik" }] },
        event: { type: "penghargaan" },
      },
    ],
  });
}

/** Achievement per hasil kerja level: > 100, 90–100, < 90. */
export const ACHIEVEMENT: Record<Level, number> = { di_atas: 110, sesuai: 95, di_bawah: 80 };
/** Supervisor and peer rating per perilaku level: 97, 80, 60 on a 1–5 scale. */
export const BEHAVIOUR: Record<Level, { supervisor: number; peer: number }> = {
  di_atas: { supervisor: 5, peer: 4.5 },
  sesuai: { supervisor: 4, peer: 4 },
  di_bawah: { supervisor: 3, peer: 3 },
};

export function kuadranInput(hasil: Level, perilaku: Level, extra: Partial<AppraisalInput> = {}): AppraisalInput {
  const { supervisor, peer } = BEHAVIOUR[perilaku];
  return appraisal({
    employee: employee(),
    values: { capaian: ACHIEVEMENT[hasil] },
    ratings: {
      supervisor: { pelayanan: supervisor, kolaboratif: supervisor },
      peer: [{ pelayanan: peer, kolaboratif: peer }],
    },
    ...extra,
  });
}
