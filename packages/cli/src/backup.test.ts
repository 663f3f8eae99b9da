// `kinerja backup` and `kinerja restore` as an operator runs them, on real SQLite files: a backup comes back
// whole, and a restore that cannot be trusted (a damaged file, another program's database, a newer version's,
// a database a server still has open) is refused with the current database left exactly as it was.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { migrateToLatest, openDatabase } from "@kinerja/db";
import { describe, expect, it } from "vitest";
import { kinerjaWith } from "./test-support/run-cli.js";

const workdir = () => mkdtempSync(join(tmpdir(), "kinerja-backup-"));
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A migrated Kinerja database holding the given regions. */
async function kinerjaDatabase(file: string, regions: string[]): Promise<void> {
  const { db, close } = openDatabase({ dialect: "sqlite", file });
  try {
    await migrateToLatest(db, "sqlite");
    for (const id of regions) await db.insertInto("regions").values({ id, name: `Wilayah ${id}`, created_at: new Date().toISOString() }).execute();
  } finally {
    await close();
  }
}

function regionsIn(file: string): string[] {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    return (db.prepare("select id from regions order by id").all() as Array<{ id: string }>).map((r) => r.id);
  } finally {
    db.close();
  }
}

const env = (file: string) => ({ DATABASE_URL: `file:${file}` });

