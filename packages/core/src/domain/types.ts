// The appraisal domain as the rest of the product speaks of it: who is appraised, by whom, on what,
// and what comes out. Rule files (see ../ruleset/schema.ts) decide how inputs become results.

/** The languages the product speaks: Indonesian first, English second. */
export type Lang = "id" | "en";

/** Every rater source, in the order the product lists them. */
export const RATER_SOURCES = ["self", "peer", "supervisor", "subordinate", "public"] as const;
/** Who gave a rating: the employee, a peer, the assessor (pejabat penilai), a subordinate, the public. */
export type RaterSource = (typeof RATER_SOURCES)[number];

/** The axes an indicator belongs to: hasil kerja (work results) and perilaku (work behaviour). */
export const AXES = ["hasil_kerja", "perilaku"] as const;
/** The two axes of the national scheme: work results and work behaviour. */
export type Axis = (typeof AXES)[number];

/** The lengths of an appraisal period. */
export const PERIOD_KINDS = ["monthly", "quarterly", "semester", "annual"] as const;
/** How long an appraisal period is: a month, a quarter, a semester or a year. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The five national predikat of SE MenPANRB 3/2023, used by the distribution curve. */
export const NATIONAL_PREDIKAT = ["sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
/** One of the five national predikat. */
export type NationalPredikat = (typeof NATIONAL_PREDIKAT)[number];

/** The predikat of a unit's own performance, which sets how the distribution curve bounds its employees. */
export const ORGANISATION_PREDIKAT = ["istimewa", "baik", "butuh_perbaikan", "kurang", "sangat_kurang"] as const;
/** One of the predikat a unit (organisation) can have. */
export type OrganisationPredikat = (typeof ORGANISATION_PREDIKAT)[number];

/** A region (pemerintah daerah) whose rule set appraises its employees. */
export interface Region {
  id: string;
  name: string;
}

/** A unit of a region (dinas, badan, puskesmas, sekolah, …), in a tree by `parentId`. */
export interface Unit {
  id: string;
  regionId: string;
  name: string;
  parentId: string | null;
  /** e.g. "dinas", "puskesmas", "sekolah", "kecamatan": rule files may choose indicator sets by it. */
  type?: string;
}

/** The employee appraised (pegawai ASN): NIP, name, post and unit, and the attributes rule files choose by. */
export interface Employee {
  nip: string;
  nama: string;
  jabatan: string;
  /** "struktural", "fungsional" or "pelaksana". */
  jenisJabatan?: string;
  /** Jenjang of a functional post, e.g. "Ahli Pertama"; drives the angka kredit coefficient. */
  jenjang?: string;
  golongan?: string;
  unit: string;
  unitType?: string;
  /** "PNS" or "PPPK". */
  status?: string;
  /** Any further attribute a rule file declares (e.g. { guru: true }). */
  attributes?: Record<string, string | number | boolean>;
}

/** The period an appraisal covers. */
export interface Period {
  kind: PeriodKind;
  /** e.g. "2025", "2025-S1", "2025-Q3", "2025-07". */
  label: string;
  /** Months of the period the employee actually served; defaults to the period's length. */
  months?: number;
}

/** One rater's ratings: indicator id → value on the indicator's scale. */
export type RaterRatings = Record<string, number>;

/** Target and realisasi per aspect (PP 46/2011: kuantitas, kualitas, waktu, biaya). */
export interface TargetRealisasi {
  target: Partial<Record<TargetAspect, number>>;
  realisasi: Partial<Record<TargetAspect, number>>;
}
/** The aspects of a target under PP 46/2011. */
export const TARGET_ASPECTS = ["kuantitas", "kualitas", "waktu", "biaya"] as const;
/** One aspect of a target: kuantitas, kualitas, waktu or biaya. */
export type TargetAspect = (typeof TARGET_ASPECTS)[number];

/** An objective input for one indicator: a number (percentage, days, score), yes/no, or target vs realisasi. */
export type IndicatorValue = number | boolean | TargetRealisasi | { target: number; realisasi: number };

/** An earlier period's predikat, as the `history` fact holds it. */
export interface HistoryEntry {
  period: string;
  predikat: string;
}

/**
 * A change to a decision's output made by people, not rules: an assessor's annual judgement, or the unit's
 * evaluation forum (forum evaluasi) moving a predikat. It always carries who made it and why; whether it
 * is allowed (bounds, roles) is decided before it reaches the evaluator.
 */
export interface Adjustment {
  /** The decision output it sets, e.g. "predikat". */
  fact: string;
  value: string | number | boolean | null;
  reason: string;
  by: string;
  at?: string;
}

/** Everything known about one employee for one period, before any rule is applied. */
export interface AppraisalInput {
  employee: Employee;
  period?: Period;
  /** Ratings per rater source; several peers (or public respondents) give an array. */
  ratings?: Partial<Record<RaterSource, RaterRatings | RaterRatings[]>>;
  /** Objective inputs per indicator id. */
  values?: Record<string, IndicatorValue>;
  /** Further facts the rule file declares (e.g. { inovasi: true }). */
  facts?: Record<string, string | number | boolean | null>;
  /** Earlier periods' predikat, oldest first. */
  history?: HistoryEntry[];
  /** Adjustments of decision outputs, applied after the table decides and before outcomes run. */
  adjustments?: Adjustment[];
}

/** A follow-up an outcome rule gave (e.g. pembinaan, usulan pendidikan lanjut), with its params. */
export interface OutcomeEvent {
  type: string;
  params: Record<string, unknown>;
  /** The name of the outcome rule that produced it. */
  rule: string;
}

/** What one appraisal comes to. */
export interface AppraisalResult {
  nip: string;
  ruleSetId: string;
  indicatorSet: string;
  /** Final score (where the rule set computes one), axis scores and indicator scores, by fact name. */
  scores: Record<string, number>;
  /** Every decision-table output and calculation, by fact name (e.g. "rating.hasil_kerja", "sanksi"). */
  decisions: Record<string, string | number | boolean | null | Array<string | number | boolean | null>>;
  predikat: string;
  predikatLabel: string;
  outcomes: OutcomeEvent[];
  /** Adjustments applied, with the value the rules had given. */
  adjustments?: Array<Adjustment & { from: unknown }>;
}
