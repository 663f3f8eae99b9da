// The predikat an appraisal ends with: the `predikat` fact the decision tables (and adjustments) set, which
// must be one of the rule set's predikat.
import { refuse, show, type RunContext } from "./context.js";
import type { FactState, FactTable } from "./fact-table.js";

/** The predikat in the facts and its label; refuses the appraisal when it is missing or unknown. */
export function readPredikat(
  labels: ReadonlyMap<string, string>,
  table: FactTable,
  slot: number,
  facts: FactState,
  ctx: RunContext,
): { predikat: string; label: string } {
  const predikat = table.get(facts, slot, "predikat");
  if (typeof predikat !== "string" || predikat === "") {
    refuse(ctx, `predikat tidak ditetapkan (fakta "predikat" = ${show(predikat)}); aturan harus punya tabel keputusan yang menetapkannya`);
  }
  const label = labels.get(predikat);
  if (label === undefined) {
    refuse(ctx, `predikat ${show(predikat)} tidak ada di daftar predikat aturan (${[...labels.keys()].join(", ")})`);
  }
  ctx.steps?.push({ kind: "predikat", predikat, label });
  return { predikat, label };
}
