// What the attendance days give an appraisal of a cycle: for each employee with attendance days in the
// cycle's period, the days absent without leave as the fact the mapping names (the PP 94/2021 baseline's
// disiplin.hari_tanpa_keterangan by default) and as the value of every attendance indicator, and whether a
// run of that many working days in a row was absent (disiplin.berturut_turut). The machine's record is the
// evidence, so it takes the place of a number typed on a sheet. Nothing is given while the connector is
// disabled in the region, or for an employee without attendance days in the period.
import type { CycleRow, Database } from "@kinerja/db";
import type { Kysely } from "kysely";
import { connectorSetup } from "../config.js";
import { periodRange } from "./calendar.js";
import { absenceCounts } from "./evidence.js";
import { attendanceConnector } from "./index.js";
import type { AttendanceMapping } from "./mapping.js";

export interface AttendanceFeed {
  facts: Record<string, number | boolean>;
  values: Record<string, number>;
}

export async function attendanceFeeds(db: Kysely<Database>, cycle: CycleRow, employeeIds: readonly string[], attendanceIndicators: readonly string[]): Promise<Map<string, AttendanceFeed>> {
  const range = periodRange(cycle.period_label);
  if (!range) return new Map();
  const setup = await connectorSetup(db, cycle.region_id, attendanceConnector as never);
  if (!setup.enabled) return new Map();
  const { feeds } = setup.mapping as AttendanceMapping;
  const counts = await absenceCounts(db, cycle.region_id, range, employeeIds);
  return new Map(
    [...counts].map(([id, count]) => {
      const facts: AttendanceFeed["facts"] = {};
      if (feeds.unexcusedDays) facts[feeds.unexcusedDays] = count.alpa;
      if (feeds.consecutive) facts[feeds.consecutive] = count.longestRun >= feeds.consecutiveDays;
      const values = feeds.attendanceIndicators ? Object.fromEntries(attendanceIndicators.map((i) => [i, count.alpa])) : {};
      return [id, { facts, values }];
    }),
  );
}
