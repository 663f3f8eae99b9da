// A realistic outcome rule set for appraisals (awards, training, promotion, coaching, angka kredit,
// TPP bands, PPPK contract decisions) and a deterministic generator of appraisal facts, shared by the
// engine benchmark and anything else that needs a representative workload.
import { Random } from "../src/engine/test-support/random.js";
import type { RuleProperties } from "../src/engine/index.js";

export const PREDIKAT = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
export type Predikat = (typeof PREDIKAT)[number];

export interface AppraisalEmployee {
  nip: string;
  jenisJabatan: "struktural" | "fungsional" | "pelaksana";
  jenjang: string;
  golongan: string;
  status: "PNS" | "PPPK";
}

/** The facts one appraisal gives the outcome rules, named as the rule files name them. */
export interface AppraisalFacts {
  [fact: string]: unknown;
  predikat: Predikat;
  "predikat.previous": Predikat | null;
  score: number;
  "score.hasil_kerja": number;
  "score.perilaku": number;
  "score.komunikasi": number;
  "score.kualitas": number;
  "score.kerjasama": number;
  "period.months": number;
  sanksi: boolean;
  employee: AppraisalEmployee;
}

const GOOD = ["sangat_baik", "baik"];
const POOR = ["butuh_perbaikan", "kurang", "sangat_kurang"];
const BAD = ["kurang", "sangat_kurang"];
const jenisJabatan = (value: string) => ({ fact: "employee", path: "$.jenisJabatan", operator: "equal", value });
const status = (value: string) => ({ fact: "employee", path: "$.status", operator: "equal", value });
const predikatIs = (value: string) => ({ fact: "predikat", operator: "equal", value });
const scoreBand = (min: number, max: number) => [
  { fact: "score", operator: "greaterThanInclusive", value: min },
  { fact: "score", operator: "lessThan", value: max },
];

function angkaKredit(predikat: Predikat, persen: number): RuleProperties {
  return {
    name: `angka_kredit_${predikat}`,
    priority: 3,
    conditions: { all: [jenisJabatan("fungsional"), predikatIs(predikat)] },
    event: { type: "angka_kredit", params: { persen } },
  };
}

function training(indicator: string): RuleProperties {
  return {
    name: `pelatihan_${indicator}`,
    conditions: { all: [{ fact: `score.${indicator}`, operator: "lessThan", value: 60 }] },
    event: { type: "pelatihan", params: { indikator: indicator } },
  };
}

function tpp(name: string, persen: number, conditions: RuleProperties["conditions"]): RuleProperties {
  return { name, priority: 2, conditions, event: { type: "tpp", params: { persen } } };
}

