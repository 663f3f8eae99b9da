// Results from before Kinerja: one annual predikat per employee per year, imported from a sheet (NIP, year,
// predikat), so rules that count consecutive years (promotion needs two years rated Baik or better) can
// read the years before the region's first finalised cycle. It replaces employees.history, a list of
// { period, predikat } without years: each of its entries whose period label begins with a year moves here
// as that year (the last entry of a year wins), and the column goes.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("imported_history")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("employee_id", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("predikat", "text", (c) => c.notNull())
    // Who imported it and when: the audit log holds the import itself.
    .addColumn("imported_by", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("imported_history_pk", ["region_id", "employee_id", "year"])
    .addForeignKeyConstraint("imported_history_employee_fk", ["region_id", "employee_id"], "employees", ["region_id", "id"])
    .execute();

  const rows = (await db.selectFrom("employees").select(["region_id", "id", "history", "updated_at"]).execute()) as Array<{
    region_id: string;
    id: string;
    history: string | null;
    updated_at: string;
  }>;
  for (const row of rows) {
    const byYear = new Map<number, string>();
    let entries: unknown = [];
    try {
      entries = JSON.parse(row.history ?? "[]");
    } catch {
      entries = [];
    }
    for (const entry of Array.isArray(entries) ? entries : []) {
      const { period, predikat } = (entry ?? {}) as { period?: unknown; predikat?: unknown };
      const year = typeof period === "string" ? /^(\d{4})(?:$|-)/.exec(period)?.[1] : undefined;
      if (year !== undefined && typeof predikat === "string" && predikat !== "") byYear.set(Number(year), predikat);
    }
    if (byYear.size === 0) continue;
    await db
      .insertInto("imported_history")
      .values(
        [...byYear].map(([year, predikat]) => ({
          region_id: row.region_id,
          employee_id: row.id,
          year,
          predikat,
          imported_by: "data pegawai sebelumnya",
          imported_at: row.updated_at,
        })),
      )
      .execute();
  }
  await db.schema.alterTable("employees").dropColumn("history").execute();
}
