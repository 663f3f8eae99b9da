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

/** One task (kegiatan) of a target or achievement indicator: a percentage, target vs realisasi, or per aspect. */
export type IndicatorTask = number | TargetRealisasi | { target: number; realisasi: number };

/**
 * An objective input for one indicator: a number (percentage, days, score), yes/no, target vs realisasi, or
 * several tasks of a target or achievement indicator, scored as their mean (PP 46/2011: SKP is the mean over tasks).
 */
export type IndicatorValue = boolean | IndicatorTask | IndicatorTask[];

/**
 * One earlier result: the year it belongs to, the period within it (its label, e.g. "2025-S1"; absent for
 * the year's annual result) and its predikat. The shape before years, `{ period: "2024", predikat }`, is
 * still read: its year is the year the period label begins with.
 */
export interface HistoryEntry {
  year?: number;
  period?: string;
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

/**
 * The employee's unit as its result stands (PermenPANRB 6/2022: a unit leader's hasil kerja is the unit's own
 * achievement): the unit's predikat organisasi for the period, and whether this employee leads the unit.
 * Rules read them as `unit.predikat` and `unit.pimpinan`.
 */
export interface UnitResult {
  predikat?: OrganisationPredikat;
  pimpinan?: boolean;
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
  /** The unit's result, for a unit leader whose hasil kerja is the unit's achievement. */
  unit?: UnitResult;
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