export const appraisalRules: RuleProperties[] = [
  {
    name: "penghargaan",
    priority: 10,
    conditions: { all: [predikatIs("sangat_baik"), { fact: "sanksi", operator: "equal", value: false }] },
    event: { type: "penghargaan", params: { jenis: "piagam_kinerja" } },
  },
  {
    name: "promosi",
    priority: 5,
    conditions: {
      all: [
        { fact: "predikat", operator: "in", value: GOOD },
        { fact: "predikat.previous", operator: "in", value: GOOD },
        { fact: "sanksi", operator: "equal", value: false },
      ],
    },
    event: { type: "promosi" },
  },
  {
    name: "kenaikan_jenjang",
    priority: 5,
    conditions: {
      all: [
        jenisJabatan("fungsional"),
        { fact: "employee", path: "$.jenjang", operator: "in", value: ["Ahli Pertama", "Ahli Muda"] },
        predikatIs("sangat_baik"),
        { fact: "predikat.previous", operator: "equal", value: "sangat_baik" },
      ],
    },
    event: { type: "kenaikan_jenjang" },
  },
  angkaKredit("sangat_baik", 150),
  angkaKredit("baik", 100),
  angkaKredit("butuh_perbaikan", 75),
  angkaKredit("kurang", 50),
  angkaKredit("sangat_kurang", 25),
  tpp("tpp_penuh", 100, { all: [{ fact: "score", operator: "greaterThanInclusive", value: 90 }] }),
  tpp("tpp_90", 90, { all: scoreBand(80, 90) }),
  tpp("tpp_75", 75, { all: scoreBand(70, 80) }),
  tpp("tpp_50", 50, { all: [{ fact: "score", operator: "lessThan", value: 70 }] }),
  tpp("tpp_potongan_disiplin", -25, { all: [{ fact: "sanksi", operator: "equal", value: true }] }),
  training("komunikasi"),
  training("kualitas"),
  training("kerjasama"),
  {
    name: "pembinaan",
    conditions: { all: [{ fact: "predikat", operator: "in", value: POOR }] },
    event: { type: "pembinaan" },
  },
  {
    name: "peringatan",
    conditions: {
      all: [
        { fact: "predikat", operator: "in", value: BAD },
        { fact: "predikat.previous", operator: "in", value: BAD },
      ],
    },
    event: { type: "peringatan", params: { tindak_lanjut: "sidang_kinerja" } },
  },
  {
    name: "pppk_perpanjangan",
    conditions: { all: [status("PPPK"), { fact: "predikat", operator: "in", value: GOOD }] },
    event: { type: "pppk", params: { keputusan: "perpanjang" } },
  },
  {
    name: "pppk_evaluasi",
    conditions: { all: [status("PPPK"), { fact: "predikat", operator: "notIn", value: GOOD }] },
    event: { type: "pppk", params: { keputusan: "evaluasi" } },
  },
  {
    name: "mentor",
    conditions: {
      all: [
        predikatIs("sangat_baik"),
        { fact: "score.perilaku", operator: "greaterThanInclusive", value: 90 },
        { fact: "employee", path: "$.jenisJabatan", operator: "notEqual", value: "pelaksana" },
      ],
    },
    event: { type: "mentor" },
  },
  {
    name: "diklat_struktural",
    conditions: {
      any: [
        { all: [jenisJabatan("struktural"), { fact: "score.hasil_kerja", operator: "lessThan", value: 70 }] },
        { all: [jenisJabatan("struktural"), { fact: "score.perilaku", operator: "lessThan", value: 65 }] },
      ],
    },
    event: { type: "diklat", params: { jenis: "kepemimpinan" } },
  },
  {
    name: "penilaian_proporsional",
    conditions: { all: [{ fact: "period.months", operator: "lessThan", value: 12 }] },
    event: { type: "catatan", params: { teks: "masa penilaian kurang dari setahun" } },
  },
];

const JENJANG = ["Ahli Pertama", "Ahli Muda", "Ahli Madya", "Terampil", "Mahir"];
const GOLONGAN = ["II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"];

/** Predikat weighted roughly as a national distribution curve allows. */
function predikat(random: Random): Predikat {
  const roll = random.next();
  return roll < 0.15 ? "sangat_baik" : roll < 0.65 ? "baik" : roll < 0.85 ? "butuh_perbaikan" : roll < 0.95 ? "kurang" : "sangat_kurang";
}

/** A 0–100 score with one decimal, centred on `centre`. */
function score(random: Random, centre: number): number {
  const value = centre + (random.next() + random.next() + random.next() - 1.5) * 25;
  return Math.round(Math.min(100, Math.max(0, value)) * 10) / 10;
}

const CENTRE: Record<Predikat, number> = { sangat_baik: 92, baik: 80, butuh_perbaikan: 68, kurang: 58, sangat_kurang: 45 };

export function generateAppraisalFacts(count: number, seed = 46_2011): AppraisalFacts[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, i) => {
    const current = predikat(random);
    const centre = CENTRE[current];
    return {
      predikat: current,
      "predikat.previous": random.chance(0.1) ? null : predikat(random),
      score: score(random, centre),
      "score.hasil_kerja": score(random, centre),
      "score.perilaku": score(random, centre),
      "score.komunikasi": score(random, centre),
      "score.kualitas": score(random, centre),
      "score.kerjasama": score(random, centre),
      "period.months": random.chance(0.9) ? 12 : random.int(3, 11),
      sanksi: random.chance(0.04),
      employee: {
        nip: `19900101201503${String(1000 + (i % 9000))}`,
        jenisJabatan: random.pick(["struktural", "fungsional", "fungsional", "pelaksana"] as const),
        jenjang: random.pick(JENJANG),
        golongan: random.pick(GOLONGAN),
        status: random.chance(0.2) ? "PPPK" : "PNS",
      },
    };
  });
}
