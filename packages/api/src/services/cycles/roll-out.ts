// Phased roll-out: the admin chooses the units a cycle covers while it is a draft (pilot units first);
// other units join a later cycle of the same period. See cycle-scope.ts for what "covers" means.
import type { Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import { audit } from "../lib/index.js";
import { cycleEmployeeIds, cycleUnitIds, writeCycleUnits } from "./cycle-scope.js";
import { findCycle } from "./cycles.js";

export interface CycleScope {
  cycleId: string;
  /** The units chosen for the cycle (without the units below them); empty when it covers unitId or the region. */
  chosenUnitIds: string[];
  /** Every unit covered, subtrees included; null for the whole region. */
  unitIds: string[] | null;
  employees: number;
}

export async function cycleScope(scope: Scope, cycleId: string): Promise<CycleScope> {
  const { db, regionId } = scope;
  const cycle = await findCycle(db, regionId, cycleId);
  const chosen = await db
    .selectFrom("cycle_units")
    .select("unit_id")
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycleId)
    .orderBy("unit_id")
    .execute();
  return {
    cycleId,
    chosenUnitIds: chosen.map((c) => c.unit_id),
    unitIds: await cycleUnitIds(db, cycle),
    employees: (await cycleEmployeeIds(db, cycle)).length,
  };
}

/** Chooses the units of a draft cycle; an empty list means the whole region (or the cycle's unitId). */
export async function setCycleUnits(scope: Scope, input: { cycleId: string; unitIds: string[] }): Promise<CycleScope> {
  const { db, regionId, actor } = scope;
  await db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft") {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Siklus berstatus ${cycle.status}; unit yang dicakup hanya bisa diubah selama siklus masih draf`,
      });
    }
    const before = (await trx.selectFrom("cycle_units").select("unit_id").where("region_id", "=", regionId).where("cycle_id", "=", cycle.id).execute()).map(
      (u) => u.unit_id,
    );
    await writeCycleUnits(trx, regionId, cycle.id, input.unitIds);
    await audit(trx, {
      regionId,
      actor,
      action: "cycle.setUnits",
      entity: "cycle",
      entityId: cycle.id,
      before: { unitIds: before.sort() },
      after: { unitIds: [...new Set(input.unitIds)].sort() },
    });
  });
  return cycleScope(scope, input.cycleId);
}
