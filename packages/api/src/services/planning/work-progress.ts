// Progress of an employee's plan against its targets, for the employee and the assessor at once: per IKI
// the confirmed quantities (their mean for kualitas and percentages) against the target, what still waits for the assessor,
// and the realisasi the evaluation would read now.
import type { IndicatorValue, TargetAspect } from "@kinerja/core";
import type { CycleRow, Database, EmployeeRow, WorkEntryStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { Scope } from "../access/index.js";
import { findCycle } from "../cycles/index.js";
import { planOf } from "./plan-queries.js";
import { realisasiFromWorkEntries, realisasiOf } from "./realisasi.js";
import { namedOrOwn } from "./subject.js";

export interface IkiProgress {
  ikiId: string;
  rhkId: string;
  rhkText: string;
  text: string;
  satuan: string;
  target: number;
  indicatorId: string | null;
  aspect: TargetAspect | null;
  /** Sum of confirmed quantities (their mean for the kualitas aspect and for an IKI in percent). */
  confirmed: number;
  /** Sum of quantities waiting for the assessor. */
  pending: number;
  /** confirmed / target × 100, to one decimal. */
  percent: number;
  entries: Record<WorkEntryStatus, number>;
}

export interface Progress {
  planId: string | null;
  planStatus: string | null;
  indicators: IkiProgress[];
  /** What the evaluation would read now, by rule-set indicator id (see realisasi.ts). */
  realisasi: Record<string, IndicatorValue>;
}

/** Progress of an employee's plan (the person's own when no employee is named) against its targets. */
export async function workProgress(scope: Scope, input: { cycleId: string; employeeId?: string }): Promise<Progress> {
  const cycle = await findCycle(scope.db, scope.regionId, input.cycleId);
  const employee = await namedOrOwn(scope, input.employeeId, ["self", "assessor", "admin"], "melihat capaian kerja");
  return planProgress(scope.db, cycle, employee);
}

/** Progress of the employee's plan in the cycle, for a reader the caller has checked. */
export async function planProgress(db: Kysely<Database>, cycle: CycleRow, employee: EmployeeRow): Promise<Progress> {
  const regionId = cycle.region_id;
  const plan = await planOf(db, cycle, employee.id);
  if (!plan) return { planId: null, planStatus: null, indicators: [], realisasi: {} };
  const ikis = await db
    .selectFrom("plan_iki as i")
    .innerJoin("plan_rhk as r", (join) => join.onRef("r.region_id", "=", "i.region_id").onRef("r.id", "=", "i.rhk_id"))
    .select(["i.id", "i.text", "i.satuan", "i.target", "i.indicator_id", "i.aspect", "r.id as rhkId", "r.text as rhkText"])
    .where("i.region_id", "=", regionId)
    .where("i.plan_id", "=", plan.id)
    .orderBy("r.position")
    .orderBy("i.position")
    .execute();
  const sums = await db
    .selectFrom("work_entries")
    .select((eb) => ["iki_id", "status", eb.fn.sum<number>("quantity").as("total"), eb.fn.countAll<number>().as("n")])
    .where("region_id", "=", regionId)
    .where("plan_id", "=", plan.id)
    .groupBy(["iki_id", "status"])
    .execute();
  const realisasi = (await realisasiFromWorkEntries(db, cycle, [employee.id])).get(employee.id) ?? {};
  return {
    planId: plan.id,
    planStatus: plan.status,
    indicators: ikis.map((iki) => {
      const of = (status: WorkEntryStatus) => sums.find((s) => s.iki_id === iki.id && s.status === status);
      const confirmedRow = of("confirmed");
      const n = Number(confirmedRow?.n ?? 0);
      const total = Number(confirmedRow?.total ?? 0);
      const confirmed = realisasiOf(iki, total, n);
      return {
        ikiId: iki.id,
        rhkId: iki.rhkId,
        rhkText: iki.rhkText,
        text: iki.text,
        satuan: iki.satuan,
        target: iki.target,
        indicatorId: iki.indicator_id,
        aspect: iki.aspect as TargetAspect | null,
        confirmed,
        pending: Number(of("submitted")?.total ?? 0),
        percent: Math.round((confirmed / iki.target) * 1000) / 10,
        entries: { submitted: Number(of("submitted")?.n ?? 0), confirmed: n, returned: Number(of("returned")?.n ?? 0) },
      };
    }),
    realisasi,
  };
}
