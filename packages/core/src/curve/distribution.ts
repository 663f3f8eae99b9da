// The distribution curve of SE MenPANRB 3/2023: a unit's predikat organisasi bounds how its employees'
// predikat may be spread. The circular is a consideration for the leader, so this only reports which
// bounds a unit breaks; whether that warns or blocks is the rule set's `curve.enforcement`.
//
// Rounding policy for small units (a share of n employees is rarely a whole head count):
// - "at most p%": allowed = rounding(p × n), but at least 1 whenever p > 0. Without that floor a share
//   such as "Sangat Baik at most 10%" would bar every unit under ten employees (floor or round) from a
//   predikat the circular allows; with it a small unit may always have one. p = 0 ("no Sangat Baik")
//   allows none.
// - "at least p%": required = rounding(p × n), at most n. With "floor" a small unit may owe nobody
//   (10% of 7 is 0); with "round" or "ceil" it owes one.
// - "at least one employee in …" is a head count, not a share: 1 (0 in an empty unit).
// - The lower bounds of one predikat organisasi together never demand more than n employees: where
//   rounding up would (e.g. "ceil" in a Kurang unit of 1: 60% → 1 and 10% → 1), the later, smaller
//   requirement is lowered first, so every unit can meet its bounds.
// An empty unit breaks nothing.
import type { NationalPredikat, OrganisationPredikat } from "../domain/types.js";
import { NATIONAL_PREDIKAT } from "../domain/types.js";

/** How a share of a unit becomes a head count. */
export type Rounding = "floor" | "ceil" | "round";

/** One bound of the distribution curve: at most or at least a share (or head count) of the unit with these predikat. */
export interface DistributionBound {
  /** The employees' predikat counted together. */
  predikat: NationalPredikat[];
  kind: "atMost" | "atLeast";
  /** A share of the unit (0.7 = 70%), or null for a head count. */
  share: number | null;
  /** The head count, when `share` is null. */
  count?: number;
}

/** The bounds per predikat organisasi, in the circular's order. */
export const DISTRIBUTION_BOUNDS: Record<OrganisationPredikat, readonly DistributionBound[]> = {
  istimewa: [{ predikat: ["sangat_baik"], kind: "atMost", share: 0.7 }],
  baik: [
    { predikat: ["baik"], kind: "atMost", share: 0.7 },
    { predikat: ["butuh_perbaikan", "kurang"], kind: "atLeast", share: null, count: 1 },
  ],
  butuh_perbaikan: [
    { predikat: ["butuh_perbaikan"], kind: "atLeast", share: 0.6 },
    { predikat: ["sangat_baik"], kind: "atMost", share: 0.1 },
  ],
  kurang: [
    { predikat: ["kurang"], kind: "atLeast", share: 0.6 },
    { predikat: ["butuh_perbaikan"], kind: "atLeast", share: 0.1 },
    { predikat: ["sangat_baik"], kind: "atMost", share: 0.1 },
  ],
  sangat_kurang: [
    { predikat: ["sangat_kurang"], kind: "atLeast", share: 0.6 },
    { predikat: ["butuh_perbaikan", "kurang"], kind: "atLeast", share: 0.1 },
    { predikat: ["sangat_baik"], kind: "atMost", share: 0 },
  ],
};

/** The national predikat's labels, in Indonesian and English. */
export const NATIONAL_PREDIKAT_LABELS: Record<NationalPredikat, { id: string; en: string }> = {
  sangat_baik: { id: "Sangat Baik", en: "Very Good" },
  baik: { id: "Baik", en: "Good" },
  butuh_perbaikan: { id: "Butuh Perbaikan", en: "Needs Improvement" },
  kurang: { id: "Kurang/Misconduct", en: "Poor/Misconduct" },
  sangat_kurang: { id: "Sangat Kurang", en: "Very Poor" },
};

/** A unit's predikat labels, in Indonesian and English. */
export const ORGANISATION_PREDIKAT_LABELS: Record<OrganisationPredikat, { id: string; en: string }> = {
  istimewa: { id: "Istimewa", en: "Outstanding" },
  baik: { id: "Baik", en: "Good" },
  butuh_perbaikan: { id: "Butuh Perbaikan", en: "Needs Improvement" },
  kurang: { id: "Kurang", en: "Poor" },
  sangat_kurang: { id: "Sangat Kurang", en: "Very Poor" },
};

