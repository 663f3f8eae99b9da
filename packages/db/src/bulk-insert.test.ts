// bulkInsert: rows stored exactly as given on each dialect, by COPY on PostgreSQL within a transaction (a trigger
// records the statement that wrote each row), by inserts otherwise; all of a call's rows or none, and a failed
// COPY leaves its connection fit for the next transaction.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bulkInsert, copyField } from "./bulk-insert.js";
import type { Database } from "./schema.js";
import { createTestDatabase, type TestDatabase } from "./testing/databases.js";

interface Probe {
  id: string;
  label: string | null;
  amount: number | null;
}

/** The probe table is not in the schema: its rows are passed as a schema table's. */
const write = (db: Kysely<Database>, rows: object[]) => bulkInsert(db, "bulk_probe" as "regions", rows as never);

const AWKWARD = ["tab\there", "line\nbreak", "return\r\n", "back\\slash", "\\N", "\\.", "'quote' \"double\"", "Ä 😀 — Kabupaten", "", " "];

function probes(prefix: string, count: number): Probe[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(6, "0")}`,
    label: i % 7 === 3 ? null : `${AWKWARD[i % AWKWARD.length]}${i}`,
    amount: i % 5 === 1 ? null : i % 2 ? i / 3 : i,
  }));
}

describe.each(inject("dialects"))("bulk inserts (%s)", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    const { db } = database;
    await sql`create table bulk_probe (id text primary key, label text, amount double precision, via text)`.execute(db);
    if (dialect === "postgres") {
      await sql`create function bulk_probe_via() returns trigger language plpgsql as $$
        begin new.via := lower(split_part(ltrim(current_query()), ' ', 1)); return new; end $$`.execute(db);
      await sql`create trigger bulk_probe_via before insert on bulk_probe for each row execute function bulk_probe_via()`.execute(db);
    }
  });
  afterAll(() => database?.dispose());

  const stored = async (prefix: string) => {
    const { rows } = await sql<Probe & { via: string | null }>`select id, label, amount, via from bulk_probe where id like ${`${prefix}-%`} order by id`.execute(database.db);
    return rows;
  };
  const via = dialect === "postgres" ? "copy" : null;

  it("stores every value as given, more of them than one statement binds, by COPY on PostgreSQL in a transaction", async () => {
    const rows = probes("many", 12_000);
    await database.db.transaction().execute((trx) => write(trx, rows));
    const back = await stored("many");
    expect(back.map(({ via: _, ...row }) => row)).toEqual(rows);
    expect(new Set(back.map((row) => row.via))).toEqual(new Set([via]));
  });

  it("writes by inserts outside a transaction, all of them or none", async () => {
    const { db } = database;
    await write(db, probes("outside", 3));
    expect((await stored("outside")).map((row) => row.via)).toEqual(dialect === "postgres" ? ["insert", "insert", "insert"] : [null, null, null]);
    const clash = [...probes("clash", 20_000), probes("clash", 1)[0]!];
    await expect(write(db, clash)).rejects.toThrow(/unique|duplicate/i);
    expect(await stored("clash")).toEqual([]);
  });

  it("writes rows of mixed shapes by inserts, a column left out taking its default", async () => {
    await database.db.transaction().execute((trx) => write(trx, [{ id: "mixed-1", label: "satu", amount: 1 }, { id: "mixed-2", label: "dua" }]));
    expect(await stored("mixed")).toEqual([
      { id: "mixed-1", label: "satu", amount: 1, via: dialect === "postgres" ? "insert" : null },
      { id: "mixed-2", label: "dua", amount: null, via: dialect === "postgres" ? "insert" : null },
    ]);
  });

  it("rolls a failed write back with its transaction, says which row, and leaves the connections fit for more", async () => {
    const { db } = database;
    for (let round = 0; round < 12; round++) {
      const rows = [...probes(`failed${round}`, 50), { id: `failed${round}-000010`, label: "lagi", amount: 0 }];
      const failing = db.transaction().execute(async (trx) => {
        await write(trx, probes(`kept${round}`, 2));
        await write(trx, rows);
      });
      await expect(failing).rejects.toThrow(dialect === "postgres" ? /duplicate key.*bulk_probe|bulk_probe.*line 51/s : /UNIQUE constraint failed: bulk_probe\.id/);
      expect(await stored(`failed${round}`)).toEqual([]);
      expect(await stored(`kept${round}`)).toEqual([]);
    }
    await db.transaction().execute((trx) => write(trx, probes("after", 4)));
    expect((await stored("after")).map((row) => row.via)).toEqual([via, via, via, via]);
  });
});

describe("COPY's text format", () => {
  it("escapes what would end a field or a row, and writes null as \\N", () => {
    expect(copyField(null)).toBe("\\N");
    expect(copyField("\\N")).toBe("\\\\N");
    expect(copyField("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    expect(copyField(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(copyField("biasa")).toBe("biasa");
  });
});
