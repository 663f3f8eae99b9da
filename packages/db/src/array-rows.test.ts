// selectArrays: each row is the array of the values the same query gives as an object, in the columns' order,
// on each dialect, with texts, numbers and nulls as they are; on SQLite the statement giving arrays is kept
// apart from the same query read as objects, which still gives objects, before and after.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { selectArrays } from "./array-rows.js";
import { createTestDatabase, type TestDatabase } from "./testing/databases.js";

const AT = "2026-12-06T00:00:00.000Z";
const COLUMNS = ["name", "id", "created_at"] as const;

describe.each(inject("dialects"))("rows read as arrays (%s)", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const regions = Array.from({ length: 30 }, (_, i) => ({ id: `kota-${String(i).padStart(3, "0")}`, name: i % 7 === 0 ? `Kabupaten '${i}' — "Ä" 😀` : `Kota ${i}`, created_at: AT }));
    // Each region made on PostgreSQL makes its partitions too: a few regions keep the set-up short.
    await database.db.insertInto("regions").values(regions).execute();
  }, 60_000);
  afterAll(() => database?.dispose());

  const query = (from: string) => database.db.selectFrom("regions").select(COLUMNS).where("id", ">=", from).orderBy("id");

  it("gives each row's values in the columns' order, as the same query gives them as objects", async () => {
    const objects = await query("kota-010").execute();
    const arrays = await selectArrays(database.db, query("kota-010"), COLUMNS);
    expect(objects).toHaveLength(20);
    expect(arrays).toEqual(objects.map((row) => [row.name, row.id, row.created_at]));
    const [name, id, createdAt] = arrays[0]!;
    expect([name, id, createdAt]).toEqual(["Kota 10", "kota-010", AT]);
    // The same query as objects still gives objects, its statement not the arrays' one.
    expect(await query("kota-010").execute()).toEqual(objects);
    expect(await selectArrays(database.db, query("kota-028"), COLUMNS)).toEqual([
      [`Kabupaten '28' — "Ä" 😀`, "kota-028", AT],
      ["Kota 29", "kota-029", AT],
    ]);
  });

  it("gives numbers and nulls as they are, and no rows as an empty list", async () => {
    const columns = ["id", "total", "error", "cycle_id"] as const;
    await database.db.insertInto("jobs").values({ region_id: "kota-001", id: "job-1", kind: "cycle_run", cycle_id: null, run_id: null, total: 12, error: null, created_by: null, created_at: AT, started_at: null, finished_at: null, updated_at: AT, owner: null, heartbeat_at: null, lease_expires_at: null }).execute();
    const rows = await selectArrays(database.db, database.db.selectFrom("jobs").select(columns).where("id", "=", "job-1"), columns);
    expect(rows).toEqual([["job-1", 12, null, null]]);
    expect(await selectArrays(database.db, query("tidak-ada"), COLUMNS)).toEqual([]);
  });
});
