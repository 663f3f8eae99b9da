import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { keepingStatements } from "./dialect.js";

interface Tables {
  items: { id: number; name: string };
}

describe("SQLite statements kept prepared", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  function open(size?: number) {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-statements-"));
    dirs.push(dir);
    const raw = new SqliteDatabase(join(dir, "db.sqlite"));
    const prepared: string[] = [];
    const counting = new Proxy(raw, {
      get(target, key) {
        if (key === "prepare") {
          return (text: string) => {
            prepared.push(text);
            return target.prepare(text);
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: keepingStatements(counting, size) }) });
    return { db, prepared };
  }

  it("prepares a query once and gives the same rows each time it runs with other values", async () => {
    const { db, prepared } = open();
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    for (const [id, name] of [[1, "Amplas"], [2, "Binjai"], [3, "Pariaman"]] as const) {
      await db.insertInto("items").values({ id, name }).execute();
    }
    const byId = (id: number) => db.selectFrom("items").select("name").where("id", "=", id).executeTakeFirstOrThrow();
    expect((await byId(1)).name).toBe("Amplas");
    expect((await byId(3)).name).toBe("Pariaman");
    expect((await byId(2)).name).toBe("Binjai");
    expect(prepared.filter((text) => text.startsWith("insert"))).toHaveLength(1);
    expect(prepared.filter((text) => text.startsWith("select"))).toHaveLength(1);
    await db.destroy();
  });

  it("hands a statement still being iterated out once: the same text meanwhile gets a fresh one", () => {
    const dir = mkdtempSync(join(tmpdir(), "kinerja-statements-"));
    dirs.push(dir);
    const raw = new SqliteDatabase(join(dir, "db.sqlite"));
    raw.exec("create table items (id integer primary key); insert into items values (1), (2), (3)");
    const kept = keepingStatements(raw);
    const text = "select id from items order by id";
    const streaming = kept.prepare(text);
    const seen: number[] = [];
    for (const row of streaming.iterate([]) as Iterable<{ id: number }>) {
      seen.push(row.id);
      if (row.id === 2) {
        const meanwhile = kept.prepare(text);
        expect(meanwhile).not.toBe(streaming);
        expect(meanwhile.all([])).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
      }
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(kept.prepare(text)).toBe(streaming);
    kept.close();
  });

  it("reads a table's new columns after the schema changes under a kept statement", async () => {
    const { db } = open();
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    await db.insertInto("items").values({ id: 1, name: "Binjai" }).execute();
    const all = () => db.selectFrom("items").selectAll().execute();
    expect(await all()).toEqual([{ id: 1, name: "Binjai" }]);
    await sql`alter table items add column kind text not null default 'kota'`.execute(db);
    expect(await all()).toEqual([{ id: 1, name: "Binjai", kind: "kota" }]);
    await db.destroy();
  });

  it("keeps at most the given number of statements, dropping the least recently used", async () => {
    const { db, prepared } = open(2);
    await sql`create table items (id integer primary key, name text not null)`.execute(db);
    const q = (column: "id" | "name") => db.selectFrom("items").select(column).execute();
    await q("id");
    await q("name");
    await q("id");
    await sql`select 1`.execute(db); // drops "name", the least recently used
    await q("id");
    await q("name");
    const selects = prepared.filter((text) => text.startsWith("select"));
    expect(selects.filter((text) => text.includes('"name"'))).toHaveLength(2);
    expect(selects.filter((text) => text.includes('"id"'))).toHaveLength(1);
    await db.destroy();
  });
});
