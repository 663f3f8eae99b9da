// The employee importer fed sheets bent at random, through employee.import as the region's admin, on each
// dialect: a good sheet of the region's own employees (and a few new ones) with cells replaced (NUL, lone
// surrogates, huge text, formulas, quotes, delimiters, line breaks, numbers and dates where text belongs),
// columns dropped, renamed or added, rows repeated, then written as CSV (quoted or not, "," or ";") or
// XLSX, and sometimes cut short or corrupted. The importer must never fail as the server's fault, must
// answer within BOUND_MS, and a refused sheet must name a row, a column and a message for every problem.
// The seed and the counts are printed; KINERJA_FUZZ_SEED=<seed> repeats a run. KINERJA_LONG_TESTS=1 (CI)
// imports 1,000 sheets in all, otherwise 60.
import { TRPCError } from "@trpc/server";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestEnv, seedRegion, type SeededRegion, type TestEnv } from "../../testing/env.js";
import { NASTY_STRINGS, preview } from "../../testing/input-fuzz.js";

const LONG = process.env.KINERJA_LONG_TESTS === "1";
const SEED = Number(process.env.KINERJA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const DIALECTS = inject("dialects");
const SHEETS = Math.ceil(Number(process.env.KINERJA_FUZZ_INPUTS ?? (LONG ? 1_000 : 60)) / DIALECTS.length);
/** Generous: the machine running the tests is shared. */
const BOUND_MS = 5_000;

const HEADER = ["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit", "atasan_nip", "atribut.pendidikan"];

type Cell = string | number | boolean | Date;
type Sheet = Cell[][];

const pick = <T,>(g: fc.GeneratorValue, items: readonly T[]): T => items[g(fc.nat, items.length - 1)] as T;
const chance = (g: fc.GeneratorValue, percent: number) => g(fc.nat, 99) < percent;

/** What a cell may become: text a person or a program could type, or a value of another kind. */
function badCell(g: fc.GeneratorValue, sheet: Sheet): Cell {
  const choices: Array<() => Cell> = [
    () => pick(g, NASTY_STRINGS),
    () => "",
    () => "   ",
    () => "x".repeat(pick(g, [201, 1_000, 100_000])),
    () => `nama\u0000tersembunyi`,
    () => "Siti \uD83D",
    () => "=1+1",
    () => 'kutip " di tengah',
    () => "koma, dan; titik koma",
    () => "baris\r\nbaru",
    // A NIP a spreadsheet kept as a number, its last digits already rounded away.
    () => pick(g, [Number("199001012015031001"), 1.5, -1, 0, 1e21]),
    () => new Date(Date.UTC(1990, 0, 1)),
    () => true,
    () => {
      const line = sheet.length ? pick(g, sheet) : [];
      return line.length ? pick(g, line) : "";
    },
    () => g(fc.string, { unit: "binary", maxLength: 30 }),
  ];
  return pick(g, choices)();
}

/** The sheet with one thing wrong; the header is row 0. */
function bend(g: fc.GeneratorValue, sheet: Sheet): string {
  const row = g(fc.integer, { min: 1, max: Math.max(1, sheet.length - 1) });
  const column = g(fc.nat, HEADER.length - 1);
  switch (g(fc.nat, 9)) {
    case 0:
    case 1:
    case 2:
    case 3: {
      const cell = badCell(g, sheet);
      const line = sheet[row];
      if (line) line[column] = cell;
      return `cell ${row + 1}/${HEADER[column]} = ${preview(cell, 60)}`;
    }
    case 4:
      for (const line of sheet) line.splice(column, 1);
      return `column ${HEADER[column]} dropped`;
    case 5: {
      const name = pick(g, ["", "NIP", "Nama Pegawai", "unit kerja", "atribut.", "atribut.__proto__", "atribut.\u0000", "kolom_asing", pick(g, NASTY_STRINGS)]);
      if (sheet[0]) sheet[0][column] = name;
      return `column ${HEADER[column]} renamed ${JSON.stringify(name)}`;
    }
    case 6: {
      const copies = pick(g, [1, 50, 1_000]);
      const line = sheet[row] ?? [];
      sheet.push(...Array.from({ length: copies }, () => [...line]));
      return `row ${row + 1} repeated ${copies} times`;
    }
    case 7:
      sheet.splice(1);
      return "every data row removed";
    case 8:
      sheet.shift();
      return "header removed";
    default: {
      for (const line of sheet) line.push(badCell(g, sheet));
      return "a column added";
    }
  }
}

function csvCell(cell: Cell, quoted: boolean): string {
  const text = cell instanceof Date ? cell.toISOString() : String(cell);
  return quoted ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The sheet as the importer receives it: CSV text, or XLSX as base64. */
async function written(g: fc.GeneratorValue, sheet: Sheet): Promise<{ format: "csv" | "xlsx"; content: string; how: string }> {
  if (chance(g, 60)) {
    const quoted = chance(g, 60);
    const delimiter = pick(g, [",", ";"]);
    const newline = pick(g, ["\n", "\r\n"]);
    let text = (chance(g, 20) ? "\uFEFF" : "") + sheet.map((line) => line.map((cell) => csvCell(cell, quoted)).join(delimiter)).join(newline);
    let how = `CSV ${quoted ? "quoted" : "unquoted"} "${delimiter}"`;
    if (chance(g, 10)) {
      text = text.slice(0, g(fc.nat, text.length));
      how += `, cut at ${text.length}`;
    }
    return { format: "csv", content: text, how };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet(pick(g, ["Pegawai", "", "x".repeat(31)]) || "Sheet1").addRows(sheet);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  let how = "XLSX";
  if (chance(g, 15)) {
    const at = g(fc.nat, bytes.length - 1);
    bytes[at] = g(fc.nat, 255);
    how += `, byte ${at} changed`;
  }
  let content = bytes.toString("base64");
  if (chance(g, 10)) {
    content = pick(g, [content.slice(0, g(fc.nat, content.length)), "bukan base64 sama sekali!", Buffer.from("PK\u0003\u0004 bukan zip").toString("base64")]);
    how += ", base64 broken";
  }
  return { format: "xlsx", content, how };
}

interface Failure {
  how: string;
  bends: string[];
  problem: string;
}

describe.each(DIALECTS)("employee import of bent sheets on %s", (dialect) => {
  let env: TestEnv;
  let binjai: SeededRegion;
  let good: Sheet;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    binjai = await seedRegion(env, "binjai", 12);
    const employees = await env.database.db
      .selectFrom("employees")
      .select(["nip", "nama", "jabatan", "jenis_jabatan", "jenjang", "golongan", "status", "unit_id", "atasan_nip"])
      .where("region_id", "=", "binjai")
      .orderBy("nip")
      .execute();
    const unit = employees[0]?.unit_id ?? "";
    good = [
      HEADER,
      ...employees.map((e) => [e.nip, e.nama, e.jabatan, e.jenis_jabatan ?? "", e.jenjang ?? "", e.golongan ?? "", e.status ?? "", e.unit_id, e.atasan_nip ?? "", "S1"]),
      ["199303032017031003", "Sari Lubis", "Pranata Komputer", "pelaksana", "", "III/a", "PNS", unit, employees[0]?.nip ?? "", "D3"],
      ["199404042018032004", "Rina Sitompul", "Analis SDM", "fungsional", "Ahli Pertama", "III/b", "PNS", unit, "199303032017031003", ""],
    ];
    // The first import starts the worker process that reads sheets (seconds on a busy machine); the bound
    // below is for reading and writing a sheet. A sheet with no known column writes nothing.
    await env.as(binjai.admin).employee.import({ format: "csv", content: "kolom\n" });
  }, 120_000);
  afterAll(() => env?.dispose());

  it(`answers ${SHEETS} bent sheets with counts or per-row errors, never a server fault (seed ${SEED})`, async () => {
    const failures: Failure[] = [];
    const outcomes = new Map<string, number>();
    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    let slowest = 0;

    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const sheet = good.map((line) => [...line]);
        const bends = Array.from({ length: g(fc.integer, { min: 1, max: 6 }) }, () => bend(g, sheet));
        const { format, content, how } = await written(g, sheet);
        const started = performance.now();
        try {
          const result = await env.as(binjai.admin).employee.import({ format, content });
          if (result.ok) {
            count("imported");
            if (result.created + result.updated !== result.rows) failures.push({ how, bends, problem: `counts do not add up: ${JSON.stringify(result)}` });
          } else {
            count("row errors");
            // A line break in an unquoted CSV cell starts a new row of the file, as any CSV reader reads it:
            // the last row is the file's last line, not the sheet's.
            const lastRow = Math.max(sheet.length + 1, format === "csv" ? content.split(/\r\n|\r|\n/).length : 0);
            const unnamed = result.errors.filter((e) => !Number.isInteger(e.row) || e.row < 1 || e.row > lastRow || typeof e.column !== "string" || !e.message);
            if (!result.errors.length || unnamed.length) failures.push({ how, bends, problem: `errors without row, column or message: ${preview(unnamed)}` });
          }
        } catch (error) {
          const code = error instanceof TRPCError ? error.code : "crash";
          count(code);
          if (code === "INTERNAL_SERVER_ERROR" || code === "crash") {
            const cause = error instanceof TRPCError && error.cause ? error.cause : error;
            failures.push({ how, bends, problem: cause instanceof Error ? (cause.stack ?? cause.message).split("\n").slice(0, 3).join(" | ") : String(cause) });
          }
        }
        const ms = performance.now() - started;
        slowest = Math.max(slowest, ms);
        if (ms > BOUND_MS) failures.push({ how, bends, problem: `took ${Math.round(ms)} ms` });
      }),
      { seed: SEED, numRuns: SHEETS },
    );

    console.log(
      `[import fuzz, ${dialect}] seed ${SEED}: ${SHEETS} bent sheets (${[...outcomes].map(([o, n]) => `${o} ${n}`).join(", ")}); slowest ${Math.round(slowest)} ms`,
    );
    expect(failures).toEqual([]);
  }, 3_600_000);
});
