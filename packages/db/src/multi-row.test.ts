// insertRows: the rows stored are those the builder's own statement stores, on each dialect; the builder is
// asked for a statement only for the first part of each power-of-two size of a shape, unless its statement
// binds more than the rows' values (a value in its conflict clause) or the rows are of mixed shapes; the parts
// of one call are stored together or not at all.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { insertRows } from "./multi-row.js";
import { createTestDatabase, type TestDatabase } from "./testing/databases.js";

const AT = "2026-12-06T00:00:00.000Z";

describe.each(inject("dialects"))("multi-row inserts with their text kept (%s)", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database?.dispose());

  const regions = (from: number, count: number, name = (i: number) => `Kota ${i}`) =>
    Array.from({ length: count }, (_, k) => ({ id: `kota-${from + k}`, name: name(from + k), created_at: AT }));
  const stored = (prefix: string) =>
    database.db.selectFrom("regions").select(["id", "name", "created_at"]).where("id", "like", `${prefix}%`).orderBy("id").execute();

  it("asks the builder once per shape and power-of-two size, and stores every part's rows", async () => {
    const { db } = database;
    const built: number[] = [];
    const write = (rows: ReturnType<typeof regions>) =>
      insertRows(db, "regions once", rows, (chunk) => {
        built.push(chunk.length);
        return db.insertInto("regions").values(chunk);
      });
    await write(regions(100, 3));
    await write(regions(103, 3, (i) => `Kabupaten '${i}' — "Ä" 😀`));
    await write(regions(106, 3));
    expect(built).toEqual([2, 1]);
    await write(regions(109, 2));
    expect(built).toEqual([2, 1]);
    await write(regions(111, 7));
    expect(built).toEqual([2, 1, 4]);
    const rows = await stored("kota-1");
    expect(rows.map((r) => r.id)).toEqual(regions(100, 18).map((r) => r.id));
    expect(rows[4]).toEqual({ id: "kota-104", name: `Kabupaten '104' — "Ä" 😀`, created_at: AT });
  });

  it("writes rows of counts that change from call to call with the texts of a few sizes", async () => {
    const { db } = database;
    const built: number[] = [];
    let from = 1000;
    for (const count of [13, 7, 11, 14, 6, 9, 15, 1, 12]) {
      await insertRows(db, "regions varying", regions(from, count), (chunk) => {
        built.push(chunk.length);
        return db.insertInto("regions").values(chunk);
      });
      from += count;
    }
    expect(built).toEqual([8, 4, 1, 2]);
    const rows = await stored("kota-1");
    expect(rows.filter((r) => Number(r.id.slice(5)) >= 1000).map((r) => r.id)).toEqual(regions(1000, from - 1000).map((r) => r.id));
  });

  it("stores none of a call's parts when one fails, outside a transaction", async () => {
    const { db } = database;
    const rows = [...regions(300, 2), { id: "kota-300", name: "Kota 300 lagi", created_at: AT }];
    await expect(insertRows(db, "regions atomic", rows, (chunk) => db.insertInto("regions").values(chunk))).rejects.toThrow();
    expect(await stored("kota-30")).toEqual([]);
  });

  it("compiles each statement whose conflict clause binds a value of its own, and applies that value", async () => {
    const { db } = database;
    let built = 0;
    const upsert = (rows: ReturnType<typeof regions>, renamed: string) =>
      insertRows(db, "regions renamed", rows, (chunk) => {
        built++;
        return db
          .insertInto("regions")
          .values(chunk)
          .onConflict((oc) => oc.column("id").doUpdateSet({ name: renamed }));
      });
    await upsert(regions(200, 3), "pertama");
    expect(built).toBe(2);
    expect((await stored("kota-20")).map((r) => r.name)).toEqual(["Kota 200", "Kota 201", "Kota 202"]);
    await upsert(regions(200, 3), "kedua");
    await upsert(regions(200, 3), "ketiga");
    expect(built).toBe(4);
    expect((await stored("kota-20")).map((r) => r.name)).toEqual(["ketiga", "ketiga", "ketiga"]);
  });

  it("writes rows of mixed shapes through the builder: a column left out takes its default", async () => {
    const { db } = database;
    await db.insertInto("regions").values({ id: "campur", name: "Campur", created_at: AT }).execute();
    let built = 0;
    const units = [
      { region_id: "campur", id: "u-1", parent_id: null, name: "Satu", type: "opd", created_at: AT },
      { region_id: "campur", id: "u-2", parent_id: "u-1", name: "Dua", created_at: AT },
    ];
    for (let round = 0; round < 2; round++) {
      await insertRows(db, "units mixed", units.map((u) => ({ ...u, id: `${u.id}-${round}`, parent_id: u.parent_id && `${u.parent_id}-${round}` })), (chunk) => {
        built++;
        return db.insertInto("units").values(chunk as never);
      });
    }
    expect(built).toBe(2);
    const rows = await db.selectFrom("units").select(["id", "parent_id", "type"]).where("region_id", "=", "campur").orderBy("id").execute();
    expect(rows).toEqual([
      { id: "u-1-0", parent_id: null, type: "opd" },
      { id: "u-1-1", parent_id: null, type: "opd" },
      { id: "u-2-0", parent_id: "u-1-0", type: null },
      { id: "u-2-1", parent_id: "u-1-1", type: null },
    ]);
  });
});
