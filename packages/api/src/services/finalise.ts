// Finalising a cycle: its current results become final. Where the region's rules say the distribution
// curve blocks (curve.enforcement = "block"), a unit breaking a bound stops it, naming unit and bound.
import { TRPCError } from "@trpc/server";
import type { Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Actor } from "../trpc.js";
import { closeCycle, type CycleView } from "./cycles.js";
import { distribution } from "./results.js";

export async function finaliseCycle(db: Kysely<Database>, regionId: string, actor: Actor, id: string): Promise<CycleView> {
  const curve = await distribution(db, regionId, { kind: "all" }, { cycleId: id });
  if (curve.enforcement === "block") {
    const broken = curve.units.flatMap((u) => u.checks.filter((c) => c.broken).map((c) => `${u.unitName}: ${c.message.id}`));
    if (broken.length > 0) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Distribusi belum sesuai kurva (${broken.length} batas dilanggar): ${broken.slice(0, 5).join("; ")}`,
      });
    }
  }
  return closeCycle(db, regionId, actor, id);
}
