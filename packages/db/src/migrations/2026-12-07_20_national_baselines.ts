// The national baselines (PP 30/2019, PermenPANRB 6/2022 …) as versioned data the national operator keeps.
// A version is written once and never changed: a region's rules name the version they extend
// ("national:<baseline>@<version>"), so a cycle pinned to those rules keeps reading the same baseline.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";
  await db.schema
    .createTable("national_baselines")
    .addColumn("baseline_id", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("content", json, (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_id", "text")
    .addColumn("author_name", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("national_baselines_pk", ["baseline_id", "version"])
    .execute();

  if (dialect === "postgres") {
    await sql`
      CREATE TRIGGER national_baselines_append_only BEFORE UPDATE OR DELETE ON national_baselines
      FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
  } else {
    await sql`
      CREATE TRIGGER national_baselines_no_update BEFORE UPDATE ON national_baselines
      BEGIN SELECT RAISE(ABORT, 'national_baselines is never changed in place: UPDATE refused; publish a new version'); END`.execute(db);
    await sql`
      CREATE TRIGGER national_baselines_no_delete BEFORE DELETE ON national_baselines
      BEGIN SELECT RAISE(ABORT, 'national_baselines is never changed in place: DELETE refused; publish a new version'); END`.execute(db);
  }
}
