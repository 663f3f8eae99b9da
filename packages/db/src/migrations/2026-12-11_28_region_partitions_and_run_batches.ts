// National scale. On PostgreSQL the two largest regional tables, results and result_outcomes, become
// LIST-partitioned by region_id: one partition per region, made by a trigger when the region's row is
// inserted (and here for the regions that exist), plus a default partition that takes the rows of a region
// without one, so no write ever fails for want of a partition. Their primary keys, indexes and foreign keys
// already lead with region_id, as a partitioned table's unique keys must; they are made again as they were,
// on the partitioned tables. A region's queries then read only its own partition. SQLite is unchanged.
//
// Both dialects: result_run_batches records each batch of a cycle's run written through the queue (keyed by
// run and batch), so a batch taken again after its worker died is written once only.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  await db.schema
    .createTable("result_run_batches")
    .addColumn("region_id", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("batch", "integer", (c) => c.notNull())
    .addColumn("employees", "integer", (c) => c.notNull())
    .addColumn("worker", "text", (c) => c.notNull())
    .addColumn("written_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("result_run_batches_pk", ["region_id", "run_id", "batch"])
    .addForeignKeyConstraint("result_run_batches_run_fk", ["region_id", "run_id"], "result_runs", ["region_id", "id"])
    .execute();
  if (dialect !== "postgres") return;

  // A partition's name: the table's, then the region id in lower-case letters and digits, then a part of its
  // md5 so two ids that read the same once cleaned never meet (e.g. results_samarinda_5d1e0b2c).
  await sql`
    CREATE FUNCTION region_partition_name(parent text, region text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT parent || '_' || left(trim(both '_' from regexp_replace(lower(region), '[^a-z0-9]+', '_', 'g')), 30) || '_' || left(md5(region), 8)
    $$`.execute(db);
  // Makes the region's partition of each partitioned table in schema `target`, unless it is there.
  await sql`
    CREATE FUNCTION create_region_partitions(target text, region text) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE parent text;
    BEGIN
      FOREACH parent IN ARRAY ARRAY['results', 'result_outcomes'] LOOP
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.%I FOR VALUES IN (%L)',
          target, region_partition_name(parent, region), target, parent, region);
      END LOOP;
    END $$`.execute(db);

  await sql`CREATE TABLE results_partitioned (LIKE results INCLUDING DEFAULTS) PARTITION BY LIST (region_id)`.execute(db);
  await sql`CREATE TABLE result_outcomes_partitioned (LIKE result_outcomes INCLUDING DEFAULTS) PARTITION BY LIST (region_id)`.execute(db);
  await sql`CREATE TABLE results_default PARTITION OF results_partitioned DEFAULT`.execute(db);
  await sql`CREATE TABLE result_outcomes_default PARTITION OF result_outcomes_partitioned DEFAULT`.execute(db);
  // The plain tables step aside, the partitioned ones take their names, each region gets its partitions, and the rows move.
  await sql`ALTER TABLE results RENAME TO results_unpartitioned`.execute(db);
  await sql`ALTER TABLE result_outcomes RENAME TO result_outcomes_unpartitioned`.execute(db);
  await sql`ALTER TABLE results_partitioned RENAME TO results`.execute(db);
  await sql`ALTER TABLE result_outcomes_partitioned RENAME TO result_outcomes`.execute(db);
  const regions = await db.selectFrom("regions").select("id").orderBy("id").execute();
  for (const { id } of regions) await sql`SELECT create_region_partitions(current_schema(), ${id}::text)`.execute(db);
  await sql`INSERT INTO results SELECT * FROM results_unpartitioned`.execute(db);
  await sql`INSERT INTO result_outcomes SELECT * FROM result_outcomes_unpartitioned`.execute(db);
  await sql`DROP TABLE result_outcomes_unpartitioned`.execute(db);
  await sql`DROP TABLE results_unpartitioned`.execute(db);

  // The keys, indexes, foreign keys and the append-only trigger, as they were on the plain tables.
  await sql`ALTER TABLE results ADD CONSTRAINT results_pk PRIMARY KEY (region_id, run_id, employee_id)`.execute(db);
  await sql`ALTER TABLE results ADD CONSTRAINT results_region_id_fkey FOREIGN KEY (region_id) REFERENCES regions(id)`.execute(db);
  await sql`ALTER TABLE results ADD CONSTRAINT results_run_fk FOREIGN KEY (region_id, run_id) REFERENCES result_runs(region_id, id)`.execute(db);
  await sql`CREATE INDEX results_nip_page_idx ON results (region_id, run_id, nip, unit_id, predikat)`.execute(db);
  await sql`CREATE INDEX results_predikat_page_idx ON results (region_id, run_id, predikat, nip, unit_id)`.execute(db);
  await sql`CREATE INDEX results_unit_page_idx ON results (region_id, run_id, unit_id, predikat, nip, employee_id)`.execute(db);
  await sql`CREATE TRIGGER results_no_update BEFORE UPDATE ON results FOR EACH ROW EXECUTE FUNCTION refuse_change_in_place()`.execute(db);
  await sql`ALTER TABLE result_outcomes ADD CONSTRAINT result_outcomes_pk PRIMARY KEY (region_id, run_id, employee_id, type)`.execute(db);
  await sql`ALTER TABLE result_outcomes ADD CONSTRAINT result_outcomes_result_fk FOREIGN KEY (region_id, run_id, employee_id) REFERENCES results(region_id, run_id, employee_id)`.execute(
    db,
  );
  await sql`CREATE INDEX result_outcomes_type_idx ON result_outcomes (region_id, run_id, type)`.execute(db);

  // Every region inserted from now on gets its partitions in the same transaction, whoever inserts it.
  await sql`
    CREATE FUNCTION regions_make_partitions() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM create_region_partitions(TG_TABLE_SCHEMA, NEW.id);
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER regions_partitions AFTER INSERT ON regions FOR EACH ROW EXECUTE FUNCTION regions_make_partitions()`.execute(db);
}
