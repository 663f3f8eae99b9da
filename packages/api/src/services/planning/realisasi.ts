// From confirmed work entries to the realisasi the evaluation reads. Each IKI tied to a rule-set indicator
// gives its target (from the plan) and its realisasi: the sum of its confirmed entries' quantities, or their
// mean for the kualitas aspect (each entry then records the quality of one output) and for an IKI counted in
// percent (each entry a rate measured at that time). Several IKIs feeding
// one indicator (or one aspect of it) are combined as the mean of their achievements, written as
// { target: 100, realisasi: mean % }: both the achievement formula and the PP 46/2011 aspect formulas depend
// only on realisasi / target, so this is their mean exactly. Only plans that count are read: approved ones
// where the rule set requires approval (workflow.planning.required), any but rejected ones otherwise.
import type { IndicatorValue, TargetAspect, TargetRealisasi } from "@kinerja/core";
import type { CycleRow, Database, PlanStatus } from "@kinerja/db";
import type { Kysely } from "kysely";
import { byId, pushTo } from "../lib/index.js";
import { cycleWorkflow } from "../rules/index.js";

interface IkiAchievement {
  target: number;
  realisasi: number;
}

/** The plan statuses whose IKIs count for the evaluation under the cycle's rule set. */
export async function countingPlanStatuses(db: Kysely<Database>, cycle: CycleRow): Promise<PlanStatus[]> {
  return (await cycleWorkflow(db, cycle)).planning.required ? ["approved"] : ["draft", "submitted", "revision", "approved"];
}

/** Units that say each quantity is a percentage ("%", "persen", "persentase"), however written. */
const PERCENT_UNITS = new Set(["%", "persen", "persentase", "prosen", "percent", "percentage"]);

export function isPercentUnit(satuan: string): boolean {
  return PERCENT_UNITS.has(satuan.trim().toLowerCase());
}

/**
 * What an IKI's confirmed entries add up to. Counts (documents, patients, reports) add up. A kualitas entry is
 * the quality of one output, and an entry in percent is a rate measured at that time (coverage, on-time share):
 * adding twelve monthly 92 % would claim 1104 %, so both give the mean of their entries, as a rate reported
 * for a period is the mean of the rates measured in it.
 */
export function realisasiOf(iki: { aspect: string | null; satuan: string }, total: number, entries: number): number {
  if (iki.aspect !== "kualitas" && !isPercentUnit(iki.satuan)) return total;
  return entries > 0 ? total / entries : 0;
}

function combine(list: IkiAchievement[]): IkiAchievement {
  if (list.length === 1) return list[0] as IkiAchievement;
  const mean = list.reduce((sum, iki) => sum + (iki.realisasi / iki.target) * 100, 0) / list.length;
  return { target: 100, realisasi: Math.round(mean * 10_000) / 10_000 };
}

/**
 * The reads realisasiFromWorkEntries makes for these employees of a cycle: their plans (by the plans' cycle and
 * employee key), those plans' IKIs tied to an indicator, in the IKIs' order
 * (by the IKIs' plan index), and their confirmed entries' totals by IKI (by the entries' employee index).
 */
export function realisasiReads(db: Kysely<Database>, regionId: string, cycleId: string, employeeIds: readonly string[]) {
  return {
    // The statuses are kept by the caller: asked of the database, SQLite would rather read the whole cycle's
    // plans of those statuses by the status index.
    plans: db
      .selectFrom("plans")
      .select(["id", "employee_id", "status"])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycleId)
      .where("employee_id", "in", employeeIds),
    ikis: (planIds: readonly string[]) =>
      db
        .selectFrom("plan_iki")
        .select(["id", "plan_id", "indicator_id", "aspect", "satuan", "target"])
        .where("region_id", "=", regionId)
        .where("plan_id", "in", planIds)
        .where("indicator_id", "is not", null),
    confirmed: db
      .selectFrom("work_entries")
      .select((eb) => ["iki_id", eb.fn.sum<number>("quantity").as("total"), eb.fn.countAll<number>().as("n")])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycleId)
      .where("employee_id", "in", employeeIds)
      .where("status", "=", "confirmed")
      // An IKI is one employee's, so these are its groups; grouped by the IKI alone, SQLite would read every
      // entry of the region in the IKI index's order to spare itself the grouping.
      .groupBy(["employee_id", "iki_id"]),
  };
}

