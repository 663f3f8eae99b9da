// A region's organisation: units as a tree, and its employees. Keys lead with region_id so PostgreSQL can
// be sharded by region; composite foreign keys keep a row from pointing into another region.
/* eslint-disable @typescript-eslint/no-explicit-any -- a frozen migration takes Kysely<any>, never our Database type */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>, dialect: "sqlite" | "postgres"): Promise<void> {
  const json = dialect === "postgres" ? "jsonb" : "text";

  await db.schema
    .createTable("units")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("parent_id", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("type", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("units_pk", ["region_id", "id"])
    .addForeignKeyConstraint("units_parent_fk", ["region_id", "parent_id"], "units", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("units_parent_idx").on("units").columns(["region_id", "parent_id"]).execute();

  await db.schema
    .createTable("employees")
    .addColumn("region_id", "text", (c) => c.notNull().references("regions.id"))
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("nip", "text", (c) => c.notNull())
    .addColumn("nama", "text", (c) => c.notNull())
    .addColumn("jabatan", "text", (c) => c.notNull())
    .addColumn("jenis_jabatan", "text")
    .addColumn("jenjang", "text")
    .addColumn("golongan", "text")
    .addColumn("status", "text")
    .addColumn("unit_id", "text", (c) => c.notNull())
    .addColumn("atasan_nip", "text")
    .addColumn("attributes", json, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("history", json, (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("employees_pk", ["region_id", "id"])
    .addUniqueConstraint("employees_nip_unique", ["region_id", "nip"])
    .addForeignKeyConstraint("employees_unit_fk", ["region_id", "unit_id"], "units", ["region_id", "id"])
    .execute();
  await db.schema.createIndex("employees_unit_idx").on("employees").columns(["region_id", "unit_id"]).execute();
  await db.schema.createIndex("employees_atasan_idx").on("employees").columns(["region_id", "atasan_nip"]).execute();
  await db.schema.createIndex("employees_nama_idx").on("employees").columns(["region_id", "nama"]).execute();
}