/** A bound applied to one unit: the head count it allows (at most) or requires (at least), and what is there. */
export interface BoundCheck {
  bound: DistributionBound;
  /** e.g. "Baik paling banyak 70%" / "Baik at most 70%". */
  label: { id: string; en: string };
  /** Employees in the unit. */
  total: number;
  /** At most this many (atMost) or at least this many (atLeast), after rounding. */
  allowed: number;
  actual: number;
  /** actual / total, 0 in an empty unit. */
  actualShare: number;
  broken: boolean;
  /** One sentence saying what the bound allows and what the unit has. */
  message: { id: string; en: string };
}

/** A unit to check against the curve: its counts per national predikat, its own predikat, the rounding. */
export interface DistributionInput {
  counts: Record<NationalPredikat, number>;
  organisationPredikat: OrganisationPredikat;
  rounding: Rounding;
}

const ROUND: Record<Rounding, (x: number) => number> = { floor: Math.floor, ceil: Math.ceil, round: Math.round };

/** Shares like 0.7 × 10 are 7.000000000000001 in floating point; round to 9 places before the policy does. */
function headCount(share: number, total: number, rounding: Rounding): number {
  return ROUND[rounding](Math.round(share * total * 1e9) / 1e9);
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function formatPercent(share: number, lang: "id" | "en"): string {
  const text = percent(share);
  return lang === "id" ? text.replace(".", ",") : text;
}

function boundLabel(bound: DistributionBound): { id: string; en: string } {
  const names = {
    id: bound.predikat.map((p) => NATIONAL_PREDIKAT_LABELS[p].id).join(" dan/atau "),
    en: bound.predikat.map((p) => NATIONAL_PREDIKAT_LABELS[p].en).join(" and/or "),
  };
  if (bound.share === null) {
    const n = bound.count ?? 1;
    return {
      id: `paling sedikit ${n} pegawai ${names.id}`,
      en: `at least ${n} employee${n === 1 ? "" : "s"} ${names.en}`,
    };
  }
  if (bound.kind === "atMost" && bound.share === 0) {
    return { id: `tidak ada ${names.id}`, en: `no ${names.en}` };
  }
  const p = { id: formatPercent(bound.share, "id"), en: formatPercent(bound.share, "en") };
  return bound.kind === "atMost"
    ? { id: `${names.id} paling banyak ${p.id}`, en: `${names.en} at most ${p.en}` }
    : { id: `${names.id} paling sedikit ${p.id}`, en: `${names.en} at least ${p.en}` };
}

function allowedCount(bound: DistributionBound, total: number, rounding: Rounding): number {
  if (bound.share === null) return Math.min(bound.count ?? 1, total);
  const count = headCount(bound.share, total, rounding);
  if (bound.kind === "atMost") return bound.share > 0 ? Math.max(count, 1) : count;
  return Math.min(count, total);
}

/** Every bound of the unit's predikat organisasi, applied to its counts under the rounding policy above. */
export function checkBounds(input: DistributionInput): BoundCheck[] {
  const { counts, organisationPredikat, rounding } = input;
  const total = NATIONAL_PREDIKAT.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
  const bounds = DISTRIBUTION_BOUNDS[organisationPredikat];
  const allowed = bounds.map((bound) => allowedCount(bound, total, rounding));
  // Lower bounds must fit in the unit together; lower the later (smaller) requirements first.
  let excess = bounds.reduce((sum, b, i) => sum + (b.kind === "atLeast" ? allowed[i]! : 0), 0) - total;
  for (let i = bounds.length - 1; i >= 0 && excess > 0; i--) {
    if (bounds[i]!.kind !== "atLeast") continue;
    const cut = Math.min(allowed[i]!, excess);
    allowed[i]! -= cut;
    excess -= cut;
  }
  return bounds.map((bound, i) => {
    const actual = bound.predikat.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
    const limit = allowed[i]!;
    const broken = total > 0 && (bound.kind === "atMost" ? actual > limit : actual < limit);
    const label = boundLabel(bound);
    const actualShare = total === 0 ? 0 : actual / total;
    const message = {
      id:
        `${label.id}: ${bound.kind === "atMost" ? "paling banyak" : "paling sedikit"} ${limit} dari ${total} pegawai, ` +
        `ada ${actual} (${formatPercent(actualShare, "id")})`,
      en:
        `${label.en}: ${bound.kind === "atMost" ? "at most" : "at least"} ${limit} of ${total} employees, ` +
        `there ${actual === 1 ? "is" : "are"} ${actual} (${formatPercent(actualShare, "en")})`,
    };
    return { bound, label, total, allowed: limit, actual, actualShare, broken, message };
  });
}

/** The bounds a unit breaks (an empty list when its distribution fits its predikat organisasi). */
export function checkDistribution(input: DistributionInput): BoundCheck[] {
  return checkBounds(input).filter((check) => check.broken);
}