/**
 * Per employee (by id): indicator id → the value their confirmed work entries give, for every IKI of a
 * counting plan that is tied to a rule-set indicator. An IKI with nothing confirmed gives realisasi 0.
 */
export async function realisasiFromWorkEntries(
  db: Kysely<Database>,
  cycle: CycleRow,
  employeeIds: string[],
): Promise<Map<string, Record<string, IndicatorValue>>> {
  const found = new Map<string, Record<string, IndicatorValue>>();
  if (employeeIds.length === 0) return found;
  const regionId = cycle.region_id;
  // Three reads, each by an index bounded by the cycle and the employees (realisasiReads): as one join, SQLite
  // (which the server never gives statistics) read every IKI and work entry of the region, of every cycle, for
  // each part of a run's batch.
  const reads = realisasiReads(db, regionId, cycle.id, employeeIds);
  const counting = new Set<string>(await countingPlanStatuses(db, cycle));
  const plans = (await reads.plans.execute()).filter((plan) => counting.has(plan.status));
  if (plans.length === 0) return found;
  const employeeOfPlan = new Map(plans.map((plan) => [plan.id, plan.employee_id]));
  const ikis = (await reads.ikis([...employeeOfPlan.keys()]).execute()).sort(byId);
  const confirmed = new Map((await reads.confirmed.execute()).map((w) => [w.iki_id, w]));
  const rows = ikis.map((iki) => ({ ...iki, employee_id: employeeOfPlan.get(iki.plan_id)!, total: confirmed.get(iki.id)?.total, n: confirmed.get(iki.id)?.n }));

  // employee → indicator → aspect ("" for achievement indicators) → the IKIs' achievements
  const grouped = new Map<string, Map<string, Map<string, IkiAchievement[]>>>();
  for (const row of rows) {
    const total = Number(row.total ?? 0);
    const n = Number(row.n ?? 0);
    const realisasi = realisasiOf(row, total, n);
    const byIndicator = grouped.get(row.employee_id) ?? new Map<string, Map<string, IkiAchievement[]>>();
    grouped.set(row.employee_id, byIndicator);
    const byAspect = byIndicator.get(row.indicator_id as string) ?? new Map<string, IkiAchievement[]>();
    byIndicator.set(row.indicator_id as string, byAspect);
    pushTo(byAspect, row.aspect ?? "", { target: row.target, realisasi });
  }
  for (const [employeeId, byIndicator] of grouped) {
    const values: Record<string, IndicatorValue> = {};
    for (const [indicatorId, byAspect] of byIndicator) {
      const achievement = byAspect.get("");
      if (achievement) {
        values[indicatorId] = combine(achievement);
        continue;
      }
      const value: TargetRealisasi = { target: {}, realisasi: {} };
      for (const [aspect, list] of byAspect) {
        const combined = combine(list);
        value.target[aspect as TargetAspect] = combined.target;
        value.realisasi[aspect as TargetAspect] = combined.realisasi;
      }
      values[indicatorId] = value;
    }
    found.set(employeeId, values);
  }
  return found;
}

function isTargetRealisasi(value: IndicatorValue | undefined): value is TargetRealisasi {
  return typeof value === "object" && !Array.isArray(value) && typeof value.target === "object" && typeof value.realisasi === "object";
}

/**
 * The values with the work entries' realisasi laid over them: an achievement value is replaced; a target
 * value keeps the aspects the entries do not give (e.g. kualitas recorded by the assessor).
 */
export function withRealisasi(
  values: Record<string, IndicatorValue>,
  realisasi: Record<string, IndicatorValue> | undefined,
): Record<string, IndicatorValue> {
  if (!realisasi) return values;
  const merged = { ...values };
  for (const [id, value] of Object.entries(realisasi)) {
    const earlier = merged[id];
    merged[id] =
      isTargetRealisasi(value) && isTargetRealisasi(earlier)
        ? { target: { ...earlier.target, ...value.target }, realisasi: { ...earlier.realisasi, ...value.realisasi } }
        : value;
  }
  return merged;
}
