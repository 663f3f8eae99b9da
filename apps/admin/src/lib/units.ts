// The region's unit tree as the API gives it, and the same flattened in display order with each unit's depth.
import type { RouterOutputs } from "./trpc";

export type UnitNode = RouterOutputs["unit"]["tree"][number];

export function flattenUnits(nodes: UnitNode[], depth = 0): Array<UnitNode & { depth: number }> {
  return nodes.flatMap((n) => [{ ...n, depth }, ...flattenUnits(n.children, depth + 1)]);
}
