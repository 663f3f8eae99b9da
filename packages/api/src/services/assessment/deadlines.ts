// Deadlines per cycle and rater source, the sheets each employee of a cycle expects (from the rule set:
// the sources their indicator set uses; the peers chosen; their assessor; their direct reports), who is
// late with which sheet, and each rater's own to-do list.
import { DomainError } from "../lib/index.js";
import { RATER_SOURCES, raterSourceLabel, sourcesOf, sourcesOfRuleSet, sourcesOfSet, type CompiledRuleSet, type IndicatorSet, type RaterSource } from "@kinerja/core";
import { now, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import type { SessionUser } from "../../auth.js";
import type { Actor } from "../lib/index.js";
import { audit } from "../lib/index.js";
import { indicatorSetsOf } from "../rules/index.js";
import { cycleEmployeeIds } from "../cycles/index.js";
import { findCycle } from "../cycles/index.js";
import { cycleRules } from "../rules/index.js";
import { unitSubtree } from "../organisation/index.js";
import { todayInIndonesia } from "../lib/index.js";

export interface DeadlineView {
  source: RaterSource;
  sourceName: string;
  dueDate: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function isCalendarDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export async function listDeadlines(db: Kysely<Database>, regionId: string, cycleId: string): Promise<DeadlineView[]> {
  await findCycle(db, regionId, cycleId);
  const rows = await db
    .selectFrom("assessment_deadlines")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycleId)
    .execute();
  return rows
    .map((r) => ({ source: r.source as RaterSource, sourceName: raterSourceLabel(r.source as RaterSource), dueDate: r.due_date }))
    .sort((a, b) => RATER_SOURCES.indexOf(a.source) - RATER_SOURCES.indexOf(b.source));
}

/** The source's deadline in the cycle (YYYY-MM-DD), or null when none is set. */
export async function deadlineOf(db: Kysely<Database>, cycle: Pick<CycleRow, "region_id" | "id">, source: RaterSource): Promise<string | null> {
  const row = await db
    .selectFrom("assessment_deadlines")
    .select("due_date")
    .where("region_id", "=", cycle.region_id)
    .where("cycle_id", "=", cycle.id)
    .where("source", "=", source)
    .executeTakeFirst();
  return row?.due_date ?? null;
}

export async function setDeadline(
  db: Kysely<Database>,
  regionId: string,
  actor: Actor,
  input: { cycleId: string; source: RaterSource; dueDate: string },
): Promise<DeadlineView[]> {
  if (!isCalendarDate(input.dueDate)) {
    throw new DomainError({ code: "BAD_REQUEST", message: `Tanggal ${input.dueDate} tidak sah; yang diharapkan: tanggal YYYY-MM-DD, mis. 2025-12-15` });
  }
  await db.transaction().execute(async (trx) => {
    const cycle = await findCycle(trx, regionId, input.cycleId);
    if (cycle.status !== "draft" && cycle.status !== "open") {
      throw new DomainError({ code: "PRECONDITION_FAILED", message: `Siklus berstatus ${cycle.status}; batas waktu hanya diatur saat siklus draf atau dibuka` });
    }
    const { ruleSet } = await cycleRules(trx, cycle);
    const used = new Set<RaterSource>(["supervisor", ...sourcesOfRuleSet(ruleSet)]);
    if (!used.has(input.source)) {
      throw new DomainError({
        code: "BAD_REQUEST",
        message: `Aturan wilayah ini tidak memakai penilaian dari ${raterSourceLabel(input.source)}; batas waktu hanya untuk: ${[...used].map((s) => raterSourceLabel(s)).join(", ")}`,
      });
    }
    const before = await deadlineOf(trx, cycle, input.source);
    if (before !== null) {
      await trx
        .updateTable("assessment_deadlines")
        .set({ due_date: input.dueDate, set_by: actor.id, updated_at: now() })
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("source", "=", input.source)
        .execute();
    } else {
      await trx
        .insertInto("assessment_deadlines")
        .values({ region_id: regionId, cycle_id: cycle.id, source: input.source, due_date: input.dueDate, set_by: actor.id, updated_at: now() })
        .execute();
    }
    await audit(trx, {
      regionId,
      actor,
      action: "assessment.setDeadline",
      entity: "cycle",
      entityId: cycle.id,
      before: before !== null ? { source: input.source, dueDate: before } : null,
      after: { source: input.source, dueDate: input.dueDate },
    });
  });
  return listDeadlines(db, regionId, input.cycleId);
}

interface Person {
  employeeId: string;
  nip: string;
  nama: string;
  unitId: string;
}

const person = (e: EmployeeRow): Person => ({ employeeId: e.id, nip: e.nip, nama: e.nama, unitId: e.unit_id });

/** One sheet the rules expect: `rater` null for sheets the admin enters (public surveys, an assessor missing from the data). */
export interface ExpectedSheet {
  source: RaterSource;
  ratee: Person;
  rater: Person | null;
  /** Where the rater is null: who fills the sheet. */
  raterNote: string | null;
  state: "missing" | "draft" | "submitted";
  assessmentId: string | null;
}

/** The cycle's compiled rules, and the indicator set they choose for each employee (by id). */
interface CycleSets {
  compiled: CompiledRuleSet;
  sets: Map<string, IndicatorSet>;
}

export async function setsOf(db: Kysely<Database>, cycle: CycleRow, employees: EmployeeRow[]): Promise<CycleSets> {
  const compiled = await cycleRules(db, cycle);
  return { compiled, sets: await indicatorSetsOf(db, cycle, compiled, employees) };
}

/** The sheets the cycle's rules expect on the given employees of the cycle (their sets from setsOf), with their state. */
export async function expectedSheets(
  db: Kysely<Database>,
  cycle: CycleRow,
  ratees: EmployeeRow[],
  { compiled, sets }: CycleSets,
): Promise<ExpectedSheet[]> {
  if (ratees.length === 0) return [];
  const regionId = cycle.region_id;
  const ids = ratees.map((r) => r.id);
  const nips = ratees.map((r) => r.nip);
  const atasanNips = [...new Set(ratees.map((r) => r.atasan_nip).filter((n): n is string => n !== null))];
  const related = await db
    .selectFrom("employees")
    .selectAll()
    .where("region_id", "=", regionId)
    .where((eb) => eb.or([eb("atasan_nip", "in", nips), ...(atasanNips.length ? [eb("nip", "in", atasanNips)] : [])]))
    .execute();
  const byNip = new Map(related.map((e) => [e.nip, e]));
  const reportsOf = new Map<string, EmployeeRow[]>();
  for (const e of related) if (e.atasan_nip) reportsOf.set(e.atasan_nip, [...(reportsOf.get(e.atasan_nip) ?? []), e]);
  const peers = await db
    .selectFrom("peer_assignments")
    .innerJoin("employees", (join) =>
      join.onRef("employees.region_id", "=", "peer_assignments.region_id").onRef("employees.id", "=", "peer_assignments.peer_employee_id"),
    )
    .selectAll("employees")
    .select("peer_assignments.employee_id as ratee_id")
    .where("peer_assignments.region_id", "=", regionId)
    .where("peer_assignments.cycle_id", "=", cycle.id)
    .where("peer_assignments.employee_id", "in", ids)
    .execute();
  const peersOf = new Map<string, EmployeeRow[]>();
  for (const p of peers) peersOf.set(p.ratee_id, [...(peersOf.get(p.ratee_id) ?? []), p]);
  const sheets = await db
    .selectFrom("assessments")
    .select(["id", "employee_id", "source", "rater", "submitted_at"])
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "in", ids)
    .execute();
  const sheetOf = new Map(sheets.map((s) => [`${s.employee_id}|${s.source}|${s.rater}`, s]));

  const expected: ExpectedSheet[] = [];
  for (const ratee of ratees) {
    const set = sets.get(ratee.id);
    if (!set) continue;
    const sources = sourcesOfSet(compiled.ruleSet, set);
    const add = (source: RaterSource, rater: EmployeeRow | null, raterNote: string | null = null) => {
      let sheet = rater ? sheetOf.get(`${ratee.id}|${source}|${rater.nip}`) : undefined;
      if (!rater) {
        const any = sheets.filter((s) => s.employee_id === ratee.id && s.source === source);
        sheet = any.find((s) => s.submitted_at !== null) ?? any[0];
      }
      expected.push({
        source,
        ratee: person(ratee),
        rater: rater ? person(rater) : null,
        raterNote,
        state: !sheet ? "missing" : sheet.submitted_at ? "submitted" : "draft",
        assessmentId: sheet?.id ?? null,
      });
    };
    if (sources.has("self")) add("self", ratee);
    if (sources.has("supervisor")) {
      const atasan = ratee.atasan_nip ? byNip.get(ratee.atasan_nip) : undefined;
      add("supervisor", atasan ?? null, atasan ? null : "admin BKD (pegawai ini tidak punya atasan langsung dalam data)");
    }
    if (sources.has("peer")) for (const peer of peersOf.get(ratee.id) ?? []) add("peer", peer);
    if (sources.has("subordinate")) for (const report of reportsOf.get(ratee.nip) ?? []) add("subordinate", report);
    if (sources.has("public") && set.indicators.some((i) => sourcesOf(compiled.ruleSet, i).includes("public"))) {
      add("public", null, "admin BKD (survei kepuasan masyarakat)");
    }
  }
  return expected;
}

