// An SKP plan as the API gives it, and its RHK rows as plan.save takes them.
import type { RouterInputs, RouterOutputs } from "../../lib/trpc";

export type Plan = NonNullable<RouterOutputs["plan"]["get"]>;
export type RhkInput = RouterInputs["plan"]["save"]["rhk"][number];

export function toInput(plan: Plan): RhkInput[] {
  return plan.rhk.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    parentRhkId: r.parentRhkId,
    indicators: r.indicators.map((i) => ({ id: i.id, text: i.text, target: i.target, satuan: i.satuan, indicatorId: i.indicatorId, aspect: i.aspect })),
  }));
}
