// Demo data for a region: its units, employees and a cycle's assessments, from @kinerja/core's generator.
// `demoAppraisals` is the only call to the generator, so another source of demo data replaces one function.
import { generateDemo, historyYear, type AppraisalInput, type DemoProfile, type RaterRatings, type RuleSet } from "@kinerja/core";
import { newId, now, toJson, type Database, type NewAssessment, type NewEmployee, type NewImportedHistory } from "@kinerja/db";
import type { Kysely } from "kysely";
import { forgetUnitTree } from "../organisation/units.js";

export function demoAppraisals(ruleSet: RuleSet, profile: DemoProfile, options: { size: number; seed: number; year?: number }): AppraisalInput[] {
  return [...generateDemo(ruleSet, profile, options)];
}

const INSERT_CHUNK = 200;

async function insertChunked<T extends "employees" | "assessments" | "imported_history">(
  db: Kysely<Database>,
  table: T,
  rows: T extends "employees" ? NewEmployee[] : T extends "assessments" ? NewAssessment[] : NewImportedHistory[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db.insertInto(table).values(rows.slice(i, i + INSERT_CHUNK) as never).execute();
  }
}

/** Writes the profile's units and the employees of the appraisals; returns employee id by NIP. */
export async function writeDemoOrganisation(
  db: Kysely<Database>,
  regionId: string,
  profile: DemoProfile,
  inputs: AppraisalInput[],
): Promise<Map<string, string>> {
  const at = now();
  // Parents first, so each unit's parent already exists.
  const pending = [...profile.units];
  const written = new Set<string>();
  while (pending.length > 0) {
    const index = pending.findIndex((u) => u.parent === null || written.has(u.parent));
    if (index < 0) throw new Error(`demo profile ${profile.region.id}: unit parents form a loop or name a missing unit`);
    const [unit] = pending.splice(index, 1);
    if (!unit) break;
    await db
      .insertInto("units")
      .values({ region_id: regionId, id: unit.id, parent_id: unit.parent, name: unit.name, type: unit.type, created_at: at })
      .execute();
    written.add(unit.id);
  }
  forgetUnitTree(regionId);
  const ids = new Map<string, string>();
  const employees: NewEmployee[] = inputs.map(({ employee }) => {
    const id = newId();
    ids.set(employee.nip, id);
    const { atasan, ...attributes } = employee.attributes ?? {};
    return {
      region_id: regionId,
      id,
      nip: employee.nip,
      nama: employee.nama,
      jabatan: employee.jabatan,
      jenis_jabatan: employee.jenisJabatan ?? null,
      jenjang: employee.jenjang ?? null,
      golongan: employee.golongan ?? null,
      status: employee.status ?? null,
      unit_id: employee.unit,
      atasan_nip: typeof atasan === "string" ? atasan : null,
      attributes: toJson(attributes),
      created_at: at,
      updated_at: at,
    };
  });
  await insertChunked(db, "employees", employees);
  // The demo's earlier years stand for results from before Kinerja.
  const history: NewImportedHistory[] = inputs.flatMap(({ employee, history: earlier = [] }) =>
    earlier.flatMap((entry) => {
      const year = historyYear(entry);
      return year === null ? [] : [{ region_id: regionId, employee_id: ids.get(employee.nip)!, year, predikat: entry.predikat, imported_by: "data demo", imported_at: at }];
    }),
  );
  await insertChunked(db, "imported_history", history);
  return ids;
}

/** Writes each appraisal's ratings, values and facts as submitted assessments of the cycle. */
export async function writeDemoAssessments(
  db: Kysely<Database>,
  regionId: string,
  cycleId: string,
  inputs: AppraisalInput[],
  employeeIds: Map<string, string>,
): Promise<number> {
  const at = now();
  const rows: NewAssessment[] = [];
  for (const input of inputs) {
    const employeeId = employeeIds.get(input.employee.nip);
    if (!employeeId) continue;
    const atasan = input.employee.attributes?.atasan;
    const sheets: Array<{ source: string; rater: string; ratings: RaterRatings }> = [];
    for (const [source, given] of Object.entries(input.ratings ?? {})) {
      const list = Array.isArray(given) ? given : given ? [given] : [];
      list.forEach((ratings, k) => {
        const rater =
          source === "self" ? input.employee.nip : source === "supervisor" && typeof atasan === "string" ? atasan : `${source}-${k + 1}`;
        sheets.push({ source, rater, ratings });
      });
    }
    // Objective values and facts are the assessor's to record: they ride on the supervisor's sheet.
    let carrier = sheets.find((s) => s.source === "supervisor") ?? sheets[0];
    if (!carrier) {
      carrier = { source: "supervisor", rater: typeof atasan === "string" ? atasan : "supervisor-1", ratings: {} };
      sheets.push(carrier);
    }
    for (const sheet of sheets) {
      rows.push({
        region_id: regionId,
        id: newId(),
        cycle_id: cycleId,
        employee_id: employeeId,
        source: sheet.source,
        rater: sheet.rater,
        rater_user_id: null,
        ratings: toJson(sheet.ratings),
        values: toJson(sheet === carrier ? (input.values ?? {}) : {}),
        facts: toJson(sheet === carrier ? (input.facts ?? {}) : {}),
        submitted_at: at,
        created_at: at,
        updated_at: at,
      });
    }
  }
  await insertChunked(db, "assessments", rows);
  return rows.length;
}
