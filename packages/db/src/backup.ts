// Backing up and restoring the SQLite database file, for `kinerja backup` and `kinerja restore`. A backup is
// taken online with VACUUM INTO: one read transaction, so the copy is the database as it stood at one moment
// even while a server keeps writing (WAL readers never block writers). A restore first proves the file is a
// Kinerja database this version can run (it opens, passes PRAGMA integrity_check, and its migrations are ones
// this code knows), then swaps it in with one rename, keeping the old file aside. PostgreSQL has its own tools
// (pg_dump, pg_restore); these functions are for SQLite only.
import { existsSync, linkSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { migrationNames } from "./migrate.js";

/** A backup or restore refused or failed, with a message (Indonesian) saying what and what to do. */
export class BackupError extends Error {
  override name = "BackupError";
}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Migrations the copied database had run. */
  migrations: number;
}

export interface RestoreSummary extends BackupSummary {
  /** Where the database it replaced was kept, or null when there was none. */
  previous: string | null;
}

/** The tables that make a file a Kinerja database, beside kysely's migration table. */
const KINERJA_TABLES = ["regions", "user", "employees", "cycles", "audit_log"];

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, "-");

function sqliteError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The migrations a database file has run, after checking it is whole and a Kinerja database. */
function checkKinerjaFile(file: string, what: string): number {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${what} ${file} tidak dapat dibuka sebagai basis data SQLite: ${sqliteError(error)}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    } catch (error) {
      throw new BackupError(`${what} ${file} bukan basis data SQLite yang utuh: ${sqliteError(error)}`);
    }
    if (problems.length !== 1 || problems[0] !== "ok") {
      throw new BackupError(`${what} ${file} rusak: PRAGMA integrity_check melaporkan ${problems.slice(0, 5).join("; ")}`);
    }
    const tables = new Set(
      (db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((t) => t.name),
    );
    const missing = ["kysely_migration", ...KINERJA_TABLES].filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new BackupError(`${what} ${file} bukan basis data Kinerja: tabel ${missing.join(", ")} tidak ada`);
    }
    const applied = (db.prepare("select name from kysely_migration order by name").all() as Array<{ name: string }>).map((m) => m.name);
    const known = migrationNames();
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new BackupError(
        `${what} ${file} dibuat oleh versi Kinerja yang lebih baru: migrasi ${unknown.join(", ")} tidak dikenal versi ini; ` +
          `pasang versi yang sama atau lebih baru lalu ulangi`,
      );
    }
    const gap = known.slice(0, applied.length).find((name, i) => applied[i] !== name);
    if (gap !== undefined) {
      throw new BackupError(`${what} ${file}: migrasinya tidak berurutan (${gap} tidak ada); berkas ini bukan cadangan Kinerja yang utuh`);
    }
    return applied.length;
  } finally {
    db.close();
  }
}

/**
 * Writes a consistent copy of the SQLite database `source` to `target` while servers may be using it. The
 * copy is written beside the target under a temporary name and renamed once whole and checked, so a
 * target file never holds half a backup.
 */
export function backupSqlite(source: string, target: string): BackupSummary {
  if (!existsSync(source)) throw new BackupError(`Basis data ${source} tidak ada; periksa DATABASE_URL`);
  if (existsSync(target)) throw new BackupError(`Berkas ${target} sudah ada; pilih nama lain agar cadangan lama tidak tertimpa`);
  if (!existsSync(dirname(target))) throw new BackupError(`Folder ${dirname(target)} tidak ada; buat dulu foldernya`);
  const partial = join(dirname(target), `.${basename(target)}.sebagian-${stamp()}`);
  const db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5_000 });
  try {
    db.prepare("vacuum into ?").run(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`Cadangan dari ${source} gagal: ${sqliteError(error)}`);
  } finally {
    db.close();
  }
  try {
    const migrations = checkKinerjaFile(partial, "Cadangan");
    renameSync(partial, target);
    return { file: target, bytes: statSync(target).size, migrations };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Makes the backup `source` the SQLite database at `target`. Refused, leaving `target` untouched, when the
 * backup is not a whole Kinerja database of this version or when another connection (a running server) has
 * `target` open. The database replaced is kept as `<target>.sebelum-pulih-<time>`.
 */
export function restoreSqlite(source: string, target: string): RestoreSummary {
  if (!existsSync(source)) throw new BackupError(`Berkas cadangan ${source} tidak ada`);
  checkKinerjaFile(source, "Berkas cadangan");
  if (!existsSync(dirname(target))) throw new BackupError(`Folder ${dirname(target)} tidak ada; buat dulu foldernya`);
  // The copy goes beside the target first, so the swap is one rename within one file system.
  const incoming = join(dirname(target), `.${basename(target)}.memulihkan-${stamp()}`);
  const reader = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    reader.prepare("vacuum into ?").run(incoming);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw new BackupError(`Salinan cadangan ${source} tidak dapat ditulis di ${dirname(target)}: ${sqliteError(error)}`);
  } finally {
    reader.close();
  }
  try {
    const migrations = checkKinerjaFile(incoming, "Salinan cadangan");
    const previous = existsSync(target) ? setAside(target) : null;
    renameSync(incoming, target);
    return { file: target, bytes: statSync(target).size, migrations, previous };
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  }
}

/**
 * Keeps the current database under another name (a hard link, so `target` itself stays in place until the
 * rename replaces it). It must be in no one's use: an exclusive lock is taken, which fails while any other
 * connection has the file open, and its write-ahead log is folded in first, so the file kept aside is whole
 * and no stale log is left to be read with the restored one.
 */
function setAside(target: string): string {
  const db = new SqliteDatabase(target, { fileMustExist: true, timeout: 0 });
  try {
    try {
      db.pragma("locking_mode = EXCLUSIVE");
      db.exec("begin exclusive");
      db.exec("commit");
    } catch {
      throw new BackupError(
        `Basis data ${target} sedang dipakai (server Kinerja masih berjalan?); hentikan semua server yang memakainya lalu ulangi pemulihan`,
      );
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  const aside = `${target}.sebelum-pulih-${stamp()}`;
  linkSync(target, aside);
  for (const extra of ["-wal", "-shm"]) rmSync(`${target}${extra}`, { force: true });
  return aside;
}
