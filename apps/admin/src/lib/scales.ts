// Rating scales as a form shows them.
import type { Scale } from "@kinerja/core";

/** Values on a scale, when few enough to pick from (1–5, 1–4); null for a wide range. */
export function scaleChoices(scale: Scale): number[] | null {
  const step = scale.step ?? 1;
  const count = Math.floor((scale.max - scale.min) / step) + 1;
  if (count > 11 || count < 2) return null;
  return Array.from({ length: count }, (_, i) => Math.round((scale.min + i * step) * 1000) / 1000);
}
