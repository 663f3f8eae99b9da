// Finalising a cycle: its current results become final. Where the region's rules say the distribution
// curve blocks (curve.enforcement = "block"), a unit breaking a bound stops it, naming unit and bound.
// Once final, nothing of the cycle changes in place: sheets cannot be saved, submitted or reopened,
// peers and deadlines are fixed, the forum adjusts no more, and results change only as a new version
// through an upheld appeal (or a re-run with a reason); the database refuses updates of result rows.
import type { Scope } from "../access/index.js";
import { DomainError } from "../lib/index.js";
import type { CycleRow, Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { closeCycle, cycleEventData, type CycleView } from "./cycles.js";
import { emitEvent } from "../integrations/index.js";
import { assertNoRunInFlight } from "../results/index.js";
import { regionDistribution } from "../results/index.js";
import { notify } from "../notifications/index.js";
import { cycleEmployeeIds } from "./cycle-scope.js";

/**
 * A run still being written would make its results current after finalisation. Once none is, everyone the
 * cycle covers is told their result is published, and the region's webhooks that asked are sent
 * `results.finalised`, both in the finalising transaction.
 */
async function noRunInFlight(trx: Kysely<Database>, cycle: CycleRow): Promise<void> {
  await assertNoRunInFlight(trx, cycle, "tetapkan setelah selesai");
  const employeeIds = await cycleEmployeeIds(trx, cycle);
  // Those who left the region keep their result but no longer sign in: nobody to tell.
  const working = await cycleEmployeeIds(trx, cycle, { working: true });
  await notify(trx, { regionId: cycle.region_id, kind: "results_published", employeeIds: working, values: { siklus: cycle.name }, link: "/me" });
  await emitEvent(trx, cycle.region_id, "results.finalised", {
    cycle: { ...cycleEventData(cycle), status: "finalised" },
    runId: cycle.current_run_id,
    employees: employeeIds.length,
  });
}

export async function finaliseCycle(scope: Scope, id: string): Promise<CycleView> {
  const { db, regionId, actor } = scope;
  const curve = await regionDistribution(db, regionId, { cycleId: id });
  if (curve.enforcement === "block") {
    const broken = curve.units.flatMap((u) => u.checks.filter((c) => c.broken).map((c) => `${u.unitName}: ${c.message.id}`));
    if (broken.length > 0) {
      throw new DomainError({
        code: "PRECONDITION_FAILED",
        message: `Distribusi belum sesuai kurva (${broken.length} batas dilanggar): ${broken.slice(0, 5).join("; ")}`,
      });
    }
  }
  return closeCycle(db, regionId, actor, id, noRunInFlight);
}
