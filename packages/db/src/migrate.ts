// Brings a database up to the latest schema with kysely's Migrator; the server calls it on every start.
import { Migrator, sql, type DatabaseIntrospector, type Kysely, type Migration, type MigrationResult } from "kysely";
import type { DialectName } from "./dialect.js";
import type { Database } from "./schema.js";
import { migrations } from "./migrations/index.js";

export class MigrationError extends Error {
  readonly results: MigrationResult[];
  constructor(cause: unknown, results: MigrationResult[]) {
    const failed = results.find((r) => r.status === "Error");
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(failed ? `migration ${failed.migrationName} failed: ${reason}` : `migrations failed: ${reason}`, { cause });
    this.name = "MigrationError";
    this.results = results;
  }
}

/** Runs every pending migration in name order; returns the names it ran. */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const forDialect: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(migrations)) forDialect[name] = { up: (kysely) => migration.up(kysely, dialect) };
  // kysely looks for its own tables in every schema unless told which one: name the schema we work in, so
  // databases sharing a PostgreSQL server in different schemas (the tests run in parallel) never mix up.
  const schema =
    dialect === "postgres" ? ((await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0]?.schema ?? undefined) : undefined;
  const migrator = new Migrator({
    db: schema ? lookingIn(db, schema) : db,
    provider: { getMigrations: async () => forDialect },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(error, results);
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * The database as the migrator sees it, its introspection looking in `schema` alone. kysely's own lists every
 * column of every table in every schema (with pg_get_serial_sequence for each), to learn whether its two
 * tables exist: slow where a server holds many schemas, and it fails with "relation … does not exist" when
 * another schema's table is dropped meanwhile.
 */
function lookingIn(db: Kysely<Database>, schema: string): Kysely<Database> {
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db)).rows,
    getTables: async () =>
      (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db)).rows.map((row) => ({
        name: row.name,
        schema,
        isView: false,
        columns: [],
      })),
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  return new Proxy(db, {
    get(target, key) {
      if (key === "introspection") return introspection;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The migrations the code knows, in the order they run. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}
