// From what is stored (the employee, the cycle's submitted assessments, earlier years' predikat) to the
// AppraisalInput the rules engine evaluates. The input is stored with each result, so a what-if can
// replay exactly what was evaluated.
import type { AppraisalInput, Employee, IndicatorValue, PeriodKind, RaterRatings, RaterSource } from "@kinerja/core";
import { parseJson, type AssessmentRow, type CycleRow, type Database, type EmployeeRow } from "@kinerja/db";
import type { Kysely } from "kysely";
import { realisasiFromWorkEntries, withRealisasi } from "../planning/index.js";
import { storedAdjustments } from "../results/index.js";
import { historyFor } from "./history.js";

type Facts = NonNullable<AppraisalInput["facts"]>;

export function employeeOf(row: EmployeeRow, unitType: string | null): Employee {
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

/** Builds the inputs of the given employees for a cycle, in the order given. */
export async function appraisalInputs(
  db: Kysely<Database>,
  cycle: CycleRow,
  employees: EmployeeRow[],
): Promise<AppraisalInput[]> {
  if (employees.length === 0) return [];
  const regionId = cycle.region_id;
  const ids = employees.map((e) => e.id);
  const unitTypes = new Map(
    (await db.selectFrom("units").select(["id", "type"]).where("region_id", "=", regionId).execute()).map((u) => [u.id, u.type]),
  );
  const assessments = await db
    .selectFrom("assessments")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("cycle_id", "=", cycle.id)
    .where("employee_id", "in", ids)
    .where("submitted_at", "is not", null)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  const byEmployee = new Map<string, AssessmentRow[]>();
  for (const a of assessments) byEmployee.set(a.employee_id, [...(byEmployee.get(a.employee_id) ?? []), a]);

  // Earlier years' results, from finalised cycles and imported history, which the rules may read (e.g.
  // promotion needs two consecutive years rated Baik or better).
  const historyOf = await historyFor(db, cycle, ids);
  // Predikat moved by the evaluation forum or an upheld appeal stay moved whenever the cycle is evaluated again.
  const adjustmentsOf = await storedAdjustments(db, regionId, cycle.id, ids);

  // Confirmed work entries give the realisasi of the indicators their plans' IKIs are tied to.
  const realisasi = await realisasiFromWorkEntries(db, cycle, ids);

  return employees.map((row) => {
    const ratings: Partial<Record<RaterSource, RaterRatings[]>> = {};
    const values: Record<string, IndicatorValue> = {};
    const facts: Facts = {};
    for (const a of byEmployee.get(row.id) ?? []) {
      const source = a.source as RaterSource;
      const sheet = parseJson<RaterRatings>(a.ratings);
      if (Object.keys(sheet).length > 0) ratings[source] = [...(ratings[source] ?? []), sheet];
      Object.assign(values, parseJson<Record<string, IndicatorValue>>(a.values));
      Object.assign(facts, parseJson<Facts>(a.facts));
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
    };
    const adjustments = adjustmentsOf.get(row.id);
    if (adjustments) input.adjustments = adjustments;
    return input;
  });
}