/** The employees of the cycle a viewer's reminders cover: everyone for admins, else those they rate or assess. */
async function rateesFor(db: Kysely<Database>, cycle: CycleRow, user: SessionUser, unitId?: string): Promise<EmployeeRow[]> {
  const regionId = cycle.region_id;
  let query = db.selectFrom("employees").selectAll().where("region_id", "=", regionId).where("id", "in", await cycleEmployeeIds(db, cycle));
  if (unitId) query = query.where("unit_id", "in", await unitSubtree(db, regionId, unitId));
  if (user.role !== "admin" && user.role !== "operator") {
    const own = user.username ?? "";
    const me = await db.selectFrom("employees").select(["atasan_nip"]).where("region_id", "=", regionId).where("nip", "=", own).executeTakeFirst();
    const peerOf = db
      .selectFrom("peer_assignments")
      .innerJoin("employees as p", (join) => join.onRef("p.region_id", "=", "peer_assignments.region_id").onRef("p.id", "=", "peer_assignments.peer_employee_id"))
      .select("peer_assignments.employee_id")
      .where("peer_assignments.region_id", "=", regionId)
      .where("peer_assignments.cycle_id", "=", cycle.id)
      .where("p.nip", "=", own);
    query = query.where((eb) =>
      eb.or([eb("nip", "=", own), eb("atasan_nip", "=", own), eb("id", "in", peerOf), ...(me?.atasan_nip ? [eb("nip", "=", me.atasan_nip)] : [])]),
    );
  }
  return query.orderBy("nama").execute();
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
export async function reminders(
  db: Kysely<Database>,
  regionId: string,
  user: SessionUser,
  input: { cycleId: string; asOf?: string; unitId?: string },
): Promise<Reminders> {
  const asOf = input.asOf ?? todayInIndonesia();
  if (!isCalendarDate(asOf)) throw new DomainError({ code: "BAD_REQUEST", message: `Tanggal ${asOf} tidak sah; yang diharapkan: YYYY-MM-DD` });
  const cycle = await findCycle(db, regionId, input.cycleId);
  const deadlines = new Map((await listDeadlines(db, regionId, cycle.id)).map((d) => [d.source, d.dueDate]));
  const ratees = await rateesFor(db, cycle, user, input.unitId);
  const own = user.username ?? "";
  const seesAll = user.role === "admin" || user.role === "operator";
  const assessed = new Set(ratees.filter((r) => user.role === "assessor" && r.atasan_nip === own).map((r) => r.id));
  const visible = (s: ExpectedSheet) => seesAll || s.rater?.nip === own || assessed.has(s.ratee.employeeId);
  const rules = await setsOf(db, cycle, ratees);
  const late: LateSheet[] = [];
  for (const sheet of await expectedSheets(db, cycle, ratees, rules)) {
    const due = deadlines.get(sheet.source);
    if (!due || sheet.state === "submitted" || !visible(sheet)) continue;
    const daysLate = daysBetween(due, asOf);
    if (daysLate > 0) late.push({ ...sheet, dueDate: due, daysLate });
  }
  late.sort((a, b) => b.daysLate - a.daysLate || (a.rater?.nama ?? "").localeCompare(b.rater?.nama ?? "") || a.ratee.nama.localeCompare(b.ratee.nama));

  const missingPeers: Reminders["missingPeers"] = [];
  if (user.role !== "employee") {
    const { compiled, sets } = rules;
    const { min } = compiled.ruleSet.workflow.peers;
    const theirs = ratees.filter((r) => seesAll || assessed.has(r.id));
    if (min > 0 && theirs.length > 0) {
      const counts = await db
        .selectFrom("peer_assignments")
        .select((eb) => ["employee_id", eb.fn.countAll<number>().as("n")])
        .where("region_id", "=", regionId)
        .where("cycle_id", "=", cycle.id)
        .where("employee_id", "in", theirs.map((r) => r.id))
        .groupBy("employee_id")
        .execute();
      const countOf = new Map(counts.map((c) => [c.employee_id, Number(c.n)]));
      for (const r of theirs) {
        const set = sets.get(r.id);
        const assigned = countOf.get(r.id) ?? 0;
        if (set && sourcesOfSet(compiled.ruleSet, set).has("peer") && assigned < min) missingPeers.push({ ...person(r), assigned, min });
      }
    }
  }
  return { asOf, late, missingPeers };
}

export interface Task extends ExpectedSheet {
  dueDate: string | null;
  daysLate: number | null;
}

/** The sheets the signed-in user is expected to write in the cycle, with their state and deadline. */
export async function tasks(db: Kysely<Database>, regionId: string, user: SessionUser, input: { cycleId: string; asOf?: string }): Promise<Task[]> {
  const cycle = await findCycle(db, regionId, input.cycleId);
  const own = user.username;
  if (!own) return [];
  const asOf = input.asOf ?? todayInIndonesia();
  const deadlines = new Map((await listDeadlines(db, regionId, cycle.id)).map((d) => [d.source, d.dueDate]));
  const ratees = await rateesFor(db, cycle, { ...user, role: "employee" });
  const mine = (await expectedSheets(db, cycle, ratees, await setsOf(db, cycle, ratees))).filter((s) => s.rater?.nip === own);
  return mine.map((s) => {
    const due = deadlines.get(s.source) ?? null;
    const daysLate = due && s.state !== "submitted" ? Math.max(0, daysBetween(due, asOf)) : null;
    return { ...s, dueDate: due, daysLate };
  });
}
