// Adjustments: a person (an assessor's judgement, the evaluation forum) replaces a decision's output with a
// written reason, right after its table has decided, so that later tables, calculations and outcomes read
// the adjusted value.
import type { Adjustment, AppraisalResult } from "../domain/types.js";
import { refuse, show, type RunContext } from "./context.js";
import type { FactState, FactTable } from "./fact-table.js";

export type AppliedAdjustments = NonNullable<AppraisalResult["adjustments"]>;

/** Applies the adjustments of one decision output, in order, and lists each with the value it replaced. */
export function applyAdjustments(
  table: FactTable,
  adjustments: Adjustment[],
  output: string,
  outputSlot: number,
  predikatIds: ReadonlySet<string>,
  facts: FactState,
  applied: AppliedAdjustments,
  ctx: RunContext,
): void {
  for (const adjustment of adjustments) {
    if (adjustment.fact !== output) continue;
    if (typeof adjustment.reason !== "string" || adjustment.reason.trim() === "") {
      refuse(ctx, `penyesuaian ${output} oleh ${show(adjustment.by)} tidak disertai alasan tertulis`);
    }
    if (output === "predikat" && !predikatIds.has(String(adjustment.value))) {
      refuse(ctx, `penyesuaian predikat ke ${show(adjustment.value)}: predikat tidak dikenal; yang boleh: ${[...predikatIds].join(", ")}`);
    }
    const from = table.get(facts, outputSlot, output);
    table.put(facts, outputSlot, output, adjustment.value);
    applied.push({ ...adjustment, from });
    ctx.steps?.push({ kind: "adjustment", fact: output, from, to: adjustment.value, reason: adjustment.reason, by: adjustment.by, at: adjustment.at ?? null });
  }
}
