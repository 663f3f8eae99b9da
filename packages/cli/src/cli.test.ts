// The `kinerja` command as a user runs it: a real process, real files, exit codes and messages.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { kinerja } from "./test-support/run-cli.js";

const FIXTURES = resolve(import.meta.dirname, "test-fixtures");
const RULE_FILE = join(FIXTURES, "kota-uji.json");

const workdir = () => mkdtempSync(join(tmpdir(), "kinerja-cli-"));

function jsonLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("kinerja validate", () => {
  it("accepts a valid rule file with exit 0", async () => {
    const result = await kinerja("validate", RULE_FILE);
    expect(result.stderr).toContain("kota-uji.json: sah");
    expect(result.code).toBe(0);
  });

  it("names the file, the JSON pointer and what was expected, with exit 1", async () => {
    const dir = workdir();
    const bad = JSON.parse(readFileSync(RULE_FILE, "utf8")) as { indicatorSets: Array<{ indicators: Array<{ weight: unknown }> }> };
    (bad.indicatorSets[0]!.indicators[1]!).weight = "50";
    const path = join(dir, "rusak.json");
    writeFileSync(path, JSON.stringify(bad));
    const result = await kinerja("validate", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rusak\.json: \/indicatorSets\/0\/indicators\/1\/weight: ditemukan "50" \(teks\); yang diharapkan: angka dari 0 sampai 100/);
  });

  it("reports weights that do not total 100", async () => {
    const dir = workdir();
    const bad = JSON.parse(readFileSync(RULE_FILE, "utf8")) as { indicatorSets: Array<{ indicators: Array<{ weight: number }> }> };
    bad.indicatorSets[0]!.indicators[1]!.weight = 40;
    const path = join(dir, "bobot.json");
    writeFileSync(path, JSON.stringify(bad));
    const result = await kinerja("validate", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/bobot\.json: \/indicatorSets\/0.*90.*100/);
  });

  it("passes over the JSON Schema beside the rule files, so `validate rules/*.json` checks only rule files", async () => {
    const rules = resolve(import.meta.dirname, "../../../rules");
    const all = readdirSync(rules).filter((f) => f.endsWith(".json")).map((f) => join(rules, f));
    expect(all.some((f) => f.endsWith("ruleset.schema.json"))).toBe(true);
    const result = await kinerja("validate", ...all);
    expect(result.stderr).toMatch(/ruleset\.schema\.json: JSON Schema berkas aturan, dilewati/);
    expect(result.code).toBe(0);
  });

  it("says so when the file does not exist", async () => {
    const result = await kinerja("validate", "tidak-ada.json");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/tidak-ada\.json.*not found/);
  });
});

