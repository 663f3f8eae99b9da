// The sheets each employee of a cycle expects, from the rule set: the sources their indicator set uses,
// the peers chosen for them, their assessor, their direct reports, and the public survey the admin enters;
// each with its state (missing, draft, submitted). Reminders, to-do lists and cycle progress read them.
// Someone who left the region (employees.left_at) owes nothing and is owed nothing more: a sheet on or by
// them is expected only when it was submitted before they left; an assessor who left hands the supervisor's
// sheet to the admin, as a missing assessor does.
import { sourcesOf, sourcesOfSet, type CompiledRuleSet, type IndicatorSet, type RaterSource } from "@kinerja/core";
import type { CycleRow, Database, EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { cycleRules, indicatorSetsOf } from "../rules/index.js";

export interface Person {
  employeeId: string;
  nip: string;
  nama: string;
  unitId: string;
}

export const person = (e: EmployeeRow): Person => ({ employeeId: e.id, nip: e.nip, nama: e.nama, unitId: e.unit_id });

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
export interface CycleSets {
  compiled: CompiledRuleSet;
  sets: Map<string, IndicatorSet>;
}

export async function setsOf(db: Kysely<Database>, cycle: CycleRow, employees: EmployeeRow[]): Promise<CycleSets> {
  const compiled = await cycleRules(db, cycle);
  return { compiled, sets: await indicatorSetsOf(db, cycle, compiled, employees) };
}

/** The list under `key`, made empty when there is none yet. */
function listIn<T>(lists: Map<string, T[]>, key: string): T[] {
  let list = lists.get(key);
  if (!list) lists.set(key, (list = []));
  return list;
}

/** Ratees read together: each read below names at most this many (SQLite takes 32,766 values in a statement). */
const RATEES_PER_READ = 1000;

/** The sheets the cycle's rules expect on the given employees of the cycle (their sets from setsOf), with their state. */
export async function expectedSheets(db: Kysely<Database>, cycle: CycleRow, ratees: EmployeeRow[], sets: CycleSets): Promise<ExpectedSheet[]> {
  const expected: ExpectedSheet[] = [];
  for (let i = 0; i < ratees.length; i += RATEES_PER_READ) expected.push(...(await expectedOf(db, cycle, ratees.slice(i, i + RATEES_PER_READ), sets)));
  return expected;
}

async function expectedOf(db: Kysely<Database>, cycle: CycleRow, ratees: EmployeeRow[], { compiled, sets }: CycleSets): Promise<ExpectedSheet[]> {
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
  // Pushed, not spread into a new array: a superior may have tens of thousands of reports.
  for (const e of related) if (e.atasan_nip) listIn(reportsOf, e.atasan_nip).push(e);
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
  for (const p of peers) listIn(peersOf, p.ratee_id).push(p);
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
      if ((ratee.left_at !== null || (rater !== null && rater.left_at !== null)) && !sheet?.submitted_at) return;
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
      const submitted = atasan ? sheetOf.get(`${ratee.id}|supervisor|${atasan.nip}`)?.submitted_at : null;
      if (atasan && atasan.left_at !== null && !submitted) add("supervisor", null, "admin BKD (atasan langsung sudah keluar dari wilayah)");
      else add("supervisor", atasan ?? null, atasan ? null : "admin BKD (pegawai ini tidak punya atasan langsung dalam data)");
    }
    if (sources.has("peer")) for (const peer of peersOf.get(ratee.id) ?? []) add("peer", peer);
    if (sources.has("subordinate")) for (const report of reportsOf.get(ratee.nip) ?? []) add("subordinate", report);
    if (sources.has("public") && set.indicators.some((i) => sourcesOf(compiled.ruleSet, i).includes("public"))) {
      add("public", null, "admin BKD (survei kepuasan masyarakat)");
    }
  }
  return expected;
}
