// PP 46/2011 (with Perka BKN 1/2013): the score of one SKP task from its kuantitas, kualitas, waktu and
// biaya aspects. Pure arithmetic; the evaluator decides which aspects an indicator uses.
import type { TargetAspect, TargetRealisasi } from "../domain/types.js";

/** Waktu and biaya: at or below this efficiency (in %) saving is rewarded, above it penalised. */
export const EFFICIENCY_THRESHOLD = 24;
/** The Perka BKN factor that makes realisasi = target score 76 on waktu and biaya. */
export const EFFICIENCY_FACTOR = 1.76;

function requirePositive(value: number, what: string): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} harus angka lebih dari 0, bukan ${String(value)}`);
  }
}

function requireNonNegative(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} harus angka 0 atau lebih, bukan ${String(value)}`);
  }
}

/** Kuantitas: realisasi output / target output × 100. */
export function kuantitasScore(target: number, realisasi: number): number {
  requirePositive(target, "target kuantitas");
  requireNonNegative(realisasi, "realisasi kuantitas");
  return (realisasi / target) * 100;
}

/** Kualitas: realisasi / target × 100. */
export function kualitasScore(target: number, realisasi: number): number {
  requirePositive(target, "target kualitas");
  requireNonNegative(realisasi, "realisasi kualitas");
  return (realisasi / target) * 100;
}

/** Efficiency in %: how much of the target (time or budget) was saved; negative when it was overrun. */
export function efficiency(target: number, realisasi: number): number {
  return 100 - (realisasi / target) * 100;
}

/**
 * Waktu and biaya share one formula. With efficiency ≤ 24%: ((1.76 × T − R) / T) × 100, so R = T gives 76
 * and saving raises the score; above 24% the excess over 100 is subtracted from 76, so implausibly large
 * savings (a target set too loose) lower it.
 */
function efficiencyScore(target: number, realisasi: number): number {
  const base = ((EFFICIENCY_FACTOR * target - realisasi) / target) * 100;
  return efficiency(target, realisasi) <= EFFICIENCY_THRESHOLD ? base : 76 - (base - 100);
}

/** Waktu: from target time (TW) and realisasi time (RW), in the same unit (usually months). */
export function waktuScore(targetTime: number, realisasiTime: number): number {
  requirePositive(targetTime, "target waktu");
  requireNonNegative(realisasiTime, "realisasi waktu");
  return efficiencyScore(targetTime, realisasiTime);
}

/** Biaya: from the budget (target) and the amount spent (realisasi). */
export function biayaScore(targetBudget: number, realisasiBudget: number): number {
  requirePositive(targetBudget, "target biaya");
  requireNonNegative(realisasiBudget, "realisasi biaya");
  return efficiencyScore(targetBudget, realisasiBudget);
}

const ASPECT_SCORE: Record<TargetAspect, (target: number, realisasi: number) => number> = {
  kuantitas: kuantitasScore,
  kualitas: kualitasScore,
  waktu: waktuScore,
  biaya: biayaScore,
};

/** A PP 46/2011 task's score and its aspects' scores. */
export interface TaskScore {
  /** Mean of the aspects used. */
  score: number;
  /** Score per aspect used, in the order asked. */
  aspects: Partial<Record<TargetAspect, number>>;
}

/**
 * A task's score: the mean of its aspect scores. Biaya counts only where the task has a budget (a target
 * biaya above 0), as PP 46/2011 says; every other aspect asked for must have a target and a realisasi.
 */
export function taskScore(task: TargetRealisasi, aspects: readonly TargetAspect[]): TaskScore {
  const scores: Partial<Record<TargetAspect, number>> = {};
  let sum = 0;
  let used = 0;
  for (const aspect of aspects) {
    const target = task.target[aspect];
    if (aspect === "biaya" && (target === undefined || target === 0)) continue;
    const realisasi = task.realisasi[aspect];
    if (typeof target !== "number") throw new RangeError(`target ${aspect} tidak diisi`);
    if (typeof realisasi !== "number") throw new RangeError(`realisasi ${aspect} tidak diisi`);
    const score = ASPECT_SCORE[aspect](target, realisasi);
    scores[aspect] = score;
    sum += score;
    used++;
  }
  if (used === 0) throw new RangeError(`tidak ada aspek yang dapat dinilai (${aspects.join(", ")})`);
  return { score: sum / used, aspects: scores };
}
