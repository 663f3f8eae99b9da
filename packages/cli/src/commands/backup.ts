// `kinerja backup <file>` and `kinerja restore <file>`: the SQLite database the server uses (DATABASE_URL, or
// data/kinerja.db), copied online to a file, and a copy checked and put back. PostgreSQL is backed up with
// its own tools, which these commands name rather than imitate.
import { resolve } from "node:path";
import { backupSqlite, BackupError, databaseConfigFromEnv, restoreSqlite, type DatabaseConfig } from "@kinerja/db";

const POSTGRES_TOOLS =
  "DATABASE_URL menunjuk ke PostgreSQL: gunakan alat PostgreSQL sendiri, " +
  'pg_dump --format=custom --file=<berkas> "$DATABASE_URL" untuk mencadangkan dan ' +
  'pg_restore --clean --if-exists --dbname="$DATABASE_URL" <berkas> untuk memulihkan (lihat docs/server-operations.md)';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function sqliteFile(env: NodeJS.ProcessEnv, log: (line: string) => void): string | null {
  let config: DatabaseConfig;
  try {
    config = databaseConfigFromEnv(env);
  } catch (error) {
    log(`kinerja: ${(error as Error).message}`);
    return null;
  }
  if (config.dialect === "postgres") {
    log(POSTGRES_TOOLS);
    return null;
  }
  return config.file;
}

function refused(error: unknown, log: (line: string) => void): number {
  if (!(error instanceof BackupError)) throw error;
  log(`✗ ${error.message}`);
  return 1;
}

export function backup(file: string, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  const source = sqliteFile(env, log);
  if (source === null) return 2;
  try {
    const copy = backupSqlite(source, resolve(file));
    log(`✓ Cadangan ${source} ditulis ke ${copy.file} (${megabytes(copy.bytes)}, ${copy.migrations} migrasi)`);
    return 0;
  } catch (error) {
    return refused(error, log);
  }
}

export function restore(file: string, log: (line: string) => void, env: NodeJS.ProcessEnv = process.env): number {
  const target = sqliteFile(env, log);
  if (target === null) return 2;
  try {
    const restored = restoreSqlite(resolve(file), target);
    log(`✓ ${target} dipulihkan dari ${resolve(file)} (${megabytes(restored.bytes)}, ${restored.migrations} migrasi)`);
    if (restored.previous) log(`  Basis data sebelumnya disimpan sebagai ${restored.previous}`);
    log("  Jalankan server lagi; migrasi yang belum ada dijalankan saat server mulai.");
    return 0;
  } catch (error) {
    return refused(error, log);
  }
}
