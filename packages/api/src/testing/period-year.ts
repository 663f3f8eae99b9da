// For browser tests: a demo region that appraises by quarter, with a year of four Triwulan cycles already run
// and finalised, written into the database a running server uses. Its published rule set becomes the
// region's own with `period` set to quarterly and the given roll-up method; each quarter's sheets are those
// of the region's seeded cycle, so everyone has a result in every quarter. The annual cycle is left for the
// test's person to create and run.
import type { AnnualResult } from "@kinerja/core";
import { newId, now, openDatabase, parseJson, toJson, type Database, type DatabaseConfig } from "@kinerja/db";
import type { Kysely } from "kysely";
import { systemScope } from "../services/access/index.js";
import { createCycle, finaliseCycle, JobRunner, openCycle, startCycleRun } from "../services/cycles/index.js";
import type { Actor } from "../services/lib/index.js";
import { publishRuleSet, saveDraft } from "../services/rules/index.js";

const PREPARER: Actor = { id: null, name: "Data uji (triwulan)", role: "system" };
const ROMAN = ["I", "II", "III", "IV"];

/** One performance dialogue per employee with a superior, held mid-quarter, recorded in the quarter's cycle. */
async function quarterDialogues(db: Kysely<Database>, regionId: string, cycleId: string, year: number, quarter: number): Promise<void> {
  const employees = await db.selectFrom("employees").select(["id", "atasan_nip"]).where("region_id", "=", regionId).where("atasan_nip", "is not", null).execute();
  const at = now();
  const heldOn = `${year}-${String(quarter * 3 - 1).padStart(2, "0")}-15`;
  for (const employee of employees) {
    await db
      .insertInto("dialogues")
      .values({
        region_id: regionId,
        id: newId(),
        cycle_id: cycleId,
        employee_id: employee.id,
        assessor_nip: employee.atasan_nip,
        held_on: heldOn,
        topic: `Capaian triwulan ${ROMAN[quarter - 1]}`,
        agreed_actions: toJson(["Laporan tepat waktu"]),
        notes: null,
        recorded_by: null,
        recorded_by_name: PREPARER.name,
        usefulness: null,
        usefulness_comment: null,
        rated_at: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
}

/**
 * Writes the region's quarterly rule set (roll-up `method`, with `bounds` for a judgement) and four finalised
 * quarters of `year` (with `dialogues`, one performance dialogue per quarter for everyone with a superior); returns
 * the quarters' cycle ids in order, then, with `annual`, the year's cycle run on them.
 */
export async function finalisedQuarters(
  database: DatabaseConfig,
  regionId: string,
  year: number,
  method: AnnualResult["method"],
  options: { bounds?: number; annual?: boolean; dialogues?: boolean } = {},
): Promise<string[]> {
  const { db, close } = openDatabase(database);
  const jobs = new JobRunner({ onError: () => undefined });
  try {
    const scope = systemScope(db, regionId, PREPARER);
    const published = await db
      .selectFrom("rule_set_versions")
      .select("content")
      .where("region_id", "=", regionId)
      .where("status", "=", "published")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    const stored = parseJson<Record<string, unknown>>(published.content);
    // The region's own year-of-periods cases show its own roll-up method; with another method they would fail.
    const tests = Array.isArray(stored.tests) ? stored.tests.filter((test) => !(test as { periods?: unknown }).periods) : stored.tests;
    const content = { ...stored, tests, period: { kind: "quarterly", rollup: { method, ...(options.bounds === undefined ? {} : { bounds: options.bounds }) } } };
    const { version } = await saveDraft(scope, { content });
    await publishRuleSet(scope, version);

    const seeded = await db.selectFrom("cycles").select("id").where("region_id", "=", regionId).orderBy("created_at").executeTakeFirstOrThrow();
    const sheets = await db.selectFrom("assessments").selectAll().where("region_id", "=", regionId).where("cycle_id", "=", seeded.id).where("submitted_at", "is not", null).execute();
    const ids: string[] = [];
    for (const [i, roman] of ROMAN.entries()) {
      const cycle = await createCycle(scope, { name: `Triwulan ${roman} ${year}`, periodKind: "quarterly", periodLabel: `${year}-Q${i + 1}` });
      await openCycle(scope, cycle.id);
      await db.transaction().execute(async (trx) => {
        for (const sheet of sheets) await trx.insertInto("assessments").values({ ...sheet, id: newId(), cycle_id: cycle.id }).execute();
        if (options.dialogues) await quarterDialogues(trx, regionId, cycle.id, year, i + 1);
      });
      await startCycleRun(scope, jobs, { cycleId: cycle.id });
      await jobs.idle();
      await finaliseCycle(scope, cycle.id);
      ids.push(cycle.id);
    }
    if (options.annual) {
      // The year's own cycle, opened and run: it rolls the four quarters up (its id is the last one returned).
      const annual = await createCycle(scope, { name: `Penilaian Tahunan ${year}`, periodKind: "annual", periodLabel: String(year) });
      await openCycle(scope, annual.id);
      await startCycleRun(scope, jobs, { cycleId: annual.id });
      await jobs.idle();
      ids.push(annual.id);
    }
    return ids;
  } finally {
    await jobs.idle();
    await close();
  }
}
