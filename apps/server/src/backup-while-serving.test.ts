// `kinerja backup` taken while a real server process writes work entries into its SQLite file, then
// `kinerja restore` into a fresh path: the restored database is the source as it stood at one moment, table
// by table and row by row. Writers each number their entries, so that moment shows in the backup: each
// writer's entries form an unbroken run 1..k, and the source, less the entries written after k and their
// audit rows, equals the restored database exactly.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { approvedIki, createSharedDatabase, signedIn, type SharedDatabase } from "./testing/shared-database.js";
import { waitFor } from "./testing/wait-for.js";

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, "../../../packages/cli/src/main.ts");
const TSX = resolve(import.meta.dirname, "../../../packages/cli/node_modules/.bin/tsx");
const PASSWORD = "sandi-uji-cadangan";
const WRITERS = 3;
/** Each writer stops after this many entries, or once the backup is done and a few more were written. */
const MAX_PER_WRITER = 400;

async function kinerja(databaseFile: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(TSX, [CLI, ...args], { env: { ...process.env, DATABASE_URL: `file:${databaseFile}` } });
    return { code: 0, stderr };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
}

type Row = Record<string, unknown>;

/** Every table's rows, each as JSON text, sorted (a vacuumed copy need not keep rowid order). */
function tablesOf(file: string): Map<string, string[]> {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    const names = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as Row[]).map(
      (t) => String(t.name),
    );
    return new Map(names.map((name) => [name, (db.prepare(`select * from "${name}"`).all() as Row[]).map((r) => JSON.stringify(r)).sort()]));
  } finally {
    db.close();
  }
}

const marker = (writer: number, n: number) => `cadangan-${writer}-${n}`;

describe("a backup taken while a server writes, restored into a fresh path (SQLite)", () => {
  let shared: SharedDatabase;
  let scratch: string;

  beforeAll(async () => {
    shared = await createSharedDatabase("sqlite", { size: 40, password: PASSWORD });
    scratch = mkdtempSync(join(tmpdir(), "kinerja-cadangan-"));
  }, 300_000);
  afterAll(async () => {
    await shared?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("holds the source as it stood at one moment, every table row by row", async () => {
    const { config } = shared.database;
    if (config.dialect !== "sqlite") throw new Error("SQLite only");
    const server = await shared.startServer();
    onTestFailed(() => console.log(shared.serverOutput()));
    const admin = await signedIn(server, shared.admin);
    const people = await shared.database.db
      .selectFrom("employees")
      .select("id")
      .where("region_id", "=", shared.regionId)
      .orderBy("nip")
      .limit(WRITERS)
      .execute();
    const ikis: string[] = [];
    for (const { id: employeeId } of people) ikis.push(await approvedIki(admin, shared.cycleId, employeeId));

    let backupDone = false;
    const written = Array.from({ length: WRITERS }, () => 0);
    let failure: unknown;
    const writers = ikis.map(async (ikiId, w) => {
      let afterBackup = 0;
      for (let n = 1; n <= MAX_PER_WRITER && afterBackup < 20; n++) {
        await admin.ok(admin.mutate("workEntry.create", { ikiId, workDate: "2025-01-15", description: marker(w, n), quantity: 1 }));
        written[w] = n;
        if (backupDone) afterBackup++;
      }
    });
    const writing = Promise.all(writers).catch((error: unknown) => void (failure = error));
    await waitFor("the writers to begin", 60_000, async () => {
      if (failure) throw failure;
      return written.every((n) => n >= 5);
    });
    const backupFile = join(scratch, "cadangan.db");
    const backup = await kinerja(config.file, "backup", backupFile);
    backupDone = true;
    await writing;
    if (failure) throw failure;
    expect(backup.stderr).toContain("✓ Cadangan");
    expect(backup.code).toBe(0);
    await server.stop();

    const restoredFile = join(scratch, "pulih.db");
    const restore = await kinerja(restoredFile, "restore", backupFile);
    expect(restore.stderr).toContain("dipulihkan dari");
    expect(restore.code).toBe(0);

    const source = tablesOf(config.file);
    const restored = tablesOf(restoredFile);
    expect([...restored.keys()]).toEqual([...source.keys()]);

    // Where each writer stood at the backup's moment: its entries there form an unbroken run 1..k.
    const entries = (file: string) => {
      const db = new SqliteDatabase(file, { readonly: true });
      try {
        return db.prepare("select id, description from work_entries where description like 'cadangan-%'").all() as Array<{ id: string; description: string }>;
      } finally {
        db.close();
      }
    };
    const inBackup = entries(restoredFile);
    const stood = ikis.map((_, w) => inBackup.filter((e) => e.description.startsWith(`cadangan-${w}-`)).length);
    stood.forEach((k, w) => {
      const numbers = inBackup.filter((e) => e.description.startsWith(`cadangan-${w}-`)).map((e) => Number(e.description.split("-")[2]));
      expect(numbers.sort((a, b) => a - b), `writer ${w}'s entries in the backup`).toEqual(Array.from({ length: k }, (_, i) => i + 1));
      expect(k, `writer ${w} wrote before the backup`).toBeGreaterThanOrEqual(5);
      expect(k, `writer ${w} wrote after the backup`).toBeLessThan(written[w] as number);
    });

    // The source less what was written after that moment is the restored database, row for row.
    const laterEntries = entries(config.file).filter((e) => {
      const [, w, n] = e.description.split("-");
      return Number(n) > (stood[Number(w)] as number);
    });
    const later = new Set(laterEntries.map((e) => e.id));
    const laterDescriptions = new Set(laterEntries.map((e) => e.description));
    expect(later.size).toBe(written.reduce((a, b) => a + b, 0) - stood.reduce((a, b) => a + b, 0));
    const isLater = (table: string, json: string): boolean => {
      const row = JSON.parse(json) as Row;
      if (table === "work_entries") return later.has(String(row.id));
      if (table === "audit_log") return row.entity === "workEntry" && later.has(String(row.entity_id));
      // The assessor is told of each entry in the same transaction; the notification names it by its text.
      if (table === "notifications") return row.kind === "work_entries_waiting" && laterDescriptions.has(/«([^»]+)»/.exec(String(row.body))?.[1] ?? "");
      return false;
    };
    for (const [table, rows] of source) {
      expect(restored.get(table), `table ${table}`).toEqual(rows.filter((json) => !isLater(table, json)));
    }
    console.log(
      `backup while serving: writers stood at ${stood.join(", ")} of ${written.join(", ")} entries; ` +
        `${source.size} tables compared row by row, ${[...restored.values()].reduce((a, rows) => a + rows.length, 0)} rows`,
    );
  }, 600_000);
});
