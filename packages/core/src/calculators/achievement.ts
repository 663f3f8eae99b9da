// Achievement against a target (PP 30/2019 and the local "capaian" conventions): realisasi / target × 100,
// optionally capped, since PP 30/2019 lets achievement exceed the target only up to 120.

/** Realisasi / target × 100, uncapped. */
export function achievementPercent(target: number, realisasi: number): number {
  if (!Number.isFinite(target) || target <= 0) {
    throw new RangeError(`target harus angka lebih dari 0, bukan ${String(target)}`);
  }
  if (!Number.isFinite(realisasi) || realisasi < 0) {
    throw new RangeError(`realisasi harus angka 0 atau lebih, bukan ${String(realisasi)}`);
  }
  return (realisasi / target) * 100;
}

/** A percentage held at the cap, when there is one. */
export function capScore(percent: number, cap?: number): number {
  return cap !== undefined && percent > cap ? cap : percent;
}

/** Realisasi / target × 100, held at `cap` (e.g. 120). */
export function achievementScore(target: number, realisasi: number, cap?: number): number {
  return capScore(achievementPercent(target, realisasi), cap);
}
