// Cycle stages as the portal names and orders them.
import type { RouterOutputs } from "./trpc";

export type Cycle = RouterOutputs["cycle"]["list"][number];
export const STAGES = ["draft", "open", "evaluated", "finalised"] as const;
export type Stage = (typeof STAGES)[number];

export function stageIndex(status: Stage): number {
  return STAGES.indexOf(status);
}

/** The cycle a region is working on: the newest one not yet final, else the newest. */
export function currentCycle(cycles: Cycle[]): Cycle | null {
  return cycles.find((c) => c.status !== "finalised") ?? cycles[0] ?? null;
}

export const STAGE_COLORS: Record<Stage, string> = { draft: "gray", open: "blue", evaluated: "violet", finalised: "teal" };
