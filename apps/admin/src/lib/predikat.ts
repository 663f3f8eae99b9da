// The national predikat and the curve, as the portal shows them: labels in the chosen language and the
// region's counts folded into the five national predikat.
import {
  DISTRIBUTION_BOUNDS,
  NATIONAL_PREDIKAT,
  NATIONAL_PREDIKAT_LABELS,
  ORGANISATION_PREDIKAT,
  ORGANISATION_PREDIKAT_LABELS,
  type NationalPredikat,
  type OrganisationPredikat,
} from "@kinerja/core";
import type { Language } from "../i18n";
import type { RouterOutputs } from "./trpc";

export type Distribution = RouterOutputs["result"]["distribution"];
export type UnitDistribution = Distribution["units"][number];

export { NATIONAL_PREDIKAT, ORGANISATION_PREDIKAT };

export function nationalLabel(predikat: NationalPredikat, lang: Language): string {
  return NATIONAL_PREDIKAT_LABELS[predikat][lang];
}

/** The initials of a national predikat (SB, B, BP, KM, SK), where a full label does not fit. */
export function nationalInitials(predikat: NationalPredikat, lang: Language): string {
  return nationalLabel(predikat, lang)
    .split(/[ /]/)
    .map((w) => w[0])
    .join("");
}

export function organisationLabel(predikat: OrganisationPredikat, lang: Language): string {
  return ORGANISATION_PREDIKAT_LABELS[predikat][lang];
}

/** The region's employees per national predikat, over every unit. */
export function totalNational(units: UnitDistribution[]): Record<NationalPredikat, number> {
  const total = Object.fromEntries(NATIONAL_PREDIKAT.map((p) => [p, 0])) as Record<NationalPredikat, number>;
  for (const unit of units) for (const p of NATIONAL_PREDIKAT) total[p] += unit.national[p] ?? 0;
  return total;
}

/** The single-predikat share bounds of a predikat organisasi, for drawing on a chart: predikat → limit. */
export function curveLimits(organisation: OrganisationPredikat): Array<{ predikat: NationalPredikat; kind: "atMost" | "atLeast"; share: number }> {
  return DISTRIBUTION_BOUNDS[organisation]
    .filter((b) => b.share !== null && b.predikat.length === 1)
    .map((b) => ({ predikat: b.predikat[0] as NationalPredikat, kind: b.kind, share: b.share as number }));
}

const COLORS: Record<NationalPredikat, string> = {
  sangat_baik: "teal.8",
  baik: "blue.8",
  butuh_perbaikan: "yellow.8",
  kurang: "orange.8",
  sangat_kurang: "red.8",
};

export function predikatColor(predikat: NationalPredikat): string {
  return COLORS[predikat];
}