describe("kinerja backup and restore (SQLite)", () => {
  it("backs up the database and restores it into a fresh path, row for row", async () => {
    const dir = workdir();
    const live = join(dir, "kinerja.db");
    await kinerjaDatabase(live, ["binjai", "medan"]);
    const backup = await kinerjaWith(env(live), "backup", join(dir, "cadangan.db"));
    expect(backup.stderr).toMatch(/✓ Cadangan .*kinerja\.db ditulis ke .*cadangan\.db \(.* MB, \d+ migrasi\)/);
    expect(backup.code).toBe(0);

    const fresh = join(dir, "baru", "kinerja.db");
    const restored = await kinerjaWith(env(join(dir, "pulih.db")), "restore", join(dir, "cadangan.db"));
    expect(restored.stderr).toContain("dipulihkan dari");
    expect(restored.stderr).not.toContain("sebelumnya disimpan");
    expect(restored.code).toBe(0);
    expect(regionsIn(join(dir, "pulih.db"))).toEqual(["binjai", "medan"]);
    expect(regionsIn(live)).toEqual(["binjai", "medan"]);

    const missingFolder = await kinerjaWith(env(fresh), "restore", join(dir, "cadangan.db"));
    expect(missingFolder.stderr).toMatch(/Folder .*baru tidak ada/);
    expect(missingFolder.code).toBe(1);
  });

  it("keeps the database it replaces aside, whole", async () => {
    const dir = workdir();
    const live = join(dir, "kinerja.db");
    await kinerjaDatabase(join(dir, "lama.db"), ["binjai"]);
    expect((await kinerjaWith(env(join(dir, "lama.db")), "backup", join(dir, "cadangan.db"))).code).toBe(0);
    await kinerjaDatabase(live, ["binjai", "medan", "deli-serdang"]);

    const restored = await kinerjaWith(env(live), "restore", join(dir, "cadangan.db"));
    expect(restored.code).toBe(0);
    expect(regionsIn(live)).toEqual(["binjai"]);
    const aside = readdirSync(dir).filter((f) => f.startsWith("kinerja.db.sebelum-pulih-"));
    expect(aside).toHaveLength(1);
    expect(restored.stderr).toContain(`Basis data sebelumnya disimpan sebagai ${join(dir, aside[0] as string)}`);
    expect(regionsIn(join(dir, aside[0] as string))).toEqual(["binjai", "deli-serdang", "medan"]);
  });

  it("refuses to write a backup over an existing file", async () => {
    const dir = workdir();
    const live = join(dir, "kinerja.db");
    await kinerjaDatabase(live, ["binjai"]);
    writeFileSync(join(dir, "cadangan.db"), "cadangan lama");
    const result = await kinerjaWith(env(live), "backup", join(dir, "cadangan.db"));
    expect(result.stderr).toMatch(/cadangan\.db sudah ada; pilih nama lain/);
    expect(result.code).toBe(1);
    expect(readFileSync(join(dir, "cadangan.db"), "utf8")).toBe("cadangan lama");
  });

  describe("refuses a restore it cannot trust and leaves the current database untouched", () => {
    const cases: Array<[string, (dir: string) => Promise<string>, RegExp]> = [
      [
        "a damaged Kinerja file",
        async (dir) => {
          const file = join(dir, "rusak.db");
          await kinerjaDatabase(file, ["binjai"]);
          const bytes = readFileSync(file);
          const pageSize = bytes.readUInt16BE(16);
          // Pages past the header, where tables and indexes live, overwritten with noise.
          for (let i = 2 * pageSize; i < Math.min(bytes.length, 8 * pageSize); i++) bytes[i] = (i * 131) % 251;
          writeFileSync(file, bytes);
          return file;
        },
        /rusak\.db (rusak: PRAGMA integrity_check melaporkan|bukan basis data SQLite yang utuh)/,
      ],
      [
        "a text file",
        async (dir) => {
          writeFileSync(join(dir, "catatan.db"), "ini bukan basis data\n".repeat(200));
          return join(dir, "catatan.db");
        },
        /catatan\.db (tidak dapat dibuka sebagai basis data SQLite|bukan basis data SQLite yang utuh)/,
      ],
      [
        "another program's SQLite database",
        async (dir) => {
          const db = new SqliteDatabase(join(dir, "lain.db"));
          db.exec("create table catatan (id integer primary key, isi text); insert into catatan (isi) values ('halo')");
          db.close();
          return join(dir, "lain.db");
        },
        /lain\.db bukan basis data Kinerja: tabel kysely_migration, regions, user, employees, cycles, audit_log tidak ada/,
      ],
      [
        "a newer version's database",
        async (dir) => {
          const file = join(dir, "baru.db");
          await kinerjaDatabase(file, ["binjai"]);
          const db = new SqliteDatabase(file);
          db.prepare("insert into kysely_migration (name, timestamp) values (?, ?)").run("2099-01-01_99_masa_depan", new Date().toISOString());
          db.close();
          return file;
        },
        /baru\.db dibuat oleh versi Kinerja yang lebih baru: migrasi 2099-01-01_99_masa_depan tidak dikenal/,
      ],
    ];

    it.each(cases)("%s", async (_, make, message) => {
      const dir = workdir();
      const live = join(dir, "kinerja.db");
      await kinerjaDatabase(live, ["binjai", "medan"]);
      const before = sha256(live);
      const bad = await make(dir);
      const listing = readdirSync(dir).sort();

      const result = await kinerjaWith(env(live), "restore", bad);
      expect(result.stderr).toMatch(message);
      expect(result.code).toBe(1);
      expect(sha256(live)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(listing);
      expect(regionsIn(live)).toEqual(["binjai", "medan"]);
    });
  });

  it("refuses to restore over a database another connection has open, as a running server does", async () => {
    const dir = workdir();
    const live = join(dir, "kinerja.db");
    await kinerjaDatabase(live, ["binjai", "medan"]);
    await kinerjaDatabase(join(dir, "lain.db"), ["binjai"]);
    expect((await kinerjaWith(env(join(dir, "lain.db")), "backup", join(dir, "cadangan.db"))).code).toBe(0);

    const server = openDatabase({ dialect: "sqlite", file: live });
    try {
      await server.db.selectFrom("regions").selectAll().execute();
      const result = await kinerjaWith(env(live), "restore", join(dir, "cadangan.db"));
      expect(result.stderr).toMatch(/kinerja\.db sedang dipakai \(server Kinerja masih berjalan\?\); hentikan semua server/);
      expect(result.code).toBe(1);
      expect((await server.db.selectFrom("regions").select("id").orderBy("id").execute()).map((r) => r.id)).toEqual(["binjai", "medan"]);
    } finally {
      await server.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes("sebelum-pulih") || f.includes("memulihkan"))).toEqual([]);
    expect(regionsIn(live)).toEqual(["binjai", "medan"]);
  });

  it("names pg_dump and pg_restore when DATABASE_URL is PostgreSQL", async () => {
    for (const command of ["backup", "restore"]) {
      const result = await kinerjaWith({ DATABASE_URL: "postgres://kinerja@127.0.0.1:1/kinerja" }, command, "berkas.dump");
      expect(result.stderr).toMatch(/PostgreSQL: gunakan alat PostgreSQL sendiri, pg_dump .* pg_restore /);
      expect(result.code).toBe(2);
    }
  });
});
