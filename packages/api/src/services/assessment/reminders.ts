// Who is late with which sheet, and each rater's own to-do list, from the sheets the cycle's rules expect
// (expected-sheets.ts) and the deadlines set per source. Admins follow the whole cycle; an assessor the
// sheets on their reports and their own; everyone else the sheets they write.
import { sourcesOfSet } from "@kinerja/core";
import type { CycleRow, EmployeeRow } from "@kinerja/db";
import { directRelationTo, isAdmin, visibleEmployees, visibleFilter, type Scope } from "../access/index.js";
import { coveredEmployees, findCycle } from "../cycles/index.js";
import { DomainError, todayInIndonesia } from "../lib/index.js";
import { unitSubtree } from "../organisation/index.js";
import { cycleDeadlines, daysBetween, isCalendarDate } from "./deadlines.js";
import { expectedSheets, person, setsOf, type ExpectedSheet, type Person } from "./expected-sheets.js";

/**
 * The employees of the cycle whose sheets the signed-in person follows: everyone for admins; else those
 * they may see (themself, an assessor's reports), the colleagues they rate as peer and their own superior,
 * whom they rate as a subordinate.
 */
async function rateesFor(scope: Scope, cycle: CycleRow, unitId?: string): Promise<EmployeeRow[]> {
  const { db, regionId, me } = scope;
  const visible = visibleEmployees(scope);
  if (visible.kind === "none") return [];
  let query = (await coveredEmployees(db, cycle)).selectAll("e");
  if (unitId) query = query.where("e.unit_id", "in", await unitSubtree(db, regionId, unitId));
  if (visible.kind !== "all" && me) {
    const ratedAsPeer = db
      .selectFrom("peer_assignments")
      .select("employee_id")
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("peer_employee_id", "=", me.id);
    query = query.where((eb) =>
      eb.or([visibleFilter(eb, visible), eb("e.id", "in", ratedAsPeer), ...(me.atasan_nip ? [eb("e.nip", "=", me.atasan_nip)] : [])]),
    );
  }
  return query.orderBy("e.nama").execute();
}

export interface LateSheet extends ExpectedSheet {
  dueDate: string;
  daysLate: number;
}

export interface Reminders {
  asOf: string;
  late: LateSheet[];
  /** Employees with fewer peers chosen than the rules require. */
  missingPeers: Array<Person & { assigned: number; min: number }>;
}

/**
 * Who is late: every expected sheet not submitted by the day after its source's deadline. Admins see the
 * cycle (or a unit); assessors the sheets on their reports and their own; employees their own to write.
 */
export async function reminders(scope: Scope, input: { cycleId: string; asOf?: string; unitId?: string }): Promise<Reminders> {
  const asOf = input.asOf ?? todayInIndonesia();
  if (!isCalendarDate(asOf)) throw new DomainError({ code: "BAD_REQUEST", message: `Tanggal ${asOf} tidak sah; yang diharapkan: YYYY-MM-DD` });
  const { db, regionId, me } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  const deadlines = new Map((await cycleDeadlines(db, cycle)).map((d) => [d.source, d.dueDate]));
  const ratees = await rateesFor(scope, cycle, input.unitId);
  const seesAll = isAdmin(scope.user);
  const assessed = new Set(ratees.filter((r) => directRelationTo(scope, r) === "assessor").map((r) => r.id));
  const visible = (s: ExpectedSheet) => seesAll || (me !== null && s.rater?.employeeId === me.id) || assessed.has(s.ratee.employeeId);
  const rules = await setsOf(db, cycle, ratees);
  const late: LateSheet[] = [];
  for (const sheet of await expectedSheets(db, cycle, ratees, rules)) {
    const due = deadlines.get(sheet.source);
    if (!due || sheet.state === "submitted" || !visible(sheet)) continue;
    const daysLate = daysBetween(due, asOf);
    if (daysLate > 0) late.push({ ...sheet, dueDate: due, daysLate });
  }
  late.sort((a, b) => b.daysLate - a.daysLate || (a.rater?.nama ?? "").localeCompare(b.rater?.nama ?? "") || a.ratee.nama.localeCompare(b.ratee.nama));

  // Peers are chosen by the admin and the assessor, so only they are reminded of the missing ones.
  const missingPeers: Reminders["missingPeers"] = [];
  const { compiled, sets } = rules;
  const { min } = compiled.ruleSet.workflow.peers;
  const theirs = ratees.filter((r) => seesAll || assessed.has(r.id));
  if (min > 0 && theirs.length > 0) {
    // Counted over the whole cycle: naming `theirs` one by one would pass SQLite's 32,766 parameters.
    const counts = await db
      .selectFrom("peer_assignments")
      .select((eb) => ["employee_id", eb.fn.countAll<number>().as("n")])
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .groupBy("employee_id")
      .execute();
    const countOf = new Map(counts.map((c) => [c.employee_id, Number(c.n)]));
    for (const r of theirs) {
      const set = sets.get(r.id);
      const assigned = countOf.get(r.id) ?? 0;
      if (set && sourcesOfSet(compiled.ruleSet, set).has("peer") && assigned < min) missingPeers.push({ ...person(r), assigned, min });
    }
  }
  return { asOf, late, missingPeers };
}

export interface Task extends ExpectedSheet {
  dueDate: string | null;
  daysLate: number | null;
}

/** The sheets the signed-in person is expected to write in the cycle, with their state and deadline. */
export async function tasks(scope: Scope, input: { cycleId: string; asOf?: string }): Promise<Task[]> {
  const { db, regionId, me } = scope;
  const cycle = await findCycle(db, regionId, input.cycleId);
  if (!me) return [];
  const asOf = input.asOf ?? todayInIndonesia();
  const deadlines = new Map((await cycleDeadlines(db, cycle)).map((d) => [d.source, d.dueDate]));
  const ratees = await rateesFor(scope, cycle);
  const mine = (await expectedSheets(db, cycle, ratees, await setsOf(db, cycle, ratees))).filter((s) => s.rater?.employeeId === me.id);
  return mine.map((s) => {
    const due = deadlines.get(s.source) ?? null;
    const daysLate = due && s.state !== "submitted" ? Math.max(0, daysBetween(due, asOf)) : null;
    return { ...s, dueDate: due, daysLate };
  });
}
