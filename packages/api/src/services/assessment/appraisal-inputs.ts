// From what is stored (the employee, the cycle's submitted assessments, earlier years' predikat) to the
// AppraisalInput the rules engine evaluates. The input is stored with each result, so a what-if can
// replay exactly what was evaluated.
import {
  attendanceIndicatorIds,
  type AppraisalInput,
  type Employee,
  type IndicatorValue,
  type OrganisationPredikat,
  type PeriodKind,
  type RaterRatings,
  type RaterSource,
  type RuleSet,
  type UnitResult,
} from "@kinerja/core";
import { parseJson, selectArrays, type ArrayRow, type AssessmentRow, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { attendanceFeeds } from "../connectors/index.js";
import { compareText, groupBy } from "../lib/index.js";
import { realisasiFromWorkEntries, withRealisasi } from "../planning/index.js";
import { storedAdjustments } from "../results/index.js";
import { historyFor } from "./history.js";

type Facts = NonNullable<AppraisalInput["facts"]>;

/** What an input reads of a submitted assessment, read as arrays in this order (a part reads some 1,400). */
const SUBMITTED = ["employee_id", "submitted_at", "id", "source", "ratings", "values", "facts"] as const;
type Submitted = ArrayRow<AssessmentRow, typeof SUBMITTED>;

/** In the order they were submitted; at the same moment, by id. */
function bySubmission([, atA, idA]: Submitted, [, atB, idB]: Submitted): number {
  return compareText(atA ?? "", atB ?? "") || compareText(idA, idB);
}

/** The object a sheet's JSON column holds; most sheets' values and facts are empty, and are not parsed. */
function sheetObject<T extends object>(text: string): T | null {
  return text === "{}" ? null : parseJson<T>(text);
}

/** What an input reads of an employee. */
const INPUT_EMPLOYEE = ["id", "nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit_id", "atasan_nip", "attributes"] as const;
export type InputEmployee = Pick<EmployeeRow, (typeof INPUT_EMPLOYEE)[number]>;

/**
 * The employees of the region with these ids, in the order of their ids, with what an input reads of each. A
 * run reads every employee this way: as arrays made objects here, as the driver's objects of every column it
 * took about twice as long.
 */
export async function inputEmployees(db: Kysely<Database>, regionId: string, ids: readonly string[]): Promise<InputEmployee[]> {
  if (ids.length === 0) return [];
  const query = db.selectFrom("employees").select(INPUT_EMPLOYEE).where("region_id", "=", regionId).where("id", "in", ids).orderBy("id");
  return (await selectArrays(db, query, INPUT_EMPLOYEE)).map(([id, nip, nama, jabatan, jenis_jabatan, jenjang, golongan, status, unit_id, atasan_nip, attributes]) => ({
    id,
    nip,
    nama,
    jabatan,
    jenis_jabatan,
    jenjang,
    golongan,
    status,
    unit_id,
    atasan_nip,
    attributes,
  }));
}

export function employeeOf(row: InputEmployee, unitType: string | null): Employee {
  const employee: Employee = { nip: row.nip, nama: row.nama, jabatan: row.jabatan, unit: row.unit_id };
  if (row.jenis_jabatan) employee.jenisJabatan = row.jenis_jabatan;
  if (row.jenjang) employee.jenjang = row.jenjang;
  if (row.golongan) employee.golongan = row.golongan;
  if (row.status) employee.status = row.status;
  if (unitType) employee.unitType = unitType;
  const attributes = parseJson<Record<string, string | number | boolean>>(row.attributes);
  if (Object.keys(attributes).length > 0) employee.attributes = attributes;
  return employee;
}

const REPORTING = ["nip", "unit_id", "atasan_nip"] as const;
type Reporting = Pick<EmployeeRow, (typeof REPORTING)[number]>;

/**
 * The NIPs of the employees who lead their unit: someone in the unit reports to them, and their own
 * superior is not in the unit (or they have none). Among `rows`, every employee of the units concerned.
 */
export function unitLeaders(rows: readonly Reporting[]): Set<string> {
  const unitOf = new Map(rows.map((r) => [r.nip, r.unit_id]));
  const ledWithinUnit = new Set(rows.filter((r) => r.atasan_nip !== null && unitOf.get(r.atasan_nip) === r.unit_id).map((r) => r.atasan_nip));
  return new Set(
    rows.filter((r) => ledWithinUnit.has(r.nip) && (r.atasan_nip === null || unitOf.get(r.atasan_nip) !== r.unit_id)).map((r) => r.nip),
  );
}

/** NIPs looked up in one statement by `leadersAmong`. */
const LOOKUP_SLICE = 10_000;

/**
 * The NIPs among `employees` of those who lead their unit, as `unitLeaders` finds them among everyone of their
 * units, from only the rows it reads for them: the employees, who reports to each, and each one's superior.
 * A cycle's run asks this batch by batch, and reading every employee of the batch's units each time made the
 * run quadratic in a region whose units each batch touches.
 */
export async function leadersAmong(db: Kysely<Database>, regionId: string, employees: readonly Reporting[]): Promise<Set<string>> {
  const nips = employees.map((e) => e.nip);
  const superiors = [...new Set(employees.flatMap((e) => (e.atasan_nip === null ? [] : [e.atasan_nip])))];
  const around = async (column: "atasan_nip" | "nip", values: string[]) => {
    const rows: Reporting[] = [];
    // A form's reads ask this of a whole cycle: in slices under SQLite's 32,766 bound parameters.
    for (let at = 0; at < values.length; at += LOOKUP_SLICE) {
      const slice = values.slice(at, at + LOOKUP_SLICE);
      const query = db.selectFrom("employees").select(REPORTING).where("region_id", "=", regionId).where(column, "in", slice);
      // As arrays, made objects here: a run's part reads about as many rows as it has employees.
      for (const [nip, unit_id, atasan_nip] of await selectArrays(db, query, REPORTING)) rows.push({ nip, unit_id, atasan_nip });
    }
    return rows;
  };
  const ofUnits = unitLeaders([...employees, ...(await around("atasan_nip", nips)), ...(await around("nip", superiors))]);
  return new Set(nips.filter((nip) => ofUnits.has(nip)));
}

/**
 * The unit's result an appraisal reads (PermenPANRB 6/2022: a unit leader's hasil kerja is the unit's own
 * achievement): the predikat organisasi the cycle gives the employee's unit, where set, and whether the
 * employee leads it.
 */
export function unitResultOf(row: Reporting, unitPredikat: Readonly<Record<string, OrganisationPredikat>>, leaders: ReadonlySet<string>): UnitResult {
  const predikat = Object.hasOwn(unitPredikat, row.unit_id) ? unitPredikat[row.unit_id] : undefined;
  return { ...(predikat ? { predikat } : {}), pimpinan: leaders.has(row.nip) };
}

/**
 * Builds the inputs of the given employees for a cycle, in the order given. `ruleSet` (the cycle's) names
 * the attendance indicators that imported attendance gives their days to.
 */
export async function appraisalInputs(
  db: Kysely<Database>,
  cycle: CycleRow,
  employees: readonly InputEmployee[],
  ruleSet?: Pick<RuleSet, "indicatorSets">,
): Promise<AppraisalInput[]> {
  if (employees.length === 0) return [];
  const regionId = cycle.region_id;
  const ids = employees.map((e) => e.id);
  // The types of these employees' units only: a run asks for every part of its batches, and the region's
  // whole list of units each time grew with the region.
  const unitIds = [...new Set(employees.map((e) => e.unit_id))];
  const unitTypes = new Map(
    (await db.selectFrom("units").select(["id", "type"]).where("region_id", "=", regionId).where("id", "in", unitIds).execute()).map((u) => [u.id, u.type]),
  );
  // Only what the input is made of. Each employee's sheets are put in the order they were submitted here, on
  // a handful of rows each: sorting all of a batch's rows in the database took it a temporary B-tree and
  // twice the time of the read itself.
  const assessments = await selectArrays(
    db,
    db
      .selectFrom("assessments")
      .select(SUBMITTED)
      .where("region_id", "=", regionId)
      .where("cycle_id", "=", cycle.id)
      .where("employee_id", "in", ids)
      .where("submitted_at", "is not", null),
    SUBMITTED,
  );
  const byEmployee = groupBy(assessments, ([employeeId]) => employeeId);
  for (const own of byEmployee.values()) if (own.length > 1) own.sort(bySubmission);

  // Earlier years' results, from finalised cycles and imported history, which the rules may read (e.g.
  // promotion needs two consecutive years rated Baik or better).
  const historyOf = await historyFor(db, cycle, ids);
  // Predikat moved by the evaluation forum or an upheld appeal stay moved whenever the cycle is evaluated again.
  const adjustmentsOf = await storedAdjustments(db, regionId, cycle.id, ids);

  // Which of them lead their unit, from their reporting lines.
  const leaders = await leadersAmong(db, regionId, employees);
  const unitPredikat = parseJson<Record<string, OrganisationPredikat>>(cycle.unit_predikat);

  // Confirmed work entries give the realisasi of the indicators their plans' IKIs are tied to.
  const realisasi = await realisasiFromWorkEntries(db, cycle, ids);
  // Imported attendance gives the days absent without leave (connectors/attendance).
  const attendance = await attendanceFeeds(db, cycle, ids, ruleSet ? attendanceIndicatorIds(ruleSet) : []);

  return employees.map((row) => {
    const ratings: Partial<Record<RaterSource, RaterRatings[]>> = {};
    const values: Record<string, IndicatorValue> = {};
    const facts: Facts = {};
    for (const [, , , source, sheetRatings, sheetValues, sheetFacts] of byEmployee.get(row.id) ?? []) {
      const sheet = sheetObject<RaterRatings>(sheetRatings);
      if (sheet && Object.keys(sheet).length > 0) (ratings[source as RaterSource] ??= []).push(sheet);
      Object.assign(values, sheetObject<Record<string, IndicatorValue>>(sheetValues));
      Object.assign(facts, sheetObject<Facts>(sheetFacts));
    }
    const fed = attendance.get(row.id);
    if (fed) {
      Object.assign(values, fed.values);
      Object.assign(facts, fed.facts);
    }
    const history = historyOf.get(row.id) ?? [];
    const input: AppraisalInput = {
      employee: employeeOf(row, unitTypes.get(row.unit_id) ?? null),
      period: { kind: cycle.period_kind as PeriodKind, label: cycle.period_label },
      ratings: Object.fromEntries(
        Object.entries(ratings).map(([source, sheets]) => [source, sheets.length === 1 ? sheets[0] : sheets]),
      ) as AppraisalInput["ratings"],
      values: withRealisasi(values, realisasi.get(row.id)),
      facts,
      history,
      unit: unitResultOf(row, unitPredikat, leaders),
    };
    const adjustments = adjustmentsOf.get(row.id);
    if (adjustments) input.adjustments = adjustments;
    return input;
  });
}
