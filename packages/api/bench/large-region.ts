// A large region for the benchmarks, written with multi-row inserts: units under one top unit, each with a
// head reporting to the top head and staff reporting to their head.
import { newId, now, type DialectName, type NewEmployee } from "@kinerja/db";
import { probePostgres, type TestDatabase } from "@kinerja/db/testing";
import { sql } from "kysely";

export const BENCH_REGION = "bench";
const INSERT_ROWS = 1_000;

/** A NIP with a real shape: birth date, start of service, sex, sequence; unique for i < 270,000. */
export function nipOf(i: number): string {
  const birth = new Date(Date.UTC(1965, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
  const start = `${1990 + Math.floor(i / 9000)}${String((i % 12) + 1).padStart(2, "0")}`;
  return `${birth}${start}1001`;
}

/** Writes `rows` `size` at a time, one statement each. */
export async function inChunks<T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Seeds `size` employees in `units` units (and the top unit) of a new region; analyses PostgreSQL's tables after. */
export async function seedLargeRegion(database: TestDatabase, dialect: DialectName, size: number, units = 100): Promise<void> {
  const { db } = database;
  const at = now();
  await db.insertInto("regions").values({ id: BENCH_REGION, name: "Kabupaten Uji Beban", created_at: at }).execute();
  await db.insertInto("units").values({ region_id: BENCH_REGION, id: "pemda", parent_id: null, name: "Pemerintah Daerah", type: null, created_at: at }).execute();
  await db
    .insertInto("units")
    .values(Array.from({ length: units }, (_, u) => ({ region_id: BENCH_REGION, id: `unit-${u}`, parent_id: "pemda", name: `Unit ${u}`, type: null, created_at: at })))
    .execute();
  const perUnit = Math.ceil(size / units);
  const employees: NewEmployee[] = Array.from({ length: size }, (_, i) => {
    const unit = Math.floor(i / perUnit);
    const head = unit * perUnit;
    return {
      region_id: BENCH_REGION,
      id: newId(),
      nip: nipOf(i),
      nama: `Pegawai ${i}`,
      jabatan: i === head ? "Kepala Unit" : "Pelaksana",
      jenis_jabatan: null,
      jenjang: null,
      golongan: null,
      status: "PNS",
      unit_id: i === 0 ? "pemda" : `unit-${unit}`,
      atasan_nip: i === 0 ? null : i === head ? nipOf(0) : nipOf(head),
      created_at: at,
      updated_at: at,
    };
  });
  await inChunks(employees, INSERT_ROWS, (chunk) => db.insertInto("employees").values(chunk).execute());
  if (dialect === "postgres") await sql`analyze`.execute(db);
}

/** What a benchmark prints: the measured work's seconds, the bare baseline's seconds and their ratio. */
export interface BenchNames {
  measured: string;
  bare: string;
  ratio: string;
}

export interface CompareOptions {
  /** The dialects to time, of those reachable; every reachable one unless given. */
  dialects?: DialectName[];
  /** A figure's printed name from its base name and the dialect; `<name>.<dialect>` unless given. */
  nameOf?: (name: string, dialect: DialectName) => string;
}

/**
 * Times the measured work and then the bare baseline on each database reachable (of `options.dialects`, each
 * in its own fresh database), and prints `<measured>.<dialect>`, `<bare>.<dialect>` and `<ratio>.<dialect>`, then `<ratio>`:
 * the larger of the dialects' ratios. The baseline is given what the measured work returned.
 */
export async function compareWithBare<T>(
  names: BenchNames,
  measured: (dialect: DialectName) => Promise<{ seconds: number; result: T }>,
  bare: (dialect: DialectName, result: T) => Promise<number>,
  options: CompareOptions = {},
): Promise<void> {
  const reachable: DialectName[] = (await probePostgres()).ok ? ["sqlite", "postgres"] : ["sqlite"];
  const wanted = options.dialects ?? ["sqlite", "postgres"];
  const dialects = reachable.filter((dialect) => wanted.includes(dialect));
  const nameOf = options.nameOf ?? ((name: string, dialect: DialectName) => `${name}.${dialect}`);
  const ratios: number[] = [];
  for (const dialect of dialects) {
    const work = await measured(dialect);
    // Printed at once: a long baseline still leaves the figure measured.
    console.log(`${nameOf(names.measured, dialect)}: ${work.seconds.toFixed(2)}`);
    const baseline = await bare(dialect, work.result);
    ratios.push(work.seconds / baseline);
    console.log(`${nameOf(names.bare, dialect)}: ${baseline.toFixed(2)}`);
    console.log(`${nameOf(names.ratio, dialect)}: ${(work.seconds / baseline).toFixed(2)}`);
  }
  if (wanted.includes("postgres") && !dialects.includes("postgres")) console.log(`${nameOf(names.measured, "postgres")}: skipped (PostgreSQL not reachable)`);
  if (ratios.length > 0) console.log(`${names.ratio}: ${Math.max(...ratios).toFixed(2)}`);
}
