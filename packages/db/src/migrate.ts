// Brings a database up to the latest schema with kysely's Migrator; the server calls it on every start.
import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from "kysely";
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
  const migrator = new Migrator({ db, provider: { getMigrations: async () => forDialect }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(error, results);
  return results.filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The migrations the code knows, in the order they run. */
export function migrationNames(): string[] {
  return Object.keys(migrations).sort();
}
