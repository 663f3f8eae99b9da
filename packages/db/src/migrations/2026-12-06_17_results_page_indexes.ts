// Indexes for the results page (`result.list`: a run's results in NIP order, filtered by a unit subtree and
// a predikat, a page after a cursor) and for counting a run's results by unit and predikat. Each index leads
// with region_id and run_id, and carries the filter columns after its order so a filter is checked in the
// index before a row is read (SQLite reads a row only for the entries that pass):
//   results_nip_page_idx        NIP order, unit and predikat checked in the index (no filter, or a wide subtree)
//   results_predikat_page_idx   one predikat in NIP order, the unit checked in the index
//   results_unit_page_idx       a few units and a predikat, sorted after (a narrow subtree); the counts by
//                               unit and predikat read it alone, and with the employee id, joined to
//                               an outcome type's rows, without reading a result row either
// They replace the narrower indexes on the same leading columns, which they cover.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>, _dialect: "sqlite" | "postgres"): Promise<void> {
  await db.schema.createIndex("results_nip_page_idx").on("results").columns(["region_id", "run_id", "nip", "unit_id", "predikat"]).execute();
  await db.schema.createIndex("results_predikat_page_idx").on("results").columns(["region_id", "run_id", "predikat", "nip", "unit_id"]).execute();
  await db.schema.createIndex("results_unit_page_idx").on("results").columns(["region_id", "run_id", "unit_id", "predikat", "nip", "employee_id"]).execute();
  await db.schema.dropIndex("results_nip_idx").execute();
  await db.schema.dropIndex("results_predikat_idx").execute();
  await db.schema.dropIndex("results_unit_idx").execute();
}