describe("kinerja test", () => {
  it("runs the embedded cases and passes", async () => {
    const result = await kinerja("test", RULE_FILE);
    expect(result.stderr).toContain("2/2");
    expect(result.code).toBe(0);
  });

  it("names a failing case and what it expected, with exit 1", async () => {
    const dir = workdir();
    const file = JSON.parse(readFileSync(RULE_FILE, "utf8")) as { tests: Array<{ expect: { predikat: string } }> };
    file.tests[1]!.expect.predikat = "sangat_baik";
    const path = join(dir, "salah.json");
    writeFileSync(path, JSON.stringify(file));
    const result = await kinerja("test", path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("komunikasi lemah: pelatihan");
    expect(result.stderr).toMatch(/sangat_baik/);
    expect(result.stderr).toMatch(/baik/);
  });
});

describe("kinerja evaluate", () => {
  it("writes one result per employee, the same from JSON and from CSV", async () => {
    const dir = workdir();
    const fromJson = join(dir, "json.jsonl");
    const fromCsv = join(dir, "csv.jsonl");
    expect((await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(FIXTURES, "input.json"), "--out", fromJson)).code).toBe(0);
    expect((await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(FIXTURES, "input.csv"), "--out", fromCsv)).code).toBe(0);
    const results = jsonLines(fromJson);
    expect(results.map((r) => [r.nip, r.predikat])).toEqual([
      ["198503122010011001", "baik"],
      ["199001012015032002", "kurang"],
    ]);
    expect(jsonLines(fromCsv)).toEqual(results);
    const siti = results[1] as { outcomes: Array<{ type: string }> };
    expect(siti.outcomes.map((o) => o.type).sort()).toEqual(["pelatihan", "pembinaan"]);
  });

  it("explains a result step by step in Indonesian, and in English on request", async () => {
    const id = await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(FIXTURES, "input.json"), "--explain");
    expect(id.code).toBe(0);
    expect(id.stdout).toContain("Komunikasi");
    expect(id.stdout).toMatch(/predikat/i);
    const en = await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(FIXTURES, "input.json"), "--explain", "--lang", "en");
    expect(en.stdout).not.toEqual(id.stdout);
  });

  it("reports a bad row with its line and still writes the good ones", async () => {
    const dir = workdir();
    const csv = readFileSync(join(FIXTURES, "input.csv"), "utf8").replace("2,3,,,,,50", "9,3,,,,,50");
    const input = join(dir, "input.csv");
    const out = join(dir, "hasil.csv");
    writeFileSync(input, csv);
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", input, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/baris 3/);
    expect(result.stderr).toMatch(/komunikasi/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("198503122010011001");
  });

  it("reports a JSON Lines record that is not an appraisal input by its line and JSON pointer, and still writes the good ones", async () => {
    const dir = workdir();
    const [good] = JSON.parse(readFileSync(join(FIXTURES, "input.json"), "utf8")) as Array<Record<string, unknown>>;
    const bad = { ...good, rating: (good as { ratings?: unknown }).ratings, ratings: undefined };
    const input = join(dir, "input.jsonl");
    const out = join(dir, "hasil.jsonl");
    writeFileSync(input, [JSON.stringify(good), JSON.stringify(bad), JSON.stringify({ ...good, employee: { nama: "Tanpa NIP" } })].join("\n") + "\n");
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", input, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${input}: baris 2: /rating: kunci "rating" tidak dikenal (maksudnya "ratings"?)`);
    expect(result.stderr).toMatch(/baris 3: \/employee\/nip: /);
    expect(result.stderr).toContain("1 dinilai, 2 gagal");
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("rejects an unknown CSV column naming it", async () => {
    const dir = workdir();
    const input = join(dir, "input.csv");
    writeFileSync(input, "nip,nama,jabatan,unit,atasn.komunikasi\n198503122010011001,A,B,C,4\n");
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", input);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/baris 2, kolom atasn\.komunikasi: kolom tidak dikenal; yang diharapkan: nip, /);
  });
});

/** Writes rows (the first the header) to a one-sheet workbook as a spreadsheet user would: numbers as numbers. */
async function writeWorkbook(path: string, rows: Array<Array<string | number>>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Penilaian");
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(path);
}

/** The CSV fixture's rows, each cell a number where it reads as one (NIPs and lists stay text). */
function fixtureRows(): Array<Array<string | number>> {
  const lines = readFileSync(join(FIXTURES, "input.csv"), "utf8").trim().split("\n");
  return lines.map((line, i) =>
    line.split(",").map((cell, j) => {
      const isNip = j === 0;
      return i > 0 && !isNip && cell !== "" && Number.isFinite(Number(cell)) ? Number(cell) : cell;
    }),
  );
}

describe("kinerja evaluate on an XLSX workbook", () => {
  it("gives the same results as the same data in CSV, several tasks per indicator included", async () => {
    const dir = workdir();
    const rows = fixtureRows();
    // Two tasks of the achievement indicator in one cell, as the CSV form writes them.
    const header = rows[0] as string[];
    const target = header.indexOf("target.capaian");
    const realisasi = header.indexOf("realisasi.capaian");
    rows[1]![target] = "100;80";
    rows[1]![realisasi] = "95;60";
    const csv = rows.map((r) => r.join(",")).join("\n") + "\n";
    writeFileSync(join(dir, "input.csv"), csv);
    await writeWorkbook(join(dir, "input.xlsx"), rows);
    const fromCsv = join(dir, "csv.jsonl");
    const fromXlsx = join(dir, "xlsx.jsonl");
    expect((await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(dir, "input.csv"), "--out", fromCsv)).code).toBe(0);
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(dir, "input.xlsx"), "--out", fromXlsx);
    expect(result.stderr).toContain("2 dinilai, 0 gagal");
    expect(result.code).toBe(0);
    const results = jsonLines(fromXlsx);
    expect(results.map((r) => r.nip)).toEqual(["198503122010011001", "199001012015032002"]);
    expect(results).toEqual(jsonLines(fromCsv));
    // The two tasks were read as two: the result differs from the fixture's, which has only the first task.
    const oneTask = jsonLines(await evaluatedFixtureCsv(dir))[0] as { scores: Record<string, number> };
    expect((results[0] as { scores: Record<string, number> }).scores).not.toEqual(oneTask.scores);
  });

  it("names every bad cell with its sheet, row, column, what is wrong and what was expected, and still reads the good rows", async () => {
    const dir = workdir();
    const rows = fixtureRows();
    const header = rows[0] as string[];
    rows[1]![0] = Number("198503122010011001"); // an 18-digit NIP typed as a number: its last digits are gone
    rows[1]![header.indexOf("supervisor.komunikasi")] = "lima";
    const input = join(dir, "input.xlsx");
    const out = join(dir, "hasil.jsonl");
    await writeWorkbook(input, rows);
    const result = await kinerja("evaluate", "--rules", RULE_FILE, "--input", input, "--out", out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${input}: lembar "Penilaian", baris 2: kolom A (nip): angka 198503122010011000 terlalu panjang`);
    expect(result.stderr).toMatch(/kolom A \(nip\): .*yang diharapkan: sel berformat Teks/);
    expect(result.stderr).toContain(
      `${input}: lembar "Penilaian", baris 2: kolom E (supervisor.komunikasi): "lima" bukan angka; yang diharapkan: angka, mis. 4 atau 3,5`,
    );
    expect(result.stderr).toContain("1 dinilai, 1 gagal");
    expect(jsonLines(out).map((r) => r.nip)).toEqual(["199001012015032002"]);
  });
});

/** The fixture CSV evaluated as it is (one task each), for comparison. */
async function evaluatedFixtureCsv(dir: string): Promise<string> {
  const out = join(dir, "fixture.jsonl");
  expect((await kinerja("evaluate", "--rules", RULE_FILE, "--input", join(FIXTURES, "input.csv"), "--out", out)).code).toBe(0);
  return out;
}

describe("kinerja simulate", () => {
  it("reports who moves when a band changes, and the step that changed", async () => {
    const dir = workdir();
    const changed = JSON.parse(readFileSync(RULE_FILE, "utf8")) as { decisions: Array<{ rows: Array<{ when: Array<Record<string, number>> }> }> };
    const rows = changed.decisions[0]!.rows;
    rows[1]!.when[0] = { greaterThanInclusive: 99 };
    rows[2]!.when[0] = { greaterThanInclusive: 60, lessThan: 99 };
    const to = join(dir, "baru.json");
    writeFileSync(to, JSON.stringify(changed));
    const result = await kinerja("simulate", "--from", RULE_FILE, "--to", to, "--input", join(FIXTURES, "input.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/198503122010011001 Budi Siregar \(bkpsdm\): baik → cukup\s+\[predikat: "baik" → "cukup"\]/);
    expect(result.stdout).toMatch(/1 pegawai berpindah predikat/);
  });
});

describe("kinerja schema", () => {
  it("writes the rule-file JSON Schema", async () => {
    const out = join(workdir(), "schema.json");
    expect((await kinerja("schema", "--out", out)).code).toBe(0);
    const schema = JSON.parse(readFileSync(out, "utf8")) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["indicatorSets", "decisions", "outcomes", "tests", "extends"]));
  });
});

describe("kinerja usage", () => {
  it("explains an unknown command with exit 2", async () => {
    const result = await kinerja("nilai");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "nilai"');
  });
});
