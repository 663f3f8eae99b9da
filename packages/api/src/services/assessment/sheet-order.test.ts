// An appraisal's input takes an employee's submitted sheets in the order they were submitted (and, submitted at
// the same moment, by id): each source's sheets listed in that order, and where two sheets give the same
// value or fact, the later one's.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { newId } from "@kinerja/db";
import { findCycle } from "../cycles/index.js";
import { appraisalInputs } from "./appraisal-inputs.js";

describe.each(inject("dialects"))("the sheets of an appraisal's input on %s", (dialect) => {
  let env: TestEnv;
  let samarinda: SeededRegion;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    samarinda = await seedRegion(env, "samarinda", 12);
  });
  afterAll(() => env?.dispose());

  it("are taken in the order they were submitted, whatever their ids and raters", async () => {
    const { db } = env.database;
    const { regionId, cycleId } = samarinda;
    const employee = await db.selectFrom("employees").selectAll().where("region_id", "=", regionId).orderBy("nip").limit(1).executeTakeFirstOrThrow();
    const [source] = await db
      .selectFrom("assessments")
      .select("source")
      .where("region_id", "=", regionId)
      .where("employee_id", "=", employee.id)
      .execute();
    // Four sheets of one source from four raters, made in the order of their ids and submitted in reverse, the
    // first two at the same moment (then by id); each tells its place in a rating, a value and a fact.
    await db.deleteFrom("assessments").where("region_id", "=", regionId).where("employee_id", "=", employee.id).execute();
    const ids = [newId(), newId(), newId(), newId()].sort();
    const places = [3, 2, 0, 1];
    await db
      .insertInto("assessments")
      .values(
        ids.map((id, i) => ({
          region_id: regionId,
          id,
          cycle_id: cycleId,
          employee_id: employee.id,
          source: source!.source,
          rater: `penilai-${i}`,
          rater_user_id: null,
          ratings: JSON.stringify({ urutan: places[i]! + 1 }),
          values: JSON.stringify({ urutan: places[i]! }),
          facts: JSON.stringify({ urutan: places[i]!, [`dari_${places[i]}`]: true }),
          submitted_at: new Date(Date.UTC(2026, 11, 1, 8, Math.max(places[i]!, 1))).toISOString(),
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          comment: null,
        })),
      )
      .execute();

    const [input] = await appraisalInputs(db, await findCycle(db, regionId, cycleId), [employee]);
    if (!input) throw new Error("no input for the employee");

    expect(input.ratings?.[source!.source as keyof NonNullable<typeof input.ratings>]).toEqual([{ urutan: 1 }, { urutan: 2 }, { urutan: 3 }, { urutan: 4 }]);
    expect(input.values).toMatchObject({ urutan: 3 });
    expect(input.facts).toEqual({ urutan: 3, dari_0: true, dari_1: true, dari_2: true, dari_3: true });
  });
});
